"""Filters of the applications list: by status, programme, edition, team, channel, the day it was
received, safe-contact instructions and delivery.

The choices offer only what the user's own teams run or received: another team's programme or
edition is never named to a coordinator, not even as a filter option.
"""

import django_filters
from django import forms
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from enrolment.default_language import routing_sources
from enrolment.models import Application, ApplicationChannel, ApplicationStatus
from enrolment.permissions import coordinated_team_ids
from programmes.models import Edition, ProgrammePage, Team

from .listing import SAFE_CONTACT, edition_name, undelivered_notifications

UNDELIVERED = "undelivered"
DELIVERED = "delivered"
YES = "yes"
NO = "no"


def _user(request):
    return getattr(request, "user", None)


def _is_superuser(request):
    user = _user(request)
    return user is not None and user.is_superuser


def _team_ids(request):
    user = _user(request)
    return coordinated_team_ids(user) if user is not None else frozenset()


def _visible_applications(request):
    user = _user(request)
    return Application.objects.for_user(user) if user is not None else Application.objects.none()


def _programmes(request):
    programmes = routing_sources(ProgrammePage.objects.all()).order_by("title")
    if _is_superuser(request):
        return programmes
    return programmes.filter(
        Q(editions__team_id__in=_team_ids(request))
        | Q(pk__in=_visible_applications(request).values("programme_id"))
    ).distinct()


def _editions(request):
    editions = (
        routing_sources(Edition.objects.all())
        .select_related("programme")
        .order_by("programme__title", "number")
    )
    if _is_superuser(request):
        return editions
    return editions.filter(
        Q(team_id__in=_team_ids(request))
        | Q(pk__in=_visible_applications(request).values("edition_id"))
    )


def _teams(request):
    teams = routing_sources(Team.objects.all())
    if not _is_superuser(request):
        teams = teams.filter(pk__in=_team_ids(request))
    return teams


class EditionChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return edition_name(obj.programme.title, obj.number)


class EditionFilter(django_filters.ModelChoiceFilter):
    field_class = EditionChoiceField


class LabelledDateRangeWidget(DateRangePickerWidget):
    """Wagtail's two date inputs, each with a label of its own (for screen readers; the
    placeholders show the same to everyone else)."""

    template_name = "enrolment/admin/date_range_input.html"

    def __init__(self, labels, attrs=None):
        super().__init__(attrs)
        self.labels = labels

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ApplicationStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=_programmes)
    edition = EditionFilter(label=pgettext_lazy("application", "Edition"), queryset=_editions)
    edition_number = django_filters.NumberFilter(label=_("Edition (number)"), min_value=1)
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=_teams)
    channel = django_filters.ChoiceFilter(
        label=_("Channel"),
        choices=ApplicationChannel.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    submit_time = django_filters.DateFromToRangeFilter(
        label=_("Received"),
        widget=LabelledDateRangeWidget(labels=(_("Received from"), _("Received until"))),
    )
    safe_contact = django_filters.ChoiceFilter(
        label=_("Safe-contact instructions"),
        choices=[(YES, _("Given")), (NO, _("Not given"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_safe_contact",
    )
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

    def filter_safe_contact(self, queryset, name, value):
        # The list's queryset carries the mark (listing.with_list_facts), never NULL.
        if value in (YES, NO):
            return queryset.filter(**{SAFE_CONTACT: value == YES})
        return queryset

    def filter_notification(self, queryset, name, value):
        if value == UNDELIVERED:
            return queryset.filter(Exists(undelivered_notifications()))
        if value == DELIVERED:
            return queryset.exclude(Exists(undelivered_notifications()))
        return queryset
