import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from lotse.network.models import Membership, Organisation


def test_setup_and_add_account_bootstrap_a_network(
    db: None, monkeypatch: pytest.MonkeyPatch, settings
) -> None:  # type: ignore[no-untyped-def]
    call_command(
        "network",
        "setup",
        "Netzwerk Beispiel",
        "--organisation",
        "Kreis Beispiel",
        "--kind",
        "municipality",
        "--prefix",
        "kb",
    )
    assert Organisation.objects.get().file_number_prefix == "KB"
    monkeypatch.setattr("getpass.getpass", lambda prompt: "Ein-sicheres-Passwort-9")
    call_command(
        "network",
        "add-account",
        "--organisation",
        "Kreis Beispiel",
        "--role",
        "coordinator",
        "--username",
        "anna",
        "--email",
        "anna@kreis.example",
    )
    assert Membership.objects.get(user__username="anna").role == "coordinator"
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="anna", password="Ein-sicheres-Passwort-9")
    with pytest.raises(CommandError):
        call_command(
            "network",
            "setup",
            "Netzwerk Beispiel",
            "--organisation",
            "X",
            "--kind",
            "other",
            "--prefix",
            "X",
        )
