"""The career plan's steps become tasks of the case: `CareerStep` is now a child of
`participants.Task` (multi-table inheritance) that adds only the goal, so what, who, due date and
status live in the one task table that "my tasks", the caseload and the participant page read.

Every step is copied into a task with its goal, row for row (a dropped step is `cancelled`, a
done one is done on the day it was last saved), with its version and its past versions; then
the old table goes. The participants' next task is recomputed, since plan steps count now."""

import django.db.models.deletion
import simple_history.models
from typing import Any

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F

STATUS = {"dropped": "cancelled"}


def _model(apps: Apps, label: str) -> Any:
    # The models as this migration sees them, not as the code has them now.
    return apps.get_model(label)


def copy_steps(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        # The rows written here are checked now, not at the DROP TABLE that follows.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # The new tables are created under temporary names and take the old ones' names at the end
    # (index names of a renamed table stay, and would clash).
    legacy = _model(apps, "profiles.CareerStep")
    legacy_history = _model(apps, "profiles.HistoricalCareerStep")
    step_model = _model(apps, "profiles.PlanStep")
    history = _model(apps, "profiles.HistoricalPlanStep")
    task_model = _model(apps, "participants.Task")
    participant_model = _model(apps, "participants.Participant")
    participant_ids = set(legacy.objects.values_list("participant_id", flat=True)) | set(
        legacy_history.objects.values_list("participant_id", flat=True)
    )
    network_of = dict(
        participant_model.objects.filter(pk__in=participant_ids).values_list("pk", "network_id")
    )
    new_id: dict[int, int] = {}
    for old in legacy.objects.order_by("pk").iterator():
        status = STATUS.get(old.status, old.status)
        step = step_model.objects.create(
            goal_id=old.goal_id,
            participant_id=old.participant_id,
            network_id=network_of[old.participant_id],
            description=old.description,
            organisation_id=old.responsible_organisation_id,
            assignee_id=old.responsible_user_id,
            assignee_name=old.responsible_person,
            due_on=old.due_on,
            status=status,
            done_on=old.updated_at.date() if status == "done" else None,
            note=old.note,
            version=old.version,
            created_by_id=old.updated_by_id,
            updated_by_id=old.updated_by_id,
        )
        task_model.objects.filter(pk=step.pk).update(
            created_at=old.updated_at, updated_at=old.updated_at
        )
        new_id[old.pk] = step.pk
    # Past versions follow their step; those of steps deleted before keep their old id.
    history.objects.bulk_create(
        history(
            id=new_id.get(h.id, h.id),
            task_ptr_id=new_id.get(h.id),
            goal_id=h.goal_id,
            participant_id=h.participant_id,
            network_id=network_of.get(h.participant_id),
            description=h.description,
            organisation_id=h.responsible_organisation_id,
            assignee_id=h.responsible_user_id,
            assignee_name=h.responsible_person,
            due_on=h.due_on,
            status=STATUS.get(h.status, h.status),
            note=h.note,
            created_at=h.history_date,
            updated_by_id=h.updated_by_id,
            history_date=h.history_date,
            history_change_reason=h.history_change_reason,
            history_type=h.history_type,
            history_user_id=h.history_user_id,
        )
        for h in legacy_history.objects.order_by("history_id").iterator()
    )
    # Plan steps count among the open tasks now: recompute each participant's next one.
    for participant_id in set(legacy.objects.values_list("participant_id", flat=True)):
        first = (
            task_model.objects.filter(
                participant_id=participant_id, status__in=("open", "in_progress")
            )
            .order_by(F("due_on").asc(nulls_last=True), "pk")
            .values_list("pk", flat=True)
            .first()
        )
        participant_model.objects.filter(pk=participant_id).update(next_step_id=first)


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0005_membership_carries_a_version'),
        ('participants', '0009_next_steps_become_tasks'),
        ('profiles', '0002_entries_carry_a_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalPlanStep',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('description', models.CharField(max_length=300, verbose_name='task')),
                ('assignee_name', models.CharField(blank=True, help_text='e.g. the participant, or someone without an account', max_length=200, verbose_name='responsible person (name)')),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='due on')),
                ('status', models.CharField(choices=[('open', 'open'), ('in_progress', 'in progress'), ('done', 'done'), ('cancelled', 'cancelled')], default='open', max_length=12, verbose_name='status')),
                ('done_on', models.DateField(blank=True, editable=False, null=True, verbose_name='done on')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('task_ptr', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, parent_link=True, related_name='+', to='participants.task')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical step',
                'verbose_name_plural': 'historical steps',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PlanStep',
            fields=[
                ('task_ptr', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='plan_step', serialize=False, to='participants.task')),
            ],
            options={
                'verbose_name': 'step',
                'verbose_name_plural': 'steps',
                'ordering': [models.OrderBy(models.F('due_on'), nulls_last=True), 'pk'],
            },
            bases=('participants.task',),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='assignee',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible person (user)'),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='contact',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.counsellingcontact'),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='created_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='goal',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='profiles.careergoal', verbose_name='goal'),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='network.network'),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='network.organisation', verbose_name='responsible organisation'),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='participant',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.participant'),
        ),
        migrations.AddField(
            model_name='historicalplanstep',
            name='updated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='planstep',
            name='goal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='profiles.careergoal', verbose_name='goal'),
        ),
        migrations.RunPython(copy_steps, migrations.RunPython.noop),
        migrations.DeleteModel(name='HistoricalCareerStep'),
        migrations.DeleteModel(name='CareerStep'),
        migrations.RenameModel(old_name='PlanStep', new_name='CareerStep'),
        migrations.RenameModel(old_name='HistoricalPlanStep', new_name='HistoricalCareerStep'),
    ]
