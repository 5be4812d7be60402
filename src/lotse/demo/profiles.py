"""The deterministic profiles and career plans of the demo participants: plain plans, no models.

A profile is drawn from its own `random.Random`, seeded by the demo seed and the participant's
index, never from the stream of `people_plan`: adding or changing profile data leaves names,
file numbers and the order of the participants untouched. Like the people, profiles are drawn
as offsets from the person's dates (and so from `today`).

Occupations are coded with rows of Lotse's curated taxonomy (`taxonomy/data/occupations.csv`):
real KldB 2010 5-digit codes with their ISCO-08 unit group and German label. Everything else
(employers, qualifications, notes) is invented and names no real person or organisation.
"""

import datetime
import functools
import random
from collections.abc import Iterable
from dataclasses import dataclass

from lotse.demo.generator import DEMO_SEED, PersonPlan
from lotse.taxonomy.importers.curated import parse_curated

PROFILE_SHARE = 0.8
LEVELS = ("A1", "A2", "B1", "B2", "C1")


@dataclass(frozen=True)
class OccupationRef:
    key: str  # key of the curated taxonomy
    kldb_code: str
    isco_code: str
    label: str


@dataclass(frozen=True)
class LanguagePlan:
    language: str
    level: str


@dataclass(frozen=True)
class CertificatePlan:
    kind: str
    name: str
    level: str
    issued_on: datetime.date


@dataclass(frozen=True)
class CoursePlan:
    kind: str
    status: str
    target_level: str
    provider: str
    started_on: datetime.date | None
    ended_on: datetime.date | None


@dataclass(frozen=True)
class EducationPlan:
    country: str
    from_year: int
    to_year: int | None
    completed: bool
    isced_level: int
    certificate: str
    documents_exist: bool
    german_equivalent: str


@dataclass(frozen=True)
class WorkPlan:
    occupation: OccupationRef
    country: str
    started_on: datetime.date
    ended_on: datetime.date | None
    employer: str
    tasks: str
    informal: bool


@dataclass(frozen=True)
class SkillPlan:
    label: str
    evidence: str


@dataclass(frozen=True)
class ResourcesPlan:
    latin_literacy: str
    driving_licences: tuple[str, ...]
    childcare_duties: bool
    hours_per_week: int | None
    shift_work: bool | None
    mobility: tuple[str, ...]
    desired_regions: str


@dataclass(frozen=True)
class RecognitionPlan:
    qualification: str
    authority: str
    reference: OccupationRef
    status: str
    result: str
    adaptation_measures: str
    applied_on: datetime.date | None
    decided_on: datetime.date | None
    zeugnisbewertung: bool
    zeugnisbewertung_on: datetime.date | None


@dataclass(frozen=True)
class CareerStepPlan:
    description: str
    organisation: str  # organisation key of vocabulary.ORGANISATIONS
    responsible_user: str  # username of a demo account, or ""
    responsible_person: str
    due_on: datetime.date | None
    status: str


@dataclass(frozen=True)
class CareerGoalPlan:
    kind: str
    target: OccupationRef | None
    target_label: str
    target_date: datetime.date | None
    status: str
    steps: tuple[CareerStepPlan, ...]


@dataclass(frozen=True)
class ActivityPlan:
    kind: str
    took_place_on: datetime.date
    content: str


@dataclass(frozen=True)
class HealthPlan:
    description: str
    work_impact: str


@dataclass(frozen=True)
class ProfilePlan:
    index: int
    languages: tuple[LanguagePlan, ...]
    certificates: tuple[CertificatePlan, ...]
    courses: tuple[CoursePlan, ...]
    education: tuple[EducationPlan, ...]
    work: tuple[WorkPlan, ...]
    skills: tuple[SkillPlan, ...]
    resources: ResourcesPlan
    desired: tuple[OccupationRef, ...]
    recognitions: tuple[RecognitionPlan, ...]
    goals: tuple[CareerGoalPlan, ...]
    activities: tuple[ActivityPlan, ...]
    health: tuple[HealthPlan, ...]


# --- vocabulary -------------------------------------------------------------------------------

