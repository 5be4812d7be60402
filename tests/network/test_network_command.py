import pytest
from django.core.management import CommandError, call_command

from lotse.audit.models import AuditEvent
from lotse.network.models import Membership, Organisation
from tests.factories import password_works


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
    # Written without an actor, yet found by the organisation in the data-protection log.
    organisation = Organisation.objects.get()
    created = AuditEvent.objects.get(action="network.account.created")
    assert (created.actor_id, created.organisation_id) == (None, organisation.pk)
    assert AuditEvent.objects.get(action="network.organisation.created").organisation_id == (
        organisation.pk
    )
    assert password_works("anna", "Ein-sicheres-Passwort-9")
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
