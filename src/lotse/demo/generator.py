"""The deterministic part of the demo: plain plans of fictional participants, no Django models.

`people_plan` draws everything from one `random.Random(seed)`, in a fixed order, and only as
offsets from `today`; so the same seed gives the same people (names, birth dates, sequence of
file numbers) on every machine and every day, while their dates move along with today. The
loader (`lotse.demo.load`) turns a plan into data through the real services; the benchmark
seeder (`bench/seed.py`) turns it into rows.
"""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from lotse.demo import vocabulary as voc

DEMO_SEED = 2022
DEMO_PARTICIPANTS = 300
HISTORY_DAYS = 730  # counselling contacts reach back 24 months


@dataclass(frozen=True)
class DocumentPlan:
    document_type: str
    section: str
    issued_on: datetime.date | None
    valid_until: datetime.date | None
    annotation: str


@dataclass(frozen=True)
class StepPlan:
    description: str
    due_on: datetime.date | None
    done_on: datetime.date | None


@dataclass(frozen=True)
class ContactPlan:
    took_place_on: datetime.date
    duration_minutes: int
    form: str
    topics: tuple[str, ...]
    interpreter_language: str
    note: str
    steps: tuple[StepPlan, ...]


@dataclass(frozen=True)
class ConsentPlan:
    purpose: str
    organisations: tuple[str, ...]  # organisation keys of vocabulary.ORGANISATIONS
    given_on: datetime.date
    form: str
    witness: str
    valid_until: datetime.date | None
    revoked_on: datetime.date | None


@dataclass(frozen=True)
class PersonPlan:
    index: int
    organisation: str
    counsellor: str  # username (demo) or a counsellor slot (benchmark)
    site: str
    first_names: str
    last_name: str
    aliases: str
    gender: str
    birth_date: datetime.date | None
    birth_year: int
    birth_date_precision: str
    nationality: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    preferred_language: str
    interpreter_needed: bool
    interpreter_language: str
    wishes: str
    registered_on: datetime.date
    entry_date: datetime.date | None
    exit_date: datetime.date | None
    exit_outcome: str
    documents: tuple[DocumentPlan, ...]
    contacts: tuple[ContactPlan, ...]
    consents: tuple[ConsentPlan, ...]
    shares: tuple[str, ...] = field(default=())
    volunteer: bool = False


# Case-owning organisations of the demo with their share of participants, counsellors
# (username, share of the caseload) and sites (key, share).
CASE_OWNERS = (
    (
        "sw",
        45,
        (("beratung.sozialwerk", 75), ("leitung.sozialwerk", 25)),
        (("sw-musterstadt", 70), ("sw-nordheim", 30)),
    ),
    ("jc", 30, (("beratung.jobcenter", 100),), (("jc-musterstadt", 100),)),
    ("lw", 25, (("beratung.lernwerk", 100),), (("lw-suedhafen", 100),)),
)
PARTNERS = ("sw", "jc", "lw")

WISHES = (
    "Ich möchte in der Pflege arbeiten.",
    "Ich will eine Ausbildung als Elektriker machen.",
    "Ich möchte besser Deutsch lernen und dann arbeiten.",
    "Ich suche Arbeit im Lager.",
    "Ich war Lehrerin und möchte wieder unterrichten.",
    "Ich möchte meinen Schulabschluss machen.",
    "Ich möchte als Koch arbeiten.",
    "Ich will schnell Geld verdienen für meine Familie.",
    "Ich möchte im Einzelhandel arbeiten.",
    "Ich möchte als Programmierer arbeiten.",
    "",
)
WITNESSES = ("Frau Kessler (Sprachmittlerin)", "Herr Yavuz (Kollege)", "Frau Marquardt")


