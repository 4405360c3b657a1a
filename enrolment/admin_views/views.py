"""Views of applications. Each one finds applications only among those of the user's own teams,
so that another team's application is a 404 whichever way its address is reached."""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _, gettext_lazy, ngettext, pgettext, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.widgets.button import Button, HeaderButton

from enrolment import audit, second_applications, waiting_list
from enrolment.exports import ApplicationExportMixin
from enrolment.models import Application, ApplicationStatus
from enrolment.permissions import coordinated_team_ids
from enrolment.submission import lock_edition

from . import listing
from .answers import AnswerLabels, arranged, language_name, source_language_name
from .forms import NoteForm, StatusForm

# Any of these lets a user see an application at all.
SEE_ACTIONS = ["view", "change", "delete"]


class VisibleApplicationsMixin:
    """The one queryset every view starts from: `Application.objects.for_user`, or nothing."""

    def visible_applications(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, SEE_ACTIONS
        )

    def earlier_applications(self, applications):
        """{pk: [(earlier application, the address of its page), ...]} for those of
        `applications` that may repeat one the user may see (enrolment.second_applications)."""
        found = second_applications.earlier_applications(
            applications, among=self.visible_applications()
        )
        return {
            pk: [
                (earlier, reverse(self.inspect_url_name, args=(quote(earlier.pk),)))
                for earlier in earlier_ones
            ]
            for pk, earlier_ones in found.items()
        }


def notification_state(notification):
    """(label, needs attention) for one notification."""
    if notification.delivered_at:
        return _("Delivered"), False
    if notification.abandoned:
        return _("Abandoned"), False
    if notification.failed_at:
        return _("Failed: %(reason)s") % {"reason": notification.get_failure_reason_display()}, True
    if not notification.attempts:
        return _("Waiting to be sent"), True
    return (
        ngettext(
            "Not delivered after %(count)d attempt",
            "Not delivered after %(count)d attempts",
            notification.attempts,
        )
        % {"count": notification.attempts},
        True,
    )


class NotificationStateColumn(Column):
    cell_template_name = "enrolment/admin/notification_state_cell.html"

    def get_value(self, instance):
        return None

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["states"] = [
            (notification.get_kind_display(), *notification_state(notification))
            for notification in instance.notifications.all()
        ]
        return context


