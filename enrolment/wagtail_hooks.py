from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from programmes.programme_page_form import EDITION_DELETION_HOOK

from . import audit, dashboard, data_rights, deletion_guards, signals  # noqa: F401  (signals: the coordinators' group handler)
from .account_settings import daily_digest_settings_panel
from .admin_views import data_requests as data_request_views, notifications as notification_views
from .admin_views.viewsets import ApplicationViewSet
from .models import PrivacyNotice
from .permissions import application_permission_policy
from .wagtail_forms_screens import closed_forms_urls, no_form_submissions_for_anyone

application_viewset = ApplicationViewSet()


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    audit.register_log_actions(actions)


# Wagtail's own submissions screens have no team check, no audit and unsafe exports: closed to
# everyone, superusers included, in favour of the applications section.
hooks.register("filter_form_submissions_for_user", no_form_submissions_for_anyone)

# Programmes, forms and teams that applications are kept with are not deleted (deletion_guards).
hooks.register("before_delete_page", deletion_guards.refuse_to_delete_pages_with_applications)
hooks.register("before_bulk_action", deletion_guards.refuse_to_bulk_delete_pages_with_applications)
hooks.register("before_delete_snippet", deletion_guards.refuse_to_delete_teams_with_applications)
hooks.register(EDITION_DELETION_HOOK, deletion_guards.refuse_to_delete_editions_with_applications)
hooks.register("register_admin_urls", closed_forms_urls, order=-1)


@hooks.register("construct_homepage_panels")
def add_coordinators_panel(request, panels):
    panel = dashboard.coordinators_panel(request.user)
    if panel is not None:
        panels.append(panel)


# Account → Notifications: a coordinator turns the daily digest off (or on again).
hooks.register("register_account_settings_panel", daily_digest_settings_panel)


class PrivacyNoticeViewSet(SnippetViewSet):
    """The information clause shown with every enrolment form; one per language."""

    model = PrivacyNotice
    icon = "lock"
    menu_label = _("Privacy notice for applicants")
    add_to_admin_menu = False


register_snippet(PrivacyNoticeViewSet)


@hooks.register("register_admin_urls")
def register_notification_urls():
    return [
        path(
            "notifications/",
            notification_views.NotificationListView.as_view(),
            name=notification_views.LIST_URL_NAME,
        ),
        path(
            "notifications/<int:pk>/send-again/",
            notification_views.SendAgainView.as_view(),
            name=notification_views.RESEND_URL_NAME,
        ),
    ]


class NotificationsMenuItem(MenuItem):
    """For those who see applications: coordinators (their teams') and superusers. The one menu
    item of notifications: a short label that the sidebar does not cut off, with the number of
    failed notifications (those someone has to send again) after it while there are some."""

    def is_shown(self, request):
        return application_permission_policy.user_has_any_permission(
            request.user, notification_views.SEE_ACTIONS
        )

    def render_component(self, request):
        failed = notification_views.visible_notifications(request.user).failed().count()
        if not failed:
            return super().render_component(request)
        description = ngettext(
            "Notifications: %(count)d failed",
            "Notifications: %(count)d failed",
            failed,
        ) % {"count": failed}
        return LinkMenuItemComponent(
            self.name,
            f"{self.label} ({failed})",
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs={**self.attrs, "aria-label": description, "title": description},
        )


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        _("Notifications"),
        reverse(notification_views.LIST_URL_NAME),
        name="notifications-to-send",
        icon_name="mail",
        order=251,
    )


@hooks.register("register_admin_urls")
def register_data_request_urls():
    return [
        path(
            "data-requests/",
            data_request_views.SearchView.as_view(),
            name=data_request_views.SEARCH_URL_NAME,
        ),
        path(
            "data-requests/<int:pk>/",
            data_request_views.ResultsView.as_view(),
            name=data_request_views.RESULTS_URL_NAME,
        ),
        path(
            "data-requests/<int:pk>/export/",
            data_request_views.ExportView.as_view(),
            name=data_request_views.EXPORT_URL_NAME,
        ),
        path(
            "data-requests/<int:pk>/erase/",
            data_request_views.EraseView.as_view(),
            name=data_request_views.ERASE_URL_NAME,
        ),
    ]


class DataRequestsMenuItem(MenuItem):
    """For the data protection role and superusers only."""

    def is_shown(self, request):
        return data_rights.may_handle_data_requests(request.user)


@hooks.register("register_admin_menu_item")
def register_data_requests_menu_item():
    return DataRequestsMenuItem(
        _("Personal data requests"),
        reverse(data_request_views.SEARCH_URL_NAME),
        name="personal-data-requests",
        icon_name="lock",
        order=253,
    )
