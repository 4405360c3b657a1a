from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enrolment", "0003_application_submission_token"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="failed"),
        ),
        migrations.AddField(
            model_name="notification",
            name="failure_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("refused", "Refused by the mail server"),
                    ("invalid_address", "Invalid address"),
                    ("too_many_attempts", "Too many attempts"),
                ],
                max_length=30,
                verbose_name="reason of failure",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next attempt"),
        ),
        migrations.AddField(
            model_name="notification",
            name="task_id",
            field=models.UUIDField(
                blank=True, editable=False, null=True, verbose_name="delivery task"
            ),
        ),
    ]