# Common fields of work with occupations of the curated taxonomy (keys), tasks in the
# participant's words and skills a counsellor might note.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "care": (
        ("altenpflegehelfer", "krankenpflegehelfer", "alltagsbegleiter", "hauswirtschaftshelfer"),
        (
            "Alte Menschen gewaschen und angezogen.",
            "Beim Essen geholfen, Betten gemacht.",
            "Mit den Bewohnern spazieren gegangen und gesprochen.",
            "Meine kranke Mutter und Nachbarn gepflegt.",
        ),
        ("Grundpflege", "Umgang mit älteren Menschen", "Erste Hilfe"),
    ),
    "logistics": (
        ("lagerhelfer", "fachlagerist", "staplerfahrer", "paketzusteller", "auslieferungsfahrer"),
        (
            "Pakete gepackt und Ware ins Regal geräumt.",
            "Mit dem Stapler Paletten gefahren.",
            "Waren gezählt und Lieferscheine geprüft.",
            "Pakete mit dem Transporter ausgeliefert.",
        ),
        ("Kommissionieren", "Gabelstapler fahren", "Ware annehmen und prüfen"),
    ),
    "gastronomy": (
        ("beikoch", "koch", "kellner", "gastronomiehelfer", "imbiss", "pizzabaecker", "baecker"),
        (
            "Gemüse geschnitten und Essen vorbereitet.",
            "Gekocht für viele Gäste.",
            "Gäste bedient und kassiert.",
            "Geschirr gespült und die Küche sauber gemacht.",
            "Brot und Gebäck gebacken, früh am Morgen.",
        ),
        ("Speisen zubereiten", "Hygieneregeln in der Küche", "Gäste bedienen"),
    ),
    "construction": (
        ("bauhelfer", "maurer", "maler", "malerhelfer", "fliesenleger", "trockenbauer"),
        (
            "Steine getragen und Mörtel gemischt.",
            "Wände gemauert.",
            "Wände gestrichen und tapeziert.",
            "Fliesen in Bädern und Küchen gelegt.",
        ),
        ("Mauern", "Fliesen legen", "Streichen und Lackieren"),
    ),
    "retail": (
        ("verkaeufer", "verkaufshelfer", "kassierer", "marktverkaeufer", "verkaeufer_lebensmittel"),
        (
            "Kunden beraten und an der Kasse gearbeitet.",
            "Regale aufgefüllt.",
            "Obst und Gemüse auf dem Markt verkauft.",
            "Im Laden der Familie verkauft und bestellt.",
        ),
        ("Kasse bedienen", "Kunden beraten", "Ware präsentieren"),
    ),
    "crafts": (
        ("tischler", "naeher", "friseur", "kfz_mechatroniker", "elektroniker", "schweisser"),
        (
            "Möbel gebaut und repariert.",
            "Kleidung genäht und geändert.",
            "Haare geschnitten, Bärte rasiert.",
            "Autos repariert, Öl und Reifen gewechselt.",
            "Kabel verlegt und Steckdosen angeschlossen.",
            "Metall geschweißt für Türen und Gitter.",
        ),
        ("Nähen", "Holz bearbeiten", "Schweißen", "Elektroinstallation"),
    ),
    "it": (
        ("it_support", "softwareentwickler", "webentwickler", "systemadministrator"),
        (
            "Computer eingerichtet und repariert.",
            "Webseiten programmiert.",
            "Netzwerk im Büro betreut.",
            "Kollegen bei Problemen mit dem Computer geholfen.",
        ),
        ("Webseiten mit HTML und CSS", "Computer einrichten", "Programmieren in Python"),
    ),
}
FIELD_WEIGHTS_MEN = (
    ("care", 4), ("logistics", 20), ("gastronomy", 18), ("construction", 24), ("retail", 12),
    ("crafts", 17), ("it", 5),
)  # fmt: skip
FIELD_WEIGHTS_WOMEN = (
    ("care", 30), ("logistics", 6), ("gastronomy", 20), ("construction", 1), ("retail", 22),
    ("crafts", 16), ("it", 5),
)  # fmt: skip
# Fields of a German Ausbildung or job that participants often aim for.
DESIRED_KEYS = {
    "care": ("altenpflegehelfer", "pflegefachmann", "krankenpflegehelfer"),
    "logistics": ("fachlagerist", "fachkraft_lagerlogistik", "berufskraftfahrer_lkw"),
    "gastronomy": ("koch", "fachkraft_gastgewerbe", "beikoch"),
    "construction": ("maurer", "anlagenmechaniker_shk", "maler"),
    "retail": ("verkaeufer", "einzelhandelskaufmann"),
    "crafts": ("elektroniker", "kfz_mechatroniker", "tischler", "friseur"),
    "it": ("fachinformatiker_si", "fachinformatiker_ae"),
}
GERMAN_EMPLOYERS = {
    "care": "Pflegedienst Lindenhof",
    "logistics": "Logistik Nord GmbH",
    "gastronomy": "Hotel Am Weinberg",
    "construction": "Bau & Ausbau Kranich GmbH",
    "retail": "Frischemarkt Wiesengrund",
    "crafts": "Elektro Weber & Söhne",
    "it": "Datenwerk Musterstadt",
}
HOME_EMPLOYERS = (
    "kleiner Familienbetrieb",
    "Betrieb im Heimatort",
    "Firma in der Hauptstadt",
    "",
)

