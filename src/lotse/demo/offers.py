"""Demo offers: what a regional network typically has on offer, fictional but realistic — the
integration course, a job-related language course, the IQ recognition counselling (outside the
network), preparation for the Hauptschulabschluss external exam, an Einstiegsqualifizierung,
application training and a paused partial qualification. Each with eligibility rules, taught
in more than one language where that is real, and in the participants' languages where the
provider wrote it; saved by the account that keeps it, through the service (audited). The
catalogue is published, so the demo shows the public pages and the Open Referral feed."""

import datetime
from typing import Any

from django.contrib.auth.models import User

from lotse.network.models import Network, Organisation, Site
from lotse.offers import services
from lotse.offers.models import Offer

OUTSIDE_IQ = "IQ Anerkennungsberatung Musterstadt"

_ALL_STAYS = ["gestattung", "duldung", "residence_permit", "fictional_certificate"]


def _plans(today: datetime.date) -> list[dict[str, Any]]:
    """(keeper, site keys, fields) per offer; dates relative to the day the demo is loaded."""
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    september = datetime.date(today.year + (today.month >= 8), 9, 1)
    return [
        {
            "keeper": "beratung.lernwerk",
            "sites": ["lw-suedhafen"],
            "provider": "lw",
            "kind": "integration_course",
            "title": "Integrationskurs mit Alphabetisierung",
            "description": "Allgemeiner Integrationskurs (600 Stunden Sprachkurs, 100 Stunden "
            "Orientierungskurs) für Menschen, die noch nicht sicher in lateinischer Schrift "
            "lesen und schreiben. Kinderbetreuung nach Absprache.",
            "translations": {
                "en": {"title": "Integration course with literacy training", "description": ""},
                "ar": {"title": "دورة الاندماج مع محو الأمية", "description": ""},
                "fa": {"title": "دوره ادغام همراه با سوادآموزی", "description": ""},
                "uk": {"title": "Інтеграційний курс з навчанням грамоти", "description": ""},
            },
            "schedule": "weekly",
            "weekdays": [0, 1, 2, 3, 4],
            "starts_at": datetime.time(8, 30),
            "ends_at": datetime.time(12, 45),
            "mode": "in_person",
            "languages": ["de"],
            "funding": "free",
            "cost_note": "Kostenbefreiung durch das BAMF auf Antrag",
            "seats": 20,
            "seats_free": 3,
            "seats_updated_on": today,
            "waiting_list": True,
            "contact_name": "Malte Rosenkamp",
            "contact_email": "kurse@lernwerk-muster.example",
            "documents": _ALL_STAYS,
            "min_age": 16,
        },
        {
            "keeper": "beratung.lernwerk",
            "sites": ["lw-suedhafen"],
            "provider": "lw",
            "kind": "job_language_course",
            "title": "Berufssprachkurs B2 Gesundheit und Pflege",
            "description": "Berufsbezogene Deutschsprachförderung (DeuFöV) von B1 nach B2 mit "
            "Fachwortschatz für Pflege und Gesundheit, abschließend telc-Prüfung B2.",
            "translations": {
                "en": {"title": "Job-related German B2: health and care", "description": ""},
                "ar": {"title": "دورة اللغة المهنية B2: الصحة والتمريض", "description": ""},
                "uk": {"title": "Професійний курс німецької B2: охорона здоров'я",
                       "description": ""},
            },
            "schedule": "dates",
            "start_date": next_month,
            "end_date": next_month + datetime.timedelta(days=182),
            "weekdays": [0, 2, 4],
            "starts_at": datetime.time(13),
            "ends_at": datetime.time(17),
            "mode": "hybrid",
            "languages": ["de"],
            "funding": "free",
            "seats": 16,
            "seats_free": 5,
            "seats_updated_on": today,
            "contact_email": "kurse@lernwerk-muster.example",
            "documents": [*_ALL_STAYS, "beschaeftigungsduldung"],
            "activity": "employment",
            "min_german": "B1",
            "min_age": 18,
        },
        {
            "keeper": "koordination",
            "sites": [],
            "outside_provider": OUTSIDE_IQ,
            "kind": "counselling",
            "title": "Anerkennungsberatung für ausländische Berufsabschlüsse",
            "description": "Das Förderprogramm IQ berät, ob und wie ein im Ausland erworbener "
            "Abschluss anerkannt werden kann, und hilft beim Antrag und bei der Finanzierung.",
            "translations": {
                "en": {"title": "Recognition counselling for foreign qualifications",
                       "description": ""},
                "ar": {"title": "استشارة الاعتراف بالشهادات الأجنبية", "description": ""},
                "fa": {"title": "مشاوره به رسمیت شناختن مدارک خارجی", "description": ""},
                "uk": {"title": "Консультація щодо визнання іноземних дипломів",
                       "description": ""},
            },
            "schedule": "by_appointment",
            "mode": "hybrid",
            "languages": ["de", "en", "ar", "fa"],
            "funding": "free",
            "contact_phone": "+49 0000 5500-0",
            "contact_email": "anerkennung@iq-musterstadt.example",
            "qualifications": ["ausländischer Berufsabschluss", "ausländischer Hochschulabschluss"],
        },
        {
            "keeper": "beratung.lernwerk",
            "sites": ["lw-suedhafen"],
            "provider": "lw",
            "kind": "school_course",
            "title": "Vorbereitung auf den Hauptschulabschluss (Externenprüfung)",
            "description": "Ein Schuljahr Deutsch, Mathematik, Englisch und Gesellschaftslehre "
            "mit Lernbegleitung; die Prüfung wird als Nichtschülerprüfung abgelegt.",
            "translations": {
                "ar": {"title": "التحضير لشهادة المدرسة الأساسية (امتحان خارجي)",
                       "description": ""},
                "fa": {"title": "آمادگی برای مدرک پایان دوره متوسطه اول (آزمون آزاد)",
                       "description": ""},
            },
            "schedule": "dates",
            "start_date": september,
            "end_date": september.replace(year=september.year + 1, month=6, day=30),
            "weekdays": [0, 1, 2, 3],
            "starts_at": datetime.time(8),
            "ends_at": datetime.time(13),
            "mode": "in_person",
            "languages": ["de"],
            "funding": "free",
            "seats": 18,
            "seats_free": 18,
            "seats_updated_on": today,
            "documents": _ALL_STAYS,
            "min_age": 16,
            "max_age": 27,
            "min_german": "A2",
            "postcodes": ["001"],
        },
        {
            "keeper": "beratung.jobcenter",
            "sites": ["jc-musterstadt"],
            "provider": "jc",
            "kind": "internship_programme",
            "title": "Einstiegsqualifizierung (EQ) im Handwerk",
            "description": "Sechs bis zwölf Monate betriebliches Langzeitpraktikum als Brücke in "
            "die Ausbildung; Betriebe im Musterkreis aus Bau, Kfz und Elektro.",
            "translations": {
                "en": {"title": "Entry qualification (EQ) in a craft trade", "description": ""},
                "ar": {"title": "التأهيل المبدئي (EQ) في الحِرَف", "description": ""},
            },
            "schedule": "by_appointment",
            "mode": "in_person",
            "languages": ["de"],
            "funding": "free",
            "seats": 10,
            "seats_free": 7,
            "seats_updated_on": today,
            "contact_email": "integration@jobcenter-musterkreis.example",
            "activity": "internship",
            "min_age": 18,
            "max_age": 25,
            "min_german": "A2",
            "legal_spheres": ["sgb_ii", "sgb_iii"],
        },
        {
            "keeper": "beratung.sozialwerk",
            "sites": ["sw-musterstadt"],
            "provider": "sw",
            "kind": "vocational_preparation",
            "title": "Bewerbungstraining: Lebenslauf, Anschreiben, Vorstellungsgespräch",
            "description": "Vier Nachmittage in kleiner Gruppe; am Ende steht eine fertige "
            "Bewerbungsmappe. Erklärungen auch auf Arabisch, Dari und Ukrainisch.",
            "translations": {
                "en": {"title": "Application training: CV, cover letter, interview",
                       "description": ""},
                "ar": {"title": "تدريب على التقديم: السيرة الذاتية والمقابلة", "description": ""},
                "fa": {"title": "آموزش درخواست کار: رزومه و مصاحبه", "description": ""},
                "uk": {"title": "Тренінг із працевлаштування: резюме, співбесіда",
                       "description": ""},
            },
            "schedule": "weekly",
            "weekdays": [3],
            "starts_at": datetime.time(14),
            "ends_at": datetime.time(16, 30),
            "mode": "in_person",
            "languages": ["de", "ar", "prs", "uk"],
            "funding": "free",
            "seats": 12,
            "seats_free": 4,
            "seats_updated_on": today,
            "contact_name": "Selin Brückner",
            "min_german": "A1",
            "min_age": 16,
        },
        {
            "keeper": "beratung.lernwerk",
            "sites": ["lw-suedhafen"],
            "provider": "lw",
            "kind": "qualification",
            "title": "Teilqualifizierung Fachlagerist/in (TQ 1)",
            "description": "Erstes von fünf Modulen zum Berufsabschluss Fachlagerist/in, mit "
            "Staplerschein. Pausiert, bis eine neue Gruppe voll ist.",
            "translations": {
                "en": {"title": "Partial qualification warehouse clerk (module 1)",
                       "description": ""},
                "uk": {"title": "Часткова кваліфікація: складський працівник (модуль 1)",
                       "description": ""},
            },
            "status": "paused",
            "schedule": "by_appointment",
            "mode": "in_person",
            "languages": ["de"],
            "funding": "voucher",
            "cost_note": "Bildungsgutschein der Agentur für Arbeit oder des Jobcenters",
            "seats": 12,
            "seats_free": 0,
            "seats_updated_on": today,
            "waiting_list": True,
            "documents": ["residence_permit", "settlement_permit", "beschaeftigungsduldung"],
            "activity": "employment",
            "min_german": "A2",
            "legal_spheres": ["sgb_ii", "sgb_iii"],
        },
    ]  # fmt: skip


def load_offers(
    *,
    network: Network,
    organisations: dict[str, Organisation],
    sites: dict[str, Site],
    users: dict[str, User],
    today: datetime.date,
) -> int:
    for plan in _plans(today):
        fields = dict(plan)
        keeper = users[fields.pop("keeper")]
        offer_sites = [sites[key] for key in fields.pop("sites")]
        provider = fields.pop("provider", None)
        offer = Offer(
            network=network,
            provider=organisations[provider] if provider else None,
            **fields,
        )
        services.offer_save(
            actor=keeper, network=network, offer=offer, sites=offer_sites, expected_version=None
        )
    services.catalogue_publish(actor=users["koordination"], network=network, public=True)
    return len(_plans(today))
