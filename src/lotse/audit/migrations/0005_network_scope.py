"""Audit events carry their network, so that the log is scoped like the case files.

Existing events take the network of the organisation they name, else of the participant they
concern, else (sites created on the command line) of the site. On PostgreSQL the append-only
trigger is switched off for these UPDATEs, inside the migration's transaction."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast

TRIGGER = "audit_auditevent_append_only"


def _trigger(schema_editor, state: str) -> None:  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE audit_auditevent {state} TRIGGER {TRIGGER}")


def fill_network(apps, schema_editor):  # type: ignore[no-untyped-def]
    event = apps.get_model("audit", "AuditEvent")
    organisation = apps.get_model("network", "Organisation")
    participant = apps.get_model("participants", "Participant")
    site = apps.get_model("network", "Site")
    _trigger(schema_editor, "DISABLE")
    event.objects.filter(organisation_id__isnull=False).update(
        network_id=Subquery(
            organisation.objects.filter(pk=OuterRef("organisation_id")).values("network_id")[:1]
        )
    )
    event.objects.filter(network_id__isnull=True, participant_id__isnull=False).update(
        network_id=Subquery(
            participant.objects.filter(pk=OuterRef("participant_id")).values("network_id")[:1]
        )
    )
    # Sites were created on the command line without an organisation in the event.
    event.objects.filter(network_id__isnull=True, object_type="network.site").update(
        network_id=Subquery(
            site.objects.filter(pk=Cast(OuterRef("object_id"), models.BigIntegerField())).values(
                "organisation__network_id"
            )[:1]
        )
    )
    _trigger(schema_editor, "ENABLE")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_action_not_indexed"),
        ("network", "0001_initial"),
        ("participants", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="network_id",
            field=models.BigIntegerField(null=True, verbose_name="network"),
        ),
        migrations.RunPython(fill_network, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="time"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["network_id", "occurred_at"], name="audit_event_network_time"
            ),
        ),
    ]
