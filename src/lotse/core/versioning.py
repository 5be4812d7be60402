"""No lost update: one optimistic lock for every object that a form edits.

- the model carries a `version` (`Versioned`);
- the form carries the version it showed as a hidden field (`VersionedFormMixin`);
- the service locks the row, compares and moves the version on in the transaction of the
  change (`lock_current`), or raises `StaleEditError`, and nothing is written;
- the view hands the error back to the form (`VersionedFormMixin.refuse_stale`): the refusal is
  shown in the form, what was typed stays, and the hidden version becomes the one saved now, so
  saving again is a deliberate overwrite.

The version counts edits of what the edit forms show. Fields that services keep on their own
(a participant's current document or last contact) do not move it, so they never refuse a
counsellor's edit.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models

from lotse.core.errors import StaleEditError

FIELD = "version"


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def lock_current[V: Versioned](
    queryset: "models.QuerySet[V]", *, expected_version: int | None
) -> V | None:
    """The one row of `queryset`, locked for the transaction, with its version moved on: save
    it (or copy its `version` onto the instance you save) to record the edit.

    `expected_version` is the version the form showed, None for a form that creates. Refused
    with StaleEditError when the row was saved since, was deleted since, or was created since
    by someone else (a form that creates, meeting a row that now exists). None when there is no
    row and none was expected: the caller creates it.
    """
    locked = queryset.select_for_update().first()
    if locked is None:
        if expected_version is None:
            return None
        raise StaleEditError(current_version=None)
    if locked.version != expected_version:
        raise StaleEditError(current_version=locked.version)
    locked.version += 1
    return locked


def lock_existing[V: Versioned](
    queryset: "models.QuerySet[V]", *, expected_version: int | None
) -> V:
    """`lock_current` for a row that must exist: one deleted since is a stale edit too."""
    locked = lock_current(queryset, expected_version=expected_version)
    if locked is None:
        raise StaleEditError(current_version=None)
    return locked


# Mixed into forms: type-checked as one, a plain class at run time (Django's form metaclass).
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class VersionedFormMixin(_FormBase):
    """A hidden `version`: the version of the object the form showed.

    Model forms take it from their instance; other forms (one that edits a record which may
    not exist yet) get it as `version=`. Empty means the form creates the object.
    """

    def __init__(self, *args: Any, version: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk is not None:
            version = instance.version
        self.fields[FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=1, initial=version
        )

    @property
    def expected_version(self) -> int | None:
        value: int | None = self.cleaned_data.get(FIELD)
        return value

    def data_without_version(self) -> dict[str, Any]:
        """The cleaned data a service takes: everything but the version."""
        return {k: v for k, v in self.cleaned_data.items() if k != FIELD}

    def refuse_stale(self, error: StaleEditError) -> None:
        """Show the refusal in the form, keep the entries, and carry the version saved now."""
        self.add_error(None, error.message)
        # The posted QueryDict is immutable; its copy keeps lists (check boxes) whole.
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        current = error.current_version
        data[self.add_prefix(FIELD)] = "" if current is None else str(current)
        self.data = data
