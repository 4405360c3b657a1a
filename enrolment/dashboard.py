"""The coordinators' panel on the admin dashboard: what needs their attention in their teams.

For each of the user's teams (every team for superusers): new applications, notifications not
delivered yet, and editions whose enrolment opens or closes in the next two weeks (Warsaw dates).
Each number links to the applications list, filtered to show exactly those applications.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from programmes.models import Edition, Team

from .admin_views.filters import UNDELIVERED
from .models import Application, ApplicationStatus, Notification
from .permissions import coordinated_team_ids

UPCOMING_DAYS = 14


def applications_url(**filters):
    return f"{reverse('enrolment_application:index')}?{urlencode(filters)}"


@dataclass
class TeamSummary:
    team: Team
    new_applications: int = 0
    undelivered_notifications: int = 0
    editions: list = field(default_factory=list)

    @property
    def new_applications_url(self):
        return applications_url(team=self.team.pk, status=ApplicationStatus.NEW)

    @property
    def undelivered_notifications_url(self):
        return applications_url(team=self.team.pk, notification=UNDELIVERED)


@dataclass
class UpcomingEdition:
    edition: Edition
    opens_soon: bool
    closes_soon: bool

    @property
    def applications_url(self):
        edition = self.edition
        return applications_url(
            team=edition.team_id, programme=edition.programme_id, edition_number=edition.number
        )


def dashboard_teams(user):
    """The default-language teams whose applications the user handles."""
    teams = Team.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("number")
    if user.is_active and user.is_superuser:
        return teams
    return teams.filter(pk__in=coordinated_team_ids(user))


def team_summaries(user, today=None):
    # The centre's dates, whatever time zone the user chose for the admin.
    today = today or timezone.localdate(timezone=timezone.get_default_timezone())
    until = today + datetime.timedelta(days=UPCOMING_DAYS)
    summaries = {team.pk: TeamSummary(team) for team in dashboard_teams(user)}
    if not summaries:
        return []

    new = (
        Application.objects.filter(team__in=summaries, status=ApplicationStatus.NEW)
        .values("team")
        .annotate(count=Count("pk"))
    )
    for row in new:
        summaries[row["team"]].new_applications = row["count"]

    undelivered = (
        Notification.objects.undelivered()
        .filter(application__team__in=summaries)
        .values("application__team")
        .annotate(count=Count("pk"))
    )
    for row in undelivered:
        summaries[row["application__team"]].undelivered_notifications = row["count"]

    editions = (
        Edition.objects.filter(team__in=summaries, locale__language_code=settings.LANGUAGE_CODE)
        .filter(
            Q(enrolment_opens_on__range=(today, until))
            | Q(enrolment_closes_on__range=(today, until))
        )
        .select_related("programme")
        .order_by("enrolment_opens_on", "enrolment_closes_on", "pk")
    )
    for edition in editions:
        summaries[edition.team_id].editions.append(
            UpcomingEdition(
                edition,
                opens_soon=today <= edition.enrolment_opens_on <= until,
                closes_soon=today <= edition.enrolment_closes_on <= until,
            )
        )
    return list(summaries.values())


class CoordinatorsPanel(Component):
    name = "coordinators"
    template_name = "enrolment/admin/coordinators_panel.html"
    # Above Wagtail's own panels: applications are what coordinators come to the admin for.
    order = 50

    def __init__(self, summaries):
        self.summaries = summaries

    def get_context_data(self, parent_context):
        return {"summaries": self.summaries, "upcoming_days": UPCOMING_DAYS}


def coordinators_panel(user):
    """The panel, or None for a user who coordinates no team."""
    summaries = team_summaries(user)
    return CoordinatorsPanel(summaries) if summaries else None
