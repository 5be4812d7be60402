"""What the public catalogue's reader sees besides the offers' own texts, in their language.

The public catalogue is participant-facing: its labels have the context "participant
catalogue" and are translated into German, Arabic, Dari/Farsi and Ukrainian (English is the
source), like the participant's documents (`profiles.participant_texts`). The catalogue
renders in the reader's language with `translation.override`; Arabic and Farsi right to left.
"""

from typing import TYPE_CHECKING, Any

from django.utils.translation import pgettext_lazy

from lotse.offers.enums import Funding, Mode, OfferKind
from lotse.offers.models import Offer
from lotse.participants.enums import DocumentType

if TYPE_CHECKING:  # what django-stubs calls a lazily translated text
    from django.utils.functional import _StrPromise as Promise
else:
    from django.utils.functional import Promise

# Each language named in itself: a reader who reads no German finds their own.
PUBLIC_LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی / دری",
    "uk": "Українська",
}
RIGHT_TO_LEFT = frozenset({"ar", "fa"})


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


LABELS: dict[str, Promise] = {
    "title": pgettext_lazy("participant catalogue", "Offers in the network"),
    "intro": pgettext_lazy(
        "participant catalogue",
        "Courses, counselling and other offers of the network's partners. "
        "Ask a counselling service which of them you can take.",
    ),
    "search": pgettext_lazy("participant catalogue", "Search"),
    "kind": pgettext_lazy("participant catalogue", "Kind"),
    "all_kinds": pgettext_lazy("participant catalogue", "all kinds"),
    "no_offers": pgettext_lazy("participant catalogue", "No offers found."),
    "all_offers": pgettext_lazy("participant catalogue", "All offers"),
    "skip": pgettext_lazy("participant catalogue", "Skip to content"),
    "language": pgettext_lazy("participant catalogue", "Language"),
    "provider": pgettext_lazy("participant catalogue", "Provider"),
    "when": pgettext_lazy("participant catalogue", "When"),
    "where": pgettext_lazy("participant catalogue", "Where"),
    "taught_in": pgettext_lazy("participant catalogue", "Taught in"),
    "cost": pgettext_lazy("participant catalogue", "Cost"),
    "who": pgettext_lazy("participant catalogue", "Who can take it"),
    "everyone": pgettext_lazy("participant catalogue", "open to everyone"),
    "seats_free": pgettext_lazy("participant catalogue", "Seats free"),
    "waiting_list": pgettext_lazy("participant catalogue", "waiting list"),
    "contact": pgettext_lazy("participant catalogue", "Contact"),
    "by_appointment": pgettext_lazy("participant catalogue", "by appointment"),
    "dates": pgettext_lazy("participant catalogue", "Dates"),
    "site_hours": pgettext_lazy("participant catalogue", "Consultation hours of the site"),
    "previous": pgettext_lazy("participant catalogue", "Previous page"),
    "next": pgettext_lazy("participant catalogue", "Next page"),
    "pages": pgettext_lazy("participant catalogue", "Pages"),
    "german_only": pgettext_lazy(
        "participant catalogue", "This offer is described in German only."
    ),
}

KINDS: dict[str, Promise] = {
    OfferKind.INTEGRATION_COURSE: pgettext_lazy("participant catalogue", "Integration course"),
    OfferKind.JOB_LANGUAGE_COURSE: pgettext_lazy(
        "participant catalogue", "Job-related language course"
    ),
    OfferKind.LANGUAGE_COURSE: pgettext_lazy("participant catalogue", "Other language course"),
    OfferKind.QUALIFICATION: pgettext_lazy("participant catalogue", "Qualification"),
    OfferKind.VOCATIONAL_PREPARATION: pgettext_lazy(
        "participant catalogue", "Vocational preparation"
    ),
    OfferKind.COUNSELLING: pgettext_lazy("participant catalogue", "Counselling"),
    OfferKind.SCHOOL_COURSE: pgettext_lazy("participant catalogue", "School course"),
    OfferKind.INTERNSHIP_PROGRAMME: pgettext_lazy("participant catalogue", "Internship programme"),
    OfferKind.OTHER: pgettext_lazy("participant catalogue", "Other offer"),
}
MODES: dict[str, Promise] = {
    Mode.IN_PERSON: pgettext_lazy("participant catalogue", "In person"),
    Mode.ONLINE: pgettext_lazy("participant catalogue", "Online"),
    Mode.HYBRID: pgettext_lazy("participant catalogue", "In person and online"),
}
FUNDING: dict[str, Promise] = {
    Funding.FREE: pgettext_lazy("participant catalogue", "Free of charge"),
    Funding.VOUCHER: pgettext_lazy(
        "participant catalogue", "With an education voucher (Bildungsgutschein)"
    ),
    Funding.OTHER: pgettext_lazy("participant catalogue", "Costs: ask the provider"),
}
WEEKDAYS: tuple[Promise, ...] = (
    pgettext_lazy("participant catalogue", "Monday"),
    pgettext_lazy("participant catalogue", "Tuesday"),
    pgettext_lazy("participant catalogue", "Wednesday"),
    pgettext_lazy("participant catalogue", "Thursday"),
    pgettext_lazy("participant catalogue", "Friday"),
    pgettext_lazy("participant catalogue", "Saturday"),
    pgettext_lazy("participant catalogue", "Sunday"),
)


