"""Filters of the applications list: by status, programme, edition, team and delivery."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale

from enrolment.models import Application, ApplicationStatus, Notification
from enrolment.permissions import coordinated_team_ids
from programmes.models import ProgrammePage, Team

UNDELIVERED = "undelivered"
DELIVERED = "delivered"


def _programmes(request):
    return ProgrammePage.objects.filter(locale=Locale.get_default()).order_by("title")


def _teams(request):
    teams = Team.objects.filter(locale=Locale.get_default())
    if request is None or not request.user.is_superuser:
        teams = teams.filter(pk__in=coordinated_team_ids(request.user) if request else [])
    return teams


def undelivered_notifications():
    return Notification.objects.undelivered().filter(application=OuterRef("pk"))


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ApplicationStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=_programmes)
    edition_number = django_filters.NumberFilter(label=_("Edition (number)"), min_value=1)
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=_teams)
    notification = django_filters.ChoiceFilter(
        label=_("Notifications"),
        choices=[(UNDELIVERED, _("Some not delivered")), (DELIVERED, _("All delivered"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_notification",
    )

    class Meta:
        model = Application
        fields = []

    def filter_notification(self, queryset, name, value):
        if value == UNDELIVERED:
            return queryset.filter(Exists(undelivered_notifications()))
        if value == DELIVERED:
            return queryset.exclude(Exists(undelivered_notifications()))
        return queryset
