"""The admin side of declaration forms: submissions listed, filtered, inspected and exported;
versions compared; the editor's preview; the moderation workflow. Through the real admin URLs,
logged in as the demo users."""

import copy
import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail import blocks
from wagtail.users.models import UserProfile

from casework.models import AuditEvent
from forms_app import services
from forms_app.models import DeclarationForm, Submission
from forms_app.schema.definition import FormDefinition
from forms_app.schema.diff import diff_definitions
from tests.conftest import DEMO_PASSWORD
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db

SUBMISSIONS_URL = "/admin/submissions/"
VERSIONS_URL = "/admin/form-versions/"


def login(client, username, language="en"):
    """Log in as a demo user whose admin speaks `language`."""
    user = get_user_model().objects.get(username=username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def submit(service_page, answers=None, **kwargs):
    """A submission by an applicant of its own (one applicant has one open application)."""
    kwargs.setdefault("channel", "online")
    return services.submit_declaration(
        service_page, service_page.current_form_version(), d.another_applicant(answers), **kwargs
    )


def demo_form():
    return DeclarationForm.objects.get()


def _step(schema, name):
    return next(b["value"] for b in schema if b["value"]["name"] == name)


def publish_second_version(form):
    """Version 2: `patronymic` removed, `last_name` relabelled, `home_phone` added (labelled in
    Azerbaijani only), a step `remarks` added."""
    schema = copy.deepcopy(form.schema.get_prep_value())
    fields = _step(schema, "applicant")["fields"]
    fields[:] = [f for f in fields if f["value"].get("name") != "patronymic"]
    last_name = next(f for f in fields if f["value"].get("name") == "last_name")
    last_name["value"]["label"] = {"az": "Soyadı", "ru": "Фамилия", "en": "Family name"}
    fields.append(
        {
            "type": "short_text",
            "value": {"name": "home_phone", "label": {"az": "Ev telefonu"}, "required": False},
        }
    )
    remark = {"name": "remark", "label": {"az": "Qeyd", "en": "Remark"}, "required": False}
    schema.append(
        {
            "type": "step",
            "value": {
                "name": "remarks",
                "title": {"az": "Qeydlər", "en": "Remarks"},
                "fields": [{"type": "long_text", "value": remark}],
            },
        }
    )
    form.schema = schema
    form.save_revision().publish()
    return form.versions.get(number=2)


THIRD_MEMBER = {
    "pin": "4AB2C3D",
    "last_name": "Əliyev",
    "first_name": "Murad",
    "birth_date": "2018-01-01",
    "relation": "child",
    "status": "child",
}


def version_two_answers():
    answers = {k: v for k, v in copy.deepcopy(d.ANSWERS).items() if k != "patronymic"}
    answers["home_phone"] = "012 555 55 55"
    answers["family_members"].append(THIRD_MEMBER)
    return answers


@pytest.fixture
def two_versions(service_page):
    """A submission to version 1, then version 2 and a submission to it."""
    old = submit(service_page)
    v2 = publish_second_version(demo_form())
    new = submit(service_page, version_two_answers())
    return old, new, v2


# Who sees what -----------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["supervisor", "admin"])
def test_supervisors_see_submissions(client, service_page, username):
    submission = submit(service_page)
    login(client, username)
    listing = client.get(SUBMISSIONS_URL)
    assert listing.status_code == 200
    assert submission.reference in listing.content.decode()
    assert client.get(f"{SUBMISSIONS_URL}inspect/{submission.pk}/").status_code == 200
    assert '"/admin/submissions/"' in client.get("/admin/").content.decode()  # the menu


@pytest.mark.parametrize("username", ["editor", "moderator"])
def test_editors_and_moderators_see_no_personal_data(client, service_page, username):
    submission = submit(service_page)
    login(client, username)
    for url in (
        SUBMISSIONS_URL,
        f"{SUBMISSIONS_URL}?export=csv",
        f"{SUBMISSIONS_URL}inspect/{submission.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url  # to the dashboard, with "permission denied"
        assert submission.reference not in response.content.decode()
    assert '"/admin/submissions/"' not in client.get("/admin/").content.decode()
    # They do see the form's versions (no personal data there).
    assert client.get(VERSIONS_URL).status_code == 200


def test_who_inspected_or_exported_submissions_is_in_the_audit_trail(client, service_page):
    submission = submit(service_page)
    login(client, "supervisor")
    assert client.get(f"{SUBMISSIONS_URL}inspect/{submission.pk}/").status_code == 200
    export = client.get(f"{SUBMISSIONS_URL}?export=xlsx&channel=online")
    assert export.status_code == 200 and export["Content-Disposition"].endswith('.xlsx"')
    viewed, exported = AuditEvent.objects.filter(action__startswith="personal_data.").order_by("id")
    assert (viewed.action, viewed.actor.username) == ("personal_data.viewed", "supervisor")
    assert viewed.case == submission.case and viewed.data["references"] == [submission.reference]
    assert (exported.action, exported.actor.username) == ("personal_data.exported", "supervisor")
    assert exported.data == {
        "model": "forms_app.Submission",
        "references": [],
        "format": "xlsx",
        "count": 1,
        "query": "channel=online",
    }


def test_submissions_are_read_only_even_for_a_superuser(client, service_page):
    from wagtail.permissions import policy_registry

    for name in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"submissions:{name}", args=[1] if name != "add" else [])
    admin = get_user_model().objects.get(username="admin")
    policy = policy_registry.get_by_type(Submission)
    assert policy.user_has_permission(admin, "view")
    assert not policy.user_has_any_permission(admin, ["add", "change", "delete"])


# Listing and filtering ---------------------------------------------------------------------------


def listed(client, query=""):
    response = client.get(SUBMISSIONS_URL + query)
    assert response.status_code == 200
    return response.content.decode()


def test_filters_by_version_channel_date_and_reference(client, service_page, two_versions):
    old, new, v2 = two_versions
    assisted = submit(
        service_page,
        {**version_two_answers(), "citizen_consent": True},
        channel="post_office",
    )
    login(client, "supervisor")
    page = listed(client, f"?form_version={old.form_version_id}")
    assert old.reference in page and new.reference not in page
    page = listed(client, f"?form_version={v2.pk}&channel=post_office")
    assert assisted.reference in page and new.reference not in page
    today = timezone.localdate()
    page = listed(client, f"?submitted_at_from={today}&submitted_at_to={today}")
    assert all(s.reference in page for s in (old, new, assisted))
    page = listed(client, "?submitted_at_to=2020-01-01")
    assert old.reference not in page
    page = listed(client, f"?q={new.reference[-6:]}")
    assert new.reference in page and old.reference not in page
    page = listed(client, f"?form={v2.form_id}")
    assert all(s.reference in page for s in (old, new, assisted))


@pytest.mark.parametrize(
    "query",
    [
        "?form_version=999999",
        "?form_version=abc",
        "?submitted_at_from=2026-13-45",
        "?form=x&channel=fax",
    ],
)
def test_bad_filters_say_so_and_list_nothing(client, service_page, query):
    submission = submit(service_page)
    login(client, "supervisor")
    page = listed(client, query)
    assert "some filters are not valid" in page
    assert submission.reference not in page
    # An export with a bad filter goes back to the listing, which says why.
    response = client.get(f"{SUBMISSIONS_URL}{query}&export=csv")
    assert response.status_code == 302
    assert response["Location"] == f"{SUBMISSIONS_URL}{query}"
    # The results the filter drawer fetches as the filters change.
    results = client.get(f"{SUBMISSIONS_URL}results/{query}")
    assert results.status_code == 200 and submission.reference not in results.content.decode()


def test_other_odd_parameters_are_ignored(client, service_page):
    submission = submit(service_page)
    login(client, "supervisor")
    assert submission.reference in listed(client, "?p=abc&ordering=nonsense&export=pdf")
    assert client.get(f"{SUBMISSIONS_URL}inspect/abc/").status_code == 404


# Exports -----------------------------------------------------------------------------------------


def csv_rows(response):
    assert response["Content-Type"] == "text/csv"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def by_machine_name(row: dict) -> dict:
    """A row keyed by the machine names that end its headings: "Soyad (last_name)"."""
    return {heading.rsplit(" (", 1)[1][:-1]: value for heading, value in row.items()}


def test_csv_of_one_version_has_exactly_its_fields(client, two_versions):
    old, _new, _v2 = two_versions
    login(client, "supervisor", language="az")
    url = f"{SUBMISSIONS_URL}?form_version={old.form_version_id}&export=csv"
    (row,) = csv_rows(client.get(url))
    # Headings: the version's label in the admin's language, then the machine name.
    assert row["Soyad (last_name)"] == "Əliyeva"
    assert row["Ailə üzvü 2: FİN (family_members[1].pin)"] == "3ZX9P0B"
    values = by_machine_name(row)
    assert values["submission.reference"] == old.reference
    assert values["submission.form_version"] == "1"
    assert values["patronymic"] == "Şükür qızı"
    assert "home_phone" not in values and "remark" not in values  # version 2's
    # Two family members in the only submission: two sets of numbered columns.
    assert "family_members[1].first_name" in values and "family_members[2].pin" not in values
    assert values["family_members[0].relation"] == "Həyat yoldaşı"  # a choice, by its label
    assert values["lives_at_registered_address"] == "Bəli"
    assert values["incomes[0].amount_12_months"] == "3600.00"
    assert values["birth_date"] == "1985-03-14"


def test_csv_of_every_version_holds_all_fields_newest_labels_first(client, two_versions):
    old, new, _v2 = two_versions
    login(client, "supervisor", language="az")
    rows = csv_rows(client.get(f"{SUBMISSIONS_URL}?export=csv"))
    headings = list(rows[0])
    assert "Soyadı (last_name)" in headings  # version 2's label
    assert headings.index("Ev telefonu (home_phone)") < headings.index("Ata adı (patronymic)")
    rows = {r["submission.reference"]: r for r in map(by_machine_name, rows)}
    assert rows[new.reference]["home_phone"] == "012 555 55 55"
    assert rows[old.reference]["home_phone"] == ""
    assert rows[old.reference]["patronymic"] == "Şükür qızı"
    assert rows[new.reference]["family_members[2].first_name"] == "Murad"
    assert rows[old.reference]["family_members[2].first_name"] == ""


def test_export_headings_follow_the_admin_language_falling_back_to_azerbaijani(
    client, two_versions
):
    _old, _new, v2 = two_versions
    login(client, "supervisor", language="en")
    (row,) = csv_rows(client.get(f"{SUBMISSIONS_URL}?form_version={v2.pk}&export=csv"))
    assert row["Family name (last_name)"] == "Əliyeva"
    assert row["Ev telefonu (home_phone)"] == "012 555 55 55"  # no English label: az
    assert row["Family member 3: Relation to you (family_members[2].relation)"] == "Child"
    assert row["Do you live at your registered address? (lives_at_registered_address)"] == "Yes"
    assert row["Channel (submission.channel)"] == "Online"


def test_xlsx_keeps_numbers_and_dates_as_excel_can_use_them(client, two_versions):
    old, _new, _v2 = two_versions
    login(client, "supervisor")
    response = client.get(f"{SUBMISSIONS_URL}?form_version={old.form_version_id}&export=xlsx")
    assert response.status_code == 200
    assert "submissions-" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, values = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    row = by_machine_name(dict(zip(headings, values, strict=True)))
    assert row["submission.reference"] == old.reference
    assert row["incomes[0].amount_12_months"] == 3600
    assert row["birth_date"] == datetime.date(1985, 3, 14)
    assert row["dwellings_count"] == 1
    assert isinstance(row["submission.submitted_at"], datetime.datetime)


def test_a_citizens_answer_never_runs_as_a_formula(client, service_page):
    answers = copy.deepcopy(d.ANSWERS)
    answers["incomes"][0]["source"] = '=HYPERLINK("http://evil.example","x")'
    submit(service_page, answers)
    login(client, "supervisor")
    (row,) = map(by_machine_name, csv_rows(client.get(f"{SUBMISSIONS_URL}?export=csv")))
    assert row["incomes[0].source"].startswith("'=HYPERLINK")
    assert row["mobile"] == "+994501234567"  # a plain number stays as it is


# Inspecting an old submission -------------------------------------------------------------------


def test_an_old_submission_is_shown_with_its_own_versions_labels(client, two_versions):
    old, _new, v2 = two_versions
    login(client, "supervisor")
    page = client.get(f"{SUBMISSIONS_URL}inspect/{old.pk}/").content.decode()
    assert old.reference in page and old.digest in page
    assert "Surname" in page and "Family name" not in page  # version 1's label
    assert "Patronymic" in page and "Şükür qızı" in page  # a field version 2 dropped
    assert "home_phone" not in page and "Remarks" not in page
    assert "Family member 2: FİN" in page and "3ZX9P0B" in page
    assert "Spouse" in page  # a choice, by its label
    assert "version 1 of the form" in page and "current version is 2" in page
    assert "?against=" not in page  # supervisors don't see versions…
    login(client, "admin")
    page = client.get(f"{SUBMISSIONS_URL}inspect/{old.pk}/").content.decode()
    assert f"?against={v2.pk}" in page  # …whoever sees both is offered what changed since


def test_an_assisted_submission_shows_branch_and_operator(client, service_page):
    operator = get_user_model().objects.get(username="operator")
    submission = submit(
        service_page,
        {**d.ANSWERS, "citizen_consent": True},
        channel="post_office",
        operator=operator,
        branch="AZ1000 Bakı, Nəsimi poçt şöbəsi",
    )
    login(client, "supervisor")
    page = client.get(f"{SUBMISSIONS_URL}inspect/{submission.pk}/").content.decode()
    assert "AZ1000 Bakı, Nəsimi poçt şöbəsi" in page
    assert re.search(r"<dd>\s*operator\s*</dd>", page)
    assert client.get(f"{SUBMISSIONS_URL}inspect/999999/").status_code == 404


# Comparing versions ------------------------------------------------------------------------------


def test_compare_lists_what_version_two_added_removed_and_changed(client, two_versions):
    _old, _new, v2 = two_versions
    login(client, "editor")
    versions = client.get(f"{VERSIONS_URL}?form={v2.form_id}").content.decode()
    assert f"{VERSIONS_URL}inspect/{v2.pk}/" in versions
    page = client.get(f"{VERSIONS_URL}inspect/{v2.pk}/").content.decode()
    added, removed = page.index("Added"), page.index("Removed")
    changed = page.index("Changed")
    assert added < page.index("<code>remarks</code>") < removed  # the step
    assert added < page.index("<code>home_phone</code>") < removed
    assert removed < page.index("<code>patronymic</code>") < changed
    assert changed < page.index("Soyadı")  # last_name's new label, in the changes table


def test_compare_with_a_bad_version_falls_back_to_the_previous_one(client, two_versions):
    _old, _new, v2 = two_versions
    login(client, "moderator")
    page = client.get(f"{VERSIONS_URL}inspect/{v2.pk}/?against=nonsense").content.decode()
    assert "can&#x27;t be compared" in page or "can't be compared" in page
    assert "home_phone" in page
    v1 = v2.form.versions.get(number=v2.number - 1)
    first = client.get(f"{VERSIONS_URL}inspect/{v1.pk}/").content.decode()
    assert "first version" in first


def test_the_form_links_to_its_versions_and_submissions(client):
    form = demo_form()
    login(client, "admin")
    edit = client.get(f"/admin/snippets/forms_app/declarationform/edit/{form.pk}/")
    listing = client.get("/admin/snippets/forms_app/declarationform/")
    for page in (edit.content.decode(), listing.content.decode()):
        assert f"{VERSIONS_URL}?form={form.pk}" in page
        assert f"{SUBMISSIONS_URL}?form={form.pk}" in page
    for username in ("editor", "moderator"):
        login(client, username)
        page = client.get(f"/admin/snippets/forms_app/declarationform/edit/{form.pk}/")
        assert f"{VERSIONS_URL}?form={form.pk}" in page.content.decode()
        assert f"{SUBMISSIONS_URL}?form={form.pk}" not in page.content.decode()


def _definition(*fields, extra_step=False):
    steps = [{"type": "step", "value": {"name": "one", "title": {"az": "Bir"}, "fields": fields}}]
    if extra_step:
        steps.append({"type": "step", "value": {"name": "two", "title": {"az": "İki"}}})
    return FormDefinition.from_stream(steps)


def _choice(name, values, **extra):
    options = [{"value": v, "label": {"az": v.upper()}} for v in values]
    value = {"name": name, "label": {"az": name}, "required": True, "options": options, **extra}
    return {"type": "single_choice", "value": value}


def test_diff_compares_fields_by_machine_name():
    old = _definition(
        _choice("relation", ["spouse", "child"]),
        {"type": "short_text", "value": {"name": "nick", "label": {"az": "Ləqəb"}}},
    )
    new = _definition(
        # An option added, now optional, shown only for applicants at the post office.
        _choice(
            "relation",
            ["spouse", "child", "parent"],
            required=False,
            condition={"field": "_channel", "operator": "equals", "value": "post_office"},
        ),
        {"type": "long_text", "value": {"name": "nick", "label": {"az": "Ləqəb"}}},
        extra_step=True,
    )
    diff = diff_definitions(old, new)
    assert [s.path for s in diff.steps.added] == ["two"] and not diff.steps.removed
    changes = {c.new.path: {ch.attribute for ch in c.changes} for c in diff.fields.changed}
    assert changes == {"relation": {"options", "required", "condition"}, "nick": {"type"}}
    assert not diff_definitions(new, new)


# The editor's preview ----------------------------------------------------------------------------


def block_data(block, value, prefix):
    """What the StreamField editor posts for `value` (its JavaScript builds these names)."""
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        children = value if isinstance(block, blocks.StreamBlock) else value.bound_blocks
        data = {f"{prefix}-count": str(len(children))}
        for i, child in enumerate(children):
            data[f"{prefix}-{i}-deleted"] = ""
            data[f"{prefix}-{i}-order"] = str(i)
            data[f"{prefix}-{i}-id"] = child.id or ""
            if isinstance(block, blocks.StreamBlock):
                data[f"{prefix}-{i}-type"] = child.block_type
            data.update(block_data(child.block, child.value, f"{prefix}-{i}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_data(child, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    widget = block.field.widget
    formatted = widget.format_value(block.value_for_form(value))
    if isinstance(formatted, list):  # a select's chosen values
        if getattr(widget, "allow_multiple_selected", False):
            return {prefix: formatted} if formatted else {}
        formatted = formatted[0] if formatted else ""
    return {prefix: formatted or ""}


def edit_form_data(form, **changes):
    """The edit form as an editor posts it, with `changes` to the applicant's surname label."""
    data = {
        "title": form.title,
        "actions": form.actions,
        "copy_to_emails": form.copy_to_emails,
        **block_data(form.schema.stream_block, form.schema, "schema"),
    }
    if "surname" in changes:
        key = next(k for k, v in data.items() if v == "last_name" and k.startswith("schema-0-"))
        data[key.replace("-name", "-label-az")] = changes["surname"]
    return data


def test_the_preview_panel_shows_the_form_as_the_citizen_sees_it(client):
    form = demo_form()
    login(client, "editor", language="az")
    edit_url = f"/admin/snippets/forms_app/declarationform/edit/{form.pk}/"
    preview_url = f"/admin/snippets/forms_app/declarationform/preview/{form.pk}/"
    assert preview_url in client.get(edit_url).content.decode()  # the panel is there
    # The panel posts the unsaved edit form, then shows the preview of it.
    posted = client.post(preview_url, edit_form_data(form, surname="Soyadınız"))
    assert posted.json() == {"is_valid": True, "is_available": True}
    preview = client.get(preview_url + "?in_preview_panel=true")
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Soyadınız" in page  # the unsaved edit
    assert "Ailə üzvləri" in page and 'name="pin"' in page and "Həyat yoldaşı" in page
    assert page.count('class="preview-step"') == len(form.definition.steps)
    assert form.versions.count() == 1  # previewing publishes nothing


# The moderation workflow -------------------------------------------------------------------------


def test_an_editors_change_becomes_a_version_only_when_a_moderator_approves_it(
    client, service_page
):
    form = demo_form()
    edit_url = f"/admin/snippets/forms_app/declarationform/edit/{form.pk}/"
    login(client, "editor")
    assert client.post(edit_url, edit_form_data(form, surname="Soyadınız")).status_code == 302
    submitted = client.post(
        edit_url, {**edit_form_data(form, surname="Soyadınız"), "action-submit": "1"}
    )
    assert submitted.status_code == 302
    form.refresh_from_db()
    assert form.workflow_in_progress
    assert form.versions.count() == 1  # a draft in moderation is not a version
    assert "Soyadınız" not in str(form.schema.get_prep_value())  # the live form is unchanged

    login(client, "moderator")
    task_state = form.current_workflow_task_state
    approve_url = (
        f"/admin/snippets/forms_app/declarationform/workflow/action/{form.pk}/approve/"
        f"{task_state.pk}/"
    )
    assert client.post(approve_url, {"comment": ""}).status_code == 302
    form.refresh_from_db()
    assert not form.workflow_in_progress and form.live
    version = form.versions.get(number=2)
    surname = next(f for f in version.definition.step("applicant").fields if f.name == "last_name")
    assert surname.label["az"] == "Soyadınız"
    # Citizens now answer version 2; its choices read as the admin saved them.
    assert submit(service_page).form_version == version

    # Publishing again with nothing changed freezes nothing new.
    form = DeclarationForm.objects.get(pk=form.pk)
    published = client.post(edit_url, {**edit_form_data(form), "action-publish": "1"})
    assert published.status_code == 302
    assert form.versions.count() == 2


def test_publishing_the_seeded_form_unchanged_from_the_admin_makes_no_version(client):
    form = demo_form()
    login(client, "moderator")
    edit_url = f"/admin/snippets/forms_app/declarationform/edit/{form.pk}/"
    response = client.post(edit_url, {**edit_form_data(form), "action-publish": "1"})
    assert response.status_code == 302
    assert form.versions.count() == 1


def test_the_editor_shows_the_forms_actions_ticked(client):
    # Unticked boxes would drop "open a case" from the form on its next publish.
    form = demo_form()
    login(client, "moderator")
    html = client.get(f"/admin/snippets/forms_app/declarationform/edit/{form.pk}/").content.decode()
    ticked = re.findall(r'<input[^>]*name="actions"[^>]*>', html)
    assert any('value="open_case"' in box and "checked" in box for box in ticked)
    assert any('value="email_copy"' in box and "checked" not in box for box in ticked)
