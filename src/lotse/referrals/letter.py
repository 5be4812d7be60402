"""The referral letter for a provider outside the network: German first, then the person's
language (ar, fa, uk, en) on a page of its own. The person takes it to the provider; Lotse sends
nothing anywhere."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from lotse.profiles.documents.pdf import render_pdf
from lotse.profiles.participant_texts import LANGUAGES, direction
from lotse.referrals.models import Referral

# Dari speakers read the Farsi texts (see profiles.participant_texts).
_SAME_AS = {"prs": "fa"}


def letter_languages(referral: Referral) -> list[str]:
    preferred = referral.participant.preferred_language
    preferred = _SAME_AS.get(preferred, preferred)
    return ["de", preferred] if preferred in LANGUAGES else ["de"]


def letter_context(referral: Referral) -> dict[str, Any]:
    participant = referral.participant
    sender = referral.sender
    return {
        "parts": [{"lang": code, "dir": direction(code)} for code in letter_languages(referral)],
        "participant_name": f"{participant.first_names} {participant.last_name}",
        "birth_date": date_format(participant.birth_date, "SHORT_DATE_FORMAT")
        if participant.birth_date
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
