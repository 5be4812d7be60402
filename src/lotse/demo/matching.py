"""Matching in the demo network: the postcodes of its fictional places (GeoNames-shaped, with
invented coordinates around Musterstadt), the employers its people have worked for, with
contact persons, a contact and its next step, a few open vacancies when the demo has none yet,
the first search for new matches, so that the counsellors' inboxes and the participants'
"Passende Stellen" show something, and a few consents to contact with employers, so that a
vacancy's candidates include anonymous profiles of the other partners."""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.employers import services as employer_services
from lotse.employers.models import ContactPerson, Employer, Vacancy
from lotse.employers.selectors import kldb_occupation
from lotse.network.models import Network, Organisation
from lotse.participants import services as participant_services
from lotse.placements.geo.importer import PostcodeRecord
from lotse.placements.geo.services import postcodes_import
from lotse.placements.matches.selectors import with_new_matches
from lotse.placements.matches.services import new_matches_record

# The demo's places (demo.vocabulary.PLACES): postcodes starting with 00, which German post does
# not use, so no real address is ever meant.
POSTCODES = (
    ("00110", "Musterstadt", "Musterkreis", "00001", 51.000, 9.000),
    ("00120", "Nordheim", "Musterkreis", "00001", 51.120, 9.050),
    ("00130", "Südhafen", "Landkreis Südhafen", "00002", 50.860, 8.930),
    ("00140", "Weinau", "Musterkreis", "00001", 50.980, 9.180),
    ("00150", "Ostwiesen", "Landkreis Südhafen", "00002", 50.900, 9.260),
)

# The employers of the demo's work histories and next steps (demo.profiles.GERMAN_EMPLOYERS),
# each with what Lotse records of an employer; the lead partner by its key.
EMPLOYERS = (
    # name, legal form, WZ section, size, street, postcode, city, offers, experience, lead
    ("Logistik Nord GmbH", "gmbh", "H", "medium", "Industriering 4", "00120", "Nordheim",
     ["jobs", "apprenticeships", "eq"], "extensive", "sw"),
    ("Muster Logistik und Service GmbH", "gmbh", "H", "large", "Am Güterbahnhof 9", "00130",
     "Südhafen", ["jobs"], "some", "jc"),
    ("Pflegedienst Lindenhof", "ev", "Q", "small", "Lindenallee 17", "00140", "Weinau",
     ["jobs", "apprenticeships", "internships"], "some", "lw"),
    ("Hotel Am Weinberg", "kg", "I", "small", "Weinbergstraße 2", "00110", "Musterstadt",
     ["jobs", "internships"], "none", "jc"),
    ("Elektro Weber & Söhne", "sole_trader", "F", "micro", "Werkstattweg 8", "00110",
     "Musterstadt", ["apprenticeships", "eq"], "some", "lw"),
)  # fmt: skip
PEOPLE = {
    "Logistik Nord GmbH": ("Petra Sommer", "Personalleitung", "+49 0000 5501-12"),
    "Pflegedienst Lindenhof": ("Jonas Brandt", "Pflegedienstleitung", "+49 0000 5502-30"),
    "Elektro Weber & Söhne": ("Karl Weber", "Inhaber", "+49 0000 5503-1"),
}

VACANCIES = (
    # title, kind, KldB, employer, postcode, city, hours, German, licences, days until the start
    ("Lagerhelfer/in im Wareneingang", "job", "51311", "Logistik Nord GmbH", "00110",
     "Musterstadt", 38, "A2", (), 14),
    ("Ausbildung Fachkraft für Lagerlogistik", "training_dual", "51312", "Logistik Nord GmbH",
     "00120", "Nordheim", 39, "B1", (), 240),
    ("Pflegehelfer/in (Altenpflege)", "job", "82101", "Pflegedienst Lindenhof", "00140", "Weinau",
     30, "B1", (), 30),
    ("Berufskraftfahrer/in Nahverkehr", "job", "52122", "Muster Logistik und Service GmbH",
     "00130", "Südhafen", 40, "B1", ("CE",), 45),
    ("Küchenhilfe, Minijob", "mini_job", "29301", "Hotel Am Weinberg", "00110", "Musterstadt", 10,
     "A1", (), 7),
)  # fmt: skip

