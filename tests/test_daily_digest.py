"""Each morning a team's coordinators get one e-mail with what awaits the team: counts of new,
waiting and offered applications, failed notifications, and enrolments opening or closing in the
next 14 days, with links to the admin. Never anything about an applicant. A coordinator can
turn it off in the account settings; a digest the mail server did not take is sent later."""

import datetime
import email
import email.policy

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from enrolment.digest import send_team_digests
from enrolment.models import (
    ApplicationStatus,
    CoordinatorPreferences,
    Notification,
    NotificationKind,
    TeamDigest,
)
from enrolment.references import new_reference
from programmes.models import Edition

from .admin_factories import another_edition
from .admin_forms import form_data
from .admin_helpers import make_application, make_coordinator, make_editor, make_superuser
from .builders import edition_like
from .factories import SmallSite, TeamFactory
from .once_per_module import built_once
from .scripted_smtp import RefusingInbox
from .smtp_server import LoopbackSMTPServer, free_loopback_port, mail_through

pytestmark = pytest.mark.django_db

WARSAW = datetime.timezone(datetime.timedelta(hours=1))  # March: winter time
# 7:30 in Warsaw on 2 March 2030 (DIGEST_HOUR is 7).
MORNING = datetime.datetime(2030, 3, 2, 7, 30, tzinfo=WARSAW)
TODAY = MORNING.date()
ADMIN = "http://testserver"


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def add_edition(like, number, opens_on, closes_on):
    """Another edition of the same programme, run by the same team."""
    return edition_like(like, number, opens_on, closes_on, TODAY)


