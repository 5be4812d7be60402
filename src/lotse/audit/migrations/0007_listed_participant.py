"""The participants a list event names, one narrow row each (`audit.models.ListedParticipant`),
append-only in the database like the events (0002 on PostgreSQL, 0006 on SQLite)."""

import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL = """
CREATE TRIGGER audit_listedparticipant_append_only
    BEFORE UPDATE OR DELETE ON audit_listedparticipant
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
"""
POSTGRESQL_DROP = (
    "DROP TRIGGER IF EXISTS audit_listedparticipant_append_only ON audit_listedparticipant"
)
NO_UPDATE = """
CREATE TRIGGER IF NOT EXISTS audit_listedparticipant_no_update
BEFORE UPDATE ON audit_listedparticipant
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
"""
NO_DELETE = """
CREATE TRIGGER IF NOT EXISTS audit_listedparticipant_no_delete
BEFORE DELETE ON audit_listedparticipant
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
"""
DROP_NO_UPDATE = "DROP TRIGGER IF EXISTS audit_listedparticipant_no_update"
DROP_NO_DELETE = "DROP TRIGGER IF EXISTS audit_listedparticipant_no_delete"


def _on(vendor: str, *statements: str):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == vendor:
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_append_only_trigger_sqlite")]

    operations = [
        migrations.CreateModel(
            name="ListedParticipant",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "event",
                        "participant_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "participant_id",
                    models.BigIntegerField(db_index=True, verbose_name="participant"),
                ),
                (
                    "event",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="listed",
                        to="audit.auditevent",
                        verbose_name="audit event",
                    ),
                ),
            ],
            options={
                "verbose_name": "listed participant",
                "verbose_name_plural": "listed participants",
            },
        ),
        migrations.RunPython(_on("postgresql", POSTGRESQL), _on("postgresql", POSTGRESQL_DROP)),
        migrations.RunPython(
            _on("sqlite", NO_UPDATE, NO_DELETE), _on("sqlite", DROP_NO_UPDATE, DROP_NO_DELETE)
        ),
    ]
