"""`check --deploy` is clean in production, and TLS is configurable from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 40 + "Z8!q-Lotse-secret-key-for-the-check-only"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Not the test run's own settings, nor what Playwright sets for the browser tests.
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LOTSE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean.update(
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="lotse.settings",
        LOTSE_SECRET_KEY=STRONG_KEY,
        LOTSE_DATA_DIR=env.pop("data_dir"),
        **env,
    )
    return subprocess.run(
        [sys.executable, *args], env=clean, capture_output=True, text=True, check=False, cwd=ROOT
    )


def _settings(names: str, tmp_path: Path, **env: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings as s; print({names})"
    return _run("-c", code, data_dir=str(tmp_path), **env).stdout.strip()


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = _run(
        "-m",
        "lotse",
        "check",
        "--deploy",
        data_dir=str(tmp_path),
        LOTSE_EMAIL_URL="smtp+tls://lotse:secret@mail.example.org",
    )

    assert result.stderr == ""
    assert result.stdout == "System check identified no issues (1 silenced).\n"


def test_check_deploy_asks_for_a_real_mail_server(tmp_path: Path) -> None:
    result = _run("-m", "lotse", "check", "--deploy", data_dir=str(tmp_path))

    assert "mail.E001" in result.stderr


def test_production_redirects_to_tls_and_sends_hsts(tmp_path: Path) -> None:
    names = "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS"

    assert _settings(names, tmp_path) == "True 31536000 True"


def test_debug_needs_no_tls(tmp_path: Path) -> None:
    names = "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS"

    assert _settings(names, tmp_path, LOTSE_DEBUG="true") == "False 0"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LOTSE_SSL_REDIRECT": "false"}, "False 31536000 True False"),
        ({"LOTSE_HSTS_SECONDS": "3600"}, "True 3600 True False"),
        ({"LOTSE_HSTS_INCLUDE_SUBDOMAINS": "no"}, "True 31536000 False False"),
        ({"LOTSE_HSTS_PRELOAD": "yes"}, "True 31536000 True True"),
    ],
)
def test_tls_settings_come_from_the_environment(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    names = (
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD"
    )

    assert _settings(names, tmp_path, **env) == expected
