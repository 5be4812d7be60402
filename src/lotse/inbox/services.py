"""Writes of the inbox: the notification preference, and `notify`."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from lotse.audit.services import audit_record
from lotse.inbox.models import NotificationPreference
from lotse.inbox.tasks import send_notices


@transaction.atomic
def notification_preference_set(*, actor: User, email: bool) -> NotificationPreference:
    """The choice is absolute (on or off), so two tabs saving it cannot lose anything: the later
    choice is what the person meant last."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=actor, defaults={"email": email}
    )
    audit_record(
        actor=actor,
        action="inbox.notification.switched_on" if email else "inbox.notification.switched_off",
        obj=preference,
    )
    return preference


def notify(*, recipients: Iterable[User | int], kind: str) -> None:
    """Tell `recipients` by e-mail that something waits in their inbox (`kind`: the key of the
    inbox source). Only those who chose e-mail are written to, and the message names no one.
    Sent by the worker once the caller's transaction has committed: a refused or failing mail
    server never undoes the change that caused the notice."""
    user_ids = sorted({r if isinstance(r, int) else r.pk for r in recipients})
    if not user_ids:
        return
    transaction.on_commit(lambda: send_notices.enqueue(user_ids, kind))