class ApplicationIndexView(VisibleApplicationsMixin, ApplicationExportMixin, IndexView):
    page_title = gettext_lazy("Applications")
    # The header button to record an application taken by phone or in person (record.py),
    # shown to those the permission policy lets "add".
    add_item_label = gettext_lazy("Record an application")
    results_template_name = "enrolment/admin/application_list_results.html"

    def get_base_queryset(self):
        return listing.with_list_facts(
            self.visible_applications()
            .select_related("programme", "team")
            .prefetch_related("notifications")
        )

    def order_queryset(self, queryset):
        return listing.ordered(queryset, self.ordering or self.default_ordering)

    def get_search_form(self):
        # The placeholder names what the search finds (listing.search).
        if self.search_kwarg in self.request.GET:
            return SearchForm(self.request.GET, placeholder=listing.SEARCH_PLACEHOLDER)
        return SearchForm(placeholder=listing.SEARCH_PLACEHOLDER)

    def search_queryset(self, queryset):
        # The reference, phone, e-mail or name, as read out or typed (listing.search).
        if not self.is_searching:
            return queryset
        return listing.search(queryset, self.search_query)

    @cached_property
    def columns(self):
        # A coordinator of one team does not need a column that names it on every row.
        columns = super().columns
        if self.request.user.is_superuser or len(coordinated_team_ids(self.request.user)) > 1:
            return columns
        return [column for column in columns if column.name != "team"]

    @cached_property
    def show_export_buttons(self):
        return self.user_has_permission("export")

    @cached_property
    def export_buttons(self):
        """Downloads of the list as it is filtered, in the header rather than under "More"."""
        if not self.show_export_buttons:
            return []
        return [
            HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
        ]

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *self.export_buttons]

    @cached_property
    def header_more_buttons(self):
        in_header = {button.url for button in self.export_buttons}
        return [button for button in super().header_more_buttons if button.url not in in_header]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No application matches these filters.")
        if self.is_searching:
            return _("No application matches “%(query)s”.") % {"query": self.search_query}
        return _("Your teams have no applications yet.")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not context["object_list"] and not (self.is_searching or self.is_filtering):
            context["enrolment_outlook"] = listing.enrolment_outlook(self.request.user)
        if not self.is_export:
            # On the page's applications themselves, for the name column: the table reads the
            # same objects (the page's queryset, evaluated once).
            applications = context["object_list"]
            found = self.earlier_applications(applications)
            for application in applications:
                application.earlier_applications = found.get(application.pk, [])
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().render_to_response(context, **response_kwargs)

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class ApplicationInspectView(VisibleApplicationsMixin, InspectView):
    template_name = "enrolment/admin/application_inspect.html"
    page_title = pgettext_lazy("enrolment", "Application")
    inspect_url_name = None
    change_status_url_name = None
    add_note_url_name = None
    history_url_name = None

    def get_object(self, queryset=None):
        applications = self.visible_applications().select_related(
            "programme", "edition", "team", "page"
        )
        return get_object_or_404(applications, pk=unquote(str(self.pk)))

    def get_fields_context(self):
        # The template lays the application out itself; the generic field list is not used.
        return []

    def get(self, request, *args, **kwargs):
        audit.log_viewed(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def url_for(self, url_name):
        return reverse(url_name, args=(quote(self.object.pk),))

    @cached_property
    def can_change(self):
        return self.user_has_permission_for_instance("change", self.object)

    def get_delete_url(self):
        if self.delete_url_name and self.user_has_permission_for_instance("delete", self.object):
            return self.url_for(self.delete_url_name)
        return None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.history_url_name:
            buttons.append(
                Button(
                    _("History"),
                    url=self.url_for(self.history_url_name),
                    icon_name="history",
                    priority=15,
                )
            )
        return buttons

    def get_context_data(self, status_form=None, note_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context.update(
            {
                "application": application,
                # Safe contact first, then name, phone and e-mail, then the other answers.
                "answers": arranged(
                    [] if application.is_anonymised else AnswerLabels().answers(application)
                ),
                "is_sensitive": bool(application.programme and application.programme.is_sensitive),
                # Names in the admin user's language, not codes.
                "form_language": language_name(application.language),
                "source_language": source_language_name(),
                "notifications": [
                    (notification, *notification_state(notification))
                    for notification in application.notifications.order_by("kind")
                ],
                "notes": application.notes.select_related("author"),
                "earlier_applications": self.earlier_applications([application]).get(
                    application.pk, []
                ),
                "can_change": self.can_change,
                # None once an erased application is closed: nothing is left to change.
                "status_form": None
                if application.is_anonymised
                and application.status in waiting_list.STATUSES_AFTER_ERASURE
                else status_form or StatusForm(application=application),
                "note_form": note_form or NoteForm(),
                "change_status_url": self.url_for(self.change_status_url_name),
                "add_note_url": self.url_for(self.add_note_url_name),
            }
        )
        return context


class ApplicationActionView(ApplicationInspectView):
    """A POST that changes an application; an invalid form re-renders the detail page."""

    http_method_names = ["post"]
    any_permission_required = None
    permission_required = "change"

    def post(self, request, *args, **kwargs):
        if not self.can_change:
            raise PermissionDenied
        return self.perform()

    def back_to_application(self):
        return redirect(self.url_for(self.inspect_url_name))


class ChangeStatusView(ApplicationActionView):
    def perform(self):
        application = self.object
        form = StatusForm(self.request.POST, application=application)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(status_form=form))
        try:
            change = waiting_list.change_status(
                application,
                form.cleaned_data["status"],
                self.request.user,
                seen_status=form.cleaned_data["seen_status"],
            )
        except waiting_list.ChangedMeanwhile as meanwhile:
            messages.error(
                self.request,
                _(
                    "The status was not changed: while this page was open, someone changed it "
                    "to “%(status)s” (see the history). Check that status, then choose again."
                )
                % {"status": ApplicationStatus(meanwhile.status).label},
            )
            return self.back_to_application()
        except waiting_list.EditionFull as full:
            messages.error(self.request, edition_full_message(full.edition))
            return self.back_to_application()
        except waiting_list.DataRemoved:
            messages.error(
                self.request,
                _(
                    "The status was not changed: the personal data of this application was "
                    "removed, so it can no longer take a place or wait for one."
                ),
            )
            return self.back_to_application()
        if not change.changed:
            messages.info(self.request, _("The status was not changed."))
            return self.back_to_application()
        messages.success(
            self.request,
            _("Application %(reference)s now has the status “%(status)s”.")
            % {"reference": application.reference, "status": application.get_status_display()},
        )
        # Only those of the user's own teams: an edition handed to another team may have
        # applications of both on its waiting list.
        for moved_up in [
            moved_up
            for moved_up in change.moved_up
            if self.user_has_permission_for_instance("view", moved_up)
        ]:
            messages.success(
                self.request,
                _(
                    "A place freed: application %(reference)s, the first on the waiting list, "
                    "now has the status “%(status)s”. The team was notified by e-mail."
                )
                % {"reference": moved_up.reference, "status": moved_up.get_status_display()},
                # A button that opens the application moved up: the one to call now.
                buttons=[
                    messages.button(
                        self.url_for_application(moved_up),
                        _("Open application %(reference)s") % {"reference": moved_up.reference},
                    )
                ],
            )
        return self.back_to_application()

    def url_for_application(self, application):
        return reverse(self.inspect_url_name, args=(quote(application.pk),))


def edition_full_message(edition):
    return ngettext(
        "The status was not changed: the only place of edition %(number)s is "
        "taken. Free it first (for example, when an applicant withdraws), or "
        "keep this application on the waiting list.",
        "The status was not changed: all %(places)d places of edition "
        "%(number)s are taken. Free a place first (for example, when an "
        "applicant withdraws), or keep this application on the waiting list.",
        edition.places,
    ) % {"places": edition.places, "number": edition.number}


class AddNoteView(ApplicationActionView):
    def perform(self):
        application = self.object
        if application.is_anonymised:
            return self.refuse_on_removed_data()
        form = NoteForm(self.request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(note_form=form))
        with transaction.atomic():
            # Checked again under the row lock an erasure takes too: a note written while the
            # data was being removed would bring back what it may say about the applicant.
            locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
            if locked.is_anonymised:
                return self.refuse_on_removed_data()
            note = form.save(commit=False)
            note.application = application
            note.author = self.request.user
            note.save()
            audit.log_note_added(application, self.request.user, note)
        messages.success(
            self.request,
            _("Note added to application %(reference)s.") % {"reference": application.reference},
        )
        return self.back_to_application()

    def refuse_on_removed_data(self):
        messages.error(
            self.request,
            _("The personal data of this application was removed; notes cannot be added."),
        )
        return self.back_to_application()


class ApplicationDeleteView(VisibleApplicationsMixin, DeleteView):
    def get_object(self, queryset=None):
        return super().get_object(self.visible_applications())

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("delete", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def delete_action(self):
        with transaction.atomic():
            # The edition first, then the application: the order every change of places takes,
            # and the status as it is now, not as it was when the page was loaded.
            edition = None
            if self.object.edition_id is not None:
                edition = lock_edition(self.object.edition_id)
            application = (
                Application.objects.select_for_update(of=("self",))
                .filter(pk=self.object.pk)
                .first()
            )
            if application is None:
                return  # deleted meanwhile by someone else
            audit.log_deleted(application, self.request.user)
            application.delete()
            if edition is not None and application.takes_a_place:
                # Its place goes to the first person waiting.
                waiting_list.offer_freed_places(edition, self.request.user)


class ApplicationHistoryView(VisibleApplicationsMixin, HistoryView):
    inspect_url_name = None

    def get_base_object_queryset(self):
        return self.visible_applications()

    def get_edit_url(self, instance):
        # Applications are not edited: the link back goes to the application itself.
        return reverse(self.inspect_url_name, args=(quote(instance.pk),))

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                label=pgettext("enrolment", "Application"),
                url=self.get_edit_url(self.object),
                icon_name="form",
            )
        ]
