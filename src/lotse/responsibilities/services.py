"""Writes to the responsibility map: audited, versioned, keyword-only."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_existing
from lotse.network.models import Network
from lotse.responsibilities.models import PathStep, Responsibility, ResponsibilityMap


@transaction.atomic
def step_save(
    *, actor: User, network: Network, step: PathStep, expected_version: int | None
) -> PathStep:
    created = step.pk is None
    if not created:
        step.version = lock_existing(
            PathStep.objects.filter(pk=step.pk, network=network), expected_version=expected_version
        ).version
    if PathStep.objects.filter(network=network, name=step.name).exclude(pk=step.pk).exists():
        raise DomainError(_("The path has a step of this name already."))
    step.network = network
    step.save()
    audit_record(
        actor=actor,
        action="responsibilities.step.created" if created else "responsibilities.step.changed",
        obj=step,
        detail={"name": step.name, "position": step.position},
    )
    return step


@transaction.atomic
def step_delete(*, actor: User, network: Network, step: PathStep, expected_version: int) -> None:
    """Deletes the step with its responsibilities."""
    lock_existing(
        PathStep.objects.filter(pk=step.pk, network=network), expected_version=expected_version
    )
    audit_record(
        actor=actor,
        action="responsibilities.step.deleted",
        obj=step,
        detail={"name": step.name, "responsibilities": step.responsibilities.count()},
    )
    step.delete()


@transaction.atomic
def responsibility_save(
    *,
    actor: User,
    network: Network,
    responsibility: Responsibility,
    expected_version: int | None,
) -> Responsibility:
    """Refuses a step or an organisation of another network."""
    if responsibility.step.network_id != network.pk:
        raise DomainError(_("This step belongs to another network."))
    organisation = responsibility.organisation
    if organisation is not None and organisation.network_id != network.pk:
        raise DomainError(_("This organisation belongs to another network."))
    if organisation is None and not responsibility.outside_organisation:
        raise DomainError(_("Choose the organisation, or name one outside the network."))
    low, high = responsibility.min_age, responsibility.max_age
    if low is not None and high is not None and high < low:
        raise DomainError(_("The maximum age is below the minimum age."))
    created = responsibility.pk is None
    if not created:
        responsibility.version = lock_existing(
            Responsibility.objects.filter(pk=responsibility.pk, network=network),
            expected_version=expected_version,
        ).version
    responsibility.network = network
    responsibility.save()
    audit_record(
        actor=actor,
        action="responsibilities.responsibility.created"
        if created
        else "responsibilities.responsibility.changed",
        obj=responsibility,
        detail={"step": responsibility.step.name, "group": responsibility.group},
    )
    return responsibility


@transaction.atomic
def responsibility_delete(
    *, actor: User, network: Network, responsibility: Responsibility, expected_version: int
) -> None:
    lock_existing(
        Responsibility.objects.filter(pk=responsibility.pk, network=network),
        expected_version=expected_version,
    )
    audit_record(
        actor=actor,
        action="responsibilities.responsibility.deleted",
        obj=responsibility,
        detail={"step": responsibility.step.name, "group": responsibility.group},
    )
    responsibility.delete()


@transaction.atomic
def map_publish(*, actor: User, network: Network, public: bool) -> ResponsibilityMap:
    published, _created = ResponsibilityMap.objects.select_for_update().get_or_create(
        network=network
    )
    published.public = public
    published.save()
    audit_record(
        actor=actor,
        action="responsibilities.map.published" if public else "responsibilities.map.withdrawn",
        obj=published,
        network_id=network.pk,
    )
    return published