def short_date(value):
    with translation.override("pl"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")


@pytest.fixture(autouse=True)
def digest_settings(settings):
    settings.DIGEST_HOUR = 7
    settings.WAGTAILADMIN_BASE_URL = ADMIN
    return settings


def build_site():
    """The small site every test starts from, with neither applications nor coordinators: the
    digest goes to every team with coordinators and something to do, so each test adds its own
    (a world with them would be in the database for the module's later tests too)."""
    return SmallSite.build()


kept_world, site = built_once(build_site, name="site")


@pytest.fixture
def two_teams(site):
    """Two teams of one programme, each with one new application; ours has two coordinators,
    the other one."""
    ours, other = site.edition, another_edition(site.programme)
    make_application(ours)
    make_application(other)
    return {
        "ours": ours,
        "other": other,
        "our_coordinators": [
            make_coordinator(ours.team, email="anna@example.org"),
            make_coordinator(ours.team, email="piotr@example.org"),
        ],
        "other_coordinator": make_coordinator(other.team, email="olga@example.org"),
    }


def run_command_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("send_team_digests", verbosity=0)


def received(server):
    """(recipients, subject, body) of each message the loopback server took."""
    messages = []
    for envelope in server.inbox.messages:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        # A long encoded subject comes folded; unfolded as a mail program shows it.
        subject = " ".join(str(parsed["subject"]).split())
        messages.append((sorted(envelope.rcpt_tos), subject, parsed.get_content()))
    return messages


@pytest.fixture
def smtp(settings):
    server = mail_through(LoopbackSMTPServer(free_loopback_port()), settings)
    yield server
    server.stop()


def test_each_team_gets_one_digest_a_day_however_often_the_scheduler_runs(smtp, two_teams):
    smtp.start()
    run_command_at(MORNING)
    run_command_at(MORNING + datetime.timedelta(hours=5))

    messages = received(smtp)
    assert sorted(recipients for recipients, _subject, _body in messages) == [
        ["anna@example.org", "piotr@example.org"],
        ["olga@example.org"],
    ]
    our_subject = next(subject for recipients, subject, _ in messages if len(recipients) == 2)
    assert our_subject.startswith("[MOPS] ")
    assert two_teams["ours"].team.short_name in our_subject
    assert short_date(TODAY) in our_subject
    assert TeamDigest.objects.filter(day=TODAY).count() == 2

    # The next morning brings the next day's digests.
    run_command_at(MORNING + datetime.timedelta(days=1))
    assert len(smtp.inbox.messages) == 4


def test_nothing_is_sent_before_the_digest_hour_in_warsaw(mailoutbox, two_teams):
    # 6:59 in Warsaw, 5:59 UTC.
    run_command_at(MORNING - datetime.timedelta(minutes=31))
    assert mailoutbox == []
    assert not TeamDigest.objects.exists()

    run_command_at(MORNING)
    assert len(mailoutbox) == 2


def test_a_coordinator_who_turned_it_off_gets_none(mailoutbox, two_teams):
    anna, piotr = two_teams["our_coordinators"]
    CoordinatorPreferences.objects.create(user=anna, daily_digest=False)
    CoordinatorPreferences.objects.create(user=piotr, daily_digest=True)
    CoordinatorPreferences.objects.create(user=two_teams["other_coordinator"], daily_digest=False)
    # Neither a coordinator who left nor one without an address gets it.
    make_coordinator(two_teams["ours"].team, email="left@example.org", is_active=False)
    make_coordinator(two_teams["ours"].team, email="")

    run_command_at(MORNING)

    (message,) = mailoutbox
    assert message.bcc == ["piotr@example.org"] and not message.to
    assert two_teams["ours"].team.short_name in message.subject
    # Nobody on the other team wants it: no message, and the day is not decided for them.
    assert list(TeamDigest.objects.values_list("team", flat=True)) == [two_teams["ours"].team_id]


def test_whoever_turns_it_on_again_gets_that_days_digest(mailoutbox, two_teams):
    olga = two_teams["other_coordinator"]
    CoordinatorPreferences.objects.create(user=olga, daily_digest=False)
    run_command_at(MORNING)
    assert [message.bcc for message in mailoutbox] == [["anna@example.org", "piotr@example.org"]]

    CoordinatorPreferences.objects.filter(user=olga).update(daily_digest=True)
    run_command_at(MORNING + datetime.timedelta(hours=2))
    assert [message.bcc for message in mailoutbox][1:] == [["olga@example.org"]]


def test_a_team_with_nothing_to_do_gets_no_message_that_day(mailoutbox, site):
    make_coordinator(site.edition.team, email="anna@example.org")
    make_coordinator(TeamFactory(), email="nikt@example.org")  # a team without programmes

    run_command_at(MORNING)
    assert mailoutbox == []

    # An application in the afternoon is told by its own notification, not by a late digest.
    make_application(site.edition)
    run_command_at(MORNING + datetime.timedelta(hours=6))
    assert mailoutbox == []

    run_command_at(MORNING + datetime.timedelta(days=1))
    assert len(mailoutbox) == 1


@pytest.fixture
def busy_team(site):
    """Ours: 2 new, 3 on the waiting list, 1 place offered, 1 being handled; one notification
    failed and one still being tried; enrolments opening in 14 days, closing in 8 days and
    opening in 15 days. Another team: one of everything."""
    ours, other = site.edition, another_edition(site.programme)
    applications = {
        status: [make_application(ours, status=status) for _ in range(count)]
        for status, count in [
            (ApplicationStatus.NEW, 2),
            (ApplicationStatus.WAITING_LIST, 3),
            (ApplicationStatus.PLACE_OFFERED, 1),
            (ApplicationStatus.CONTACTED, 1),
        ]
    }
    failed_on = timezone.now()
    Notification.objects.create(
        application=applications[ApplicationStatus.NEW][0],
        kind=NotificationKind.TEAM,
        failed_at=failed_on,
    )
    Notification.objects.create(
        application=applications[ApplicationStatus.NEW][1], kind=NotificationKind.TEAM
    )
    for status in (ApplicationStatus.NEW, ApplicationStatus.WAITING_LIST):
        theirs = make_application(other, status=status)
    Notification.objects.create(application=theirs, kind=NotificationKind.TEAM, failed_at=failed_on)
    add_edition(other, 16, day(3), day(20))
    return {
        "edition": ours,
        "applications": applications,
        "opening": add_edition(ours, 11, day(14), day(30)),
        "closing": add_edition(ours, 12, day(-5), day(8)),
        "later": add_edition(ours, 13, day(15), day(30)),
        "coordinator": make_coordinator(ours.team, email="anna@example.org"),
    }


def listed_references(client, url):
    assert url.startswith(ADMIN)
    response = client.get(url.removeprefix(ADMIN))
    assert response.status_code == 200
    return {application.reference for application in response.context["object_list"]}


def counted_links(body):
    """{link: count} of the counts in the digest: each "<label>: <count>" line is followed by
    the link to what it counts (when there is something)."""
    lines = body.splitlines()
    return {
        line: int(lines[index - 1].rsplit(": ", 1)[1])
        for index, line in enumerate(lines)
        if line.startswith(ADMIN) and lines[index - 1].rsplit(": ", 1)[-1].isdigit()
    }


def test_the_digest_counts_the_teams_work_and_links_to_exactly_it(client, mailoutbox, busy_team):
    run_command_at(MORNING)
    (message,) = [m for m in mailoutbox if m.bcc == ["anna@example.org"]]
    body = message.body
    links = counted_links(body)

    client.force_login(busy_team["coordinator"])
    applications = busy_team["applications"]
    for status in (
        ApplicationStatus.NEW,
        ApplicationStatus.WAITING_LIST,
        ApplicationStatus.PLACE_OFFERED,
    ):
        (url,) = [link for link in links if f"status={status}" in link]
        expected = {application.reference for application in applications[status]}
        assert links[url] == len(expected)
        assert listed_references(client, url) == expected
    # One failed notification (not the one still being tried), linked to those to send again.
    assert links[ADMIN + reverse("enrolment_notifications")] == 1
    assert len(links) == 4

    # Enrolment opening in 14 days and closing in 8, not the one in 15 days nor the other
    # team's; each with the link to its applications.
    opening, closing = busy_team["opening"], busy_team["closing"]
    title = busy_team["edition"].programme.title
    assert f"- {title}, Edycja 11: " in body and short_date(opening.enrolment_opens_on) in body
    assert f"- {title}, Edycja 12: " in body and short_date(closing.enrolment_closes_on) in body
    assert "Edycja 13" not in body and "Edycja 16" not in body
    lines = body.splitlines()
    edition_link = lines[next(i for i, line in enumerate(lines) if "Edycja 12" in line) + 1]
    assert listed_references(client, edition_link.strip()) == set()  # nobody applied yet

    # And where to turn the digest off.
    assert ADMIN + reverse("wagtailadmin_account") + "#tab-notifications" in body


def test_the_failed_notifications_are_counted_per_team(mailoutbox, busy_team):
    other_coordinator = make_coordinator(
        Edition.objects.get(number=16).team, email="olga@example.org"
    )
    run_command_at(MORNING)
    (theirs,) = [m for m in mailoutbox if m.bcc == [other_coordinator.email]]
    failed_link = ADMIN + reverse("enrolment_notifications")
    lines = theirs.body.splitlines()
    index = lines.index(failed_link)
    assert lines[index - 1].endswith(": 1")


# Letters of Polish and Ukrainian names and answers, as applicants type them.
LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘŁŃÓŚŹŻабвгґдеєжзиіїйклмнопрстуфхцчшщьюяЄІЇҐ"
word = st.text(alphabet=LETTERS, min_size=4, max_size=12)
applicants = st.lists(
    st.fixed_dictionaries(
        {
            "applicant_name": st.tuples(word, word).map(" ".join),
            "phone": st.from_regex(r"\+(48|380) [5-9][0-9]{2} [0-9]{3} [0-9]{3}", fullmatch=True),
            "email": st.emails(),
            "question-sytuacja": st.lists(word, min_size=2, max_size=6).map(" ".join),
            "question-potrzeby": st.lists(word, min_size=1, max_size=3),
            "status": st.sampled_from(
                [
                    ApplicationStatus.NEW,
                    ApplicationStatus.WAITING_LIST,
                    ApplicationStatus.PLACE_OFFERED,
                ]
            ),
        }
    ),
    min_size=1,
    max_size=6,
)


@pytest.fixture
def one_team(site):
    make_coordinator(site.edition.team, email="anna@example.org")
    return site.edition


@hypothesis_settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=applicants)
def test_no_applicants_data_is_ever_in_the_digest(one_team, people):
    """The digest is the same whoever the applicants are and whatever they wrote: it carries
    their number and nothing else of them. (Hypothesis tries words from our own code too, so a
    short name may well be a part of "applications"; what matters is that it is not taken from
    the application.)"""
    with transaction.atomic():
        stored = [
            make_application(
                one_team,
                form_data={key: value for key, value in person.items() if key != "status"},
                status=person["status"],
                reference=new_reference(),
            )
            for person in people
        ]
        with_their_data = digest_of_the_day()
        references = [application.reference for application in stored]

        for application in stored:
            application.reference = new_reference()
            application.form_data = dict.fromkeys(application.form_data, "—")
            application.save()
        TeamDigest.objects.all().delete()
        without_it = digest_of_the_day()

        assert with_their_data == without_it
        # Addresses, phones and references cannot be part of any word of the message.
        subject, body = with_their_data
        sent = f"{subject}\n{body}".casefold()
        for reference, person in zip(references, people, strict=True):
            phone = person["phone"]
            for value in (reference, person["email"], phone, phone.replace(" ", "")):
                assert value.casefold() not in sent
        # The counts it does carry add up to the applicants.
        counted = [
            int(line.rsplit(": ", 1)[1])
            for line in body.splitlines()
            if line.rsplit(": ", 1)[-1].isdigit() and not line.startswith("http")
        ]
        assert sum(counted) == len(people)
        transaction.set_rollback(True)


