"""The editors' guide (docs/przewodnik-redaktora/) walks through what editors, moderators,
translators and coordinators do in the admin. This test does each step in Debian's Chromium, as
those people would, and takes the guide's screenshots on the way: if a step of the guide stops
working, the test fails; `make guide` refreshes the pictures in the guide itself."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from enrolment.models import Application
from home import roles
from programmes.models import Team

from .browser import fill_in_application, send_form
from .enrolment_helpers import edition, form_page, open_enrolment, programme

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "przewodnik-redaktora"
PASSWORD = "guide-only-password"  # noqa: S105

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    """Where the pictures go: the guide's own folder under `make guide`, a scratch folder
    otherwise, so that running the tests leaves the working tree as it was."""
    folder = os.environ.get("GUIDE_SCREENSHOTS_DIR")
    return Path(folder) if folder else tmp_path_factory.mktemp("guide")


@pytest.fixture(scope="module")
def taken(screenshots):
    names = []
    yield names
    referenced = set(re.findall(r"\]\(img/([\w-]+\.png)\)", (GUIDE / "README.md").read_text()))
    assert referenced == set(names), "The guide shows exactly the screenshots the test takes"


@pytest.fixture(scope="module")
def people(demo_server):
    """The four people of the guide, and the demo as the guide starts: Leśnica's example
    edition with no enrolment planned yet, and team no. 4's edition of KomPAS taking
    applications. Made for the whole module (on PostgreSQL the server sees only committed data)
    and the people removed at its end."""

    def person(username, group):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([group])
        return user

    team_4 = Team.objects.get(number=4, locale__language_code="pl")
    close_enrolment(programme("PAS-ja"), number=3)
    open_enrolment(edition("KomPAS", 1))
    people = {
        "editor": person("redaktorka", Group.objects.get(name=roles.EDITORS)),
        "moderator": person("moderatorka", Group.objects.get(name=roles.MODERATORS)),
        "translator": person("tlumaczka", Group.objects.get(name=roles.TRANSLATORS)),
        "coordinator": person("koordynatorka4", team_4.coordinators_group),
    }
    yield people
    for user in people.values():
        user.delete()


@pytest.fixture
def browser(chromium):
    """A new browser window for each person; all closed at the end of the test, so that no
    connection outlives the server."""
    contexts = []

    def open_window():
        context = chromium.new_context(viewport={"width": 1280, "height": 860}, locale="pl-PL")
        contexts.append(context)
        return context.new_page()

    yield open_window
    for context in contexts:
        context.close()


def sign_in(open_window, server, username):
    page = open_window()
    page.goto(server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    return page


def shoot(page, screenshots, taken, name, **options):
    page.screenshot(path=str(screenshots / "img" / name), **options)
    taken.append(name)


def close_enrolment(programme_page, number):
    """The published programme with the edition's enrolment not yet planned."""
    # The revision's copy: its editions are kept in memory until the revision is published.
    draft = programme_page.latest_revision.as_object()
    for planned in draft.editions.all():
        if planned.number == number:
            planned.enrolment_opens_on = planned.enrolment_closes_on = None
    draft.save_revision().publish()
    return edition(programme_page.eu_project.name, number)


def more_actions(page):
    page.get_by_role("button", name="Więcej akcji").click()


