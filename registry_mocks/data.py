"""Reference data the population is drawn from: places, employers, institutions (names are in
names.py).

Places are real Azerbaijani ones; organisations are well-known or generic; codes and numbers are
plausible, not official.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    region: str  # "Bakı şəhəri", "Gəncə şəhəri", "Şəki rayonu"
    district: str
    settlements: tuple[str, ...]  # "" is the centre
    postal_code: str
    plate_code: str  # the two digits that open a car's number plate
    municipality: str  # for land shares
    rural: bool  # land shares are common, gas less so
    weight: int  # share of households, in per mille


BAKU = "Bakı şəhəri"
PLACES = [
    Place(BAKU, "Nəsimi rayonu", ("",), "AZ1010", "10", "Nəsimi", False, 70),
    Place(BAKU, "Yasamal rayonu", ("",), "AZ1022", "10", "Yasamal", False, 65),
    Place(BAKU, "Xətai rayonu", ("", "Əhmədli qəsəbəsi"), "AZ1029", "90", "Xətai", False, 75),
    Place(
        BAKU,
        "Binəqədi rayonu",
        ("", "Biləcəri qəsəbəsi", "Xocəsən qəsəbəsi"),
        "AZ1106",
        "90",
        "Binəqədi",
        False,
        70,
    ),
    Place(
        BAKU,
        "Sabunçu rayonu",
        ("Bakıxanov qəsəbəsi", "Ramana qəsəbəsi", "Maştağa qəsəbəsi", "Zabrat qəsəbəsi"),
        "AZ1083",
        "99",
        "Sabunçu",
        False,
        60,
    ),
    Place(
        BAKU,
        "Suraxanı rayonu",
        ("Qaraçuxur qəsəbəsi", "Hövsan qəsəbəsi", "Yeni Suraxanı qəsəbəsi"),
        "AZ1044",
        "99",
        "Suraxanı",
        False,
        50,
    ),
    Place(
        BAKU, "Nizami rayonu", ("", "8-ci kilometr qəsəbəsi"), "AZ1033", "10", "Nizami", False, 50
    ),
    Place(
        BAKU,
        "Səbail rayonu",
        ("", "Badamdar qəsəbəsi", "Bayıl qəsəbəsi"),
        "AZ1000",
        "10",
        "Səbail",
        False,
        30,
    ),
    Place(BAKU, "Nərimanov rayonu", ("",), "AZ1052", "90", "Nərimanov", False, 50),
    Place(
        BAKU,
        "Qaradağ rayonu",
        ("Lökbatan qəsəbəsi", "Sahil qəsəbəsi", "Qobustan qəsəbəsi"),
        "AZ1063",
        "77",
        "Qaradağ",
        False,
        30,
    ),
    Place(
        BAKU,
        "Xəzər rayonu",
        ("Mərdəkan qəsəbəsi", "Şüvəlan qəsəbəsi", "Buzovna qəsəbəsi"),
        "AZ1045",
        "77",
        "Xəzər",
        False,
        30,
    ),
    Place(BAKU, "Pirallahı rayonu", ("Pirallahı qəsəbəsi",), "AZ1092", "77", "Pirallahı", False, 5),
    Place("Gəncə şəhəri", "Gəncə şəhəri", ("",), "AZ2000", "20", "Gəncə", False, 60),
    Place(
        "Sumqayıt şəhəri",
        "Sumqayıt şəhəri",
        ("", "Corat qəsəbəsi"),
        "AZ5000",
        "50",
        "Sumqayıt",
        False,
        60,
    ),
    Place("Mingəçevir şəhəri", "Mingəçevir şəhəri", ("",), "AZ4500", "47", "Mingəçevir", False, 20),
    Place("Şirvan şəhəri", "Şirvan şəhəri", ("",), "AZ5300", "52", "Şirvan", False, 15),
    Place(
        "Şəki rayonu",
        "Şəki rayonu",
        ("", "Kiş kəndi", "Baş Layısqı kəndi"),
        "AZ5500",
        "55",
        "Şəki",
        True,
        35,
    ),
    Place(
        "Lənkəran rayonu",
        "Lənkəran rayonu",
        ("", "Haftoni kəndi", "Girdəni kəndi"),
        "AZ4200",
        "45",
        "Lənkəran",
        True,
        35,
    ),
    Place(
        "Quba rayonu",
        "Quba rayonu",
        ("", "Qırmızı Qəsəbə", "Zərqava kəndi"),
        "AZ4000",
        "41",
        "Quba",
        True,
        30,
    ),
    Place(
        "Şamaxı rayonu", "Şamaxı rayonu", ("", "Mədrəsə kəndi"), "AZ5600", "56", "Şamaxı", True, 20
    ),
    Place(
        "Bərdə rayonu", "Bərdə rayonu", ("", "Qaraqoyunlu kəndi"), "AZ0900", "12", "Bərdə", True, 20
    ),
    Place(
        "Masallı rayonu",
        "Masallı rayonu",
        ("", "Ərkivan kəndi"),
        "AZ4400",
        "46",
        "Masallı",
        True,
        20,
    ),
    Place(
        "Zaqatala rayonu",
        "Zaqatala rayonu",
        ("", "Car kəndi"),
        "AZ6200",
        "63",
        "Zaqatala",
        True,
        15,
    ),
    Place("Qəbələ rayonu", "Qəbələ rayonu", ("", "Nic kəndi"), "AZ3600", "31", "Qəbələ", True, 15),
    Place("Naxçıvan şəhəri", "Naxçıvan şəhəri", ("",), "AZ7000", "85", "Naxçıvan", False, 20),
]
# Towns rebuilt after 2020, where former IDPs return; only returning families live there.
RETURN_PLACES = [
    Place("Füzuli şəhəri", "Füzuli şəhəri", ("",), "AZ1300", "21", "Füzuli", False, 0),
    Place("Laçın şəhəri", "Laçın şəhəri", ("",), "AZ4100", "42", "Laçın", False, 0),
    Place(
        "Zəngilan rayonu", "Zəngilan rayonu", ("Ağalı kəndi",), "AZ6300", "64", "Zəngilan", True, 0
    ),
]

STREETS = [
    "Nizami küçəsi",
    "Füzuli küçəsi",
    "Azadlıq prospekti",
    "Heydər Əliyev prospekti",
    "Atatürk prospekti",
    "Əhməd Rəcəbli küçəsi",
    "Məhəmməd Hadi küçəsi",
    "Səməd Vurğun küçəsi",
    "Bülbül prospekti",
    "Qara Qarayev prospekti",
    "Babək prospekti",
    "Şərifzadə küçəsi",
    "Mir Cəlal küçəsi",
    "Rəşid Behbudov küçəsi",
    "Nəriman Nərimanov küçəsi",
    "Cavid prospekti",
    "Xətai küçəsi",
    "Yusif Səfərov küçəsi",
    "Koroğlu Rəhimov küçəsi",
    "Sülh küçəsi",
    "M.Ə.Rəsulzadə küçəsi",
    "Üzeyir Hacıbəyov küçəsi",
    "Natəvan küçəsi",
    "Cəfər Cabbarlı küçəsi",
]

# (name, VÖEN, public sector, positions, median monthly salary in AZN)
EMPLOYERS = [
    ("Bakı Metropoliteni QSC", "1700038881", True, ("maşinist", "texnik", "kassir"), 750),
    ("Azərişıq ASC", "1403130761", True, ("elektrik", "nəzarətçi", "mühəndis"), 800),
    ("Azərsu ASC", "9900009461", True, ("texnik", "operator", "fəhlə"), 650),
    ("Azərpoçt MMC", "1400205391", True, ("poçtalyon", "operator"), 450),
    ("Bakı şəhəri 23 nömrəli tam orta məktəb", "1500341891", True, ("müəllim", "xadimə"), 600),
    ("Respublika Klinik Xəstəxanası", "1300184851", True, ("həkim", "tibb bacısı", "sanitar"), 700),
    ("Gəncə şəhər Mərkəzi Xəstəxanası", "2000117241", True, ("tibb bacısı", "həkim"), 550),
    ("Bravo Supermarket MMC", "1402893621", False, ("satıcı", "kassir", "anbardar"), 550),
    ("Araz Supermarket MMC", "1302718251", False, ("satıcı", "kassir", "yükləyici"), 520),
    ("Kapital Bank ASC", "9900003611", False, ("operator", "mühasib", "kredit mütəxəssisi"), 1100),
    ("Azercell Telekom MMC", "9900039361", False, ("operator", "mühəndis"), 1300),
    ("Bakı Ağ Şəhər MMC", "1402561141", False, ("fəhlə", "sürücü", "mühəndis"), 900),
    ("Sumqayıt Kimya Sənaye Parkı MMC", "5000212641", False, ("operator", "texnik"), 850),
    ("Şəki İpək ASC", "5500104291", False, ("dərzi", "toxucu"), 420),
    ("Lənkəran Konserv MMC", "4200095731", False, ("fəhlə", "anbardar"), 420),
    ("Xəzər Tikinti MMC", "1700457201", False, ("fəhlə", "sürücü", "mühafizəçi"), 650),
    ("Dadlı Çörək MMC", "1401187561", False, ("çörəkçi", "satıcı", "sürücü"), 480),
    ("Mərkəzi Bazar Xidmət MMC", "1303342991", False, ("mühafizəçi", "xadimə", "aşpaz"), 430),
]

BUSINESS_ACTIVITIES = [
    "Pərakəndə ticarət",
    "Taksi xidməti",
    "Bərbərxana xidməti",
    "Kənd təsərrüfatı məhsullarının satışı",
    "Tikinti-təmir işləri",
    "Tikiş xidməti",
    "İctimai iaşə",
]

UNIVERSITIES = [
    ("Bakı Dövlət Universiteti", ("Hüquq", "Filologiya", "Tətbiqi riyaziyyat", "Kimya")),
    ("Azərbaycan Dövlət İqtisad Universiteti", ("İqtisadiyyat", "Maliyyə", "Marketinq")),
    ("Azərbaycan Texniki Universiteti", ("Mexanika", "Elektroenergetika", "Kompüter mühəndisliyi")),
    (
        "Azərbaycan Dövlət Pedaqoji Universiteti",
        ("İbtidai təhsil", "Tarix", "Riyaziyyat müəllimliyi"),
    ),
    ("Azərbaycan Tibb Universiteti", ("Müalicə işi", "Stomatologiya")),
    ("ADA Universiteti", ("Beynəlxalq münasibətlər", "Kompüter elmləri")),
    ("Gəncə Dövlət Universiteti", ("Biologiya", "Filologiya")),
    ("Sumqayıt Dövlət Universiteti", ("Kimya texnologiyası", "İqtisadiyyat")),
    ("Lənkəran Dövlət Universiteti", ("Aqronomluq", "Tarix")),
]
COLLEGES = [
    ("Bakı Dövlət Rabitə və Nəqliyyat Kolleci", ("Rabitə texnikası", "Logistika")),
    ("Bakı Tibb Kolleci", ("Tibb bacısı işi", "Əczaçılıq")),
    ("Sumqayıt Dövlət Texniki Kolleci", ("Elektrik avadanlığı", "Qaynaq işi")),
]

BANKS = [
    ("Kapital Bank", "AIIB", "200004"),
    ("PAŞA Bank", "PAHA", "505141"),
    ("Azərbaycan Beynəlxalq Bankı", "IBAZ", "805250"),
    ("Bank Respublika", "BRES", "507064"),
    ("AccessBank", "ACAB", "505000"),
    ("Unibank", "UBAZ", "505026"),
    ("Yelo Bank", "NIKO", "505099"),
]

# Mobile operators by the operator code that opens the number.
MOBILE_OPERATORS = {
    "50": "Azercell",
    "51": "Azercell",
    "10": "Azercell",
    "55": "Bakcell",
    "99": "Bakcell",
    "70": "Nar",
    "77": "Nar",
}

# (make, model, engine cc, price range in AZN when bought used)
VEHICLE_MODELS = [
    ("VAZ", "2107", 1600, (2500, 5500)),
    ("Lada", "Granta", 1600, (9000, 15000)),
    ("Toyota", "Prius", 1800, (14000, 26000)),
    ("Toyota", "Corolla", 1600, (15000, 28000)),
    ("Hyundai", "Elantra", 2000, (14000, 25000)),
    ("Hyundai", "Accent", 1400, (9000, 17000)),
    ("Kia", "Rio", 1400, (10000, 18000)),
    ("Mercedes-Benz", "E 200", 2000, (25000, 55000)),
    ("Opel", "Astra", 1600, (7000, 14000)),
    ("Chevrolet", "Cobalt", 1500, (8000, 14000)),
    ("Khazar", "LX", 1600, (16000, 22000)),
]
VEHICLE_COLOURS = ["ağ", "qara", "boz", "gümüşü", "qırmızı", "göy", "yaşıl"]
PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVXYZ"
VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"

IDP_ORIGINS = [
    "Ağdam",
    "Füzuli",
    "Cəbrayıl",
    "Zəngilan",
    "Qubadlı",
    "Laçın",
    "Kəlbəcər",
    "Şuşa",
    "Xocalı",
    "Xocavənd",
    "Ağdərə",
]
DISABILITY_CAUSES = ["ümumi xəstəlik", "əmək xəsarəti", "uşaqlıqdan əlillik", "müharibə əlilliyi"]
PENITENTIARY_INSTITUTIONS = [
    "Penitensiar Xidmətin 2 nömrəli cəzaçəkmə müəssisəsi",
    "Penitensiar Xidmətin 11 nömrəli cəzaçəkmə müəssisəsi",
    "Penitensiar Xidmətin 13 nömrəli cəzaçəkmə müəssisəsi",
    "Bakı İstintaq Təcridxanası",
]
# (checkpoint, countries reached through it)
BORDER_CHECKPOINTS = [
    ("Heydər Əliyev Beynəlxalq Aeroportu", ("TUR", "RUS", "ARE", "DEU", "GEO", "KAZ")),
    ("Samur", ("RUS",)),
    ("Qırmızı Körpü", ("GEO",)),
    ("Astara", ("IRN",)),
]
EMPLOYMENT_CENTRE = "{district} Məşğulluq Mərkəzi"
NOTARY_OFFICES = [
    "Bakı şəhəri 3 saylı Dövlət Notariat Kontoru",
    "Bakı şəhəri 12 saylı Dövlət Notariat Kontoru",
    "Bakı şəhəri 21 saylı Dövlət Notariat Kontoru",
    "Gəncə şəhəri 1 saylı Dövlət Notariat Kontoru",
    "Sumqayıt şəhəri 2 saylı Dövlət Notariat Kontoru",
    "Xüsusi notarius Ə. Qasımova",
]
