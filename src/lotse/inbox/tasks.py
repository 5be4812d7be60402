"""The e-mail that says something waits in Lotse, sent by the worker after the change committed:
a slow or failing mail server neither delays nor undoes what was saved."""

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.inbox.registry import inbox_source

logger = logging.getLogger(__name__)


@task()
def send_notices(user_ids: list[int], kind: str) -> int:
    """One message per recipient, so that no one learns who else was told. Returns how many
    were sent; a refused message is logged and the others still go."""
    source = inbox_source(kind)
    addresses = list(
        User.objects.filter(pk__in=user_ids, is_active=True, inbox_preference__email=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "heading": source.heading if source is not None else "",
            "url": settings.LOTSE_BASE_URL.rstrip("/") + reverse("inbox:page"),
        }
        subject = _("Something waits for you in Lotse")
        body = render_to_string("inbox/notice.txt", context)
    for address in addresses:
        try:
            sent += EmailMessage(subject, body, to=[address]).send()
        except OSError:
            logger.exception("An inbox notice could not be sent.")
    return sent
