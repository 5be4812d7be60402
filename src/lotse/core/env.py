"""Typed settings from the environment (12-factor) that fail loudly on bad values.

Every setting `LOTSE_X` may also be given as `LOTSE_X_FILE`, a path whose content is the value,
so that secrets can come from container secret files instead of the process environment.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit


class ConfigurationError(RuntimeError):
    pass


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigurationError(f"{name}_FILE: cannot read {file_name}: {error}") from error
    return os.environ.get(name)


def env_str(name: str, default: str | None = None) -> str:
    value = _raw(name)
    if value is None or value == "":
        if default is None:
            raise ConfigurationError(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be an integer, not {value!r}") from error
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


_EMAIL_SCHEMES = {
    "smtp": (False, False),
    "smtp+tls": (True, False),
    "smtps": (False, True),
}


def mailer(url: str) -> dict[str, object]:
    """A Django MAILERS entry from one URL: `smtp://user:password@host:25`, `smtp+tls://…`
    (STARTTLS), `smtps://…` (TLS from the start) or `console:` (printed, for the demo)."""
    parsed = urlsplit(url)
    if parsed.scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme not in _EMAIL_SCHEMES or not parsed.hostname:
        raise ConfigurationError(
            f"LOTSE_EMAIL_URL must look like smtp://user:password@host:port, smtp+tls://…, "
            f"smtps://… or console:, not {url!r}"
        )
    use_tls, use_ssl = _EMAIL_SCHEMES[parsed.scheme]
    try:
        port = parsed.port
    except ValueError as error:
        raise ConfigurationError(f"LOTSE_EMAIL_URL has a bad port: {url!r}") from error
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parsed.hostname,
            "port": port or (465 if use_ssl else 587 if use_tls else 25),
            "username": unquote(parsed.username or ""),
            "password": unquote(parsed.password or ""),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": 20,
        },
    }
