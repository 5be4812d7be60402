"""Word lists for the fictional demo network and the benchmark seeder.

Every name here is a common given or family name of its language, combined at random; no
combination stands for a real person. Organisations, places, streets, phone numbers and
e-mail domains are invented (postcodes start with 00, which German post does not use; e-mail
domains end in the reserved ``.example``).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.network.enums import OrganisationKind, Role, Weekday

NETWORK_NAME = "Netzwerk Brückenschlag Musterkreis"


@dataclass(frozen=True)
class SiteSpec:
    key: str
    name: str
    street: str
    postcode: str
    city: str
    # (weekday, "HH:MM", "HH:MM"); empty with by_appointment=True ("nach Vereinbarung")
    hours: tuple[tuple[Weekday, str, str], ...] = ()
    by_appointment: bool = False


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: OrganisationKind
    prefix: str
    email: str
    phone: str
    sites: tuple[SiteSpec, ...]


@dataclass(frozen=True)
class AccountSpec:
    username: str
    organisation: str  # OrganisationSpec.key
    role: Role
    first_name: str
    last_name: str
    description: str | Promise


ORGANISATIONS = (
    OrganisationSpec(
        "jc", "Jobcenter Musterkreis", OrganisationKind.JOBCENTRE, "JC",
        "integration@jobcenter-musterkreis.example", "+49 0000 1100-0",
        (
            SiteSpec("jc-musterstadt", "Musterstadt", "Bahnhofstraße 12", "00110", "Musterstadt",
                     ((Weekday.TUESDAY, "09:00", "12:00"),)),
        ),
    ),
    OrganisationSpec(
        "sw", "Sozialwerk Musterstadt e.V.", OrganisationKind.WELFARE, "SW",
        "beratung@sozialwerk-musterstadt.example", "+49 0000 2200-0",
        (
            SiteSpec("sw-musterstadt", "Musterstadt", "Dammweg 3", "00110", "Musterstadt",
                     ((Weekday.MONDAY, "12:00", "15:00"), (Weekday.THURSDAY, "12:00", "15:00"))),
            SiteSpec("sw-nordheim", "Nordheim", "Marktplatz 1", "00120", "Nordheim",
                     by_appointment=True),
        ),
    ),
    OrganisationSpec(
        "lw", "Lernwerk Muster gGmbH", OrganisationKind.EDUCATION, "LW",
        "kurse@lernwerk-muster.example", "+49 0000 3300-0",
        (
            SiteSpec("lw-suedhafen", "Südhafen", "Hafenstraße 5", "00130", "Südhafen",
                     ((Weekday.WEDNESDAY, "10:00", "16:00"),)),
        ),
    ),
    OrganisationSpec(
        "kv", "Kreisverwaltung Musterkreis – Leitstelle Integration",
        OrganisationKind.MUNICIPALITY, "KV",
        "leitstelle-integration@kreis-musterkreis.example", "+49 0000 4400-0",
        (
            SiteSpec("kv-weinau", "Weinau", "Schlossplatz 2", "00140", "Weinau",
                     ((Weekday.FRIDAY, "09:00", "12:00"),)),
        ),
    ),
)  # fmt: skip

# What each account sees and does: only what the product does today (`lotse demo accounts`).
_COUNSELLOR = _(
    "own caseload and cases shared with the organisation: intake, case file, profile, "
    "work permission, deadlines"
)
ACCOUNTS = (
    AccountSpec("koordination", "kv", Role.COORDINATOR, "Katrin", "Vogelsang",
                _("organisations, sites and consultation hours of the network; the first "
                  "team-lead account of a new organisation; no case files")),
    AccountSpec("beratung.sozialwerk", "sw", Role.COUNSELLOR, "Selin", "Brückner", _COUNSELLOR),
    AccountSpec("leitung.sozialwerk", "sw", Role.TEAM_LEAD, "Thomas", "Lindqvist",
                _("all participants of the organisation; its accounts; moves cases between "
                  "counsellors")),
    AccountSpec("beratung.jobcenter", "jc", Role.COUNSELLOR, "Jana", "Oberholz", _COUNSELLOR),
    AccountSpec("beratung.lernwerk", "lw", Role.COUNSELLOR, "Malte", "Rosenkamp", _COUNSELLOR),
    AccountSpec("ehrenamt.sozialwerk", "sw", Role.VOLUNTEER, "Ulrike", "Sommerfeld",
                _("only the participants assigned to them: name, phone, preferred language")),
    AccountSpec("datenschutz", "kv", Role.DATA_PROTECTION, "Dirk", "Hallermann",
                _("the network's audit log: search, read, export; no case files")),
    AccountSpec("foerderung", "kv", Role.FUNDER, "Franziska", "Ebersberg",
                _("the network's reports (ESF Plus indicators and yearly figures): numbers "
                  "only, no names, no case files")),
)  # fmt: skip


@dataclass(frozen=True)
class NameBook:
    """Names of one nationality. A tuple entry lists spellings of the same name."""

    male: tuple[str | tuple[str, ...], ...]
    female: tuple[str | tuple[str, ...], ...]
    last: tuple[str | tuple[str, ...], ...]
    # Names in the original script, used as aliases (what a passport or a letter shows).
    script: dict[str, str]
    languages: tuple[str, ...]
    women_share: float = 0.35
    year_only_share: float = 0.1


_ARABIC_MALE = (
    ("Mohammad", "Muhammad", "Mohamed", "Mohammed"), ("Ahmad", "Ahmed"),
    ("Abdul Rahman", "Abdulrahman", "Abdelrahman"), ("Omar", "Umar"), ("Yusuf", "Youssef"),
    ("Hussein", "Husain"), "Ali", ("Khaled", "Khalid"), "Samir", "Karim", "Mahmoud", "Bilal",
    ("Abdullah", "Abdallah"), "Hamza", "Tarek", "Amjad", "Rami", "Fadi", "Anas", "Majd",
)  # fmt: skip
_ARABIC_FEMALE = (
    ("Fatima", "Fatma", "Fatimah"), ("Aisha", "Aysha"), ("Mariam", "Maryam"), ("Nour", "Noor"),
    "Rania", "Amal", "Huda", "Hiba", ("Zainab", "Zeinab"), ("Layla", "Leila"), "Lina", "Rasha",
    "Dima", "Yasmin", "Ghada", "Samira", "Reem",
)  # fmt: skip
_ARABIC_SCRIPT = {
    "Mohammad": "محمد", "Muhammad": "محمد", "Mohamed": "محمد", "Mohammed": "محمد",
    "Ahmad": "أحمد", "Ahmed": "أحمد", "Omar": "عمر", "Ali": "علي", "Khaled": "خالد",
    "Khalid": "خالد", "Mahmoud": "محمود", "Fatima": "فاطمة", "Mariam": "مريم",
    "Maryam": "مريم", "Aisha": "عائشة", "Huda": "هدى", "Al-Hassan": "الحسن",
    "Haddad": "حداد", "Khalil": "خليل", "Ibrahim": "إبراهيم", "Darwish": "درويش",
    "Hamdan": "حمدان", "Nasser": "ناصر", "Suleiman": "سليمان", "Al-Masri": "المصري",
}  # fmt: skip

NAME_BOOKS: dict[str, NameBook] = {
    "SY": NameBook(
        _ARABIC_MALE,
        _ARABIC_FEMALE,
        (
            ("Al-Hassan", "Alhassan", "El Hassan"),
            "Al-Masri",
            "Haddad",
            "Khalil",
            "Ibrahim",
            ("Suleiman", "Sulaiman"),
            "Hamdan",
            "Darwish",
            ("Nasser", "Naser"),
            ("Othman", "Osman"),
            "Al-Khatib",
            "Sabbagh",
            "Shami",
            "Abdo",
            "Kassem",
            "Halabi",
            "Mardini",
            "Najjar",
        ),
        _ARABIC_SCRIPT,
        ("ar", "ku"),
        women_share=0.38,
        year_only_share=0.06,
    ),
    "IQ": NameBook(
        (*_ARABIC_MALE, "Hawre", "Rebwar", "Karwan", "Dilshad"),
        (*_ARABIC_FEMALE, "Dilan", "Shilan", "Avin"),
        (
            "Ahmed",
            "Rashid",
            ("Hamad", "Hammad"),
            "Mustafa",
            ("Qadir", "Kadir"),
            "Saleh",
            "Jabbar",
            "Mahmood",
            "Abbas",
            "Hassan",
            "Tahir",
        ),
        _ARABIC_SCRIPT,
        ("ar", "ckb", "kmr"),
        women_share=0.36,
        year_only_share=0.1,
    ),
    "AF": NameBook(
        (
            ("Mohammad", "Muhammad"),
            ("Ahmad", "Ahmed"),
            ("Sayed", "Said"),
            "Farid",
            "Hamid",
            ("Jawad", "Javad"),
            ("Naveed", "Navid"),
            "Zabihullah",
            "Rahmatullah",
            "Mustafa",
            "Ali Reza",
            "Samiullah",
            "Wahid",
            "Ajmal",
        ),
        (
            "Zahra",
            ("Maryam", "Mariam"),
            "Fariba",
            "Shabnam",
            "Parwana",
            "Mursal",
            "Nilofar",
            "Mahsa",
            "Sima",
            "Farzana",
        ),
        (
            "Ahmadi",
            "Rahimi",
            "Hakimi",
            "Karimi",
            "Sultani",
            ("Noori", "Nuri"),
            ("Haidari", "Haydari"),
            "Popal",
            "Stanikzai",
            "Sadat",
            "Azizi",
            "Rezai",
            "Jalali",
        ),
        {"Ahmadi": "احمدی", "Rahimi": "رحیمی", "Karimi": "کریمی", "Zahra": "زهرا"},
        ("prs", "ps", "fa"),
        women_share=0.3,
        year_only_share=0.3,
    ),
    "UA": NameBook(
        (
            ("Oleksandr", "Aleksandr"),
            "Mykola",
            ("Andrii", "Andriy"),
            "Dmytro",
            ("Serhii", "Sergii"),
            ("Yurii", "Yuriy"),
            "Bohdan",
            "Vasyl",
            "Taras",
        ),
        (
            "Olena",
            "Iryna",
            "Kateryna",
            ("Tetiana", "Tatiana"),
            "Oksana",
            ("Nataliia", "Natalia"),
            ("Yuliia", "Yulia"),
            ("Anastasiia", "Anastasia"),
            "Halyna",
            "Svitlana",
            "Viktoriia",
        ),
        (
            "Kovalenko",
            "Bondarenko",
            "Shevchuk",
            "Tkachenko",
            "Kravchenko",
            "Melnyk",
            "Moroz",
            "Lysenko",
            "Savchenko",
            "Rudenko",
            ("Marchenko", "Martschenko"),
            "Polishchuk",
        ),
        {
            "Olena": "Олена",
            "Iryna": "Ірина",
            "Kateryna": "Катерина",
            "Oksana": "Оксана",
            "Kovalenko": "Коваленко",
            "Bondarenko": "Бондаренко",
            "Shevchuk": "Шевчук",
            "Tkachenko": "Ткаченко",
            "Melnyk": "Мельник",
            "Moroz": "Мороз",
            "Mykola": "Микола",
            "Dmytro": "Дмитро",
            "Lysenko": "Лисенко",
        },
        ("uk", "ru"),
        women_share=0.68,
        year_only_share=0.0,
    ),
    "TR": NameBook(
        ("Mehmet", "Ahmet", "Mustafa", "Emre", "Yusuf", "Murat", "Hasan", "Serkan", "Baran"),
        ("Ayşe", "Zeynep", "Elif", "Fatma", "Emine", "Hatice", "Rojda", "Berfin"),
        (
            ("Yılmaz", "Yilmaz"),
            "Kaya",
            "Demir",
            ("Şahin", "Sahin"),
            ("Çelik", "Celik"),
            ("Aydın", "Aydin"),
            ("Öztürk", "Oeztuerk", "Ozturk"),
            "Arslan",
            "Doğan",
            "Kılıç",
        ),
        {},
        ("tr", "kmr"),
        women_share=0.3,
        year_only_share=0.0,
    ),
    "IR": NameBook(
        (
            "Reza",
            "Ali",
            ("Hossein", "Hussein"),
            "Mehdi",
            "Amir",
            ("Saeed", "Said"),
            "Babak",
            "Arash",
            "Hamed",
        ),
        (
            ("Maryam", "Mariam"),
            "Zahra",
            "Narges",
            ("Fatemeh", "Fatima"),
            "Shirin",
            ("Leila", "Layla"),
            "Parisa",
            "Azadeh",
        ),
        (
            ("Hosseini", "Husseini"),
            "Mohammadi",
            ("Rezaei", "Rezaie"),
            "Ahmadi",
            "Moradi",
            "Karimi",
            ("Jafari", "Dschafari"),
            "Sadeghi",
            "Kazemi",
            "Tehrani",
        ),
        {"Hosseini": "حسینی", "Mohammadi": "محمدی", "Narges": "نرگس"},
        ("fa",),
        women_share=0.42,
        year_only_share=0.02,
    ),
    "ER": NameBook(
        (
            ("Yonas", "Yohannes"),
            ("Tesfay", "Tesfaye"),
            "Merhawi",
            "Dawit",
            "Semere",
            "Filmon",
            "Aman",
            "Robel",
        ),
        ("Helen", "Selam", "Saba", "Rahwa", "Luwam", "Senait", "Feven", "Eden"),
        (
            "Tesfamariam",
            "Gebremedhin",
            "Haile",
            "Kidane",
            "Tekle",
            ("Ghebreyesus", "Gebreyesus"),
            "Berhane",
            "Weldu",
        ),
        {},
        ("ti", "am"),
        women_share=0.35,
        year_only_share=0.4,
    ),
    "SO": NameBook(
        (
            "Abdi",
            ("Abdirahman", "Abdul Rahman"),
            ("Mohamed", "Mohammed"),
            "Ahmed",
            "Hassan",
            "Yusuf",
            "Abdullahi",
            "Liban",
        ),
        ("Amina", "Hodan", ("Fadumo", "Fatuma"), "Ifrah", ("Sahra", "Sara"), "Hamdi", "Ayaan"),
        ("Warsame", "Farah", "Abdi", "Hussein", "Jama", "Ali", ("Osman", "Othman"), "Nur"),
        {},
        ("so", "ar"),
        women_share=0.4,
        year_only_share=0.45,
    ),
    "GN": NameBook(
        ("Mamadou", "Alpha", "Ibrahima", "Ousmane", "Thierno", ("Sekou", "Sékou"), "Abdoulaye"),
        ("Mariama", ("Fatoumata", "Fatumata"), ("Aissatou", "Aïssatou"), "Kadiatou", "Hawa"),
        ("Diallo", "Barry", "Bah", "Sow", "Camara", ("Condé", "Conde"), ("Touré", "Toure")),
        {},
        ("ff", "fr"),
        women_share=0.2,
        year_only_share=0.35,
    ),
    "NG": NameBook(
        ("Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ibrahim", "Musa", "Kelechi", "Samuel"),
        ("Blessing", "Chioma", "Ngozi", "Adaeze", "Favour", "Funmilayo", "Esther"),
        ("Okafor", "Okonkwo", "Adeyemi", "Eze", "Nwosu", "Bello", "Abubakar", "Obi"),
        {},
        ("en", "ig", "yo", "ha"),
        women_share=0.4,
        year_only_share=0.1,
    ),
    "GE": NameBook(
        ("Giorgi", "Levan", ("Davit", "David"), "Irakli", "Nika", "Zurab"),
        ("Nino", "Tamar", "Mariam", "Ana", "Salome", "Ketevan"),
        ("Beridze", "Kapanadze", "Gelashvili", "Tsiklauri", "Lomidze", "Maisuradze"),
        {},
        ("ka", "ru"),
        women_share=0.4,
        year_only_share=0.0,
    ),
    "MD": NameBook(
        ("Ion", "Vasile", "Andrei", "Sergiu", "Mihai", "Victor"),
        ("Elena", "Natalia", "Cristina", "Ana", "Olga", "Irina"),
        ("Rusu", "Ceban", "Ciobanu", "Popa", "Cojocaru", "Lungu"),
        {},
        ("ro", "ru"),
        women_share=0.45,
        year_only_share=0.0,
    ),
    "AL": NameBook(
        ("Arben", "Besnik", "Ermal", "Gentian", "Klodian", "Dritan"),
        ("Elira", "Anisa", "Blerta", "Jonida", "Erjona"),
        ("Leka", "Marku", "Kola", "Prifti", "Dervishi", "Lika"),
        {},
        ("sq",),
        women_share=0.4,
        year_only_share=0.0,
    ),
}
# Nationality shares roughly as among refugees in Germany; "stateless"/"unclear" are special
# values (NationalityStatus) and take their names from the Syrian book.
NATIONALITY_WEIGHTS = (
    ("SY", 24), ("AF", 17), ("UA", 18), ("IQ", 8), ("TR", 7), ("IR", 5), ("ER", 4), ("SO", 3),
    ("GN", 3), ("NG", 3), ("GE", 2), ("MD", 2), ("AL", 2), ("stateless", 1), ("unclear", 1),
)  # fmt: skip
SAFE_COUNTRIES = frozenset({"GE", "MD", "AL"})

STREETS = (
    "Lindenallee", "Am Mühlbach", "Gartenstraße", "Kirchweg", "Rosenstraße", "Am Wasserturm",
    "Schulstraße", "Birkenweg", "Lerchenfeld", "Hafenstraße", "Weinbergweg", "Am Anger",
)  # fmt: skip
PLACES = (("00110", "Musterstadt"), ("00120", "Nordheim"), ("00130", "Südhafen"),
          ("00140", "Weinau"), ("00150", "Ostwiesen"))  # fmt: skip

WORK_BAN = "Erwerbstätigkeit nicht gestattet"
PERMIT_NEEDED = "Beschäftigung nur mit Erlaubnis der Ausländerbehörde"
WORK_ALLOWED = "Erwerbstätigkeit erlaubt"

EXIT_OUTCOME_WEIGHTS = (
    ("employment", 30), ("vocational_training", 20), ("school", 7), ("qualification", 15),
    ("job_searching", 9), ("other", 5), ("dropped_out", 10), ("unknown", 4),
)  # fmt: skip

CONTACT_FORM_WEIGHTS = (("in_person", 60), ("phone", 25), ("video", 5), ("outreach", 10))

# Topic → notes and next steps a counsellor would write about it (no personal data).
TOPIC_TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "residence_law": (
        (
            "Verlängerung der Duldung besprochen.",
            "Bescheid der Ausländerbehörde erklärt.",
            "Fragen zur Beschäftigungserlaubnis geklärt.",
        ),
        (
            "Termin bei der Ausländerbehörde wegen Verlängerung",
            "Antrag auf Beschäftigungserlaubnis mit Arbeitsplatzbeschreibung einreichen",
            "Passbeschaffung: Nachweise sammeln",
        ),
    ),
    "language": (
        ("Stand im Deutschkurs besprochen.", "Sprachniveau eingeschätzt (A2 auf dem Weg zu B1)."),
        ("Anmeldung Berufssprachkurs B1 klären", "Zertifikat Integrationskurs nachreichen"),
    ),
    "school": (
        ("Möglichkeiten für den Hauptschulabschluss besprochen.",),
        ("Anmeldung Hauptschulabschluss-Externenkurs", "Beratungstermin Berufsschule vereinbaren"),
    ),
    "recognition": (
        ("Unterlagen zur Anerkennung gesichtet.", "Anerkennungsverfahren erklärt."),
        (
            "Zeugnisse übersetzen lassen",
            "Antrag auf Anerkennung bei der zuständigen Stelle stellen",
        ),
    ),
    "career_orientation": (
        (
            "Berufliche Wünsche besprochen: Pflege oder Logistik.",
            "Kompetenzen erfasst.",
            "Praktikumsmöglichkeiten besprochen.",
        ),
        ("Praktikum im Pflegedienst Lindenhof anfragen", "Berufsorientierungstag besuchen"),
    ),
    "application": (
        (
            "Lebenslauf gemeinsam überarbeitet.",
            "Bewerbung vorbereitet.",
            "Vorstellungsgespräch geübt.",
        ),
        (
            "Bewerbung an Logistik Nord GmbH schicken",
            "Bewerbungsfoto mitbringen",
            "Anschreiben fertigstellen",
        ),
    ),
    "training": (
        ("Ausbildungsplätze besprochen.", "Einstiegsqualifizierung als Weg erklärt."),
        ("Vorstellung bei Elektro Weber & Söhne", "Unterlagen für Ausbildungsduldung vorbereiten"),
    ),
    "employment": (
        ("Stellenangebote durchgesehen.", "Arbeitsvertrag gemeinsam gelesen."),
        ("Probearbeit bei Bäckerei Sonnenkorn vereinbaren", "Staplerschein-Kurs anfragen"),
    ),
    "social": (
        ("Kinderbetreuung besprochen.", "Fragen zum Bürgergeld-Bescheid geklärt."),
        ("Kita-Platz beantragen", "Termin beim Jobcenter wahrnehmen"),
    ),
    "housing": (
        ("Wohnungssuche besprochen.", "Auszug aus der Gemeinschaftsunterkunft geplant."),
        ("Wohnberechtigungsschein beantragen",),
    ),
    "health": (
        ("Gesundheitliche Einschränkungen besprochen.",),
        ("Arzttermin für Eignungsuntersuchung vereinbaren",),
    ),
    "other": (("Allgemeines Beratungsgespräch.",), ("Unterlagen mitbringen",)),
}
