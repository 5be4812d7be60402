from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReferralStatus(models.TextChoices):
    """The closed-loop referral (Primero; FHIR Task): requested → accepted | declined →
    in progress → completed, or cancelled by the sender while it is open."""

    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


# Waiting for the recipient, or being worked on: the caseload marks these.
OPEN = (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
# The recipient works on the case (the kernel's `referral` access, with a valid consent).
ACTIVE = (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("no capacity")
    NOT_ELIGIBLE = "not_eligible", _("not eligible")
    PERSON_DECLINED = "person_declined", _("the person declined")
    OTHER = "other", pgettext_lazy("decline reason", "other")


class Outcome(models.TextChoices):
    """What came of it: data the reporting reads (with `completed_on`)."""

    STARTED = "started", _("started the offer")
    FINISHED = "finished", _("finished the offer")
    DROPPED_OUT = "dropped_out", _("dropped out")
    NO_SHOW = "no_show", _("did not come")
    QUALIFICATION = "qualification_gained", _("qualification gained")


class CancelReason(models.TextChoices):
    """Why a referral was cancelled: by the sender (with a note), or as the effect of another
    change (the person revoked the consent; the sender sent it elsewhere)."""

    WITHDRAWN = "withdrawn", _("withdrawn by the sender")
    CONSENT_REVOKED = "consent_revoked", _("consent revoked")
    REROUTED = "rerouted", _("re-routed")


class Disclosure(models.TextChoices):
    """What the sender may pass on besides name, contact data, reason and request."""

    LANGUAGES = "languages", _("language levels")
    RESIDENCE = "residence", _("residence document")
    BIRTH_DATE = "birth_date", _("date of birth")
