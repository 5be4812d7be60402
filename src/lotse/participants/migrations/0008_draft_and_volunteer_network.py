"""Intake drafts and volunteer assignments carry their network, so both are scoped.

The volunteers' many-to-many table gets a model (`VolunteerAssignment`) on the table Django had
made for it, so its rows stay where they are; both tables take the network of the draft's
organisation or of the assigned participant."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def fill_network(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check the new foreign keys now: deferred checks still pending at the ALTER TABLE
            # ... SET NOT NULL below would fail ("pending trigger events").
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "UPDATE participants_intakedraft SET network_id = ("
            "SELECT o.network_id FROM network_organisation o"
            " WHERE o.id = participants_intakedraft.organisation_id)"
        )
        cursor.execute(
            "UPDATE participants_participant_volunteers SET network_id = ("
            "SELECT p.network_id FROM participants_participant p"
            " WHERE p.id = participants_participant_volunteers.participant_id)"
        )


def _network(null: bool) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        db_index=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="network.network",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_organisation_version"),
        ("participants", "0007_case_file_network"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The model takes over the existing table as it is: only the state changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="VolunteerAssignment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "participant",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="participants.participant",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "participants_participant_volunteers",
                        "unique_together": {("participant", "user")},
                    },
                ),
                migrations.AlterField(
                    model_name="participant",
                    name="volunteers",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="volunteer_assignments",
                        through="participants.VolunteerAssignment",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.AddField(model_name="volunteerassignment", name="network", field=_network(True)),
        migrations.AddField(model_name="intakedraft", name="network", field=_network(True)),
        migrations.RunPython(fill_network, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="volunteerassignment", name="network", field=_network(False)
        ),
        migrations.AlterField(model_name="intakedraft", name="network", field=_network(False)),
    ]
