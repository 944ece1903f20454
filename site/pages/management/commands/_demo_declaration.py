"""The targeted-social-assistance application-declaration (Ərizə-bəyannamə) as seed_demo
publishes it: a DeclarationForm schema in StreamField's raw JSON, labels in az, ru and en."""


def t(az, ru, en):
    return {"az": az, "ru": ru, "en": en}


def field(type_, name, label, *, required=True, help_text=None, condition=None, **options):
    value = {"name": name, "label": label, "required": required, **options}
    if help_text:
        value["help_text"] = help_text
    if condition:
        field_name, operator, expected = condition
        value["condition"] = {"field": field_name, "operator": operator, "value": expected}
    return {"type": type_, "value": value}


def options(*choices):
    return [{"value": value, "label": label} for value, label in choices]


def group(name, label, item_label, fields, *, min_items=0, max_items=10, condition=None):
    value = {
        "name": name,
        "label": label,
        "item_label": item_label,
        "min_items": min_items,
        "max_items": max_items,
        "fields": fields,
    }
    if condition:
        value["condition"] = {
            "field": condition[0],
            "operator": condition[1],
            "value": condition[2],
        }
    return {"type": "group", "value": value}


def step(name, title, fields, condition=None):
    value = {"name": name, "title": title, "fields": fields}
    if condition:
        value["condition"] = {
            "field": condition[0],
            "operator": condition[1],
            "value": condition[2],
        }
    return {"type": "step", "value": value}


def text(az, ru, en):
    return {"type": "display_text", "value": {"text": t(az, ru, en)}}


RELATIONS = options(
    ("spouse", t("Həyat yoldaşı", "Супруг(а)", "Spouse")),
    ("child", t("Övlad", "Ребёнок", "Child")),
    ("parent", t("Valideyn", "Родитель", "Parent")),
    ("sibling", t("Bacı/qardaş", "Брат/сестра", "Sibling")),
    ("grandchild", t("Nəvə", "Внук/внучка", "Grandchild")),
    ("grandparent", t("Baba/nənə", "Дедушка/бабушка", "Grandparent")),
    ("other", t("Digər qohum", "Другой родственник", "Other relative")),
)

STATUSES = options(
    ("working", t("İşləyir", "Работает", "Working")),
    ("student", t("Əyani təhsil alır", "Учится очно", "Full-time student")),
    ("pensioner", t("Pensiyaçı", "Пенсионер", "Pensioner")),
    (
        "unemployed",
        t("İşsiz kimi qeydiyyatdadır", "Зарегистрирован безработным", "Registered unemployed"),
    ),
    (
        "carer",
        t(
            "Əlilliyi olan şəxsə və ya 8 yaşınadək uşağa qulluq edir",
            "Ухаживает за лицом с инвалидностью или ребёнком до 8 лет",
            "Caring for a disabled person or a child under 8",
        ),
    ),
    ("disabled", t("Əlilliyi var", "Имеет инвалидность", "Disabled")),
    ("child", t("Uşaq", "Ребёнок", "Child")),
    ("military", t("Həqiqi hərbi xidmətdədir", "Проходит военную службу", "In military service")),
    ("other", t("Digər", "Другое", "Other")),
)

INCOME_TYPES = options(
    ("salary", t("Əmək haqqı", "Заработная плата", "Salary")),
    ("pension", t("Pensiya", "Пенсия", "Pension")),
    ("benefit", t("Müavinət", "Пособие", "Benefit")),
    ("entrepreneurship", t("Sahibkarlıq fəaliyyəti", "Предпринимательство", "Entrepreneurship")),
    (
        "agriculture",
        t(
            "Kənd təsərrüfatı / həyətyanı sahə",
            "Сельское хозяйство / приусадебный участок",
            "Agriculture / household plot",
        ),
    ),
    ("alimony", t("Aliment", "Алименты", "Alimony")),
    ("property", t("Əmlakdan gəlir", "Доход от имущества", "Property income")),
    ("other", t("Digər", "Другое", "Other")),
)

CHANNELS = options(
    ("email", t("E-poçt", "Электронная почта", "Email")),
    ("sms", t("SMS", "SMS", "SMS")),
    ("status_page", t("Yalnız status səhifəsi", "Только страница статуса", "Status page only")),
)

YES_NO_HELP = None

