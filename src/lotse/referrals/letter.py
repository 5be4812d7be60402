"""The referral letter for a provider outside the network: German first, then the person's
language (ar, fa, uk, en) on a page of its own. The person takes it to the provider; Lotse sends
nothing anywhere."""

import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import pgettext

from lotse.core.reference import language_name
from lotse.profiles.documents.pdf import render_pdf
from lotse.profiles.participant_texts import LANGUAGES, direction
from lotse.referrals.models import Referral

# Dari speakers read the Farsi texts (see profiles.participant_texts).
_SAME_AS = {"prs": "fa"}


def letter_languages(referral: Referral) -> list[str]:
    preferred = referral.participant.preferred_language
    preferred = _SAME_AS.get(preferred, preferred)
    return ["de", preferred] if preferred in LANGUAGES else ["de"]


def printed_in(codes: list[str], lang: str) -> str:
    """ "This letter is printed in: German, Arabic." in the language `lang`, so that a reader of
    either part knows there is the other."""
    with translation.override(lang):
        return pgettext(
            "participant referral letter", "This letter is printed in these languages: %(names)s."
        ) % {"names": ", ".join(language_name(code) for code in codes)}


def letter_context(referral: Referral) -> dict[str, Any]:
    participant = referral.participant
    sender = referral.sender
    codes = letter_languages(referral)
    # The letter passes on what the counsellor chose to pass on, like a referral to a partner:
    # the date of birth only when it was ticked (copied into the referral then).
    born = referral.disclosed.get("birth_date")
    return {
        "parts": [
            {"lang": code, "dir": direction(code), "printed_in": printed_in(codes, code)}
            for code in codes
        ],
        "participant_name": f"{participant.first_names} {participant.last_name}",
        "birth_date": date_format(datetime.date.fromisoformat(born), "SHORT_DATE_FORMAT")
        if born
        else "",
        "provider": referral.recipient_name,
        "offer": referral.offer.title if referral.offer else "",
        "organisation": referral.sender_organisation.name,
        "contact_email": referral.sender_organisation.contact_email,
        "contact_phone": referral.sender_organisation.contact_phone,
        "counsellor": sender.get_full_name() or sender.username if sender else "",
        "reason": referral.reason,
        "request": referral.request,
        "date": date_format(timezone.localdate(referral.requested_at), "SHORT_DATE_FORMAT"),
    }


def render_letter(referral: Referral) -> bytes:
    return render_pdf(render_to_string("referrals/letter.html", letter_context(referral)))
