"""PostgreSQL uses a btree index for `LIKE 'key%'` only with the pattern operator class."""

from django.db import migrations

CREATE = (
    "CREATE INDEX participant_name_token_prefix ON participants_participantnametoken "
    "(network_id, token varchar_pattern_ops)"
)
DROP = "DROP INDEX IF EXISTS participant_name_token_prefix"


def _on_postgresql(sql: str):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]
    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
