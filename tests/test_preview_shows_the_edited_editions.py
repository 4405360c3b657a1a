"""An editor changes a programme's editions (their dates, enrolment and places; one added, one
removed) and previews the page, or a moderator previews the revision submitted: the preview
shows the editions as edited, with the same facts as a live page, while readers still see the
published ones until the page is published."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from home import roles
from programmes.edition_annotations import PLACES_TAKEN
from programmes.models import Edition, ProgrammeStatus

from .admin_forms import page_form_data, with_new_row
from .admin_helpers import make_user
from .page_text import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# Years no other date of the demo site falls in.
NEW_START = datetime.date(2041, 3, 2)
NEW_END = datetime.date(2042, 6, 30)
ADDED_START = datetime.date(2043, 9, 1)
ADDED_END = datetime.date(2044, 6, 30)


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(groups=[Group.objects.get(name=roles.EDITORS)]))
    return client


def day(date):
    """As the admin's date inputs take it."""
    return date.strftime("%d.%m.%Y")


def edited_editions(editor_client, programme):
    """The edit form's data with the first edition moved to NEW_START–NEW_END (enrolment
    and places changed too), the second removed and a new one added; and the two changed
    editions as published."""
    data = page_form_data(editor_client, reverse("wagtailadmin_pages:edit", args=[programme.pk]))
    moved = Edition.objects.get(pk=data["editions-0-id"][0])
    removed = Edition.objects.get(pk=data["editions-1-id"][0])
    data.update(
        {
            "editions-0-starts_on": [day(NEW_START)],
            "editions-0-ends_on": [day(NEW_END)],
            "editions-0-enrolment_opens_on": [day(datetime.date(2041, 1, 5))],
            "editions-0-enrolment_closes_on": [day(datetime.date(2041, 2, 27))],
            "editions-0-places": ["17"],
            "editions-1-DELETE": ["1"],
        }
    )
    data, _index = with_new_row(
        data,
        "editions",
        number="9",
        title="",
        starts_on=day(ADDED_START),
        ends_on=day(ADDED_END),
        places="9",
        team=str(moved.team_id),
        responsible_person=str(moved.responsible_person_id),
        enrolment_opens_on=day(datetime.date(2043, 6, 1)),
        enrolment_closes_on=day(datetime.date(2043, 8, 15)),
    )
    return data, moved, removed


def assert_shows_the_edited_editions(response, moved, removed):
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    editions = {edition.number: edition for edition in response.context["editions"]}

    assert (editions[moved.number].starts_on, editions[moved.number].ends_on) == (
        NEW_START,
        NEW_END,
    )
    assert editions[moved.number].places == 17
    assert editions[moved.number].status() == ProgrammeStatus.UPCOMING
    assert removed.number not in editions
    added = editions[9]
    assert (added.pk, added.starts_on) == (None, ADDED_START)
    # Not saved: no applications, all its places left; and its team and person for contacts.
    assert getattr(added, PLACES_TAKEN) == 0
    assert added.responsible_person == moved.responsible_person
    # Oldest first, as a live page orders them.
    starts = [edition.starts_on for edition in response.context["editions"]]
    assert starts == sorted(starts)

    assert "2041" in text and "2042" in text and "2043" in text
    assert moved.period not in text
    assert removed.period not in text


def test_the_preview_shows_the_edited_editions_and_readers_the_published_ones(
    editor_client, violence_programme
):
    data, moved, removed = edited_editions(editor_client, violence_programme)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[violence_programme.pk])

    assert editor_client.post(preview, data).json()["is_valid"] is True
    assert_shows_the_edited_editions(editor_client.get(preview), moved, removed)

    live = Client().get(violence_programme.url)  # a reader, signed out
    assert live.status_code == 200
    live_text = visible_text(live.content.decode())
    assert moved.period in live_text
    assert removed.period in live_text
    assert "2041" not in live_text
    assert {edition.pk for edition in live.context["editions"]} >= {moved.pk, removed.pk}
    assert Edition.objects.get(pk=moved.pk).starts_on == moved.starts_on


def test_a_revision_is_previewed_with_its_editions(editor_client, violence_programme):
    """As a moderator previews a revision submitted for approval, or anyone its history."""
    data, moved, removed = edited_editions(editor_client, violence_programme)
    edit = reverse("wagtailadmin_pages:edit", args=[violence_programme.pk])
    saved = editor_client.post(edit, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    violence_programme.refresh_from_db()
    revision = violence_programme.get_latest_revision()
    assert revision.pk != violence_programme.live_revision_id
    view = reverse("wagtailadmin_pages:revisions_view", args=[violence_programme.pk, revision.pk])
    assert_shows_the_edited_editions(editor_client.get(view), moved, removed)
    assert Edition.objects.get(pk=moved.pk).starts_on == moved.starts_on
