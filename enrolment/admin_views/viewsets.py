"""The applications section of the admin: list, detail, status, notes, export, history, delete.

There is no edit view: what an applicant wrote is never changed in the admin. Applications taken
by phone or in person are recorded by a coordinator ("add", record.py).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from enrolment.models import Application
from enrolment.permissions import application_permission_policy

from . import listing, record, views
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
    # The reference, and the applicant's name (ApplicationIndexView.search_queryset).
    search_fields = ["reference"]
    search_backend_name = None
    list_display = [
        "reference",
        listing.NameColumn(
            listing.NAME, label=pgettext_lazy("applicant", "Name"), sort_key=listing.NAME
        ),
        listing.EditionColumn("programme", label=_("Programme and edition"), sort_key="programme"),
        Column("team", label=_("Team"), accessor="team.short_name", sort_key="team"),
        listing.StatusColumn("status", label=_("Status"), sort_key="status"),
        Column("channel", label=_("Channel"), accessor="get_channel_display", sort_key="channel"),
        DateColumn("submit_time", label=_("Received"), sort_key="submit_time"),
        listing.SafeContactColumn(
            "safe_contact", label=_("Safe-contact instructions"), sort_key=listing.SAFE_CONTACT
        ),
        views.NotificationStateColumn(
            "notifications", label=_("Notifications"), sort_key=listing.UNDELIVERED
        ),
        StatusFlagColumn(
            "spam_check_skipped",
            label=_("Spam check"),
            true_label=_("Not performed"),
            sort_key="spam_check_skipped",
        ),
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Not routed (see get_urlpatterns), so no view may link to them.
        for unused in ("edit_url_name", "copy_url_name", "usage_url_name"):
            view_kwargs[unused] = None
        # "Add" is recording an application taken by phone or in person (record.py); the
        # list's header button leads there for those the permission policy lets add.
        view_kwargs["add_url_name"] = self.get_url_name("record")
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

    def get_record_view_kwargs(self):
        return {
            "index_url_name": self.get_url_name("index"),
            "choose_url_name": self.get_url_name("record"),
            "form_url_name": self.get_url_name("record_form"),
            "done_url_name": self.get_url_name("recorded"),
            "inspect_url_name": self.get_url_name("inspect"),
        }

    @property
    def record_view(self):
        return record.ChooseEditionView.as_view(**self.get_record_view_kwargs())

    @property
    def record_form_view(self):
        return record.RecordApplicationView.as_view(**self.get_record_view_kwargs())

    @property
    def recorded_view(self):
        return record.RecordedView.as_view(**self.get_record_view_kwargs())

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
            path("record/", self.record_view, name="record"),
            path("record/<int:edition_pk>/", self.record_form_view, name="record_form"),
            path("record/done/<int:pk>/", self.recorded_view, name="recorded"),
        ]
