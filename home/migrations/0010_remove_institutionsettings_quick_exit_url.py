from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_safety_settings"),
    ]

    operations = [
        migrations.RemoveField(model_name="institutionsettings", name="quick_exit_url"),
    ]
