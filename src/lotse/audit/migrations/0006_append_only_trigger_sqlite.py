"""On SQLite too the database itself refuses UPDATE and DELETE on the audit log (0002 does it on
PostgreSQL), so a raw SQL statement cannot rewrite history in a small installation either.

SQLite has no TRUNCATE: the test suite's flush after a browser test empties tables with DELETE,
and `tests/browser/conftest.py` takes the DELETE trigger away for that moment only."""

from django.db import migrations

NO_UPDATE = """
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
"""
NO_DELETE = """
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
"""
DROP_NO_UPDATE = "DROP TRIGGER IF EXISTS audit_auditevent_no_update"
DROP_NO_DELETE = "DROP TRIGGER IF EXISTS audit_auditevent_no_delete"


def _on_sqlite(*statements: str):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_network_scope")]
    operations = [
        migrations.RunPython(
            _on_sqlite(NO_UPDATE, NO_DELETE), _on_sqlite(DROP_NO_UPDATE, DROP_NO_DELETE)
        )
    ]
