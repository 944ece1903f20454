"""The registries the targeted-assistance check uses, as first installed. After that, the
catalogue is data: administrators edit URLs, keys, timeouts and flags in the admin."""

import re

from django.conf import settings
from django.db import transaction

from ..models import RegistrySource

# code, az, ru, en, required for a decision
KNOWN_REGISTRIES = [
    (
        "civil",
        "Vətəndaşlıq vəziyyəti aktlarının dövlət reyestri",
        "Государственный реестр актов гражданского состояния",
        "Civil status registry",
        True,
    ),
    (
        "address",
        "Yaşayış yeri üzrə qeydiyyat",
        "Регистрация по месту жительства",
        "Address registration",
        True,
    ),
    (
        "idcard",
        "Şəxsiyyət vəsiqələri reyestri",
        "Реестр удостоверений личности",
        "Identity card registry",
        True,
    ),
    ("tax", "Dövlət Vergi Xidməti", "Государственная налоговая служба", "State Tax Service", True),
    (
        "sspf",
        "Dövlət Sosial Müdafiə Fondu",
        "Государственный фонд социальной защиты",
        "State Social Protection Fund",
        True,
    ),
    (
        "labour",
        "Əmək müqavilələri elektron sistemi (e-Labour)",
        "Электронная система трудовых договоров",
        "Electronic labour contracts (e-Labour)",
        True,
    ),
    (
        "employment",
        "Dövlət Məşğulluq Agentliyi",
        "Государственное агентство занятости",
        "State Employment Agency",
        True,
    ),
    (
        "disability",
        "Tibbi-sosial ekspertiza",
        "Медико-социальная экспертиза",
        "Medical-social expertise (disability)",
        True,
    ),
    (
        "education",
        "Təhsil Nazirliyi: şagird və tələbə reyestri",
        "Министерство образования: реестр учащихся",
        "Ministry of Education: pupils and students",
        True,
    ),
    (
        "military",
        "Səfərbərlik və Hərbi Xidmətə Çağırış üzrə Dövlət Xidməti",
        "Государственная служба по мобилизации и призыву",
        "State Service for Mobilisation and Conscription",
        False,
    ),
    (
        "idp",
        "Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi",
        "Государственный комитет по делам беженцев и вынужденных переселенцев",
        "State Committee for Refugees and IDPs",
        False,
    ),
    (
        "realestate",
        "Daşınmaz əmlakın dövlət reyestri",
        "Государственный реестр недвижимости",
        "State real estate registry",
        True,
    ),
    ("land", "Torpaq payları reyestri", "Реестр земельных паёв", "Land shares registry", True),
    (
        "vehicles",
        "Baş Dövlət Yol Polisi İdarəsi: nəqliyyat vasitələri",
        "Главное управление дорожной полиции: транспортные средства",
        "Road police: registered vehicles",
        True,
    ),
    (
        "utilities",
        "Kommunal xidmətlər: Azərişıq, Azəriqaz, Azərsu",
        "Коммунальные услуги: Азеришыг, Азеригаз, Азерсу",
        "Utilities: electricity, gas and water",
        True,
    ),
    (
        "communications",
        "Rabitə xidmətləri",
        "Услуги связи",
        "Communications: mobile, fixed line, internet",
        False,
    ),
    (
        "notary",
        "Notariat elektron reyestri",
        "Электронный нотариальный реестр",
        "Notarial deeds registry",
        True,
    ),
    (
        "banks",
        "Bank hesablarının reyestri",
        "Реестр банковских счетов",
        "Bank accounts registry",
        False,
    ),
    ("penitentiary", "Penitensiar Xidmət", "Пенитенциарная служба", "Penitentiary Service", False),
    (
        "assistance",
        "Ünvanlı dövlət sosial yardımı: müraciətlər",
        "Адресная государственная социальная помощь: обращения",
        "Targeted social assistance: applications",
        True,
    ),
    (
        "border",
        "Dövlət Sərhəd Xidməti",
        "Государственная пограничная служба",
        "State Border Service",
        False,
    ),
]


@transaction.atomic
def install_catalogue(gateway_url: str | None = None, api_key: str | None = None) -> int:
    """Create the registries that are missing; leave the ones administrators edited alone."""
    gateway_url = (gateway_url or settings.CASEWORK["REGISTRY_GATEWAY_URL"]).rstrip("/")
    api_key = api_key if api_key is not None else settings.CASEWORK["REGISTRY_API_KEY"]
    created = 0
    for code, name_az, name_ru, name_en, required in KNOWN_REGISTRIES:
        _source, was_created = RegistrySource.objects.get_or_create(
            code=code,
            defaults={
                "name_az": name_az,
                "name_ru": name_ru,
                "name_en": name_en,
                "base_url": f"{gateway_url}/{code}/",
                "api_key": api_key,
                "required": required,
            },
        )
        created += was_created
    return created


# The registry mocks a development site serves itself, at whatever address it runs.
LOCAL_MOCKS = re.compile(r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/registry-mocks/")


@transaction.atomic
def follow_local_mocks(gateway_url: str | None = None) -> int:
    """Registries pointed at the mocks of a site on this machine follow the site when it moves
    to another address (`make run HOST=…`); any other URL is an administrator's and stays."""
    gateway_url = (gateway_url or settings.CASEWORK["REGISTRY_GATEWAY_URL"]).rstrip("/")
    moved = 0
    for source in RegistrySource.objects.all():
        wanted = f"{gateway_url}/{source.code}/"
        if source.base_url != wanted and LOCAL_MOCKS.match(source.base_url):
            source.base_url = wanted
            source.save(update_fields=["base_url"])
            moved += 1
    return moved
