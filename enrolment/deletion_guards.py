"""Nothing applications are kept with is deleted while they are kept.

An application points at its programme, form page and team. Deleting the programme page would
drop its retention period and "keep until" date (retention.py would then remove documents an EU
project must keep) and its "sensitive" mark (the coordinator would lose the warning to read the
safe-contact note before calling); deleting the team would fail on the database's protection.
Editors are told why and what to do instead: unpublish the page, which keeps every link. An
edition deleted on its programme's page would shorten its applications' retention (counted from
the day each was sent instead of the edition's end): refused too.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from programmes.models import Team

from .models import Application


def applications_under(page):
    """Applications with personal data to a programme or form that is the page or below it
    (once anonymised, nothing of a person's is left to keep). A translation's applications
    point at the Polish page, so deleting a translation alone is not refused."""
    subtree = Page.objects.descendant_of(page, inclusive=True).values("pk")
    return Application.objects.filter(
        Q(programme__in=subtree) | Q(page__in=subtree), anonymised_at__isnull=True
    )


def _refused(request, obj, count, message):
    messages.error(request, message % {"count": count, "name": str(obj)})
    return redirect(AdminURLFinder(request.user).get_edit_url(obj) or "wagtailadmin_home")


def _page_message(count):
    return ngettext(
        "“%(name)s” cannot be deleted: %(count)s application sent to it is kept for its "
        "retention period. Unpublish the page instead: readers will no longer see it, and the "
        "application will be removed when its time comes.",
        "“%(name)s” cannot be deleted: %(count)s applications sent to it are kept for their "
        "retention period. Unpublish the page instead: readers will no longer see it, and the "
        "applications will be removed when their time comes.",
        count,
    )


def refuse_to_delete_pages_with_applications(request, page):
    """`before_delete_page`: asked both when the confirmation is shown and when it is sent."""
    count = applications_under(page).count()
    if count:
        return _refused(request, page, count, _page_message(count))
    return None


def refuse_to_bulk_delete_pages_with_applications(request, action_type, objects, action):
    """`before_bulk_action`: the first page chosen that may not be deleted stops them all."""
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    for page in objects:
        if refused := refuse_to_delete_pages_with_applications(request, page):
            return refused
    return None


def refuse_to_delete_teams_with_applications(request, instances):
    """`before_delete_snippet`, for one team or several chosen in the list."""
    for team in instances:
        if not isinstance(team, Team):
            return None
        # Anonymised ones too: the database protects every application's team.
        count = Application.objects.filter(team=team).count()
        if count:
            message = ngettext(
                "The team “%(name)s” cannot be deleted: %(count)s application was sent to it "
                "and is kept for its retention period. Keep the team; it can simply run no "
                "more editions.",
                "The team “%(name)s” cannot be deleted: %(count)s applications were sent to it "
                "and are kept for their retention period. Keep the team; it can simply run no "
                "more editions.",
                count,
            )
            return _refused(request, team, count, message)
    return None


def refuse_to_delete_editions_with_applications(edition):
    """For programmes.programme_page_form: an edition deleted would take its end date from its
    applications, and retention would count from the day each was sent instead."""
    count = applications_to(edition).count()
    if not count:
        return None
    return ngettext(
        "Edition %(number)s cannot be deleted: %(count)s application sent to it is kept for its "
        "retention period, counted from the end of the edition. Keep the edition: once it has "
        "ended, its page shows it as finished.",
        "Edition %(number)s cannot be deleted: %(count)s applications sent to it are kept for "
        "their retention period, counted from the end of the edition. Keep the edition: once it "
        "has ended, its page shows it as finished.",
        count,
    ) % {"number": edition.number, "count": count}


def applications_to(edition):
    return Application.objects.filter(edition=edition, anonymised_at__isnull=True)
