"""The caching proxy keeps the HSDS API's answers like pages, and a change purges them with the
pages they mirror: publishing a programme purges its service, its services at locations, the
lists and the organization, in every language; editing a team it names does the same; a change
of the institution purges the organization everywhere. The proxy is the recording server of
tests/recording_proxy.py."""

import pytest

from home.models import Institution
from programmes.hsds.ids import service_at_location_id
from programmes.models import Team
from programmes.models.edition_facts import editions_of

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PREFIXES = ["", "/en", "/uk"]


def service_paths(programme):
    key = str(programme.translation_key)
    teams = {str(edition.team.translation_key) for edition in editions_of(programme)}
    paths = set()
    for prefix in PREFIXES:
        paths.add(f"{prefix}/api/hsds/services/{key}")
        paths |= {
            f"{prefix}/api/hsds/service_at_locations/{service_at_location_id(key, team)}"
            for team in teams
        }
    return paths


def list_paths():
    organization = Institution.objects.get(locale__language_code="pl").translation_key
    return {
        f"{prefix}/api/hsds/{path}"
        for prefix in PREFIXES
        for path in ["services", "service_at_locations", "organizations"]
    } | {f"{prefix}/api/hsds/organizations/{organization}" for prefix in PREFIXES}


def test_the_answers_are_purged_addresses_of_the_api(client, lesnica_programme):
    """The addresses purged are the API's own: each answers 200 from the application."""
    for path in service_paths(lesnica_programme) | list_paths():
        assert client.get(path).status_code == 200, path


def test_publishing_a_programme_purges_its_answers_in_every_language(
    proxy, lesnica_programme, violence_programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lesnica_programme.save_revision().publish()

    purged = proxy.paths()
    assert service_paths(lesnica_programme) | list_paths() <= purged
    # Only what shows the change: the other programme's answers keep their copies.
    assert not service_paths(violence_programme) & purged
    # With the site's host name, as the proxy files its copies.
    assert {host for host, _path in proxy.purged} == {lesnica_programme.get_site().hostname}


def test_editing_a_team_purges_the_answers_of_its_programmes(
    proxy, lesnica_programme, violence_programme, django_capture_on_commit_callbacks
):
    team = editions_of(lesnica_programme)[0].team
    team = Team.objects.get(pk=team.pk)
    team.phone = "71 000 00 00"
    with django_capture_on_commit_callbacks(execute=True):
        team.save()

    purged = proxy.paths()
    assert service_paths(lesnica_programme) <= purged
    assert not service_paths(violence_programme) & purged


def test_a_change_of_the_institution_purges_every_answer(
    proxy, lesnica_programme, violence_programme, django_capture_on_commit_callbacks
):
    institution = Institution.objects.get(locale__language_code="en")
    institution.hours_note = "Some offices keep other hours."
    with django_capture_on_commit_callbacks(execute=True):
        institution.save()

    purged = proxy.paths()
    assert list_paths() <= purged
    assert service_paths(lesnica_programme) | service_paths(violence_programme) <= purged


def test_nothing_is_purged_before_the_commit(proxy, lesnica_programme):
    lesnica_programme.save_revision().publish()
    assert proxy.purged == []