def test_an_editor_opens_enrolment_and_a_moderator_publishes_it(
    browser, demo_server, people, screenshots, taken
):
    (screenshots / "img").mkdir(parents=True, exist_ok=True)
    lesnica = programme("PAS-ja")
    closed = edition("PAS-ja", 3)
    assert closed.enrolment_opens_on is None
    opens = timezone.localdate()
    closes = opens + datetime.timedelta(days=21)

    editor = sign_in(browser, demo_server, "redaktorka")
    editor.goto(f"{demo_server.url}/admin/pages/{lesnica.pk}/edit/")
    shoot(editor, screenshots, taken, "01-edycja-programu.png")
    editor.get_by_role("tab", name="Edycje i partnerzy").click()
    prefix = f"editions-{list(lesnica.editions.all()).index(closed)}"
    editor.fill(f"input[name={prefix}-enrolment_opens_on]", opens.strftime("%d.%m.%Y"))
    editor.fill(f"input[name={prefix}-enrolment_closes_on]", closes.strftime("%d.%m.%Y"))
    editor.locator(f"input[name={prefix}-enrolment_opens_on]").scroll_into_view_if_needed()
    shoot(editor, screenshots, taken, "02-daty-naboru.png")
    more_actions(editor)
    assert editor.locator("button[name=action-publish]").count() == 0, "editors cannot publish"
    shoot(editor, screenshots, taken, "03-wyslij-do-akceptacji.png")
    with editor.expect_navigation():
        editor.click("button[name=action-submit]")
    assert "przekazana do przeglądu" in editor.inner_text(".messages")
    closed.refresh_from_db()
    assert closed.enrolment_opens_on is None, "nothing changes for readers before approval"

    moderator = sign_in(browser, demo_server, "moderatorka")
    assert lesnica.title in moderator.inner_text("main")
    shoot(moderator, screenshots, taken, "04-oczekujace-na-akceptacje.png")
    moderator.goto(f"{demo_server.url}/admin/pages/{lesnica.pk}/edit/")
    more_actions(moderator)
    shoot(moderator, screenshots, taken, "05-akceptuj-i-opublikuj.png")
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Akceptuj i Opublikuj").click()

    closed.refresh_from_db()
    assert (closed.enrolment_opens_on, closed.enrolment_closes_on) == (opens, closes)
    applicant = browser()
    applicant.goto(demo_server.url + form_page(lesnica).url)
    assert applicant.locator(f"input[name='system-edition'][value='{closed.pk}']").count() == 1


def test_a_translator_opens_the_english_pages_translation_editor(
    browser, demo_server, people, screenshots, taken
):
    (screenshots / "img").mkdir(parents=True, exist_ok=True)
    english = programme("KomPAS").get_translation(Locale.objects.get(language_code="en"))
    translator = sign_in(browser, demo_server, "tlumaczka")
    translator.goto(f"{demo_server.url}/admin/pages/{english.pk}/edit/")
    assert translator.title().startswith("Tłumaczenie")  # wagtail-localize's editor, not Wagtail's
    shoot(translator, screenshots, taken, "06-edytor-tlumaczenia.png")


def test_a_coordinator_handles_an_application(browser, demo_server, people, screenshots, taken):
    (screenshots / "img").mkdir(parents=True, exist_ok=True)
    kompas = programme("KomPAS")
    applicant = browser()
    applicant.goto(demo_server.url + form_page(kompas).url)
    fill_in_application(applicant)
    send_form(applicant)
    application = Application.objects.latest("submit_time")
    assert application.team.number == 4

    coordinator = sign_in(browser, demo_server, "koordynatorka4")
    shoot(coordinator, screenshots, taken, "07-pulpit-koordynatora.png")
    coordinator.goto(demo_server.url + "/admin/applications/")
    assert application.reference in coordinator.inner_text("main")
    shoot(coordinator, screenshots, taken, "08-lista-zgloszen.png")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name=application.reference).first.click()
    coordinator.fill("textarea[name=text]", "Rozmowa telefoniczna; spotkanie w czwartek o 10:00.")
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Dodaj notatkę").click()
    with coordinator.expect_navigation():
        coordinator.select_option("select[name=status]", "contacted")
        coordinator.get_by_role("button", name="Zapisz status").click()
    coordinator.locator("select[name=status]").scroll_into_view_if_needed()
    shoot(coordinator, screenshots, taken, "09-zgloszenie.png")
    application.refresh_from_db()
    assert application.status == "contacted"
    assert application.notes.get().text.startswith("Rozmowa telefoniczna")
