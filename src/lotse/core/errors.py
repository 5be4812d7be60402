class DomainError(Exception):
    """A rule of the domain refused an action; `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleEditError(DomainError):
    """Someone else saved the same record since this form was opened."""