# Education: weights of (none, primary, secondary, vocational, university) per nationality.
EDUCATION_WEIGHTS: dict[str, tuple[int, int, int, int, int]] = {
    "SY": (8, 20, 35, 12, 25),
    "AF": (30, 30, 25, 5, 10),
    "UA": (0, 0, 20, 35, 45),
    "IQ": (15, 25, 30, 10, 20),
    "TR": (5, 20, 35, 20, 20),
    "IR": (5, 10, 35, 15, 35),
    "ER": (25, 35, 25, 10, 5),
    "SO": (35, 35, 20, 5, 5),
    "GN": (40, 30, 20, 5, 5),
    "NG": (10, 20, 40, 15, 15),
    "GE": (0, 10, 40, 35, 15),
    "MD": (0, 10, 40, 35, 15),
    "AL": (0, 10, 45, 30, 15),
}
EDUCATION_DEFAULT = (30, 30, 25, 10, 5)
SCHOOL_COUNTRY = {"stateless": "SY", "unclear": "SD"}
# Subjects: (name, occupation key of the qualification, who decides its recognition or "").
UNIVERSITY_SUBJECTS = (
    ("Krankenpflege", "pflegefachmann", "Anerkennungsstelle für Gesundheitsfachberufe"),
    ("Bauingenieurwesen", "bauingenieur", "Ingenieurkammer des Landes"),
    ("Maschinenbau", "ingenieur_maschinenbau", "Ingenieurkammer des Landes"),
    ("Lehramt Grundschule", "grundschullehrer", "Anerkennungsstelle für Lehrkräfte"),
    ("Lehramt Mathematik", "lehrer_sek", "Anerkennungsstelle für Lehrkräfte"),
    ("Medizin", "arzt", "Approbationsbehörde des Landes"),
    ("Informatik", "informatiker", ""),
    ("Betriebswirtschaft", "buchhalter", ""),
    ("Englische Sprache", "sprachlehrer", ""),
)
VOCATIONAL_SUBJECTS = (
    ("Elektrotechnik", "elektroniker", "Handwerkskammer Musterkreis"),
    (
        "Krankenpflege (Fachschule)",
        "pflegefachmann",
        "Anerkennungsstelle für Gesundheitsfachberufe",
    ),
    ("Kfz-Technik", "kfz_mechatroniker", "Handwerkskammer Musterkreis"),
    ("Schneiderei", "naeher", ""),
    ("Friseurhandwerk", "friseur", "Handwerkskammer Musterkreis"),
    ("Kochen", "koch", ""),
    ("Buchhaltung", "buchhalter", ""),
)
GERMAN_COURSE_PROVIDERS = ("Lernwerk Muster gGmbH", "Sprachschule Mosaik Musterstadt")
ADAPTATION_MEASURES = {
    "pflegefachmann": "Anpassungslehrgang (6 Monate) oder Kenntnisprüfung",
    "arzt": "Kenntnisprüfung und Fachsprachprüfung C1",
    "grundschullehrer": "Anpassungslehrgang an einer Schule (12 Monate), Deutsch C2",
    "lehrer_sek": "Zweites Fach nachholen, Anpassungslehrgang (12 Monate)",
    "elektroniker": "Anpassungsqualifizierung Elektrosicherheit",
    "kfz_mechatroniker": "Anpassungsqualifizierung Fahrzeugelektronik",
    "friseur": "Praxisphase in einem Salon (3 Monate)",
    "bauingenieur": "Nachweis von Kenntnissen im deutschen Baurecht",
    "ingenieur_maschinenbau": "Nachweis von Modulen in Werkstoffkunde",
}
OTHER_SKILLS = ("Kinderbetreuung in der Familie", "Erste Hilfe", "Autofahren", "Übersetzen")
HEALTH = (
    ("Keine schweren Lasten heben", "Keine Arbeit mit Lasten über 10 kg."),
    ("Keine Arbeit über Kopf (Schulter)", "Lager und Regale: nur bis Schulterhöhe."),
    ("Keine dauerhafte Nachtarbeit", "Früh- und Spätschicht möglich, keine Nachtschicht."),
    ("Allergie gegen Reinigungsmittel", "Nur mit Handschuhen, keine Reinigungsarbeiten."),
)
# Participants with a (harmless) health restriction: the first suitable ones in plan order.
HEALTH_COUNT = 4

