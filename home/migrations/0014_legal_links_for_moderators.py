"""The roles again, as home.roles now gives them: moderators (only) choose the legal links.

Runs 0008's `create_roles`, which makes every role's permissions exactly those listed in
home.roles. On a fresh database 0008 made the new permission before its model existed: it gets
the name Django would give it.
"""

from importlib import import_module

from django.db import migrations

roles_migration = import_module("home.migrations.0008_roles_and_moderation_workflow")


def give_roles_and_name_the_permission(apps, schema_editor):
    roles_migration.create_roles(apps, schema_editor)
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="home", codename="change_legallinkssettings"
    ).update(name="Can change legal links")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_legal_links_from_slugs"),
    ]

    operations = [
        migrations.RunPython(give_roles_and_name_the_permission, migrations.RunPython.noop)
    ]
