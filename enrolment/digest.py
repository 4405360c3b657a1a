"""The coordinators' daily digest: one e-mail a day per team, with counts only.

For each default-language team, from DIGEST_HOUR (Warsaw time) on: how many applications are new,
on the waiting list or offered a place, how many notifications failed (someone has to send them
again) and how many wait to be sent (the worker still tries), and which editions open or close
their enrolment in the next 14 days, each with a link to the admin. It comes from the
same summary as the coordinators' panel on the dashboard (enrolment.dashboard) and never carries
anything about an applicant, not even a reference number.

It goes to the team's active coordinators who have an address and did not turn it off (account
settings, enrolment.account_settings); a coordinator without preferences gets it. A team is
recorded for the day (TeamDigest) in the transaction that hands the message to the mail server,
so that a refused or failed send records nothing and the next run tries again, and a team
already recorded is skipped. A team with nothing to report gets no message: its day is recorded
as decided (no recipients), so that an application arriving in the afternoon does not bring a
"daily" digest after lunch (its own notification has told the team already). A team none of
whose coordinators wants the digest is not recorded: whoever turns it on gets that day's.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from programmes.models import Team

from .account_settings import DIGEST_CHECKBOX_LABEL
from .admin_views.notifications import LIST_URL_NAME as NOTIFICATIONS_URL_NAME
from .dashboard import UPCOMING_DAYS, summarise_teams
from .default_language import routing_sources
from .delivery_errors import describe
from .models import TeamDigest

logger = logging.getLogger(__name__)

TEMPLATE = "enrolment/email/team_digest"
# Wagtail's account settings, on the tab where the digest's checkbox is.
ACCOUNT_SETTINGS_TAB = "#tab-notifications"


def admin_link(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def centre_now(now=None):
    return timezone.localtime(now or timezone.now(), timezone.get_default_timezone())


def digest_recipients(team):
    """The addresses of the team's active coordinators who want the digest, each once."""
    if team.coordinators_group_id is None:
        return []
    users = (
        get_user_model()
        .objects.filter(groups=team.coordinators_group_id, is_active=True)
        .exclude(email="")
        .exclude(coordinator_preferences__daily_digest=False)
        .order_by("email")
    )
    addresses = {}
    for email in users.values_list("email", flat=True):
        addresses.setdefault(email.strip().lower(), email.strip())
    return list(addresses.values())


def build_digest(summary, recipients, day):
    """The team's digest of the day, in the centre's language."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "summary": summary,
            "team_name": summary.team.short_name or summary.team.name,
            "day": day,
            "upcoming_days": UPCOMING_DAYS,
            "new_url": admin_link(summary.new_applications_url),
            "waiting_list_url": admin_link(summary.waiting_list_url),
            "places_offered_url": admin_link(summary.places_offered_url),
            "failed_url": admin_link(reverse(NOTIFICATIONS_URL_NAME)),
            "editions": [
                (upcoming, admin_link(upcoming.applications_url)) for upcoming in summary.editions
            ],
            "setting_title": DIGEST_CHECKBOX_LABEL,
            "account_url": admin_link(reverse("wagtailadmin_account")) + ACCOUNT_SETTINGS_TAB,
        }
        subject = render_to_string(f"{TEMPLATE}_subject.txt", context)
        body = render_to_string(f"{TEMPLATE}.txt", context)
    return EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        # One message for the team, but no coordinator's address shown to the others.
        bcc=recipients,
    )


@dataclass
class Outcome:
    """What one run did, by team number."""

    sent: list = field(default_factory=list)
    nothing_to_report: list = field(default_factory=list)
    failed: dict = field(default_factory=dict)


def teams_due(day):
    """Teams applications are routed to (enrolment.default_language) whose digest of the day is
    not recorded yet."""
    recorded = TeamDigest.objects.filter(day=day).values("team")
    return routing_sources(Team.objects.all()).exclude(pk__in=recorded).order_by("number")


def send_team_digests(now=None):
    """Send the digests due now; before DIGEST_HOUR (Warsaw time) nothing is due."""
    now = centre_now(now)
    outcome = Outcome()
    if now.hour < settings.DIGEST_HOUR:
        return outcome
    day = now.date()
    connection = get_connection()
    for summary in summarise_teams(teams_due(day), day):
        team = summary.team
        recipients = digest_recipients(team)
        if not recipients:
            continue
        if not summary.has_work:
            _record(team, day, recipients=0)
            outcome.nothing_to_report.append(team.number)
            continue
        message = build_digest(summary, recipients, day)
        message.connection = connection
        try:
            with transaction.atomic():
                # Recorded first, committed only once the mail server took the message: a
                # second run at the same time waits for this row and then finds it.
                TeamDigest.objects.create(team=team, day=day, recipients=len(recipients))
                message.send()
        except IntegrityError:
            continue  # another run sent it meanwhile
        except Exception as error:
            # The next run tries again. Its description names no address.
            outcome.failed[team.number] = describe(error)
            logger.warning(
                "The daily digest of team %s was not sent (%s); the next run tries again.",
                team.number,
                outcome.failed[team.number],
            )
            continue
        outcome.sent.append(team.number)
    return outcome


def _record(team, day, recipients):
    try:
        with transaction.atomic():
            TeamDigest.objects.create(team=team, day=day, recipients=recipients)
    except IntegrityError:
        pass  # another run decided the day already