# Career goals: steps as (description, responsible organisation: a key or "own", by whom).
STEP_TEMPLATES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "employment": (
        ("Lebenslauf auf Deutsch schreiben", "lw", ""),
        ("Bewerbungstraining besuchen", "lw", ""),
        ("Drei Bewerbungen schicken", "own", "Teilnehmer/in"),
        ("Vermittlungsvorschlag besprechen", "jc", ""),
        ("Probearbeit in einem Betrieb vereinbaren", "own", ""),
    ),
    "vocational_training": (
        ("Praktikum zur Berufsorientierung machen", "own", "Teilnehmer/in"),
        ("Ausbildungsplätze mit der Berufsberatung suchen", "jc", ""),
        ("Bewerbung für einen Ausbildungsplatz schreiben", "lw", ""),
        ("Einstiegsqualifizierung prüfen", "jc", ""),
    ),
    "language_level": (
        ("Zum Berufssprachkurs anmelden", "lw", ""),
        ("Kinderbetreuung für die Kurszeiten klären", "sw", ""),
        ("Kurs regelmäßig besuchen", "own", "Teilnehmer/in"),
        ("Zur Prüfung anmelden", "lw", ""),
    ),
    "recognition": (
        ("Zeugnisse übersetzen lassen", "own", "Teilnehmer/in"),
        ("Antrag auf Anerkennung stellen", "sw", ""),
        ("Kosten klären (Anerkennungszuschuss)", "jc", ""),
        ("Anpassungsmaßnahme suchen", "lw", ""),
    ),
    "school_certificate": (
        ("Zum Kurs Hauptschulabschluss anmelden", "lw", ""),
        ("Lernplan besprechen", "sw", ""),
        ("Zur Prüfung anmelden", "lw", ""),
    ),
    "qualification": (
        ("Förderung mit Bildungsgutschein klären", "jc", ""),
        ("Zum Kurs anmelden", "lw", ""),
        ("Kurs abschließen", "own", "Teilnehmer/in"),
    ),
}
QUALIFICATIONS = ("Staplerschein", "Pflegehelfer-Qualifizierung", "Führerschein Klasse B")
ACTIVITIES = {
    "career_orientation": (
        "Stärken und Interessen besprochen; Berufe in der Pflege angeschaut.",
        "Berufe im Lager und in der Logistik kennengelernt.",
        "Ausbildung in Deutschland erklärt: Betrieb und Berufsschule.",
        "Berufe-Parcours beim Lernwerk besucht.",
    ),
    "application_training": (
        "Lebenslauf geschrieben und Foto gemacht.",
        "Vorstellungsgespräch geübt.",
        "Anschreiben für eine Stelle im Verkauf geschrieben.",
        "Online-Bewerbung und E-Mail geübt.",
    ),
}


@functools.cache
def occupations() -> dict[str, OccupationRef]:
    """The curated taxonomy by key, with its preferred German label."""
    return {
        o.key: OccupationRef(o.key, o.kldb_code, o.isco_code, o.labels["de"][0])
        for o in parse_curated()
    }


# --- drawing ----------------------------------------------------------------------------------


def _weighted[T](rng: random.Random, pairs: Iterable[tuple[T, int]]) -> T:
    items = list(pairs)
    return rng.choices([p[0] for p in items], weights=[p[1] for p in items])[0]


def _day(date: datetime.date, days: int) -> datetime.date:
    return date + datetime.timedelta(days=days)


def _month(date: datetime.date) -> datetime.date:
    return date.replace(day=1)


def _native(rng: random.Random, person: PersonPlan) -> str:
    own = {
        "NG": ("ig", "yo", "ha"),
        "GN": ("ff",),
        "SY": ("ar", "ar", "ar", "ku"),
        "IQ": ("ar", "ar", "ckb", "kmr"),
        "AF": ("prs", "prs", "ps"),
        "TR": ("tr", "tr", "kmr"),
        "ER": ("ti", "ti", "am"),
    }.get(person.nationality)
    if person.preferred_language in ("en", "fr", "ru") and own:
        return rng.choice(own)
    return person.preferred_language