APPLICANT = step(
    "applicant",
    t("Ərizəçi", "Заявитель", "Applicant"),
    [
        text(
            "<p>Ailənin əmək qabiliyyətli, yetkinlik yaşına çatmış nümayəndəsi kimi öz "
            "məlumatlarınızı daxil edin.</p>",
            "<p>Укажите свои данные как трудоспособный совершеннолетний представитель семьи.</p>",
            "<p>Enter your details as the family's adult, able-bodied representative.</p>",
        ),
        field(
            "pin",
            "pin",
            t("FİN", "ФИН", "FİN (personal identification number)"),
            help_text=t(
                "Şəxsiyyət vəsiqənizdəki 7 simvol",
                "7 символов из удостоверения личности",
                "7 characters on your ID card",
            ),
            prefill="egov_pin",
            unique=True,
        ),
        field(
            "id_card",
            "id_card_number",
            t("Şəxsiyyət vəsiqəsinin nömrəsi", "Номер удостоверения личности", "ID-card number"),
            help_text=t("Məsələn, AA1234567", "Например, AA1234567", "e.g. AA1234567"),
        ),
        field(
            "short_text",
            "last_name",
            t("Soyad", "Фамилия", "Surname"),
            max_length=100,
            validators=["letters_only"],
        ),
        field(
            "short_text",
            "first_name",
            t("Ad", "Имя", "Name"),
            max_length=100,
            validators=["letters_only"],
        ),
        field(
            "short_text",
            "patronymic",
            t("Ata adı", "Отчество", "Patronymic"),
            help_text=t("Məsələn, Elçin oğlu", "Например, Эльчин оглы", "e.g. Elçin oğlu"),
            max_length=100,
        ),
        field(
            "date",
            "birth_date",
            t("Doğum tarixi", "Дата рождения", "Date of birth"),
            past_only=True,
            min_date="1900-01-01",
            validators=["adult"],
        ),
        field(
            "address",
            "registered_address",
            t("Qeydiyyat ünvanı", "Адрес регистрации", "Registered address"),
        ),
        field(
            "yes_no",
            "lives_at_registered_address",
            t(
                "Qeydiyyat ünvanında yaşayırsınız?",
                "Вы проживаете по адресу регистрации?",
                "Do you live at your registered address?",
            ),
        ),
        field(
            "address",
            "actual_address",
            t("Faktiki yaşayış ünvanı", "Фактический адрес", "Where you actually live"),
            condition=("lives_at_registered_address", "equals", "no"),
        ),
        field(
            "mobile", "mobile", t("Mobil nömrə", "Мобильный номер", "Mobile number"), required=False
        ),
        field("email", "email", t("E-poçt", "Электронная почта", "Email address"), required=False),
    ],
)

FAMILY = step(
    "family",
    t("Ailə üzvləri", "Члены семьи", "Family members"),
    [
        text(
            "<p>Sizinlə birgə yaşayan və ümumi təsərrüfat aparan (eyni sayğaclardan istifadə edən) "
            "bütün ailə üzvlərini göstərin. Özünüzü yenidən əlavə etməyin.</p>",
            "<p>Укажите всех членов семьи, живущих с вами и ведущих общее хозяйство (общие "
            "счётчики). Себя повторно не добавляйте.</p>",
            "<p>List everyone who lives with you and shares the household (the same utility "
            "meters). Don't add yourself again.</p>",
        ),
        field(
            "single_choice",
            "applicant_status",
            t("Sizin statusunuz", "Ваш статус", "Your status"),
            options=STATUSES,
            widget="select",
        ),
        group(
            "family_members",
            t("Ailə üzvləri", "Члены семьи", "Family members"),
            t("Ailə üzvü", "Член семьи", "Family member"),
            [
                field(
                    "pin",
                    "pin",
                    t("FİN", "ФИН", "FİN"),
                    required=False,
                    help_text=t(
                        "Uşaqlar üçün doğum şəhadətnaməsindəki FİN",
                        "Для детей — ФИН из свидетельства о рождении",
                        "For children, the FİN on the birth certificate",
                    ),
                    unique=True,
                ),
                field("short_text", "last_name", t("Soyad", "Фамилия", "Surname"), max_length=100),
                field("short_text", "first_name", t("Ad", "Имя", "Name"), max_length=100),
                field(
                    "short_text",
                    "patronymic",
                    t("Ata adı", "Отчество", "Patronymic"),
                    required=False,
                    max_length=100,
                ),
                field(
                    "date",
                    "birth_date",
                    t("Doğum tarixi", "Дата рождения", "Date of birth"),
                    past_only=True,
                    min_date="1900-01-01",
                ),
                field(
                    "single_choice",
                    "relation",
                    t("Sizə qohumluğu", "Родство с вами", "Relation to you"),
                    options=RELATIONS,
                    widget="select",
                ),
                field(
                    "single_choice",
                    "status",
                    t("Statusu", "Статус", "Status"),
                    options=STATUSES,
                    widget="select",
                ),
                field(
                    "short_text",
                    "institution",
                    t("Təhsil müəssisəsi", "Учебное заведение", "School or university"),
                    condition=("status", "equals", "student"),
                    max_length=200,
                ),
            ],
            min_items=0,
            max_items=15,
        ),
    ],
)