def digest_of_the_day():
    mail.outbox = []
    send_team_digests(now=MORNING)
    (message,) = mail.outbox
    return message.subject, message.body


@pytest.fixture
def lonely_team(site):
    """A team with one coordinator and one new application."""
    make_application(site.edition)
    make_coordinator(
        site.edition.team, email="anna@example.org", first_name="Anna", last_name="Nowak"
    )
    return site.edition.team


@pytest.mark.parametrize("fault", ["down", "550 5.1.1 Recipient address rejected"])
def test_a_digest_the_mail_server_did_not_take_is_sent_at_the_next_run(smtp, lonely_team, fault):
    if fault != "down":
        smtp.inbox = RefusingInbox(fault)
        smtp.start()
    with pytest.raises(CommandError, match=f"team {lonely_team.number}"):
        run_command_at(MORNING)
    assert not TeamDigest.objects.exists()
    assert smtp.inbox.messages == []

    if fault == "down":
        smtp.start()
    run_command_at(MORNING + datetime.timedelta(minutes=15))
    run_command_at(MORNING + datetime.timedelta(minutes=30))

    assert [recipients for recipients, _s, _b in received(smtp)] == [["anna@example.org"]]
    recorded = TeamDigest.objects.get()
    assert (recorded.team, recorded.day, recorded.recipients) == (lonely_team, TODAY, 1)