def _education(
    rng: random.Random, person: PersonPlan, left_year: int
) -> tuple[str, tuple[EducationPlan, ...], tuple[str, str, str] | None]:
    """The education path, its kind and the subject of a vocational or university degree."""
    weights = EDUCATION_WEIGHTS.get(person.nationality, EDUCATION_DEFAULT)
    kinds = ("none", "primary", "secondary", "vocational", "university")
    kind = _weighted(rng, zip(kinds, weights, strict=True))
    age_left = left_year - person.birth_year
    # Young people cannot have finished more than their age allows.
    if kind == "university" and age_left < 23:
        kind = "secondary"
    if kind == "vocational" and age_left < 19:
        kind = "secondary"
    country = SCHOOL_COUNTRY.get(person.nationality, person.nationality)
    if kind == "none":
        return kind, (), None
    stages: list[EducationPlan] = []
    start = person.birth_year + 6

    def add(years: int, isced: int, certificate: str, equivalent: str = "") -> bool:
        nonlocal start
        end = start + years
        finished = end <= left_year
        if not finished and start >= left_year:
            return False
        stages.append(
            EducationPlan(
                country=country,
                from_year=start,
                to_year=end if finished else None,
                completed=finished,
                isced_level=isced,
                certificate=certificate if finished else "",
                documents_exist=finished and rng.random() < 0.6,
                german_equivalent=equivalent if finished else "",
            )
        )
        start = end
        return finished

    subject = None
    if kind == "primary":
        add(rng.choice((4, 5, 6)), 1, "")
        if (
            stages and stages[-1].completed and rng.random() < 0.4
        ):  # dropped out of secondary school
            end = min(start + rng.randint(1, 2), left_year)
            if end > start:
                stages.append(EducationPlan(country, start, end, False, 2, "", False, ""))
        return kind, tuple(stages), None
    if not add(6, 1, "Grundschulzeugnis"):
        return kind, tuple(stages), None
    if kind == "secondary":
        if rng.random() < 0.5:
            add(3, 2, "Abschluss der Mittelschule")
        else:
            add(6, 3, "Abitur (Schulabschluss Klasse 12)", "Hochschulreife (bewertet)")
        return kind, tuple(stages), None
    if kind == "vocational":
        if not add(3, 2, "Abschluss der Mittelschule"):
            return kind, tuple(stages), None
        subject = rng.choice(VOCATIONAL_SUBJECTS)
        add(3, 4, f"Berufsschule: {subject[0]}")
        return kind, tuple(stages), subject
    if not add(6, 3, "Abitur (Schulabschluss Klasse 12)"):
        return kind, tuple(stages), None
    start += rng.choice((0, 0, 1))
    subject = rng.choice(UNIVERSITY_SUBJECTS)
    years = 6 if subject[1] == "arzt" else 4
    add(years, 6 if years == 4 else 7, f"Bachelor {subject[0]}" if years == 4 else subject[0])
    return kind, tuple(stages), subject


def _german(rng: random.Random, person: PersonPlan, education: str, today: datetime.date) -> int:
    months = (today - person.registered_on).days / 30
    bonus = {"none": -1.0, "primary": -0.5, "secondary": 0.3, "vocational": 0.3}.get(education, 0.8)
    score = months / 7 + bonus + rng.gauss(0, 0.8)
    return max(0, min(4, int(score)))


def _languages(
    rng: random.Random, person: PersonPlan, education: str, german: int, today: datetime.date
) -> tuple[tuple[LanguagePlan, ...], tuple[CertificatePlan, ...], tuple[CoursePlan, ...]]:
    native = _native(rng, person)
    languages = [LanguagePlan(native, "native"), LanguagePlan("de", LEVELS[german])]
    if person.nationality == "UA" and native == "uk":
        languages.append(LanguagePlan("ru", rng.choice(("B2", "C1", "C2"))))
    if person.preferred_language == "en" and native != "en":
        languages.append(LanguagePlan("en", rng.choice(("B2", "C1"))))
    elif person.preferred_language == "fr" and native != "fr":
        languages.append(LanguagePlan("fr", rng.choice(("B1", "B2", "C1"))))
    elif education in ("university", "vocational") and rng.random() < 0.5:
        languages.append(LanguagePlan("en", rng.choice(("A2", "B1", "B2"))))
    languages = list({x.language: x for x in reversed(languages)}.values())[::-1]
    certificates: list[CertificatePlan] = []
    courses: list[CoursePlan] = []
    since = person.registered_on
    days = max((today - since).days, 1)
    provider = rng.choice(GERMAN_COURSE_PROVIDERS)
    if german == 0:
        if rng.random() < 0.6:
            status = "attending" if rng.random() < 0.6 else "planned"
            started = _day(since, rng.randint(0, days)) if status == "attending" else None
            if status == "planned":
                started = _day(today, rng.randint(7, 60))
            courses.append(CoursePlan("integration", status, "B1", provider, started, None))
        return tuple(languages), (), tuple(courses)
    # Integration course: done (or dropped) once German is past A1.
    started = _day(since, rng.randint(0, min(60, days)))
    ended = min(_day(started, rng.randint(150, 300)), today)
    dropped = rng.random() < 0.08
    courses.append(
        CoursePlan(
            "integration",
            "dropped" if dropped else "completed",
            "B1",
            provider,
            started,
            ended,
        )
    )
    if german >= 1 and not dropped and rng.random() < 0.55:
        level = "B1" if german >= 2 and rng.random() < 0.7 else "A2"
        certificates.append(CertificatePlan("dtz", "Deutsch-Test für Zuwanderer", level, ended))
    if german >= 2 and rng.random() < 0.6:
        target = LEVELS[min(german + 1, 4)] if german < 4 else "C1"
        job_start = min(_day(ended, rng.randint(20, 90)), today)
        finished = german >= 3 and rng.random() < 0.7
        courses.append(
            CoursePlan(
                "job_related",
                "completed" if finished else "attending",
                target,
                rng.choice(GERMAN_COURSE_PROVIDERS),
                job_start,
                min(_day(job_start, rng.randint(120, 200)), today) if finished else None,
            )
        )
        if finished and rng.random() < 0.7:
            kind = rng.choice(("telc", "goethe"))
            level = LEVELS[german]
            if kind == "goethe":
                name = f"Goethe-Zertifikat {level}"
            else:
                name = "telc Deutsch C1 Beruf" if level == "C1" else "telc Deutsch B1·B2 Beruf"
            issued = courses[-1].ended_on or today
            certificates.append(CertificatePlan(kind, name, level, issued))
    return tuple(languages), tuple(certificates), tuple(courses)


