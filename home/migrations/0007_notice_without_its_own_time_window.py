"""Notices are scheduled only by go-live and expiry dates now (see 0006)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0006_notice_schedule_from_time_window'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='notice',
            options={'ordering': ['importance', models.OrderBy(models.F('first_published_at'), descending=True, nulls_last=True), '-pk'], 'verbose_name': 'notice', 'verbose_name_plural': 'notices'},
        ),
        migrations.RemoveField(
            model_name='notice',
            name='ends_at',
        ),
        migrations.RemoveField(
            model_name='notice',
            name='starts_at',
        ),
    ]
