"""PostgreSQL uses a btree index for `LIKE 'word%'` only with the pattern operator class.
(SQLite gets a range condition on the ordinary index instead: see selectors._prefix.)"""

from django.db import migrations

INDEXES = [
    (
        "taxonomy_word_prefix",
        "taxonomy_occupationlabelword (word varchar_pattern_ops, priority)",
    ),
    ("taxonomy_skill_prefix", "taxonomy_skilllabel (search_text varchar_pattern_ops)"),
]


def _create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES:
            schema_editor.execute(f"CREATE INDEX {name} ON {target}")


def _drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for name, _target in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(_create, _drop)]
