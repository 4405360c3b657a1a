"""A programme page's lists and snippets come from the cache, yet readers see an editor's change
on the very next view, and the enrolment status always follows today's date in Warsaw."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from programmes.models import ProgrammeGoal, ProgrammePage

from .builders import make_edition, make_programme

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

WARSAW = ZoneInfo("Europe/Warsaw")


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_partner_shows_on_the_next_view(client, programme_index):
    programme = make_programme(programme_index, partners=1)
    partner = programme.partners.get().partner
    assert partner.name in html(client, programme)

    partner.name = "Fundacja Nowa Nazwa"
    partner.save()

    assert "Fundacja Nowa Nazwa" in html(client, programme)


def test_a_published_change_shows_at_once_and_a_draft_does_not(client, programme_index):
    programme = make_programme(programme_index)
    html(client, programme)

    draft = ProgrammePage.objects.get(pk=programme.pk)
    draft.goals.add(ProgrammeGoal(text="Cel opublikowany"))
    draft.save_revision().publish()
    assert "Cel opublikowany" in html(client, programme)

    draft = ProgrammePage.objects.get(pk=programme.pk)
    draft.goals.add(ProgrammeGoal(text="Cel w wersji roboczej"))
    draft.save_revision()
    page = html(client, programme)
    assert "Cel opublikowany" in page
    assert "Cel w wersji roboczej" not in page


def test_enrolment_opens_at_midnight_in_warsaw_though_the_page_was_viewed_the_day_before(
    client, programme_index
):
    programme = make_programme(programme_index, editions=0)
    make_edition(
        programme,
        enrolment_opens_on=datetime.date(2030, 3, 2),
        enrolment_closes_on=datetime.date(2030, 3, 20),
    )

    with time_machine.travel(datetime.datetime(2030, 3, 1, 23, 58, tzinfo=WARSAW), tick=False):
        assert "status--enrolment_open" not in html(client, programme)
    # Still 1 March in UTC, but 2 March in Warsaw.
    with time_machine.travel(datetime.datetime(2030, 3, 2, 0, 2, tzinfo=WARSAW), tick=False):
        assert "status--enrolment_open" in html(client, programme)


def test_the_programme_text_is_kept_as_html_until_the_next_publish(client, programme_index):
    programme = make_programme(programme_index, introduction="<p>Pierwszy wstęp</p>")
    programme.save_revision().publish()
    assert "Pierwszy wstęp" in html(client, programme)

    # Written behind Wagtail's back (no publish, no signal): the kept HTML is still shown,
    # which is how we know the section is not rendered on every view.
    ProgrammePage.objects.filter(pk=programme.pk).update(introduction="<p>Bez publikacji</p>")
    assert "Bez publikacji" not in html(client, programme)

    draft = ProgrammePage.objects.get(pk=programme.pk)
    draft.introduction = "<p>Drugi wstęp</p>"
    draft.save_revision().publish()
    page = html(client, programme)
    assert "Drugi wstęp" in page
    assert "Pierwszy wstęp" not in page


def card_of(page_html, programme):
    """The programme's card in a list of programmes."""
    start = page_html.index(f'id="programme-{programme.pk}-title"')
    return page_html[start : page_html.index("</article>", start)]


def test_the_home_page_shows_enrolment_open_from_midnight_in_warsaw(
    client, home_page, programme_index
):
    programme = make_programme(programme_index, editions=0)
    make_edition(
        programme,
        enrolment_opens_on=datetime.date(2030, 3, 2),
        enrolment_closes_on=datetime.date(2030, 3, 20),
    )

    # The home page's content is kept as HTML: the evening's copy must not outlive the day
    # (minutes apart, well within the cache's timeout).
    with time_machine.travel(datetime.datetime(2030, 3, 1, 23, 58, tzinfo=WARSAW), tick=False):
        assert "status--enrolment_open" not in card_of(html(client, home_page), programme)
    with time_machine.travel(datetime.datetime(2030, 3, 2, 0, 2, tzinfo=WARSAW), tick=False):
        assert "status--enrolment_open" in card_of(html(client, home_page), programme)


def test_a_signed_in_editor_sees_a_page_rendered_afresh(client, admin_user, programme_index):
    programme = make_programme(programme_index, introduction="<p>Pierwszy wstęp</p>")
    programme.save_revision().publish()
    html(client, programme)
    ProgrammePage.objects.filter(pk=programme.pk).update(introduction="<p>Bez publikacji</p>")

    client.force_login(admin_user)
    assert "Bez publikacji" in html(client, programme)