# Participants per partner whose consent to contact with employers covers the other partners.
CONSENTING_PER_PARTNER = 3


def matching_load(
    network: Network,
    organisations: dict[str, Organisation] | None = None,
    users: dict[str, User] | None = None,
) -> int:
    """Postcodes, employers and vacancies (unless the network has vacancies already), new
    matches, and consents for anonymous profiles."""
    postcodes_import(
        records=[
            PostcodeRecord("DE", code, place, "Musterland", district, key, lat, lon)
            for code, place, district, key, lat, lon in POSTCODES
        ]
    )
    today = timezone.localdate()
    if not Vacancy.objects.filter(network=network).exists():
        employers = _employers(network, organisations or {}, users or {}, today)
        for title, kind, kldb, at, postcode, city, hours, german, licences, days in VACANCIES:
            Vacancy.objects.create(
                network=network,
                employer=employers[at],
                kind=kind,
                title=title,
                kldb_code=kldb,
                isco_code=_isco(kldb),
                postcode=postcode,
                city=city,
                hours_per_week=hours,
                min_german=german,
                driving_licences=list(licences),
                start_date=today + datetime.timedelta(days=days),
                opened_on=today,
            )
    found = new_matches_record(network_id=network.pk, today=today)
    if organisations:
        _consents(network, organisations, today)
    return found


def _isco(kldb: str) -> str:
    known = kldb_occupation(kldb)
    return known.isco_code if known else ""


def _employers(
    network: Network,
    organisations: dict[str, Organisation],
    users: dict[str, User],
    today: datetime.date,
) -> dict[str, Employer]:
    employers = {}
    actor = users.get("koordination")
    for name, form, wz, size, street, postcode, city, offers, experience, lead in EMPLOYERS:
        employers[name] = Employer.objects.create(
            network=network,
            name=name,
            legal_form=form,
            industry=wz,
            size_class=size,
            street=street,
            postcode=postcode,
            city=city,
            offers=offers,
            refugee_experience=experience,
            lead_organisation=organisations.get(lead),
        )
        if name in PEOPLE and actor is not None:
            person, function, phone = PEOPLE[name]
            employer_services.contact_person_save(
                actor=actor,
                employer=employers[name],
                person=ContactPerson(
                    name=person,
                    function=function,
                    phone=phone,
                    email=f"{person.split()[0].lower()}.{person.split()[-1].lower()}@"
                    f"{name.split()[0].lower()}.example",
                ),
                expected_version=None,
            )
    counsellor = users.get("beratung.sozialwerk")
    if counsellor is not None and "sw" in organisations:
        at = employers["Logistik Nord GmbH"]
        employer_services.employer_contact_record(
            actor=counsellor,
            employer=at,
            organisation=organisations["sw"],
            kind="visit",
            took_place_on=today - datetime.timedelta(days=6),
            person=at.people.first(),
            note="Betriebsbesuch: zwei Ausbildungsplätze Fachkraft für Lagerlogistik ab August, "
            "auch mit Duldung; Frau Sommer fragt nach der Zustimmung der BA.",
            next_step="Zwei Profile für die Ausbildung schicken",
            next_step_due=today + datetime.timedelta(days=4),
        )
    return employers


def _consents(
    network: Network, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    """Per case partner, a few people with new matches agree that their profile may be offered
    to employers through the other partners."""
    partners = [o for key, o in organisations.items() if key in ("sw", "jc", "lw")]
    for organisation in partners:
        for participant in with_new_matches(organisation, CONSENTING_PER_PARTNER):
            assert participant.counsellor is not None
            participant_services.consent_record(
                actor=participant.counsellor,
                participant=participant,
                purpose="employer_contact",
                organisations=[o for o in partners if o != organisation],
                given_on=today - datetime.timedelta(days=20),
                form="signed_paper",
            )
