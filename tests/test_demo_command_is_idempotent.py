import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

COUNTED_APPS = [
    "home",
    "programmes",
    "enrolment",
    "wagtailcore",
    "wagtailimages",
    "wagtailsearch",
    "auth",
]
NOT_CONTENT = {"revision", "pagelogentry", "modellogentry", "pagesubscription", "rendition"}


def count_objects():
    return {
        model._meta.label: model.objects.count()
        for app in COUNTED_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.model_name not in NOT_CONTENT
    }


def test_running_the_demo_command_again_changes_no_counts():
    before = count_objects()
    call_command("build_demo_site", verbosity=0)
    after = count_objects()
    assert after == before


def test_the_demo_has_both_programmes_with_all_their_editions():
    from programmes.models import Edition, Partner, ProgrammePage, Team

    assert ProgrammePage.objects.filter(locale__language_code="pl").count() == 2
    assert Edition.objects.filter(locale__language_code="pl").count() >= 4
    assert set(Team.objects.values_list("number", flat=True)) >= {2, 4, 6}
    assert Partner.objects.filter(locale__language_code="pl").count() >= 10
