"""Double submissions: a form page carries a fresh key (`{% submission_key %}`), and the view
records it in the same transaction as the change. A second click posts the same key again and
is recognised, so nothing is saved twice."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from lotse.core.models import FormSubmission

FIELD = "submission_key"
KEPT = datetime.timedelta(days=1)


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
