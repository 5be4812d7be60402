"""One error shape for the whole API: {"detail": message} and, for invalid data, "errors" per
field. Messages follow the request's language (LocaleMiddleware)."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

NON_FIELD = "__all__"

# Pydantic only checks the JSON types; these are its error types a client can cause.
TYPE_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter text."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "bool_type": gettext_lazy("Enter true or false."),
    "list_type": gettext_lazy("Enter a list."),
    "extra_forbidden": gettext_lazy("This field is not known."),
    "model_type": gettext_lazy("Send a JSON object."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "greater_than_equal": gettext_lazy("The value is too small."),
    "less_than_equal": gettext_lazy("The value is too large."),
    "string_too_long": gettext_lazy("The text is too long."),
}


class InvalidDataError(Exception):
    """Form errors, per field, to be answered with 422."""

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("invalid data")
        self.errors = {field: list(messages) for field, messages in errors.items()}


def field_name(loc: Sequence[Any]) -> str:
    # ("body", "payload", "residence_document", "valid_until") -> "residence_document.valid_until"
    parts = list(loc[2:] if loc and loc[0] == "body" else loc[1:])
    return ".".join(str(p) for p in parts) or NON_FIELD


def _type_errors(exc: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        message = TYPE_MESSAGES.get(error.get("type", ""), gettext_lazy("Enter a valid value."))
        errors.setdefault(field_name(error.get("loc", ())), []).append(str(message))
    return errors


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def invalid_types(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, invalid_body(_type_errors(exc)))

    @api.exception_handler(InvalidDataError)
    def invalid_data(request: HttpRequest, exc: InvalidDataError) -> HttpResponse:
        return respond(request, 422, invalid_body(exc.errors))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, {"detail": _("The request body is too large.")})

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The same answer for "does not exist" and "you may not see it".
        return respond(request, 404, {"detail": _("Not found.")})

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request,
            401,
            {"detail": _("Log in or send an API token: Authorization: Bearer <token>.")},
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja could not parse the body; its own message is neither translated nor helpful.
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
            return respond(request, 400, {"detail": _("The request body is not valid JSON.")})
        return respond(request, exc.status_code, {"detail": str(exc)})


def invalid_body(errors: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    return {"detail": _("The data is not valid."), "errors": dict(errors)}
