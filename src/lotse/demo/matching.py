"""Matching in the demo network: the postcodes of its fictional places (GeoNames-shaped, with
invented coordinates around Musterstadt), a few open vacancies when the demo has none yet, and
the first search for new matches, so that the counsellors' inboxes and the participants'
"Passende Stellen" show something."""

import datetime

from django.utils import timezone

from lotse.employers.models import Employer, Vacancy
from lotse.network.models import Network
from lotse.placements.geo.importer import PostcodeRecord
from lotse.placements.geo.services import postcodes_import
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

VACANCIES = (
    # title, kind, KldB, postcode, city, hours, German, licences, days until the start
    ("Lagerhelfer/in im Wareneingang", "job", "51311", "00110", "Musterstadt", 38, "A2", (), 14),
    ("Ausbildung Fachkraft für Lagerlogistik", "training_dual", "51322", "00120", "Nordheim", 39,
     "B1", (), 240),
    ("Pflegehelfer/in (Altenpflege)", "job", "82101", "00140", "Weinau", 30, "B1", (), 30),
    ("Berufskraftfahrer/in Nahverkehr", "job", "52122", "00130", "Südhafen", 40, "B1", ("CE",), 45),
    ("Küchenhilfe, Minijob", "mini_job", "29301", "00110", "Musterstadt", 10, "A1", (), 7),
)  # fmt: skip


def matching_load(network: Network) -> int:
    """Postcodes, vacancies (unless the employers' demo brought its own), new matches."""
    postcodes_import(
        records=[
            PostcodeRecord("DE", code, place, "Musterland", district, key, lat, lon)
            for code, place, district, key, lat, lon in POSTCODES
        ]
    )
    today = timezone.localdate()
    if not Vacancy.objects.filter(network=network).exists():
        employer = Employer.objects.create(
            network=network, name="Muster Logistik und Service GmbH", city="Musterstadt"
        )
        for title, kind, kldb, postcode, city, hours, german, licences, days in VACANCIES:
            Vacancy.objects.create(
                network=network,
                employer=employer,
                kind=kind,
                title=title,
                kldb_code=kldb,
                postcode=postcode,
                city=city,
                hours_per_week=hours,
                min_german=german,
                driving_licences=list(licences),
                start_date=today + datetime.timedelta(days=days),
            )
    return new_matches_record(network_id=network.pk, today=today)
