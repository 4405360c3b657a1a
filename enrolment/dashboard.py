"""The coordinators' panel on the admin dashboard: what needs their attention in their teams.

For each of the user's teams (every team for superusers): new applications, the waiting list,
places offered from it, notifications, and editions whose enrolment opens or closes in the next
two weeks (Warsaw dates). Each count of applications links to the applications list, filtered to
show exactly those applications; the notification counts link to the notifications page.

Notifications are counted in two kinds, with the same words wherever they are counted (here, on
the notifications page, in the digest and in the menu): "failed" (the worker gave up: someone has
to send it again, `Notification.objects.failed()`) and "waiting to be sent" (the worker still
tries, nobody needs to act yet, `waiting()`).

The same counts make the coordinators' daily digest (enrolment.digest).
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.components import Component

from programmes.models import Edition, Team

from .admin_views.listing import SEARCH_PLACEHOLDER
from .admin_views.notifications import LIST_URL_NAME as NOTIFICATIONS_URL_NAME
from .default_language import routing_sources
from .models import Application, ApplicationStatus, Notification
from .permissions import coordinated_team_ids

UPCOMING_DAYS = 14
# The notifications page's sections (templates/enrolment/admin/notifications.html).
FAILED_ANCHOR = "failed-notifications"
WAITING_ANCHOR = "waiting-notifications"


def applications_url(**filters):
    return f"{reverse('enrolment_application:index')}?{urlencode(filters)}"


@dataclass
class TeamSummary:
    team: Team
    new_applications: int = 0
    editions: list = field(default_factory=list)
    waiting_list: int = 0
    places_offered: int = 0
    failed_notifications: int = 0
    waiting_notifications: int = 0

    @property
    def has_work(self):
        """Something for the team to do or to prepare for."""
        return bool(
            self.new_applications
            or self.waiting_list
            or self.places_offered
            or self.failed_notifications
            or self.editions
        )

    @property
    def new_applications_url(self):
        return applications_url(team=self.team.pk, status=ApplicationStatus.NEW)

    @property
    def waiting_list_url(self):
        return applications_url(team=self.team.pk, status=ApplicationStatus.WAITING_LIST)

    @property
    def places_offered_url(self):
        return applications_url(team=self.team.pk, status=ApplicationStatus.PLACE_OFFERED)

    @property
    def failed_notifications_url(self):
        return f"{reverse(NOTIFICATIONS_URL_NAME)}#{FAILED_ANCHOR}"

    @property
    def waiting_notifications_url(self):
        return f"{reverse(NOTIFICATIONS_URL_NAME)}#{WAITING_ANCHOR}"


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
    """The teams applications are routed to (enrolment.default_language) that the user
    handles."""
    teams = routing_sources(Team.objects.all()).order_by("number")
    if user.is_active and user.is_superuser:
        return teams
    return teams.filter(pk__in=coordinated_team_ids(user))


# The statuses counted, and the summary's field that holds each count.
COUNTED_STATUSES = {
    ApplicationStatus.NEW: "new_applications",
    ApplicationStatus.WAITING_LIST: "waiting_list",
    ApplicationStatus.PLACE_OFFERED: "places_offered",
}


def centre_today():
    """Today in the centre's time zone (Warsaw), whatever time zone a user chose for the admin."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def team_summaries(user, today=None):
    return summarise_teams(dashboard_teams(user), today)


def summarise_teams(teams, today=None):
    """A TeamSummary of each of the teams, in their order."""
    today = today or centre_today()
    until = today + datetime.timedelta(days=UPCOMING_DAYS)
    summaries = {team.pk: TeamSummary(team) for team in teams}
    if not summaries:
        return []

    by_status = (
        Application.objects.filter(team__in=summaries, status__in=COUNTED_STATUSES)
        .values("team", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in by_status:
        setattr(summaries[row["team"]], COUNTED_STATUSES[row["status"]], row["count"])

    for field_name, notifications in (
        ("failed_notifications", Notification.objects.failed()),
        ("waiting_notifications", Notification.objects.waiting()),
    ):
        counts = (
            notifications.filter(application__team__in=summaries)
            .values("application__team")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in counts:
            setattr(summaries[row["application__team"]], field_name, row["count"])

    editions = (
        routing_sources(Edition.objects.filter(team__in=summaries))
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
        return {
            "summaries": self.summaries,
            "upcoming_days": UPCOMING_DAYS,
            # Coordinators look for an application here, not for a page (wagtailadmin/home.html
            # shows the page search only to those who may explore pages).
            "search_url": reverse("enrolment_application:index"),
            "search_form": SearchForm(placeholder=SEARCH_PLACEHOLDER),
        }


def coordinators_panel(user):
    """The panel, or None for a user who coordinates no team."""
    summaries = team_summaries(user)
    return CoordinatorsPanel(summaries) if summaries else None
