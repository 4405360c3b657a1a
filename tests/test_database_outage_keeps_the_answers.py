"""The database out of reach while an applicant sends the form: the answer is a 503 page in
their language that says the application was NOT sent, keeps the answers (a "Send again"
button) and gives a number to call, with Retry-After; in Chromium, going Back once the site
works again shows the form with everything typed, and sending it stores the application once.

Real processes: gunicorn serves the site (tests/live_site.py). Its SQLite file is moved away (as
a disk gone), or its PostgreSQL is reached through a TCP link that the test cuts. The SQLite
variant runs in the SQLite pass of the suite, the PostgreSQL one when DATABASE_URL names one.
"""

import contextlib
import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from bench.web_client import request

from .live_site import BACKENDS, LiveSite

FALLBACK_PHONE = "71 000 00 00"

# The database of the processes is a copy of the migrated test database.
pytestmark = pytest.mark.django_db

NAME = "Anna Cofnięta"

COUNT_APPLICATIONS = """
import json
from enrolment.models import Application
# Compared in Python: SQLite keeps JSON with non-ASCII letters escaped, so a database "contains"
# would never find "Cofnięta".
print(json.dumps(sum(
    1 for answers in Application.objects.values_list("form_data", flat=True)
    if answers.get("applicant_name") == "{name}"
)))
"""


@pytest.fixture(
    scope="module",
    params=BACKENDS,
)
def live_site(request, tmp_path_factory, live_site_databases):
    folder = tmp_path_factory.mktemp(f"outage-{request.param}")
    database = live_site_databases.fresh(request.param, folder, "outage")
    site = LiveSite(
        database,
        folder / "logs",
        workers=1,
        threads=4,
        env={"FALLBACK_CONTACT_PHONE": FALLBACK_PHONE},
    )
    with site:
        yield site


@contextlib.contextmanager
def database_unreachable(site):
    site.database.cut()
    try:
        yield
    finally:
        site.database.restore()


def in_polish(message):
    with translation.override("pl"):
        return gettext(message)


def applications_from(site, name):
    return json.loads(site.django(COUNT_APPLICATIONS.format(name=name)).strip().splitlines()[-1])


def fill_in(page, name):
    """What an applicant types into the form (system fields found by the end of their name)."""
    page.locator("form.form input[type=radio]").first.check()
    page.fill("form.form input[name$=applicant_name]", name)
    page.fill("form.form input[name$=phone]", "600 123 456")
    page.fill("form.form textarea", "Chcę poznać inne osoby z osiedla.")
    page.check("form.form input[type=checkbox][required]")


def typed_answers(page):
    return {
        "name": page.input_value("form.form input[name$=applicant_name]"),
        "phone": page.input_value("form.form input[name$=phone]"),
        "question": page.input_value("form.form textarea"),
        "edition chosen": page.locator("form.form input[type=radio]").first.is_checked(),
        "consent": page.locator("form.form input[type=checkbox][required]").is_checked(),
    }


TYPED = {
    "phone": "600 123 456",
    "question": "Chcę poznać inne osoby z osiedla.",
    "edition chosen": True,
    "consent": True,
}


def send_while_the_database_is_unreachable(site, page, name):
    page.goto(site.url(site.content["form_url"]))
    fill_in(page, name)
    with database_unreachable(site):
        with page.expect_navigation() as sent:
            page.click("form.form button[type=submit]")
        response = sent.value
        assert response.status == 503
        assert response.headers["retry-after"].isdigit()
        assert page.locator("h1").inner_text() == in_polish("Your application was NOT sent")
        assert page.locator("html").get_attribute("lang") == "pl"
        # Whom to call: in the page's text and in the contact help below it.
        for place in ("main", "footer"):
            call = page.locator(f'{place} a[href="tel:+48710000000"]')
            assert call.inner_text() == FALLBACK_PHONE
    return response


def test_going_back_after_the_outage_shows_the_form_with_everything_typed(live_site, browser_page):
    page = browser_page
    send_while_the_database_is_unreachable(live_site, page, NAME)
    assert applications_from(live_site, NAME) == 0

    page.go_back()

    assert typed_answers(page) == {"name": NAME, **TYPED}
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert "/confirmation/" in page.url
    assert applications_from(live_site, NAME) == 1


def test_send_again_on_the_not_sent_page_stores_the_application_once(live_site, browser_page):
    page = browser_page
    name = "Ewa Ponowna"
    send_while_the_database_is_unreachable(live_site, page, name)

    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Send again")).click()

    assert "/confirmation/" in page.url
    assert applications_from(live_site, name) == 1


def test_a_page_read_while_the_database_is_unreachable_asks_to_try_again_shortly(live_site):
    with database_unreachable(live_site):
        response = request(live_site.port, live_site.content["form_url"])
    assert response.status == 503
    assert int(response.headers["retry-after"]) > 0
    assert in_polish("The site is temporarily unavailable") in response.text
    assert "tel:+48710000000" in response.text
    assert request(live_site.port, live_site.content["form_url"]).status == 200