def _work(
    rng: random.Random,
    person: PersonPlan,
    field_name: str,
    subject: tuple[str, str, str] | None,
    fled_on: datetime.date,
    today: datetime.date,
) -> tuple[WorkPlan, ...]:
    age = today.year - person.birth_year
    count = _weighted(
        rng,
        ((0, 60), (1, 30), (2, 10), (3, 0)) if age < 21 else ((0, 18), (1, 37), (2, 30), (3, 15)),
    )
    if count == 0:
        return ()
    country = SCHOOL_COUNTRY.get(person.nationality, person.nationality)
    earliest = _month(datetime.date(person.birth_year + 15, 6, 1))
    occupations_by_key = occupations()
    plans: list[WorkPlan] = []
    # A job in Germany since arrival (a mini-job or a first contract) for a few.
    if rng.random() < 0.15 and (today - person.registered_on).days > 120:
        keys, tasks, _skills = FIELDS[field_name]
        start = _month(
            _day(person.registered_on, rng.randint(60, (today - person.registered_on).days))
        )
        plans.append(
            WorkPlan(
                occupations_by_key[keys[0]],
                "DE",
                start,
                None
                if rng.random() < 0.5
                else min(_month(_day(start, rng.randint(60, 240))), _month(today)),
                GERMAN_EMPLOYERS[field_name],
                rng.choice(tasks),
                False,
            )
        )
        count -= 1
    end = _month(_day(fled_on, -rng.randint(30, 200)))
    for number in range(count):
        duration = rng.randint(6, 72)
        start = _month(end - datetime.timedelta(days=duration * 30))
        if start < earliest:
            start = earliest
        if start >= end:
            break
        if number == 0 and subject is not None and rng.random() < 0.7:
            occupation = occupations_by_key[subject[1]]
            tasks_text = f"Als {occupation.label.split(';')[0]} gearbeitet."
            kind = None
        else:
            weights = FIELD_WEIGHTS_WOMEN if person.gender == "female" else FIELD_WEIGHTS_MEN
            kind = field_name if rng.random() < 0.7 else _weighted(rng, weights)
            keys, tasks, _skills = FIELDS[kind]
            occupation = occupations_by_key[rng.choice(keys)]
            tasks_text = rng.choice(tasks)
        informal = kind is not None and rng.random() < 0.25
        plans.append(
            WorkPlan(
                occupation,
                country,
                start,
                end,
                "Familienbetrieb" if informal else rng.choice(HOME_EMPLOYERS),
                tasks_text,
                informal,
            )
        )
        end = _month(_day(start, -rng.randint(30, 400)))
        if end <= earliest:
            break
    return tuple(plans)


def _recognition(
    rng: random.Random,
    person: PersonPlan,
    subject: tuple[str, str, str] | None,
    country: str,
    today: datetime.date,
) -> tuple[RecognitionPlan, ...]:
    if subject is None or not subject[2] or rng.random() > 0.45:
        return ()
    reference = occupations()[subject[1]]
    status = _weighted(
        rng, (("not_started", 15), ("applied", 20), ("in_progress", 30), ("decided", 35))
    )
    span = max((today - person.registered_on).days, 2)
    applied = None if status == "not_started" else _day(person.registered_on, rng.randint(1, span))
    decided = result = None
    measures = ""
    if status == "decided" and applied is not None:
        decided = min(_day(applied, rng.randint(60, 180)), today)
        result = _weighted(rng, (("full", 35), ("partial", 50), ("none", 15)))
        if result == "partial":
            measures = ADAPTATION_MEASURES.get(subject[1], "Anpassungslehrgang (6 Monate)")
    zab = subject[1] in ("bauingenieur", "ingenieur_maschinenbau") or rng.random() < 0.2
    return (
        RecognitionPlan(
            qualification=f"{subject[0]} ({_country_name(country)})",
            authority=subject[2],
            reference=reference,
            status=status,
            result=result or "",
            adaptation_measures=measures,
            applied_on=applied,
            decided_on=decided,
            zeugnisbewertung=zab,
            zeugnisbewertung_on=(
                _day(person.registered_on, rng.randint(0, span - 1)) if zab else None
            ),
        ),
    )


