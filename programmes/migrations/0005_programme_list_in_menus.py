"""The main navigation now lists the home page's children shown in menus (Wagtail's
`show_in_menus`) instead of looking the programme list up by its type: existing programme lists
are shown in menus, as before."""

from django.db import migrations


def show_programme_lists_in_menus(apps, schema_editor):
    ProgrammeIndexPage = apps.get_model("programmes", "ProgrammeIndexPage")
    ProgrammeIndexPage.objects.update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_updates_and_news_index")]

    operations = [migrations.RunPython(show_programme_lists_in_menus, migrations.RunPython.noop)]