# As the logged-in pages name them (`enums.CEFR_LEVEL_NAMES`), in the reader's language.
CEFR_LEVEL_NAMES: dict[str, Promise] = {
    "A1": pgettext_lazy("participant catalogue", "A1 – beginner"),
    "A2": pgettext_lazy("participant catalogue", "A2 – elementary"),
    "B1": pgettext_lazy("participant catalogue", "B1 – intermediate"),
    "B2": pgettext_lazy("participant catalogue", "B2 – upper intermediate"),
    "C1": pgettext_lazy("participant catalogue", "C1 – advanced"),
    "C2": pgettext_lazy("participant catalogue", "C2 – proficient"),
}


def requirements(offer: Offer) -> list[str]:
    """Who can take the offer, in the reader's language; residence documents and benefits keep
    their German legal names, which the reader finds on their papers."""
    lines: list[Any] = []
    if offer.documents:
        labels: dict[str, Any] = dict(DocumentType.choices)
        names = ", ".join(str(labels.get(d, d)) for d in offer.documents)
        lines.append(
            pgettext_lazy("participant catalogue", "Residence papers: %(names)s") % {"names": names}
        )
    if offer.activity:
        lines.append(
            pgettext_lazy(
                "participant catalogue", "You must be allowed to work or train in Germany."
            )
        )
    low, high = offer.min_age, offer.max_age
    if low is not None and high is not None:
        lines.append(
            pgettext_lazy("participant catalogue", "Age %(low)s to %(high)s")
            % {"low": low, "high": high}
        )
    elif low is not None:
        lines.append(pgettext_lazy("participant catalogue", "Age from %(low)s") % {"low": low})
    elif high is not None:
        lines.append(pgettext_lazy("participant catalogue", "Age up to %(high)s") % {"high": high})
    if offer.min_german:
        lines.append(
            pgettext_lazy("participant catalogue", "German at least at level %(level)s")
            % {"level": CEFR_LEVEL_NAMES.get(offer.min_german, offer.min_german)}
        )
    if offer.legal_spheres:
        spheres = ", ".join(s for s in offer.legal_spheres if s != "none")
        if spheres:
            names = spheres.replace("sgb_iii", "SGB III").replace("sgb_ii", "SGB II")
            lines.append(
                pgettext_lazy("participant catalogue", "Benefits under: %(names)s")
                % {"names": names.replace("asylblg", "AsylbLG")}
            )
    if offer.postcodes:
        lines.append(
            pgettext_lazy("participant catalogue", "Only for postcodes: %(codes)s")
            % {"codes": " ".join(offer.postcodes)}
        )
    if offer.qualifications:
        lines.append(
            pgettext_lazy("participant catalogue", "Prior qualification: %(names)s")
            % {"names": ", ".join(offer.qualifications)}
        )
    return [str(line) for line in lines]


def page_of(number: int, total: int) -> str:
    return str(
        pgettext_lazy("participant catalogue", "Page %(number)s of %(total)s")
        % {"number": number, "total": total}
    )


def weekday_names(offer: Offer) -> list[str]:
    return [str(WEEKDAYS[day]) for day in sorted(offer.weekdays) if 0 <= day < len(WEEKDAYS)]
