"""No double record: every form that creates something carries a fresh key
(`{% submission_key %}`), and the view records it in the same transaction as the change
(`first_submission`). A second click posts the same key again and is recognised, so nothing is
saved twice; the view says so with `ALREADY_SAVED`. Parallel posts of one key meet at the
key's primary key: the database lets one insert through, the others fail.

Views whose validation compares with saved rows (a name that must be unique) ask
`already_submitted` before validating too, so the second click is told "saved already"
instead of meeting its own first record as a clash."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.models import FormSubmission

FIELD = "submission_key"
KEPT = datetime.timedelta(days=1)
ALREADY_SAVED = _("This was saved already; it was not saved a second time.")


def posted_key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def key_for_page(request: HttpRequest) -> uuid.UUID:
    """The posted key when a form is shown again after an error, else a new one."""
    return posted_key(request) or uuid.uuid4()


def first_submission(request: HttpRequest) -> bool:
    """Record the posted key; False if it was recorded before. Call inside the transaction that
    saves the change, so a refused change leaves the key free for the corrected form."""
    key = posted_key(request)
    if key is None:
        return True  # a page from before keys existed, or a client without them
    FormSubmission.objects.filter(submitted_at__lt=timezone.now() - KEPT).delete()
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def already_submitted(request: HttpRequest) -> bool:
    """The posted key was recorded before: for forms whose validation compares with saved rows
    (a site's name), where the second click would otherwise meet its own first one as a clash."""
    key = posted_key(request)
    return key is not None and FormSubmission.objects.filter(key=key).exists()
