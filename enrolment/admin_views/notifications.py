"""Notifications that failed or still wait, for the coordinators of their teams (superusers: all),
each with "send now" (never tried yet) or "send again". A notification of another team's
application is a 404, whichever way its address is reached. Coordinators cannot change a team's
addresses: the page says who can, and links the team for those who may edit it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy
from django.views.generic import TemplateView, View
from django_tasks import TaskResultStatus
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from enrolment import audit
from enrolment.models import Notification
from enrolment.permissions import application_permission_policy
from enrolment.recovery import pending_tasks
from enrolment.submission import team_recipients
from enrolment.tasks import queue_delivery
from programmes.models import Edition

LIST_URL_NAME = "enrolment_notifications"
RESEND_URL_NAME = "enrolment_notification_resend"
# Any of these lets a user see an application, and so its notifications.
SEE_ACTIONS = ["view", "change", "delete"]


def visible_notifications(user):
    """Notifications still to be sent of the applications the user may see."""
    applications = application_permission_policy.instances_user_has_any_permission_for(
        user, SEE_ACTIONS
    )
    return Notification.objects.undelivered().filter(application__in=applications)


def is_being_sent(notification):
    """True while a worker talks to the mail server for this notification: a second task
    queued now could send the message a second time."""
    return (
        notification.task_id is not None
        and pending_tasks(timezone.now())
        .filter(pk=notification.task_id, status=TaskResultStatus.RUNNING)
        .exists()
    )


def current_team_recipients(notification):
    """The team's and the responsible person's addresses as they are now: the failed list asks
    coordinators to correct them before sending again, so the stored ones are not reused."""
    edition = (
        Edition.objects.select_related("team", "responsible_person")
        .filter(pk=notification.application.edition_id)
        .first()
    )
    return team_recipients(edition, notification.application) if edition else []


def may_send_again(user, notification):
    return application_permission_policy.user_has_permission_for_instance(
        user, "change", notification.application
    )


class NotificationListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrolment/admin/notifications.html"
    page_title = gettext_lazy("Notifications to send")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = list(
            visible_notifications(self.request.user)
            .select_related("application__team")
            .order_by("created_at")
        )
        context["failed"] = [n for n in notifications if n.is_failed]
        context["waiting"] = [n for n in notifications if not n.is_failed]
        context["can_send_again"] = {
            n.pk for n in notifications if may_send_again(self.request.user, n)
        }
        context["team_edit_links"] = team_edit_links(self.request.user, context["failed"])
        return context


def team_edit_links(user, notifications):
    """(team, its edit address) of the teams these notifications went to, for a user who may
    edit teams (moderators, administrators); nothing for coordinators."""
    finder = AdminURLFinder(user)
    teams = {n.application.team_id: n.application.team for n in notifications if n.is_to_the_team}
    links = [(team, finder.get_edit_url(team)) for team in teams.values()]
    return [(team, url) for team, url in links if url]


class SendAgainView(View):
    """POST only: clears the failed state and the attempts, queues delivery now."""

    http_method_names = ["post"]

    def post(self, request, pk):
        notification = get_object_or_404(
            visible_notifications(request.user).select_related("application"), pk=pk
        )
        if not may_send_again(request.user, notification):
            raise PermissionDenied
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("application")
                .get(pk=notification.pk)
            )
            if notification.is_delivered:
                messages.info(request, _("This notification has already been delivered."))
                return redirect(LIST_URL_NAME)
            if is_being_sent(notification):
                messages.info(
                    request,
                    _(
                        "This notification is being sent right now. If it is not delivered, "
                        "send it again in a few minutes."
                    ),
                )
                return redirect(LIST_URL_NAME)
            if notification.is_to_the_team:
                notification.recipients = (
                    current_team_recipients(notification) or notification.recipients
                )
            never_tried = not notification.attempts
            notification.failed_at = None
            notification.failure_reason = ""
            notification.attempts = 0
            notification.save(
                update_fields=["failed_at", "failure_reason", "attempts", "recipients"]
            )
            queue_delivery(notification)
            audit.log_notification_resent(notification, request.user)
        if never_tried:
            done = _("The notification about application %(reference)s will be sent shortly.")
        else:
            done = _("The notification about application %(reference)s will be sent again shortly.")
        messages.success(request, done % {"reference": notification.application.reference})
        return redirect(LIST_URL_NAME)
