"""Readers filter the programme list by status, computed from the editions' dates."""

import datetime

import pytest
import time_machine

from programmes.models import ProgrammeStatus

from .builders import make_edition, make_programme

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

TODAY = datetime.date(2031, 6, 15)


def date(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def programmes(programme_index):
    open_now = make_programme(programme_index, editions=0, title="Program z otwartym naborem")
    make_edition(
        open_now,
        starts_on=date("2031-09-01"),
        ends_on=date("2032-06-30"),
        enrolment_opens_on=date("2031-06-01"),
        enrolment_closes_on=date("2031-06-30"),
    )
    running = make_programme(programme_index, editions=0, title="Program trwający")
    make_edition(running, starts_on=date("2031-01-01"), ends_on=date("2031-12-31"))
    finished = make_programme(programme_index, editions=0, title="Program zakończony")
    make_edition(finished, starts_on=date("2029-01-01"), ends_on=date("2029-12-31"))
    return {"open": open_now, "running": running, "finished": finished}


def listed_titles(client, index, **params):
    with time_machine.travel(datetime.datetime(2031, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        response = client.get(index.url, params)
    assert response.status_code == 200
    return {page.title for page in response.context["programmes"]}


def test_enrolment_open_shows_only_programmes_taking_applications(
    client, programme_index, programmes
):
    titles = listed_titles(client, programme_index, status=ProgrammeStatus.ENROLMENT_OPEN)
    assert titles == {"Program z otwartym naborem"}


def test_running_shows_programmes_with_an_edition_under_way(client, programme_index, programmes):
    titles = listed_titles(client, programme_index, status=ProgrammeStatus.RUNNING)
    assert titles == {"Program trwający"}


def test_finished_includes_the_demo_programmes_and_not_current_ones(
    client, programme_index, programmes, lesnica_programme, violence_programme
):
    titles = listed_titles(client, programme_index, status=ProgrammeStatus.FINISHED)
    assert {"Program zakończony", lesnica_programme.title, violence_programme.title} <= titles
    assert "Program trwający" not in titles


def test_filter_by_target_group(client, programme_index, programmes, violence_programme):
    titles = listed_titles(client, programme_index, target_group=violence_programme.target_group_id)
    assert titles == {violence_programme.title}


def test_an_unknown_filter_value_is_ignored_not_an_error(client, programme_index, programmes):
    titles = listed_titles(client, programme_index, status="nonsense")
    assert "Program trwający" in titles


def test_status_is_computed_from_dates_not_typed(programmes):
    assert programmes["open"].status(TODAY) == ProgrammeStatus.ENROLMENT_OPEN
    assert programmes["running"].status(TODAY) == ProgrammeStatus.RUNNING
    assert programmes["finished"].status(TODAY) == ProgrammeStatus.FINISHED
