"""The demo network's path and who is responsible for which step (fictional, like the
rest of the demo), written through the services the coordinator's pages call."""

from typing import Any

from django.contrib.auth.models import User

from lotse.network.models import Network, Organisation
from lotse.responsibilities import services
from lotse.responsibilities.models import PathStep, Responsibility

# (step, [(group, who)]). A group: legal spheres, residence documents, age span, postcodes and
# district. Who: an organisation key of the demo (or an outside name), contact, phone, e-mail,
# how to get in touch.
_ANYONE: dict[str, Any] = {}
PATH: list[tuple[str, list[tuple[dict[str, Any], dict[str, str]]]]] = [
    ("Erstberatung", [
        (_ANYONE, {"org": "sw", "contact": "Migrationsberatung", "phone": "+49 0000 2200-10",
                   "note": "offene Sprechstunde Mo und Do 12–15 Uhr"}),
    ]),
    ("Klärung Aufenthaltsstatus", [
        ({"documents": ["gestattung", "duldung", "duldung_60b"]},
         {"org": "sw", "contact": "Flüchtlingsberatung", "phone": "+49 0000 2200-20",
          "note": "nach Vereinbarung"}),
        ({"documents": ["residence_permit", "fictional_certificate"]},
         {"outside": "Ausländerbehörde Musterkreis", "contact": "Servicebereich Aufenthalt",
          "email": "auslaenderbehoerde@kreis-musterkreis.example", "note": "nur mit Termin"}),
    ]),
    ("Sprachkurs", [
        ({"spheres": ["sgb_ii"]}, {"org": "jc", "contact": "Team Integration",
                                   "email": "integration@jobcenter-musterkreis.example",
                                   "note": "Zuweisung durch die Integrationsfachkraft"}),
        ({"spheres": ["asylblg", "sgb_iii"]}, {"org": "lw", "contact": "Kursberatung",
                                              "phone": "+49 0000 3300-15",
                                              "note": "Mi 10–16 Uhr"}),
    ]),
    ("Anerkennung", [
        (_ANYONE, {"outside": "IQ Anerkennungsberatung Musterland", "contact": "Frau Beispiel",
                   "email": "anerkennung@iq-musterland.example", "note": "Beratung auch online"}),
    ]),
    ("Berufsorientierung", [
        ({"min_age": 18, "max_age": 27}, {"outside": "Jugendberufsagentur Musterkreis",
                                          "contact": "Team U27", "phone": "+49 0000 5500-0",
                                          "note": "Di 9–12 Uhr ohne Termin"}),
        ({"min_age": 28}, {"org": "lw", "contact": "Berufsorientierung für Erwachsene",
                           "phone": "+49 0000 3300-20"}),
    ]),
    ("Ausbildungsplatzsuche", [
        ({"spheres": ["sgb_ii"], "min_age": 18, "max_age": 27},
         {"org": "jc", "contact": "Team U25 Ausbildung",
          "email": "u25@jobcenter-musterkreis.example"}),
        ({"spheres": ["asylblg", "sgb_iii"]},
         {"outside": "Agentur für Arbeit Musterstadt", "contact": "Berufsberatung",
          "phone": "+49 0000 6600-0", "note": "Termin über die Hotline"}),
    ]),
    ("Arbeitsvermittlung", [
        ({"spheres": ["sgb_ii"]}, {"org": "jc", "contact": "Arbeitsvermittlung",
                                   "email": "integration@jobcenter-musterkreis.example"}),
        ({"spheres": ["asylblg", "sgb_iii"]},
         {"outside": "Agentur für Arbeit Musterstadt", "contact": "Arbeitgeber-Service",
          "phone": "+49 0000 6600-0"}),
    ]),
    ("Begleitung nach Arbeitsaufnahme", [
        ({"postcodes": ["00110", "00120"], "district": "Musterstadt und Nordheim"},
         {"org": "sw", "contact": "Jobcoaching", "phone": "+49 0000 2200-30"}),
        ({"postcodes": ["00130", "00140"], "district": "Südhafen und Weinau"},
         {"org": "lw", "contact": "Jobcoaching", "phone": "+49 0000 3300-30"}),
    ]),
]  # fmt: skip


def load_responsibilities(
    network: Network, organisations: dict[str, Organisation], coordinator: User
) -> int:
    """The path, published; returns the number of responsibilities."""
    rows = 0
    for position, (name, groups) in enumerate(PATH, start=1):
        step = services.step_save(
            actor=coordinator,
            network=network,
            step=PathStep(name=name, position=position * 10),
            expected_version=None,
        )
        for group, who in groups:
            services.responsibility_save(
                actor=coordinator,
                network=network,
                responsibility=Responsibility(
                    step=step,
                    legal_spheres=list(group.get("spheres", [])),
                    documents=list(group.get("documents", [])),
                    min_age=group.get("min_age"),
                    max_age=group.get("max_age"),
                    postcodes=list(group.get("postcodes", [])),
                    district=str(group.get("district", "")),
                    organisation=organisations[who["org"]] if "org" in who else None,
                    outside_organisation=who.get("outside", ""),
                    contact=who.get("contact", ""),
                    phone=who.get("phone", ""),
                    email=who.get("email", ""),
                    channel_note=who.get("note", ""),
                ),
                expected_version=None,
            )
            rows += 1
    services.map_publish(actor=coordinator, network=network, public=True)
    return rows
