"""Fifty applicants send the form of one edition with 10 places at the same moment, to gunicorn
(2 worker processes of 8 threads) on the embedded SQLite default and on PostgreSQL: every
application is stored, exactly 10 take the places and 40 go to the waiting list, and nobody gets
a server error. (On SQLite without WAL, immediate transactions and a busy timeout, most of them
were lost to "database is locked".)

The PostgreSQL variant runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…), on
a database of its own; the SQLite variant runs in the SQLite pass.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from bench.web_client import FormReader, origin, request

from .live_site import BACKENDS, LiveSite

APPLICANTS = 50

# The database of the processes is a copy of the migrated test database.
pytestmark = pytest.mark.django_db


COUNT_APPLICATIONS = """
import json
from enrolment.models import Application, ApplicationStatus
applications = Application.objects.all()
print(json.dumps({
    "stored": applications.count(),
    "taking_a_place": applications.taking_a_place().count(),
    "waiting_list": applications.filter(status=ApplicationStatus.WAITING_LIST).count(),
    "references": applications.values("reference").distinct().count(),
}))
"""


@pytest.fixture(params=BACKENDS)
def live_site(request, tmp_path, live_site_databases):
    database = live_site_databases.fresh(request.param, tmp_path, "fifty")
    with LiveSite(database, tmp_path / "logs", workers=2, threads=8) as site:
        yield site


def answers_in(html, name):
    """The form filled in as an applicant would: every hidden field sent back (the CSRF and
    one-time tokens), the first edition, name, phone, consent and any required question; the
    honeypot left empty. System fields are found by the end of their names ("system-phone")."""
    reader = FormReader()
    reader.feed(html)
    answers, chosen = [], set()
    for field in reader.fields:
        field_name, kind = field["name"], field["type"]
        if kind == "hidden":
            answers.append((field_name, field["value"]))
        elif kind == "radio" and field_name not in chosen:
            chosen.add(field_name)
            answers.append((field_name, field["value"]))
        elif kind == "checkbox" and field["required"]:
            answers.append((field_name, field["value"] or "on"))
        elif field_name.endswith("applicant_name"):
            answers.append((field_name, name))
        elif field_name.endswith("phone"):
            answers.append((field_name, "600 123 456"))
        elif field["required"] and kind not in {"radio", "checkbox", "submit"}:
            answers.append((field_name, "Chcę wziąć udział."))
    return reader.action, answers


def apply_all_at_once(site, count):
    """Each applicant opens the form (own cookies, CSRF token and every hidden field), then all
    send at the same moment. Returns each applicant's answer status (or the error)."""
    ready = threading.Barrier(count)

    def apply(number):
        page = request(site.port, site.content["form_url"], timeout=120)
        action, answers = answers_in(page.text, f"Kandydatka {number}")
        ready.wait(timeout=120)
        sent = request(
            site.port,
            action or site.content["form_url"],
            method="POST",
            body=urlencode(answers),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                # As a browser sends them, for the CSRF check (requests are marked HTTPS).
                "Origin": origin(),
                "Referer": origin() + site.content["form_url"],
            },
            cookies=page.cookies,
            timeout=120,
        )
        return sent.status

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(apply, range(1, count + 1)))


def test_fifty_applicants_at_once_are_all_stored_ten_in_places_forty_waiting(live_site):
    statuses = apply_all_at_once(live_site, APPLICANTS)

    # Every applicant is redirected to a confirmation; nobody gets an error.
    assert statuses == [302] * APPLICANTS, statuses
    stored = json.loads(live_site.django(COUNT_APPLICATIONS).strip().splitlines()[-1])
    assert stored == {
        "stored": APPLICANTS,
        "taking_a_place": live_site.content["places"],
        "waiting_list": APPLICANTS - live_site.content["places"],
        "references": APPLICANTS,
    }