INCOMES = step(
    "incomes",
    t("Gəlirlər (son 12 ay)", "Доходы (последние 12 месяцев)", "Incomes (last 12 months)"),
    [
        text(
            "<p>Ailənin bütün üzvlərinin son 12 ayda əldə etdiyi gəlirləri göstərin.</p>",
            "<p>Укажите доходы всех членов семьи за последние 12 месяцев.</p>",
            "<p>Give every family member's income of the last 12 months.</p>",
        ),
        field(
            "yes_no",
            "has_income",
            t(
                "Ailədə son 12 ayda gəlir olub?",
                "Были ли у семьи доходы за последние 12 месяцев?",
                "Did anyone in the family have income in the last 12 months?",
            ),
        ),
        group(
            "incomes",
            t("Gəlirlər", "Доходы", "Incomes"),
            t("Gəlir", "Доход", "Income"),
            [
                field(
                    "single_choice",
                    "member_pin",
                    t("Kimin gəliri", "Чей доход", "Whose income"),
                    choices_from="declared_people",
                    widget="select",
                ),
                field(
                    "single_choice",
                    "type",
                    t("Gəlirin növü", "Вид дохода", "Type of income"),
                    options=INCOME_TYPES,
                    widget="select",
                ),
                field(
                    "money",
                    "amount_12_months",
                    t(
                        "12 ay üzrə məbləğ (AZN)",
                        "Сумма за 12 месяцев (AZN)",
                        "Total over 12 months (AZN)",
                    ),
                    min_value="0",
                    max_value="1000000",
                ),
                field(
                    "short_text",
                    "source",
                    t(
                        "Mənbə (işəgötürən, qurum)",
                        "Источник (работодатель)",
                        "Source (employer, agency)",
                    ),
                    required=False,
                    max_length=200,
                ),
            ],
            min_items=1,
            max_items=30,
            condition=("has_income", "equals", "yes"),
        ),
    ],
)

PROPERTY = step(
    "property",
    t("Əmlak", "Имущество", "Property"),
    [
        field(
            "integer",
            "dwellings_count",
            t(
                "Ailəyə məxsus yaşayış sahələrinin sayı",
                "Число жилых помещений в собственности семьи",
                "Number of dwellings the family owns",
            ),
            min_value=0,
            max_value=20,
        ),
        field(
            "decimal",
            "land_hectares",
            t("Torpaq payı (hektar)", "Земельный пай (гектаров)", "Land share (hectares)"),
            required=False,
            min_value="0",
            max_value="1000",
        ),
        field(
            "yes_no",
            "has_vehicle",
            t(
                "Ailənin nəqliyyat vasitəsi var?",
                "Есть ли у семьи транспортное средство?",
                "Does the family own or use a vehicle?",
            ),
        ),
        group(
            "vehicles",
            t("Nəqliyyat vasitələri", "Транспортные средства", "Vehicles"),
            t("Nəqliyyat vasitəsi", "Транспортное средство", "Vehicle"),
            [
                field(
                    "short_text",
                    "plate",
                    t("Dövlət nömrə nişanı", "Госномер", "Registration plate"),
                    pattern=r"\d{2}-[A-Z]{2}-\d{3}",
                    help_text=t("Məsələn, 10-AB-123", "Например, 10-AB-123", "e.g. 10-AB-123"),
                ),
                field(
                    "yes_no",
                    "given_by_state",
                    t(
                        "Dövlət tərəfindən reabilitasiya üçün verilib?",
                        "Выдано государством для реабилитации?",
                        "Given by the state for rehabilitation?",
                    ),
                ),
            ],
            min_items=1,
            max_items=5,
            condition=("has_vehicle", "equals", "yes"),
        ),
    ],
)

