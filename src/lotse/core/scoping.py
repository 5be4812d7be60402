"""Scoped managers under names of their own.

django-scopes builds its manager class inside `ScopedManager()`, so neither a reader nor mypy's
Django plugin can name it: every `objects`, `_default_manager` and reverse relation of a scoped
model would be untyped. Each class here subclasses that built class once, adding nothing at run
time; for the type checker it is a `Manager[M]` with the two methods django-scopes adds.
"""

from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django_scopes import ScopedManager

if TYPE_CHECKING:

    class ScopedManagerBase[M: models.Model](models.Manager[M]):
        def with_scope(self, **scope: object) -> Self: ...
        def with_scopes_disabled(self) -> Self: ...

    def scoped_manager_class(
        manager_class: type[models.Manager[Any]] = models.Manager, **scopes: str
    ) -> type[ScopedManagerBase[Any]]: ...

    _ByNetwork = ScopedManagerBase
    _ByParticipantNetwork = ScopedManagerBase
else:

    def scoped_manager_class(manager_class=models.Manager, **scopes):
        return type(ScopedManager(manager_class, **scopes))

    _ByNetwork = scoped_manager_class(network="network")
    _ByParticipantNetwork = scoped_manager_class(network="participant__network")


class NetworkScopedManager[M: models.Model](_ByNetwork[M]):
    """Rows that carry their network: filtered by the active scope's `network`."""


class ParticipantNetworkScopedManager[M: models.Model](_ByParticipantNetwork[M]):
    """Rows that belong to a participant: filtered by the participant's network."""
