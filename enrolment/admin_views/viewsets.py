"""The applications section of the admin: list, detail, status, notes, export, history, delete.

There is no create or edit view: applications come only from the website, and what an applicant
wrote is never changed in the admin.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from enrolment.models import Application
from enrolment.permissions import application_permission_policy

from . import views
from .filters import ApplicationFilterSet


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "enrolment_application"
    url_prefix = "applications"
    icon = "form"
    menu_label = _("Applications")
    menu_name = "applications"
    menu_order = 250
    add_to_admin_menu = True

    permission_policy = application_permission_policy
    index_view_class = views.ApplicationIndexView
    inspect_view_class = views.ApplicationInspectView
    delete_view_class = views.ApplicationDeleteView
    history_view_class = views.ApplicationHistoryView
    change_status_view_class = views.ChangeStatusView
    add_note_view_class = views.AddNoteView

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    ordering = "-submit_time"
    list_per_page = 50
    filterset_class = ApplicationFilterSet
    search_fields = ["reference"]
    search_backend_name = None
    list_display = [
        "reference",
        Column("programme", label=_("Programme"), accessor="programme.title"),
        Column(
            "edition_number",
            label=pgettext_lazy("application", "Edition"),
            sort_key="edition_number",
        ),
        Column("team", label=_("Team"), accessor="team.short_name"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("submit_time", label=_("Submitted"), sort_key="submit_time"),
        views.NotificationStateColumn("notifications", label=_("Notifications")),
        StatusFlagColumn(
            "spam_check_skipped", label=_("Spam check"), true_label=_("Not performed")
        ),
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Not routed (see get_urlpatterns), so no view may link to them.
        for unused in ("add_url_name", "edit_url_name", "copy_url_name", "usage_url_name"):
            view_kwargs[unused] = None
        view_kwargs["inspect_url_name"] = self.get_url_name("inspect")
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            change_status_url_name=self.get_url_name("change_status"),
            add_note_url_name=self.get_url_name("add_note"),
            **kwargs,
        )

    @property
    def change_status_view(self):
        return self.construct_view(self.change_status_view_class, **self.get_inspect_view_kwargs())

    @property
    def add_note_view(self):
        return self.construct_view(self.add_note_view_class, **self.get_inspect_view_kwargs())

    @property
    def url_finder_class(self):
        # Links from elsewhere in the admin (e.g. the site history report) open the detail view.
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/status/", self.change_status_view, name="change_status"),
            path("<int:pk>/notes/", self.add_note_view, name="add_note"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path(
                "<int:pk>/history/results/",
                self.history_results_view,
                name="history_results",
            ),
            path("<int:pk>/delete/", self.delete_view, name="delete"),
        ]