def _weighted[T](rng: random.Random, pairs: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _spelling(rng: random.Random, entry: str | tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """One spelling of a name and the other spellings of the same name."""
    if isinstance(entry, str):
        return entry, ()
    chosen = rng.choice(entry)
    return chosen, tuple(s for s in entry if s != chosen)


def _age(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.05:
        return rng.randint(16, 17)
    if roll < 0.55:
        return rng.randint(18, 27)  # the focus group of most programmes
    if roll < 0.85:
        return rng.randint(28, 40)
    return rng.randint(41, 58)


def _documents(
    rng: random.Random,
    nationality: str,
    age: int,
    registered_on: datetime.date,
    today: datetime.date,
) -> tuple[DocumentPlan, ...]:
    """A history of one to three documents; the last one is the current document."""
    roll = rng.random()
    if nationality == "UA":
        current = (
            ("fictional_certificate", "§ 81 Abs. 4", voc.WORK_ALLOWED)
            if roll < 0.12
            else ("residence_permit", "§ 24 Abs. 1", voc.WORK_ALLOWED)
        )
    elif nationality in voc.SAFE_COUNTRIES:
        current = (
            ("duldung", "§ 60a Abs. 2", voc.WORK_BAN + " (§ 60a Abs. 6)")
            if roll < 0.55
            else ("gestattung", "§ 55 AsylG", voc.WORK_BAN)
        )
    elif nationality in ("GN", "NG", "unclear"):
        current = _weighted(
            rng,
            (
                (("duldung", "§ 60a Abs. 2", voc.PERMIT_NEEDED), 30),
                (("duldung_60b", "§ 60b", voc.WORK_BAN), 12),
                (
                    ("ausbildungsduldung", "§ 60c", "Ausbildung bei einem Betrieb im Musterkreis"),
                    15,
                ),
                (("beschaeftigungsduldung", "§ 60d", voc.WORK_ALLOWED), 8),
                (("gestattung", "§ 55 AsylG", voc.PERMIT_NEEDED), 25),
                (("residence_permit", "§ 25b Abs. 1", voc.WORK_ALLOWED), 10),
            ),
        )
    elif nationality in ("AF", "IQ", "IR", "TR"):
        young = age <= 27
        current = _weighted(
            rng,
            (
                (("gestattung", "§ 55 AsylG", voc.PERMIT_NEEDED), 30),
                (("residence_permit", "§ 25 Abs. 2", voc.WORK_ALLOWED), 25),
                (("residence_permit", "§ 25 Abs. 3", voc.WORK_ALLOWED), 8),
                (("duldung", "§ 60a Abs. 2", voc.PERMIT_NEEDED), 15),
                (("ausbildungsduldung", "§ 60c", "Ausbildung bei einem Betrieb im Musterkreis"), 5),
                (("residence_permit", "§ 25a Abs. 1", voc.WORK_ALLOWED), 10 if young else 0),
                (("residence_permit", "§ 25b Abs. 1", voc.WORK_ALLOWED), 0 if young else 7),
            ),
        )
    else:  # SY, ER, SO, stateless
        current = _weighted(
            rng,
            (
                (("residence_permit", "§ 25 Abs. 2", voc.WORK_ALLOWED), 55),
                (("residence_permit", "§ 25 Abs. 1", voc.WORK_ALLOWED), 10),
                (("gestattung", "§ 55 AsylG", voc.PERMIT_NEEDED), 20),
                (("settlement_permit", "§ 26 Abs. 3", voc.WORK_ALLOWED), 5),
                (("fictional_certificate", "§ 81 Abs. 4", voc.WORK_ALLOWED), 10),
            ),
        )
    document_type, section, annotation = current
    if document_type == "gestattung" and rng.random() < 0.3:
        # still in the reception centre: the first months bring a ban on work
        annotation = "Wohnverpflichtung in der Aufnahmeeinrichtung; " + voc.WORK_BAN
    issued = registered_on - datetime.timedelta(days=rng.randint(0, 400))
    roll = rng.random()
    if document_type == "settlement_permit":
        valid_until = None
    elif roll < 0.1:
        valid_until = today + datetime.timedelta(days=rng.randint(0, 29))  # expires soon
    elif roll < 0.14:
        valid_until = today - datetime.timedelta(days=rng.randint(1, 60))  # overdue renewal
    else:
        months = {
            "duldung": 6,
            "duldung_60b": 3,
            "gestattung": 6,
            "fictional_certificate": 6,
            "ausbildungsduldung": 36,
            "beschaeftigungsduldung": 30,
        }.get(document_type, 36)
        valid_until = today + datetime.timedelta(days=rng.randint(31, 31 * months))
    if valid_until is not None and valid_until < issued:
        issued = valid_until - datetime.timedelta(days=rng.randint(90, 360))
    documents = [DocumentPlan(document_type, section, issued, valid_until, annotation)]
    # Earlier documents: the path that led to the current one.
    earlier = {
        "residence_permit": ("gestattung", "§ 55 AsylG"),
        "ausbildungsduldung": ("duldung", "§ 60a Abs. 2"),
        "beschaeftigungsduldung": ("duldung", "§ 60a Abs. 2"),
        "duldung": ("gestattung", "§ 55 AsylG"),
        "settlement_permit": ("residence_permit", "§ 25 Abs. 2"),
        "fictional_certificate": ("residence_permit", "§ 25 Abs. 2"),
    }
    kind = document_type
    for _ in range(rng.choice((0, 1, 1, 2))):
        if kind not in earlier or (nationality == "UA" and kind == "residence_permit"):
            break
        kind, section = earlier[kind]
        end = documents[0].issued_on or today
        before = end - datetime.timedelta(days=rng.randint(1, 20))
        start = before - datetime.timedelta(days=rng.randint(120, 540))
        documents.insert(0, DocumentPlan(kind, section, start, before, voc.PERMIT_NEEDED))
    return tuple(documents)


def _topics_for(rng: random.Random, document_type: str, status_exited: bool) -> tuple[str, ...]:
    weights = {
        "language": 20,
        "career_orientation": 18,
        "application": 16,
        "employment": 10,
        "training": 10,
        "recognition": 7,
        "residence_law": 8,
        "social": 8,
        "housing": 5,
        "school": 4,
        "health": 3,
        "other": 2,
    }
    if document_type in ("duldung", "duldung_60b", "gestattung", "ausbildungsduldung"):
        weights["residence_law"] = 30
    if status_exited:
        weights["employment"] = 20
    pairs = tuple(weights.items())
    chosen: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        topic = _weighted(rng, pairs)
        if topic not in chosen:
            chosen.append(topic)
    return tuple(chosen)


def _contacts(
    rng: random.Random,
    start: datetime.date,
    end: datetime.date,
    document_type: str,
    interpreter: str,
    exited: bool,
    today: datetime.date,
    average: float,
) -> tuple[ContactPlan, ...]:
    span = max((end - start).days, 1)
    count = max(1, min(int(rng.expovariate(1 / average)) + 1, 3 * int(average) + 3))
    days = sorted({rng.randint(0, span) for _ in range(count)})
    contacts: list[ContactPlan] = []
    for n, offset in enumerate(days):
        on = start + datetime.timedelta(days=offset)
        topics = _topics_for(rng, document_type, exited)
        notes, steps = voc.TOPIC_TEXTS[topics[0]]
        following = (start + datetime.timedelta(days=days[n + 1])) if n + 1 < len(days) else None
        step_plans: list[StepPlan] = []
        if rng.random() < 0.7:
            due = on + datetime.timedelta(days=rng.randint(7, 42))
            if following is not None:
                done = min(following, due) if following <= today else None
            elif exited:
                done = min(end, due)
            else:
                done = None  # the open next step of an active case; overdue when due < today
            step_plans.append(StepPlan(rng.choice(steps), due, done))
        contacts.append(
            ContactPlan(
                took_place_on=on,
                duration_minutes=rng.choice((15, 20, 30, 30, 45, 45, 60, 90)),
                form=_weighted(rng, voc.CONTACT_FORM_WEIGHTS),
                topics=topics,
                interpreter_language=interpreter if interpreter and rng.random() < 0.8 else "",
                note=rng.choice(notes),
                steps=tuple(step_plans),
            )
        )
    return tuple(contacts)


def people_plan(
    *,
    today: datetime.date,
    count: int = DEMO_PARTICIPANTS,
    seed: int = DEMO_SEED,
    owners: tuple[
        tuple[str, int, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]], ...
    ] = CASE_OWNERS,
    partners: tuple[str, ...] = PARTNERS,
    contacts_average: float = 5.0,
) -> Iterator[PersonPlan]:
    """`count` fictional participants, the same ones for the same seed."""
    rng = random.Random(seed)
    owner_weights = tuple((o, o[1]) for o in owners)
    volunteers_left = 5
    for index in range(count):
        owner = _weighted(rng, owner_weights)
        organisation, _share, counsellors, sites = owner
        nationality = _weighted(rng, voc.NATIONALITY_WEIGHTS)
        book = voc.NAME_BOOKS.get(nationality, voc.NAME_BOOKS["SY"])
        female = rng.random() < book.women_share
        first, first_other = _spelling(rng, rng.choice(book.female if female else book.male))
        if rng.random() < 0.12:  # a second given name
            second, _ = _spelling(rng, rng.choice(book.female if female else book.male))
            if second != first:
                first = f"{first} {second}"
        last, last_other = _spelling(rng, rng.choice(book.last))
        aliases: list[str] = []
        if (first_other or last_other) and rng.random() < 0.35:
            aliases.append(
                f"{rng.choice(first_other or (first,))} {rng.choice(last_other or (last,))}"
            )
        script_first = book.script.get(first.split()[0])
        script_last = book.script.get(last)
        if (script_first or script_last) and rng.random() < 0.4:
            aliases.append(f"{script_first or first} {script_last or last}")
        age = _age(rng)
        birthday_offset = rng.randint(0, 364)
        year_only = rng.random() < book.year_only_share
        registered_on = today - datetime.timedelta(days=rng.randint(3, HISTORY_DAYS))
        birth = today - datetime.timedelta(days=age * 365 + age // 4 + birthday_offset)
        gender = "female" if female else ("diverse" if rng.random() < 0.005 else "male")
        language = rng.choice(book.languages)
        interpreter = language if language not in ("en", "fr") and rng.random() < 0.4 else ""
        place = rng.choice(voc.PLACES)
        counsellor = _weighted(rng, counsellors)
        site = _weighted(rng, sites)

        # Status: some just registered, most enrolled, about a third already left.
        roll = rng.random()
        entry_date = exit_date = None
        exit_outcome = ""
        if roll < 0.6 and (today - registered_on).days < 45:  # intake done, not yet enrolled
            status = "registered"
        else:
            status = "enrolled"
            entry_date = registered_on + datetime.timedelta(days=rng.randint(0, 14))
            if entry_date >= today:
                entry_date = registered_on
            if rng.random() < 0.36 and (today - entry_date).days > 90:
                status = "exited"
                exit_date = entry_date + datetime.timedelta(
                    days=rng.randint(60, (today - entry_date).days - 1)
                )
                exit_outcome = _weighted(rng, voc.EXIT_OUTCOME_WEIGHTS)
        documents = _documents(rng, nationality, age, registered_on, today)
        contacts = _contacts(
            rng,
            registered_on,
            exit_date or today,
            documents[-1].document_type,
            interpreter,
            status == "exited",
            today,
            contacts_average,
        )
        consents: list[ConsentPlan] = []
        shares: tuple[str, ...] = ()
        if rng.random() < 0.85:
            consents.append(
                ConsentPlan("reporting", (), registered_on, "signed_paper", "", None, None)
            )
        if rng.random() < 0.35:
            others = tuple(p for p in partners if p != organisation)
            covered = tuple(sorted(rng.sample(others, rng.randint(1, len(others)))))
            verbal = rng.random() < 0.2
            revoked = (
                registered_on + datetime.timedelta(days=rng.randint(30, 200))
                if rng.random() < 0.08
                else None
            )
            if revoked is not None and revoked >= today:
                revoked = None
            consents.append(
                ConsentPlan(
                    "case_sharing",
                    covered,
                    registered_on,
                    "verbal_with_witness" if verbal else "signed_paper",
                    rng.choice(WITNESSES) if verbal else "",
                    registered_on + datetime.timedelta(days=3 * 365),
                    revoked,
                )
            )
            if revoked is None and status != "exited" and rng.random() < 0.6:
                shares = (covered[0],)
        volunteer = (
            organisation == "sw"
            and status == "enrolled"
            and volunteers_left > 0
            and rng.random() < 0.1
        )
        volunteers_left -= volunteer
        first_key = first.split()[0].lower().replace(" ", "")
        yield PersonPlan(
            index=index,
            organisation=organisation,
            counsellor=counsellor,
            site=site,
            first_names=first,
            last_name=last,
            aliases="\n".join(aliases),
            gender=gender,
            birth_date=None if year_only else birth,
            birth_year=birth.year,
            birth_date_precision="year" if year_only else "day",
            nationality=nationality,
            street=f"{rng.choice(voc.STREETS)} {rng.randint(1, 80)}",
            postcode=place[0],
            city=place[1],
            phone=f"+49 1520 000{rng.randint(1000, 9999)}" if rng.random() < 0.85 else "",
            email=(
                f"{_ascii(first_key)}.{_ascii(last.lower())}{index}@post.example"
                if rng.random() < 0.4
                else ""
            ),
            preferred_language=language,
            interpreter_needed=bool(interpreter),
            interpreter_language=interpreter,
            wishes=rng.choice(WISHES),
            registered_on=registered_on,
            entry_date=entry_date,
            exit_date=exit_date,
            exit_outcome=exit_outcome,
            documents=documents,
            contacts=contacts,
            consents=tuple(consents),
            shares=shares,
            volunteer=volunteer,
        )


def _ascii(text: str) -> str:
    table = str.maketrans(
        {
            "ä": "ae",
            "ö": "oe",
            "ü": "ue",
            "ß": "ss",
            "ş": "s",
            "ç": "c",
            "ı": "i",
            "ğ": "g",
            "é": "e",
            "ï": "i",
        }
    )
    return "".join(ch for ch in text.translate(table) if ch.isascii() and ch.isalnum())
