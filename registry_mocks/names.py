"""Azerbaijani names and how they are written: given names, surnames and their female forms,
patronymics ("Elçin oğlu", "Şükür qızı"), Latin spellings for e-mail addresses, and upper case as
Azerbaijani writes it (i → İ) for the registries that write names in capitals."""

MALE_NAMES = [
    "Rəşad",
    "Elçin",
    "Elnur",
    "Orxan",
    "Tural",
    "Kamran",
    "Rauf",
    "Vüqar",
    "Əli",
    "Murad",
    "Fərid",
    "Namiq",
    "Anar",
    "Elvin",
    "Ramil",
    "Zaur",
    "Samir",
    "Nicat",
    "Cavid",
    "Rüfət",
    "Emin",
    "Fuad",
    "Elşən",
    "İlqar",
    "Mübariz",
    "Şahin",
    "Vüsal",
    "Səbuhi",
    "Ayxan",
    "Hüseyn",
    "Məhəmməd",
    "Yusif",
    "Ömər",
    "Tofiq",
    "Arif",
    "Vaqif",
    "Rafiq",
    "Şükür",
    "Natiq",
    "Həsən",
    "Kənan",
    "Toğrul",
    "Rəhim",
    "İsmayıl",
    "Ələkbər",
    "Mirzə",
    "Novruz",
    "Qədir",
]
FEMALE_NAMES = [
    "Gülşən",
    "Aynur",
    "Leyla",
    "Nərmin",
    "Səbinə",
    "Günel",
    "Aysel",
    "Könül",
    "Sevinc",
    "Ülviyyə",
    "Nigar",
    "Şəbnəm",
    "Lalə",
    "Fidan",
    "Aytən",
    "Xədicə",
    "Zəhra",
    "Fatimə",
    "Mədinə",
    "Nuray",
    "Aylin",
    "Səadət",
    "Rəna",
    "Tamilla",
    "Zərifə",
    "Gülnarə",
    "Solmaz",
    "Mehriban",
    "Gülər",
    "Təranə",
    "Səkinə",
    "Elmira",
    "Afaq",
    "Nərgiz",
    "Ləman",
    "Aidə",
    "Şəfiqə",
    "Ruhiyyə",
]
# Male forms; women's add "a" to -ov/-ev, the others are the same for both.
SURNAMES = [
    "Əliyev",
    "Məmmədov",
    "Həsənov",
    "Hüseynov",
    "Quliyev",
    "İsmayılov",
    "Abbasov",
    "Rzayev",
    "Cəfərov",
    "Nəsirov",
    "Bağırov",
    "Babayev",
    "Kərimov",
    "Qasımov",
    "Rəhimov",
    "Orucov",
    "Süleymanov",
    "Vəliyev",
    "Mustafayev",
    "Əhmədov",
    "Sadıqov",
    "Nağıyev",
    "Paşayev",
    "Zeynalov",
    "Səfərov",
    "Hacıyev",
    "Mirzəyev",
    "Novruzov",
    "Musayev",
    "Əsgərov",
    "Allahverdiyev",
    "Şükürov",
    "Tağıyev",
    "Salmanov",
    "Xəlilov",
    "İbrahimov",
    "Rüstəmov",
    "Eyvazov",
    "Qurbanov",
    "Həmidov",
    "Əlizadə",
    "Hüseynzadə",
    "Məmmədli",
    "Cəfərli",
]


def surname_for(surname: str, sex: str) -> str:
    if sex == "F" and surname.endswith(("ov", "ev")):
        return surname + "a"
    return surname


def patronymic(father_name: str, sex: str) -> str:
    return f"{father_name} {'oğlu' if sex == 'M' else 'qızı'}"


_LATIN = str.maketrans({"ə": "e", "ı": "i", "ö": "o", "ü": "u", "ğ": "g", "ş": "sh", "ç": "ch"})


def latin(name: str) -> str:
    """A name in plain lower-case Latin letters, for e-mail addresses."""
    return name.lower().replace("i̇", "i").translate(_LATIN)


def az_upper(text: str) -> str:
    """Upper case as Azerbaijani writes it: i → İ, ı → I (Python's upper() maps i to I)."""
    return text.replace("i", "İ").upper()
