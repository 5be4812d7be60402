"""A contact's next steps become tasks: what, who (a person of an organisation, or a name),
due date, status, note, version and history; attached to the contact they were agreed in.

Existing next steps are kept row for row (the table is renamed): the organisation and the person
responsible are the contact's (who recorded it), else the case owner's and its counsellor;
a step marked done is `done`, the others `open`."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import OuterRef, Subquery


def fill_tasks(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: deferred checks still pending at the ALTER TABLE
        # ... SET NOT NULL below would fail ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    task = apps.get_model("participants", "Task")
    contact = apps.get_model("participants", "CounsellingContact")
    participant = apps.get_model("participants", "Participant")
    of_contact = contact.objects.filter(pk=OuterRef("contact_id"))
    of_participant = participant.objects.filter(pk=OuterRef("participant_id"))
    task.objects.filter(contact__isnull=False).update(
        organisation_id=Subquery(of_contact.values("organisation_id")[:1]),
        assignee_id=Subquery(of_contact.values("counsellor_id")[:1]),
        created_by_id=Subquery(of_contact.values("counsellor_id")[:1]),
        created_at=Subquery(of_contact.values("created_at")[:1]),
    )
    task.objects.filter(contact__isnull=True).update(
        organisation_id=Subquery(of_participant.values("organisation_id")[:1]),
        assignee_id=Subquery(of_participant.values("counsellor_id")[:1]),
    )
    task.objects.filter(done_on__isnull=False).update(status="done")


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0005_membership_carries_a_version'),
        ('participants', '0008_draft_and_volunteer_network'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(
            old_name='NextStep',
            new_name='Task',
        ),
        migrations.RenameIndex(
            model_name='task',
            new_name='participant_partici_49bc91_idx',
            old_name='participant_partici_44d1af_idx',
        ),
        migrations.CreateModel(
            name='HistoricalTask',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('description', models.CharField(max_length=300, verbose_name='task')),
                ('assignee_name', models.CharField(blank=True, help_text='e.g. the participant, or someone without an account', max_length=200, verbose_name='responsible person (name)')),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='due on')),
                ('status', models.CharField(choices=[('open', 'open'), ('in_progress', 'in progress'), ('done', 'done'), ('cancelled', 'cancelled')], default='open', max_length=12, verbose_name='status')),
                ('done_on', models.DateField(blank=True, editable=False, null=True, verbose_name='done on')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical task',
                'verbose_name_plural': 'historical tasks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name='task',
            options={'ordering': [models.OrderBy(models.F('due_on'), nulls_last=True), 'pk'], 'verbose_name': 'task', 'verbose_name_plural': 'tasks'},
        ),
        migrations.RemoveIndex(
            model_name='task',
            name='participant_partici_49bc91_idx',
        ),
        migrations.AddField(
            model_name='task',
            name='assignee',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible person (user)'),
        ),
        migrations.AddField(
            model_name='task',
            name='assignee_name',
            field=models.CharField(blank=True, help_text='e.g. the participant, or someone without an account', max_length=200, verbose_name='responsible person (name)'),
        ),
        migrations.AddField(
            model_name='task',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='task',
            name='created_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='task',
            name='note',
            field=models.TextField(blank=True, verbose_name='note'),
        ),
        migrations.AddField(
            model_name='task',
            name='organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='network.organisation', verbose_name='responsible organisation'),
        ),
        migrations.AddField(
            model_name='task',
            name='status',
            field=models.CharField(choices=[('open', 'open'), ('in_progress', 'in progress'), ('done', 'done'), ('cancelled', 'cancelled')], default='open', max_length=12, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='task',
            name='updated_at',
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name='task',
            name='updated_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='task',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name='task',
            name='contact',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='participants.counsellingcontact'),
        ),
        migrations.AlterField(
            model_name='task',
            name='description',
            field=models.CharField(max_length=300, verbose_name='task'),
        ),
        migrations.AlterField(
            model_name='task',
            name='done_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='done on'),
        ),
        migrations.AlterField(
            model_name='task',
            name='participant',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='participants.participant'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['participant', 'status', 'due_on'], name='participant_partici_c5c081_idx'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['network', 'assignee', 'status', 'due_on'], name='participant_network_f9dd3b_idx'),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='assignee',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible person (user)'),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='contact',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.counsellingcontact'),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='created_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='network.network'),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='network.organisation', verbose_name='responsible organisation'),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='participant',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.participant'),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='updated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(fill_tasks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='task',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='network.organisation', verbose_name='responsible organisation'),
        ),
    ]
