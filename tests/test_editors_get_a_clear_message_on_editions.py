"""An edition an editor saves on a programme page cannot tell residents something untrue: an
enrolment that closes after the edition ends (the finished edition would still say "Enrolment
open" and the form would offer it), no places at all (every applicant would only reach the
waiting list), or a number another edition of the programme already has. Each is refused with
the reason, on the field to correct, and nothing is saved. Nor is an edition deleted while
applications sent to it are kept: their retention is counted from its end."""

import datetime

import pytest
from django.urls import reverse

from enrolment.models import Application
from programmes.models import ProgrammePage

from .admin_forms import page_form_data
from .admin_helpers import make_application, make_superuser
from .enrolment_world import days_from_today, upcoming_edition
from .factories import SmallSite
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

EDITIONS = "editions"


def programme_with_two_editions():
    """A programme of the test's own with editions no. 1 and no. 2, both open for enrolment."""
    site = SmallSite.build()
    upcoming_edition(site.programme)
    return ProgrammePage.objects.get(pk=site.programme.pk)


kept_world, programme = built_once(programme_with_two_editions, name="programme")


def save_draft(client, programme, **changes):
    """The programme page's editor, saved as a draft with `changes` to its fields."""
    client.force_login(make_superuser())
    url = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    data = page_form_data(client, url)
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


def error_codes(response, edition_index, field):
    edition = response.context["form"].formsets[EDITIONS].forms[edition_index]
    return [error.code for error in edition.errors.as_data().get(field, [])]


def draft_editions(programme):
    """{number: places} of the page's latest draft (read afresh: the page caches its revision)."""
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    return {edition.number: edition.places for edition in draft.editions.all()}


def an_iso_date(day):
    return day.isoformat()


def test_enrolment_closing_after_the_edition_ends_is_refused_on_the_closing_date(client, programme):
    ends_on = days_from_today(200)
    response = save_draft(
        client,
        programme,
        **{
            "editions-0-ends_on": an_iso_date(ends_on),
            "editions-0-enrolment_closes_on": an_iso_date(ends_on + datetime.timedelta(days=1)),
        },
    )

    assert response.status_code == 200
    assert error_codes(response, 0, "enrolment_closes_on") == ["closes_after_the_end"]


def test_enrolment_may_close_on_the_editions_last_day(client, programme):
    last_day = an_iso_date(days_from_today(200))
    response = save_draft(
        client,
        programme,
        **{"editions-0-ends_on": last_day, "editions-0-enrolment_closes_on": last_day},
    )
    assert response.status_code == 302


def test_an_edition_without_places_is_refused_on_its_places(client, programme):
    before = draft_editions(programme)
    response = save_draft(client, programme, **{"editions-0-places": "0"})

    assert response.status_code == 200
    assert error_codes(response, 0, "places") == ["no_places"]
    assert draft_editions(programme) == before


def test_a_second_edition_with_the_same_number_is_refused_on_its_number(client, programme):
    before = draft_editions(programme)
    response = save_draft(client, programme, **{"editions-1-number": "1"})

    assert response.status_code == 200
    assert error_codes(response, 1, "number") == ["duplicate_number"]
    assert error_codes(response, 0, "number") == []
    assert draft_editions(programme) == before


def test_two_editions_may_swap_their_numbers(client, programme):
    response = save_draft(client, programme, **{"editions-0-number": "2", "editions-1-number": "1"})
    assert response.status_code == 302
    assert sorted(draft_editions(programme)) == [1, 2]


def test_an_edition_being_deleted_leaves_its_number_free(client, programme):
    response = save_draft(client, programme, **{"editions-1-number": "1", "editions-1-DELETE": "1"})
    assert response.status_code == 302
    assert sorted(draft_editions(programme)) == [1]


def test_an_edition_applications_were_sent_to_is_not_deleted_and_the_editor_reads_why(
    client, programme
):
    edition = programme.editions.get(number=1)
    make_application(edition)
    before = draft_editions(programme)

    response = save_draft(client, programme, **{"editions-0-DELETE": "1"})

    assert response.status_code == 200
    [reason] = response.context["form"].non_field_errors()
    assert "1" in reason and " 1 " in reason  # the edition's number, how many applications
    assert draft_editions(programme) == before
    assert Application.objects.get().edition == edition