COSTS = step(
    "costs",
    t(
        "Kommunal və rabitə xərcləri",
        "Коммунальные расходы и связь",
        "Utility and communication costs",
    ),
    [
        field(
            "money",
            "electricity_monthly",
            t(
                "Elektrik (aylıq, AZN)",
                "Электричество (в месяц, AZN)",
                "Electricity (monthly, AZN)",
            ),
            min_value="0",
            max_value="10000",
        ),
        field(
            "money",
            "gas_monthly",
            t("Qaz (aylıq, AZN)", "Газ (в месяц, AZN)", "Gas (monthly, AZN)"),
            min_value="0",
            max_value="10000",
        ),
        field(
            "money",
            "water_monthly",
            t("Su (aylıq, AZN)", "Вода (в месяц, AZN)", "Water (monthly, AZN)"),
            min_value="0",
            max_value="10000",
        ),
        field(
            "money",
            "communication_monthly",
            t("Rabitə (aylıq, AZN)", "Связь (в месяц, AZN)", "Phone and internet (monthly, AZN)"),
            min_value="0",
            max_value="10000",
        ),
    ],
)

PAYMENT_AND_FEEDBACK = step(
    "payment",
    t("Ödəniş və əlaqə", "Выплата и связь", "Payment and contact"),
    [
        field(
            "iban",
            "card_account",
            t("Kart hesabı (IBAN)", "Карточный счёт (IBAN)", "Card account (IBAN)"),
            help_text=t(
                "AZ ilə başlayan 28 simvol",
                "28 символов, начиная с AZ",
                "28 characters starting with AZ",
            ),
            required=False,
        ),
        field(
            "single_choice",
            "feedback_channel",
            t(
                "Qərarı necə bildirək?",
                "Как сообщить решение?",
                "How should we tell you the decision?",
            ),
            options=CHANNELS,
        ),
        field(
            "email",
            "feedback_email",
            t("Qərar üçün e-poçt", "E-mail для решения", "Email for the decision"),
            condition=("feedback_channel", "equals", "email"),
        ),
        field(
            "mobile",
            "feedback_mobile",
            t(
                "Qərar üçün mobil nömrə",
                "Номер для SMS о решении",
                "Mobile number for the decision",
            ),
            condition=("feedback_channel", "equals", "sms"),
        ),
    ],
)

DECLARATION = step(
    "declaration",
    t("Bəyannamə", "Декларация", "Declaration"),
    [
        field(
            "consent",
            "truthful",
            t(
                "Təqdim etdiyim məlumatların doğru və tam olduğunu təsdiq edirəm. Yanlış məlumat "
                "verildikdə bir il ərzində yenidən müraciət etmək hüququmun olmadığını bilirəm.",
                "Подтверждаю, что сведения верны и полны. Мне известно, что при ложных "
                "сведениях я не смогу обратиться повторно в течение года.",
                "I confirm the information is true and complete. I know that false information "
                "bars a new application for one year.",
            ),
        ),
        field(
            "consent",
            "data_processing",
            t(
                "Məlumatlarımın dövlət reyestrləri ilə yoxlanılmasına razıyam.",
                "Согласен(на) на проверку моих данных по государственным реестрам.",
                "I agree to my data being checked against the state registries.",
            ),
        ),
        field(
            "consent",
            "citizen_consent",
            t(
                "Vətəndaş operatorun onun adından ərizə təqdim etməsinə razılıq verib.",
                "Гражданин согласился, что оператор подаёт заявление от его имени.",
                "The citizen agreed that the operator submits the application on their behalf.",
            ),
            condition=("_channel", "equals", "post_office"),
        ),
    ],
)

TARGETED_ASSISTANCE_DECLARATION = [
    APPLICANT,
    FAMILY,
    INCOMES,
    PROPERTY,
    COSTS,
    PAYMENT_AND_FEEDBACK,
    DECLARATION,
]