def _country_name(code: str) -> str:
    return {
        "SY": "Syrien", "AF": "Afghanistan", "UA": "Ukraine", "IQ": "Irak", "TR": "Türkei",
        "IR": "Iran", "ER": "Eritrea", "SO": "Somalia", "GN": "Guinea", "NG": "Nigeria",
        "GE": "Georgien", "MD": "Moldau", "AL": "Albanien", "SD": "Sudan",
    }.get(code, code)  # fmt: skip


def _resources(
    rng: random.Random,
    person: PersonPlan,
    education: str,
    work: tuple[WorkPlan, ...],
    today: datetime.date,
) -> ResourcesPlan:
    female = person.gender == "female"
    age = today.year - person.birth_year
    licences: list[str] = []
    if rng.random() < (0.15 if female else 0.35) + (0.2 if person.nationality == "UA" else 0):
        licences.append("B")
    if any(w.occupation.key in ("berufskraftfahrer_lkw", "auslieferungsfahrer") for w in work):
        licences = ["B", "C", "CE"] if rng.random() < 0.5 else ["B"]
    childcare = 22 <= age <= 45 and rng.random() < (0.4 if female else 0.1)
    literacy = (
        rng.choice(("no", "partly", "partly"))
        if education in ("none", "primary")
        else ("yes" if rng.random() < 0.95 else "partly")
    )
    mobility = ["public_transport"]
    if rng.random() < 0.35:
        mobility.append("bicycle")
    if licences and rng.random() < 0.4:
        mobility.append("car")
    return ResourcesPlan(
        latin_literacy=literacy,
        driving_licences=tuple(licences),
        childcare_duties=childcare,
        hours_per_week=(
            rng.choice((15, 20, 25, 30)) if childcare else rng.choice((None, 30, 35, 39, 40))
        ),
        shift_work=(False if childcare and rng.random() < 0.7 else rng.choice((True, True, None))),
        mobility=tuple(mobility),
        desired_regions=rng.choice(("Musterkreis", "Musterstadt und Umgebung", "", "")),
    )


def _steps(
    rng: random.Random,
    kind: str,
    owner: str,
    counsellor: str,
    start: datetime.date,
    end: datetime.date | None,
    today: datetime.date,
) -> tuple[CareerStepPlan, ...]:
    templates = STEP_TEMPLATES[kind]
    count = min(len(templates), rng.randint(2, 4))
    chosen = templates[:count]
    due = start
    steps: list[CareerStepPlan] = []
    for description, organisation, person in chosen:
        due = _day(due, rng.randint(10, 45))
        if end is not None:  # a closed case: everything is settled by the exit
            due = min(due, end)
            status = "done" if rng.random() < 0.8 else "cancelled"
        elif due < today:
            status = _weighted(rng, (("done", 75), ("open", 15), ("in_progress", 10)))
        else:
            status = _weighted(rng, (("open", 75), ("in_progress", 25)))
        key = owner if organisation == "own" else organisation
        steps.append(
            CareerStepPlan(
                description=description,
                organisation=key,
                responsible_user=counsellor if key == owner and not person else "",
                responsible_person=person,
                due_on=due,
                status=status,
            )
        )
    return tuple(steps)


def _goals(
    rng: random.Random,
    person: PersonPlan,
    german: int,
    desired: tuple[OccupationRef, ...],
    recognitions: tuple[RecognitionPlan, ...],
    education: str,
    today: datetime.date,
) -> tuple[CareerGoalPlan, ...]:
    if person.entry_date is None:
        return ()
    if person.exit_date is not None and rng.random() < 0.5:
        return ()
    options: list[tuple[str, OccupationRef | None, str]] = []
    if german < 3:
        options.append(("language_level", None, f"Deutsch {LEVELS[german + 1]}"))
    if recognitions and recognitions[0].status != "decided":
        ref = recognitions[0].reference
        options.append(("recognition", ref, f"Anerkennung {ref.label}"))
    for occupation in desired:
        young = today.year - person.birth_year <= 27
        if young and occupation.key in {k for keys in DESIRED_KEYS.values() for k in keys}:
            options.append(("vocational_training", occupation, f"Ausbildung {occupation.label}"))
        else:
            options.append(("employment", occupation, occupation.label))
    if education in ("none", "primary") and today.year - person.birth_year <= 25:
        options.append(("school_certificate", None, "Erster Schulabschluss (Hauptschulabschluss)"))
    if not options or rng.random() < 0.2:
        options.append(("qualification", None, rng.choice(QUALIFICATIONS)))
    rng.shuffle(options)
    goals: list[CareerGoalPlan] = []
    counsellor = person.counsellor
    for kind, target, label in options[: rng.choice((1, 1, 2))]:
        if person.exit_date is not None:
            start = _day(person.exit_date, -rng.randint(60, 150))
            start = max(start, person.entry_date)
            end: datetime.date | None = person.exit_date
        else:
            start = max(_day(today, -rng.randint(20, 120)), person.entry_date)
            end = None
        steps = _steps(rng, kind, person.organisation, counsellor, start, end, today)
        statuses = {s.status for s in steps}
        if end is not None:
            status = "achieved" if "done" in statuses and rng.random() < 0.7 else "dropped"
        elif statuses <= {"done"}:
            status = "achieved"
        elif "done" in statuses or "in_progress" in statuses:
            status = "in_progress"
        else:
            status = "open"
        last_due = steps[-1].due_on or today
        goals.append(
            CareerGoalPlan(
                kind=kind,
                target=target,
                target_label=label,
                target_date=_day(last_due, rng.randint(30, 180)),
                status=status,
                steps=steps,
            )
        )
    return tuple(goals)


