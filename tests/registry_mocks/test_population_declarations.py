"""`GET /registry-mocks/population/declarations`: what the population's applicants would
declare, page by page (the load run's families)."""

from datetime import date

AS_OF = "2026-11-25"


def page(api, **params):
    response = api.get("/registry-mocks/population/declarations", {"as_of": AS_OF, **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_pages_are_the_same_however_the_population_is_cut(api):
    whole = page(api, start=0, count=60)
    first, second = page(api, start=0, count=25), page(api, start=25, count=35)
    halves = first["declarations"] + second["declarations"]
    assert whole["declarations"] == halves
    assert whole["next"] == 60
    indices = [family["household"] for family in whole["declarations"]]
    assert indices == sorted(set(indices)) and set(indices) <= set(range(60))
    # Most households have an applicant who can apply.
    assert len(indices) > 40


def test_every_declared_person_is_the_registries_person(api):
    for family in page(api, start=100, count=15)["declarations"]:
        declared = family["declaration"]
        applicant, *_ = declared["members"]
        assert applicant["pin"] == declared["applicant_pin"]
        born = date.fromisoformat(applicant["birth_date"])
        assert (date.fromisoformat(AS_OF) - born).days >= 18 * 365  # adults apply
        for member in declared["members"]:
            civil = api.record("civil", member["pin"])
            assert (civil["surname"], civil["birth"]["date"]) == (
                member["surname"],
                member["birth_date"],
            )
        card = api.record("idcard", applicant["pin"])["Documents"][0]
        assert card["Series"] + card["Number"] == declared["id_card_number"]


def test_the_last_page_says_so_and_bad_ranges_are_refused(api):
    last = page(api, start=190, count=50)
    assert last["households"] == 200 and last["next"] is None
    assert page(api, start=500)["declarations"] == []
    for params in ({"start": -1}, {"count": 0}, {"count": 100_000}, {"start": "x"}):
        response = api.get("/registry-mocks/population/declarations", params)
        assert response.status_code == 400, params
    response = api.get("/registry-mocks/population/declarations", {"as_of": "25.11.2026"})
    assert response.status_code == 400
