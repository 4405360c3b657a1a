"""Programme listings for the programme index and the home page, in few queries."""

from django import forms
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.unpublished_branches import outside_unpublished_branches
from home.view_restrictions import public_only

from .models.edition_facts import attach_editions, facts_of_programme
from .models.editions import ProgrammeStatus
from .models.pages import ProgrammePage
from .models.snippets import TargetGroup


def live_programmes(locale):
    """Live, public programmes of one language that no unpublished page hides (a programme list
    taken off the site takes its programmes with it: home.unpublished_branches); list them with
    `with_editions`."""
    return (
        outside_unpublished_branches(public_only(ProgrammePage.objects.live()))
        .filter(locale=locale)
        .select_related("target_group")
        .order_by("title")
    )


def with_editions(programmes):
    """The programmes, each with the editions its readers see (facts from the source language)."""
    return attach_editions(list(programmes))


def programmes_under(index_page):
    return live_programmes(index_page.locale_id).child_of(index_page)


def with_status_flags(programmes, today):
    # The source language's editions: a translation's copies may be out of date.
    editions = facts_of_programme()
    return programmes.annotate(
        has_open_enrolment=Exists(editions.enrolment_open(today)),
        has_running_edition=Exists(editions.running(today)),
        has_upcoming_edition=Exists(editions.upcoming(today)),
        has_edition=Exists(editions),
    )


def filter_by_status(programmes, status, today=None):
    today = today or timezone.localdate()
    programmes = with_status_flags(programmes, today)
    if status == ProgrammeStatus.ENROLMENT_OPEN:
        return programmes.filter(has_open_enrolment=True)
    if status == ProgrammeStatus.RUNNING:
        return programmes.filter(has_running_edition=True)
    if status == ProgrammeStatus.UPCOMING:
        return programmes.filter(has_upcoming_edition=True, has_open_enrolment=False)
    return programmes.filter(
        has_edition=True,
        has_open_enrolment=False,
        has_running_edition=False,
        has_upcoming_edition=False,
    )


class ProgrammeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProgrammeStatus.choices],
    )
    target_group = forms.ModelChoiceField(
        label=_("Who it is for"),
        required=False,
        queryset=TargetGroup.objects.none(),
        empty_label=_("Anyone"),
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = TargetGroup.objects.filter(locale=locale)

    def filter(self, programmes):
        if self.cleaned_data.get("status"):
            programmes = filter_by_status(programmes, self.cleaned_data["status"])
        if self.cleaned_data.get("target_group"):
            programmes = programmes.filter(target_group=self.cleaned_data["target_group"])
        return programmes


HOME_PAGE_GROUPS = [
    (_("Enrolment open"), {ProgrammeStatus.ENROLMENT_OPEN}),
    (_("Current programmes"), {ProgrammeStatus.RUNNING, ProgrammeStatus.UPCOMING}),
    (_("Past programmes"), {ProgrammeStatus.FINISHED, None}),
]


def programmes_for_home_page(home, today=None):
    """The programmes under this home page: open for enrolment first, then current ones, then
    past ones."""
    today = today or timezone.localdate()
    programmes = with_editions(live_programmes(home.locale_id).descendant_of(home))
    groups = []
    for heading, statuses in HOME_PAGE_GROUPS:
        members = [page for page in programmes if page.status(today) in statuses]
        if members:
            groups.append({"heading": heading, "programmes": members})
    return groups
