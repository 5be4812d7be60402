"""Changes to the network: organisations, sites and accounts. Each writes its audit event."""

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.audit.services import audit_record, masked_diff
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_existing
from lotse.network.enums import Role
from lotse.network.models import Membership, Network, Organisation, Site
from lotse.network.selectors import forget_lists, has_active_team_lead


@transaction.atomic
def organisation_save(
    *,
    actor: User | None,
    network: Network,
    organisation: Organisation,
    expected_version: int | None = None,
) -> Organisation:
    """Refuses to overwrite an organisation someone else saved after the form was opened."""
    created = organisation.pk is None
    if not created:
        organisation.version = lock_existing(
            Organisation.objects.filter(pk=organisation.pk), expected_version=expected_version
        ).version
    organisation.network = network
    organisation.save()
    transaction.on_commit(lambda: forget_lists(network_id=network.pk))
    audit_record(
        actor=actor,
        action="network.organisation.created" if created else "network.organisation.changed",
        obj=organisation,
        organisation_id=organisation.pk,
    )
    return organisation


@transaction.atomic
def site_save(*, actor: User, site: Site, hours_formset: Any, expected_version: int | None) -> Site:
    """Refuses to overwrite a site someone else saved after the form was opened."""
    created = site.pk is None
    if not created:
        site.version = lock_existing(
            Site.objects.filter(pk=site.pk), expected_version=expected_version
        ).version
    site.save()
    hours_formset.instance = site
    hours_formset.save()
    network_id = site.organisation.network_id
    transaction.on_commit(lambda: forget_lists(network_id=network_id))
    audit_record(
        actor=actor,
        action="network.site.created" if created else "network.site.changed",
        obj=site,
        organisation_id=site.organisation_id,
    )
    return site


@transaction.atomic
def account_create(
    *,
    actor: User | None,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    password: str,
    must_change_password: bool = True,
) -> Membership:
    """`must_change_password`: the person sets a password of their own at the first log-in
    (off only for the demo accounts, whose password is published)."""
    user = get_user_model().objects.create_user(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        password=password,
    )
    membership = Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        must_change_password=must_change_password,
    )
    transaction.on_commit(lambda: forget_lists(organisation_id=organisation.pk))
    audit_record(
        actor=actor,
        action="network.account.created",
        obj=membership,
        detail={"role": role, "username": username},
        organisation_id=organisation.pk,
        network_id=organisation.network_id,
    )
    return membership


@transaction.atomic
def team_lead_account_create(
    *,
    actor: User,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
) -> Membership:
    """The coordinator sets up the first team lead of an organisation, who then keeps its
    accounts. Refused while the organisation has an active team lead: a coordinator does not
    hand out accounts with access to another organisation's case files beside its own leads."""
    # Two coordinators at once must not create two "first" team leads.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if has_active_team_lead(organisation.pk):
        raise DomainError(
            _("%(organisation)s has a team lead already, who creates further accounts.")
            % {"organisation": organisation.name}
        )
    return account_create(
        actor=actor,
        organisation=organisation,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=Role.TEAM_LEAD,
        password=password,
    )


@transaction.atomic
def account_change(
    *,
    actor: User,
    membership: Membership,
    role: str,
    is_active: bool,
    expected_version: int | None,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
) -> Membership:
    """Role, state, name and e-mail of an account (a name or e-mail of None stays as it is);
    refused if another team lead changed them after the form showing `expected_version` was
    opened."""
    locked = lock_existing(
        Membership.objects.filter(pk=membership.pk), expected_version=expected_version
    )
    if membership.user_id == actor.pk and (not is_active or role != locked.role):
        raise DomainError(_("You cannot change your own role or deactivate your own account."))
    user = membership.user
    wanted = {
        "role": role,
        "is_active": is_active,
        "first_name": user.first_name if first_name is None else first_name,
        "last_name": user.last_name if last_name is None else last_name,
        "email": user.email if email is None else email,
    }
    current = {
        "role": locked.role,
        "is_active": user.is_active,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
    }
    diff = {
        field: (current[field], value) for field, value in wanted.items() if current[field] != value
    }
    if not diff:
        return membership  # e.g. only the password was reset: that has its own event
    membership.role = role
    membership.version = locked.version
    membership.save(update_fields=["role", "version"])
    user_fields = [
        field for field in ("is_active", "first_name", "last_name", "email") if field in diff
    ]
    for field in user_fields:
        setattr(user, field, wanted[field])
    if user_fields:
        user.save(update_fields=user_fields)
    organisation_id = membership.organisation_id
    transaction.on_commit(lambda: forget_lists(organisation_id=organisation_id))
    audit_record(
        actor=actor,
        action="network.account.changed",
        obj=membership,
        # The name and e-mail are personal data: the log says that they changed, not to what.
        detail=masked_diff(diff),
    )
    return membership


@transaction.atomic
def account_reset_credentials(
    *,
    actor: User,
    membership: Membership,
    password: str = "",
    second_factor: bool = False,
) -> None:
    """A forgotten password or a lost phone: the team lead sets a new initial password and/or
    removes the second factor, which the person then sets up again at the next log-in."""
    user = membership.user
    if password:
        user.set_password(password)  # also ends the person's other sessions
        user.save(update_fields=["password"])
        membership.must_change_password = True
        membership.save(update_fields=["must_change_password"])
        # A new password also lifts a lock-out after too many wrong ones.
        axes_reset(username=user.get_username())
    if second_factor:
        TOTPDevice.objects.filter(user=user).delete()
    if password or second_factor:
        audit_record(
            actor=actor,
            action="network.account.credentials_reset",
            obj=membership,
            detail={"password": bool(password), "second_factor": second_factor},
        )


@transaction.atomic
def account_password_change(*, user: User, new_password: str) -> None:
    """The account's owner sets a password of their own (the form has checked the old one)."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    Membership.objects.filter(user=user).update(must_change_password=False)
    audit_record(actor=user, action="core.password.changed")
