from django.http import Http404
from django.utils.translation import gettext as _


class DomainError(Exception):
    """A rule of the domain refused an action; `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleEditError(DomainError):
    """Someone else saved (or deleted) the same record since this form was opened.

    `current_version` is the version saved now (None when the record is gone), so a form can
    offer a second, deliberate save against it (`core.versioning.VersionedFormMixin`).
    """

    def __init__(self, *, current_version: int | None) -> None:
        if current_version is None:
            message = _(
                "Someone else deleted this after you opened the form, so your changes were "
                "not saved."
            )
        else:
            message = _(
                "Someone else saved this after you opened the form, so your changes were not "
                "saved. Your entries are still in the form: saving again replaces the other "
                "person's changes."
            )
        super().__init__(message)
        self.current_version = current_version


class CaseUnavailable(Http404):
    """A case that does not exist, or that the user may not (or no longer) see. One answer for
    both: the page says that either may be true, never which (DESIGN.md §3.2)."""
