"""Walking the demo declaration in a browser, in any language: fields are found by their names,
which don't change with the language."""

SERVICE_PATHS = {
    "az": "/e-xidmetler/unvanli-dovlet-sosial-yardimi/",
    "ru": "/ru/e-uslugi/adresnaya-socialnaya-pomosch/",
    "en": "/en/e-services/targeted-social-assistance/",
}
HOME_PATHS = {"az": "/", "ru": "/ru/", "en": "/en/"}
STATISTICS_PATHS = {"az": "/statistika/", "ru": "/ru/statistika-ru/", "en": "/en/statistics/"}
STEPS = ["applicant", "family", "incomes", "property", "costs", "payment", "declaration"]


def fill_date(page, name, day, month, year):
    page.fill(f"#id_{name}_0", day)
    page.fill(f"#id_{name}_1", month)
    page.fill(f"#id_{name}_2", year)


def choose(page, name, value):
    page.check(f'input[name="{name}"][value="{value}"]')


def fill_applicant(page):
    page.fill("#id_pin", "5zjbkqg")
    page.fill("#id_id_card_number", "AA1234567")
    page.fill("#id_last_name", "Əliyeva")
    page.fill("#id_first_name", "Gülşən")
    page.fill("#id_patronymic", "Şükür qızı")
    fill_date(page, "birth_date", "14", "3", "1985")
    page.fill("#id_registered_address", "Bakı, Nəsimi r., Səməd Vurğun küç. 12")
    choose(page, "lives_at_registered_address", "yes")


def fill_member(page, index, first_name, birth=("1", "6", "1983")):
    prefix = f"family_members-{index}"
    page.fill(f"#id_{prefix}-last_name", "Əliyev")
    page.fill(f"#id_{prefix}-first_name", first_name)
    fill_date(page, f"{prefix}-birth_date", *birth)
    page.select_option(f"#id_{prefix}-relation", "spouse" if index == 0 else "child")
    page.select_option(f"#id_{prefix}-status", "unemployed" if index == 0 else "child")


def fill_family(page):
    page.select_option("#id_applicant_status", "working")
    page.click(".group-add")
    fill_member(page, 0, "Rəşad")


def fill_incomes(page):
    choose(page, "has_income", "no")


def fill_property(page):
    page.fill("#id_dwellings_count", "1")
    choose(page, "has_vehicle", "no")


def fill_costs(page):
    for name in ("electricity", "gas", "water", "communication"):
        page.fill(f"#id_{name}_monthly", "5")


def fill_payment(page):
    choose(page, "feedback_channel", "status_page")


def fill_declaration(page):
    page.check("#id_truthful")
    page.check("#id_data_processing")
    if page.locator("#id_citizen_consent").count():
        page.check("#id_citizen_consent")


FILL = {
    "applicant": fill_applicant,
    "family": fill_family,
    "incomes": fill_incomes,
    "property": fill_property,
    "costs": fill_costs,
    "payment": fill_payment,
    "declaration": fill_declaration,
}


def continue_(page):
    page.click(".button-group button[value=continue]")
    page.wait_for_load_state()
