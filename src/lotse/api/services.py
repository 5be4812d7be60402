"""Creating, using and revoking API tokens. Each change writes its audit event."""

import datetime
import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.api.models import ApiToken
from lotse.audit.services import audit_record
from lotse.core.errors import DomainError
from lotse.network.access import membership_of

KEY_PREFIX = "lotse_"
PREFIX_SHOWN = len(KEY_PREFIX) + 6
MAX_KEY_LENGTH = 128
# Writing "last used" on every request would turn each read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# A forgotten token must not stay a way into personal data for ever.
VALIDITY_DAYS = (30, 90, 180, 365)
DEFAULT_VALIDITY_DAYS = 90


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    actor: User | None,
    user: User,
    name: str,
    days: int = DEFAULT_VALIDITY_DAYS,
) -> tuple[ApiToken, str]:
    """The new token and its key. The key is returned only here and never stored."""
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, e.g. the program that uses it."))
    if days not in VALIDITY_DAYS:
        raise DomainError(
            _("A token is valid for %(choices)s days.")
            % {"choices": ", ".join(str(d) for d in VALIDITY_DAYS)}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=api_token_hash(key),
        key_prefix=key[:PREFIX_SHOWN],
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    audit_record(
        actor=actor,
        action="api.token.created",
        obj=token,
        detail={"user": user.pk, "name": name, "days": days},
        organisation_id=_organisation_id(user),
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        raise DomainError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="api.token.revoked",
        obj=token,
        detail={"user": token.user_id},
        organisation_id=_organisation_id(token.user),
    )
    return token


def _organisation_id(user: User) -> int | None:
    """For events written without an actor (the command line): the token owner's organisation."""
    membership = membership_of(user)
    return membership.organisation_id if membership else None


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The active, unexpired token of an active user with this key, marked as used; else None."""
    if not key.startswith(KEY_PREFIX) or len(key) > MAX_KEY_LENGTH:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            key_hash=api_token_hash(key),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