def account_page(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    return response.content.decode()


DIGEST_BOX = "daily_digest-daily_digest"


def test_a_coordinator_turns_the_digest_off_in_the_account_settings(
    client, mailoutbox, lonely_team
):
    coordinator = lonely_team.coordinators_group.user_set.get()
    html = account_page(client, coordinator)
    assert "Daily digest of your teams" in html or "Codzienne podsumowanie" in html
    sent = form_data(html, "w-editor-form")
    assert sent[DIGEST_BOX] == ["on"]  # on unless turned off

    del sent[DIGEST_BOX]  # unticked: a browser sends nothing
    response = client.post(reverse("wagtailadmin_account"), sent)
    assert response.status_code == 302, [
        (panel.name, panel.get_form().errors)
        for panels in response.context["panels_by_tab"].values()
        for panel in panels
    ]

    assert CoordinatorPreferences.objects.get(user=coordinator).daily_digest is False
    assert DIGEST_BOX not in form_data(account_page(client, coordinator), "w-editor-form")
    run_command_at(MORNING)
    assert mailoutbox == []


def test_the_setting_is_offered_to_superusers_but_not_to_who_coordinates_no_team(client):
    assert DIGEST_BOX not in account_page(client, make_editor())
    assert DIGEST_BOX in account_page(client, make_superuser())


def test_production_every_minute_timer_sends_it_and_the_nightly_one_does_not(mailoutbox, two_teams):
    """deploy/systemd: mops-scheduler.timer runs `run_scheduler --once --max-period 3599` every
    minute, mops-scheduler-daily.timer `--min-period 3600` at night."""
    with time_machine.travel(MORNING, tick=False):
        call_command("run_scheduler", "--once", "--min-period", "3600", verbosity=0)
        assert mailoutbox == []
        call_command("run_scheduler", "--once", "--max-period", "3599", verbosity=0)
    assert len(mailoutbox) == 2
