"""Loads Lotse's curated occupations (taxonomy/data/occupations.csv) so that a fresh database
has them after `migrate`. Later changes to the file are loaded with `lotse taxonomy
load-curated` (an upsert, like every import)."""

from django.db import migrations


def _load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from lotse.taxonomy.importers.curated import parse_curated
    from lotse.taxonomy.services import curated_load

    curated_load(occupations=parse_curated(), registry=apps)


def _unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("taxonomy", "Occupation").objects.filter(system="lotse").delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_prefix_indexes")]
    operations = [migrations.RunPython(_load, _unload)]