def _activities(
    rng: random.Random, person: PersonPlan, today: datetime.date
) -> tuple[ActivityPlan, ...]:
    if person.entry_date is None:
        return ()
    end = person.exit_date or today
    span = max((end - person.entry_date).days, 0)
    result = []
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        kind = rng.choice(("career_orientation", "application_training"))
        result.append(
            ActivityPlan(
                kind, _day(person.entry_date, rng.randint(0, span)), rng.choice(ACTIVITIES[kind])
            )
        )
    return tuple(sorted(result, key=lambda a: a.took_place_on))


def profile_plan(
    person: PersonPlan,
    *,
    today: datetime.date,
    seed: int = DEMO_SEED,
    health: tuple[HealthPlan, ...] = (),
) -> ProfilePlan | None:
    """The profile of one participant, or None for the fifth without one; its own stream."""
    rng = random.Random(f"lotse-demo-profile-{seed}-{person.index}")
    if rng.random() >= PROFILE_SHARE:
        return None
    # Left the home country some months to a few years before registering here.
    fled_on = _day(person.registered_on, -rng.randint(60, 1000))
    education, stages, subject = _education(rng, person, fled_on.year)
    german = _german(rng, person, education, today)
    languages, certificates, courses = _languages(rng, person, education, german, today)
    female = person.gender == "female"
    field_name = _weighted(rng, FIELD_WEIGHTS_WOMEN if female else FIELD_WEIGHTS_MEN)
    work = _work(rng, person, field_name, subject, fled_on, today)
    _keys, _tasks, field_skills = FIELDS[field_name]
    skills: list[SkillPlan] = []
    if work and rng.random() < 0.5:
        for label in rng.sample(field_skills, rng.randint(1, 2)):
            evidence = _weighted(rng, (("stated", 70), ("observed", 20), ("certified", 10)))
            skills.append(SkillPlan(label, evidence))
    if rng.random() < 0.15:
        skills.append(SkillPlan(rng.choice(OTHER_SKILLS), "stated"))
    desired: list[OccupationRef] = []
    if rng.random() < 0.75:
        keys = DESIRED_KEYS[field_name]
        desired.append(occupations()[rng.choice(keys)])
        if rng.random() < 0.25:
            other = DESIRED_KEYS[
                _weighted(rng, FIELD_WEIGHTS_WOMEN if female else FIELD_WEIGHTS_MEN)
            ]
            extra = occupations()[rng.choice(other)]
            if extra not in desired:
                desired.append(extra)
    country = stages[0].country if stages else SCHOOL_COUNTRY.get(person.nationality, "SY")
    recognitions = _recognition(rng, person, subject, country, today)
    goals = _goals(rng, person, german, tuple(desired), recognitions, education, today)
    return ProfilePlan(
        index=person.index,
        languages=languages,
        certificates=certificates,
        courses=courses,
        education=stages,
        work=work,
        skills=tuple(skills),
        resources=_resources(rng, person, education, work, today),
        desired=tuple(desired),
        recognitions=recognitions,
        goals=goals,
        activities=_activities(rng, person, today),
        health=health,
    )


def profiles_plan(
    people: Iterable[PersonPlan], *, today: datetime.date, seed: int = DEMO_SEED
) -> dict[int, ProfilePlan]:
    """The profiles of `people` by index; the first few suitable adults get a health note."""
    result: dict[int, ProfilePlan] = {}
    health_left = list(HEALTH[:HEALTH_COUNT])
    for person in people:
        health: tuple[HealthPlan, ...] = ()
        suitable = person.index % 7 == 3 and today.year - person.birth_year >= 30
        if health_left and suitable:
            health = (HealthPlan(*health_left[0]),)
        plan = profile_plan(person, today=today, seed=seed, health=health)
        if plan is None:
            continue
        if health:
            health_left.pop(0)
        result[person.index] = plan
    return result
