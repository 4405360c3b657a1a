"""`build_demo_site` refuses production settings and any database whose content it did not build
(unless forced), and a rebuild never deletes what editors added to the demo."""

import datetime
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from demo.build import build_demo_site
from demo.guard import BUILT_ACTION
from enrolment.models import EnrolmentFormField, EnrolmentFormPage
from home.models import Institution
from programmes.models import Edition, ProgrammeGoal

from .admin_helpers import make_application
from .test_production_check_deploy import ENVIRONMENT, run_manage

# Reads the demo site (its pages in three languages).
pytestmark = pytest.mark.demo


@pytest.mark.parametrize("command", ["build_demo_site", "create_local_admin"])
def test_under_production_settings_the_demo_commands_do_not_exist(tmp_path, command):
    database = tmp_path / "live.sqlite3"
    environment = {**ENVIRONMENT, "DATABASE_URL": f"sqlite:///{database}"}

    result = run_manage(command, "--force", environment=environment)

    assert result.returncode != 0
    assert f"Unknown command: '{command}'" in result.stderr, result.stderr
    if database.exists():
        with sqlite3.connect(database) as connection:
            tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
        assert tables == [], "nothing was written"


@pytest.mark.django_db
def test_on_a_database_it_did_not_build_it_refuses_unless_forced():
    # The demo's own content without the demo's mark is what a live site looks like to it.
    PageLogEntry.objects.filter(action=BUILT_ACTION).delete()
    institution = Institution.objects.get(locale__language_code="pl")
    Institution.objects.filter(pk=institution.pk).update(short_name="Ośrodek")

    with pytest.raises(CommandError) as refusal:
        call_command("build_demo_site", verbosity=0)

    assert "did not build" in str(refusal.value) and "--force" in str(refusal.value)
    assert Institution.objects.get(pk=institution.pk).short_name == "Ośrodek", "nothing changed"
    assert not PageLogEntry.objects.filter(action=BUILT_ACTION).exists()

    call_command("build_demo_site", "--force", verbosity=0)

    assert Institution.objects.get(pk=institution.pk).short_name == "MOPS"
    assert PageLogEntry.objects.filter(action=BUILT_ACTION).count() == 1
    call_command("build_demo_site", verbosity=0)  # a demo database from then on


def add_edition_as_an_editor(programme, number):
    """What the page editor does: a new edition in the page's panel, then publish."""
    seed = programme.editions.order_by("sort_order").first()
    programme.editions.add(
        Edition(
            locale=programme.locale,
            number=number,
            starts_on=datetime.date(2031, 1, 1),
            ends_on=datetime.date(2031, 12, 31),
            places=12,
            team=seed.team,
            responsible_person=seed.responsible_person,
        )
    )
    programme.save_revision().publish()
    return Edition.objects.get(programme_id=programme.pk, number=number, title="")


def stored_editions(programme):
    return set(
        Edition.objects.filter(programme_id=programme.pk).values_list("pk", "number", "title")
    )


@pytest.mark.django_db
def test_an_edition_an_editor_added_survives_a_rebuild_with_its_applications(
    violence_programme,
):
    editions_before = stored_editions(violence_programme)
    added = add_edition_as_an_editor(violence_programme, 9)
    application = make_application(added)

    call_command("build_demo_site", verbosity=0)

    added.refresh_from_db()
    assert added.places == 12
    application.refresh_from_db()
    assert application.edition_id == added.pk
    assert stored_editions(violence_programme) == editions_before | {(added.pk, 9, "")}


@pytest.mark.django_db
def test_an_editors_goal_and_question_survive_a_rebuild(lesnica_programme):
    lesnica_programme.goals.add(ProgrammeGoal(locale=lesnica_programme.locale, text="Cel redakcji"))
    lesnica_programme.save_revision().publish()
    form = EnrolmentFormPage.objects.child_of(lesnica_programme).get()
    form.form_fields.add(
        EnrolmentFormField(locale=form.locale, label="Pytanie redakcji", field_type="singleline")
    )
    form.save_revision().publish()
    goals = set(ProgrammeGoal.objects.filter(programme_id=lesnica_programme.pk).values_list("pk"))
    questions = set(EnrolmentFormField.objects.filter(page_id=form.pk).values_list("pk"))
    assert len(goals) >= 2 and len(questions) >= 2

    build_demo_site()
    assert not build_demo_site().changed(), "and the next run leaves them as they are"

    assert (
        set(ProgrammeGoal.objects.filter(programme_id=lesnica_programme.pk).values_list("pk"))
        == goals
    )
    assert set(EnrolmentFormField.objects.filter(page_id=form.pk).values_list("pk")) == questions
    assert ProgrammeGoal.objects.filter(text="Cel redakcji").exists()
    assert EnrolmentFormField.objects.filter(label="Pytanie redakcji").exists()
