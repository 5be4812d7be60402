"""Tokens expire. Tokens created before this get the default validity from their creation, but
at least 30 days from the upgrade, so that no program loses its access without notice."""

import datetime

from django.db import migrations, models
from django.utils import timezone

DEFAULT_VALIDITY = datetime.timedelta(days=90)
NOTICE = datetime.timedelta(days=30)


def expire_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    ApiToken = apps.get_model("api", "ApiToken")
    earliest = timezone.now() + NOTICE
    for token in ApiToken.objects.all():
        token.expires_at = max(token.created_at + DEFAULT_VALIDITY, earliest)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="valid until"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, verbose_name="valid until"),
        ),
    ]
