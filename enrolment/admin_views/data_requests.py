"""Requests under RODO art. 15-17, for the data protection role and superusers: find one person's
applications across teams, export them for an access request, erase them.

Each search makes a `DataRequest` with the reason given (e.g. "access request, letter no. 12/2026
of 3 December 2026"), and the search, each export and the erasure are logged against it with that
reason and the reference numbers, never the search terms. The terms travel in a POST body only
(never in an address, which servers log), and only the references found are kept, with what
matched in each (`data_rights.Match`, logged with the search). The results page says on every
row what matched, warns where it was an answer to one of the form's own questions (possibly
someone else's data), and ticks nothing: the officer ticks the person's applications. Exporting
and erasing act on those, posted with a CSRF token (so no other site can make an officer's
browser export or erase, and no reference is in an address); the export takes no GET.
Anyone else (a coordinator, an editor) gets 403 on every one of these addresses.
"""

import json
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy, ngettext, pgettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from enrolment import audit, data_rights
from enrolment.admin_views.answers import AnswerLabels
from enrolment.models import Application, ApplicationStatus, DataRequest
from home.models import Institution, InstitutionSettings

SEARCH_URL_NAME = "enrolment_data_requests"
RESULTS_URL_NAME = "enrolment_data_request"
EXPORT_URL_NAME = "enrolment_data_request_export"
ERASE_URL_NAME = "enrolment_data_request_erase"
HTML = "html"
JSON = "json"
EARLIER_REQUESTS_SHOWN = 20
MIN_PHONE_DIGITS = 6


class SearchForm(forms.Form):
    reason = forms.CharField(
        # One word for it wherever it is shown ("Podstawa" in Polish): the field, the list of
        # requests, the results, the confirmation and the export.
        label=pgettext_lazy("data request", "Reason"),
        max_length=255,
        help_text=gettext_lazy(
            "Why you are searching, e.g. “access request, letter no. 12/2026 of 3 December "
            "2026”. It is written to the audit log: do not put the person's name or contact "
            "details here."
        ),
    )
    email = forms.EmailField(label=gettext_lazy("E-mail address"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone number"), max_length=40, required=False)
    name = forms.CharField(
        label=gettext_lazy("First name and surname"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Finds applications whose applicant's first name and surname contain all these "
            "words, in any order, whatever the case and Polish letters."
        ),
    )

    def clean_name(self):
        name = self.cleaned_data["name"]
        if name.strip() and len(data_rights.name_words(name)) < data_rights.MIN_NAME_WORDS:
            # Searches are alternatives: one word would list everyone who shares it, whatever
            # else is given.
            raise forms.ValidationError(
                _(
                    "Give both the first name and the surname: a single word would find "
                    "everyone who shares it."
                )
            )
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and len(data_rights.phone_digits(phone)) < MIN_PHONE_DIGITS:
            raise forms.ValidationError(
                _("Give the whole phone number, at least %(count)s digits.")
                % {"count": MIN_PHONE_DIGITS}
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.criteria():
            raise forms.ValidationError(_("Give an e-mail address, a phone number or a name."))
        return cleaned

    def criteria(self):
        return data_rights.Criteria.of(
            email=self.cleaned_data.get("email") or "",
            phone=self.cleaned_data.get("phone") or "",
            name=self.cleaned_data.get("name") or "",
        )


class DataRequestMixin(WagtailAdminTemplateMixin):
    """Refuses everyone without the role with 403 (not Wagtail's redirect to the dashboard)."""

    header_icon = "lock"
    page_title = gettext_lazy("Personal data requests")

    def dispatch(self, request, *args, **kwargs):
        if not data_rights.may_handle_data_requests(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.data_request_pk is not None:
            items.append({"url": reverse(SEARCH_URL_NAME), "label": _("Personal data requests")})
        return [*items, {"url": "", "label": self.get_page_title()}]

    @property
    def data_request_pk(self):
        return self.kwargs.get("pk")

    def get_data_request(self):
        return get_object_or_404(DataRequest, pk=self.kwargs["pk"])

    def chosen_references(self, data_request, values):
        """The ticked references, of those this request found only, in the found order."""
        chosen = set(values)
        return [reference for reference in data_request.references if reference in chosen]

    def applications(self, references):
        return data_rights.with_details(Application.objects.filter(reference__in=references))

    def back_to_results(self, data_request):
        return redirect(RESULTS_URL_NAME, pk=data_request.pk)


class SearchView(DataRequestMixin, FormView):
    template_name = "enrolment/admin/data_request.html"
    form_class = SearchForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["earlier_requests"] = DataRequest.objects.select_related("handled_by")[
            :EARLIER_REQUESTS_SHOWN
        ]
        return context

    def form_valid(self, form):
        found = data_rights.find_applications(form.criteria())
        references = [item.application.reference for item in found]
        data_request = DataRequest.objects.create(
            reason=form.cleaned_data["reason"].strip(),
            handled_by=self.request.user,
            references=references,
        )
        audit.log_data_request(
            data_request,
            audit.DATA_REQUEST_SEARCH,
            self.request.user,
            references,
            matched=data_rights.logged_matches(found),
        )
        return self.back_to_results(data_request)


class ResultsView(DataRequestMixin, TemplateView):
    template_name = "enrolment/admin/data_request_results.html"

    def get_page_title(self):
        return _("Applications found")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data_request = self.get_data_request()
        applications = list(self.applications(data_request.references))
        matches = data_rights.matches_of(data_request)
        labels = AnswerLabels()
        context.update(
            data_request=data_request,
            rows=[
                Row(
                    application,
                    contact_of(application),
                    [
                        describe(match, labels, application)
                        for match in matches.get(application.reference, [])
                    ],
                )
                for application in applications
            ],
            export_url=reverse(EXPORT_URL_NAME, args=[data_request.pk]),
            erase_url=reverse(ERASE_URL_NAME, args=[data_request.pk]),
        )
        return context


@dataclass
class Row:
    application: Application
    contact: dict
    matched: list  # of MatchShown


@dataclass
class MatchShown:
    text: str
    someone_elses: bool  # found in an answer to one of the form's questions


WHAT_MATCHED = {
    data_rights.EMAIL: pgettext_lazy("what matched", "e-mail"),
    data_rights.PHONE: pgettext_lazy("what matched", "phone"),
    data_rights.NAME: pgettext_lazy("what matched", "name"),
}


def describe(match, labels, application):
    """What matched, for the results page: "phone", or "phone — in the answer to “Other
    parent's phone”" where it was an answer to one of the form's own questions."""
    what = str(WHAT_MATCHED.get(match.what, match.what))
    if match.own:
        return MatchShown(what, someone_elses=False)
    return MatchShown(
        _("%(what)s — in the answer to “%(question)s”")
        % {"what": what, "question": labels.label(application, match.key)},
        someone_elses=True,
    )


def contact_of(application):
    """What the results show to tell one person from another of the same name."""
    answers = application.form_data or {}
    return {
        "name": answers.get(data_rights.NAME_KEY, ""),
        "email": answers.get("email", ""),
        "phone": answers.get("phone", ""),
    }


class ExportView(DataRequestMixin, TemplateView):
    """The ticked applications, posted from the results page: a page to read and print, or a
    JSON file. A POST only: an export is logged, and the references stay out of addresses."""

    template_name = "enrolment/admin/data_request_export.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        data_request = self.get_data_request()
        references = self.chosen_references(data_request, request.POST.getlist("reference"))
        export_format = JSON if request.POST.get("format") == JSON else HTML
        include_notes = bool(request.POST.get("notes"))
        if not references:
            messages.error(request, _("Tick at least one application to export."))
            return self.back_to_results(data_request)
        applications = list(self.applications(references))
        record = data_rights.access_record(applications, include_notes=include_notes)
        controller = data_rights.Controller.of(InstitutionSettings.for_request(request))
        notice = data_rights.privacy_notice_for(applications)
        audit.log_data_request(
            data_request,
            audit.DATA_REQUEST_EXPORT,
            request.user,
            references,
            format=export_format,
            notes=include_notes,
        )
        audit.log_exported(applications, request.user, export_format, data_request=data_request)
        generated_at = timezone.localtime()
        if export_format == JSON:
            return json_file(data_request, record, generated_at, controller, notice)
        return TemplateResponse(
            request,
            self.template_name,
            {
                "data_request": data_request,
                "record": record,
                "notes_included": include_notes,
                "generated_at": generated_at,
                "controller": controller,
                "notice": notice,
                # The notice is shown as the form showed it: in its language, with the
                # institution's name in that language too.
                "notice_institution": (
                    Institution.objects.for_locale(notice.locale) if notice else None
                ),
                "source_of_the_data": data_rights.SOURCE_OF_THE_DATA,
            },
        )


def json_file(data_request, record, generated_at, controller, notice):
    content = {
        "data_request": data_request.pk,
        "generated_at": generated_at.isoformat(),
        "controller": controller.as_data(),
        "privacy_notice": data_rights.privacy_notice_data(notice),
        "source_of_the_data": str(data_rights.SOURCE_OF_THE_DATA),
        "applications": record,
    }
    response = HttpResponse(
        json.dumps(content, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="data-request-{data_request.pk}-{generated_at:%Y-%m-%d}.json"'
    )
    return response


class EraseView(DataRequestMixin, TemplateView):
    """POSTed from the results page: what will be erased, and the button; POSTed again with
    `confirm`: erase. Never a GET, so that no reference is in an address."""

    template_name = "enrolment/admin/data_request_erase.html"
    http_method_names = ["post"]

    def get_page_title(self):
        return _("Erase the applications")

    def post(self, request, *args, **kwargs):
        data_request = self.get_data_request()
        references = self.chosen_references(data_request, request.POST.getlist("reference"))
        if not references:
            messages.error(request, _("Tick at least one application to erase."))
            return self.back_to_results(data_request)
        if not request.POST.get("confirm"):
            return self.render_to_response(
                self.get_context_data(
                    data_request=data_request,
                    applications=self.applications(references),
                    results_url=reverse(RESULTS_URL_NAME, args=[data_request.pk]),
                    withdrawn=ApplicationStatus.WITHDRAWN.label,
                )
            )
        erasures = data_rights.erasures_for_request(
            references, user=request.user, data_request=data_request
        )
        erased = [erasure.reference for erasure in erasures]
        audit.log_data_request(data_request, audit.DATA_REQUEST_ERASE, request.user, erased)
        messages.success(
            request,
            ngettext(
                "Erased %(count)s application: %(references)s.",
                "Erased %(count)s applications: %(references)s.",
                len(erased),
            )
            % {"count": len(erased), "references": ", ".join(erased)},
        )
        report_places(request, erasures)
        return self.back_to_results(data_request)


def report_places(request, erasures):
    """What the erasure did to places, in the words a status change uses: each application
    that gave up its place, and each one moved up from the waiting list into it (its team was
    e-mailed in the erasure's transaction)."""
    for erasure in erasures:
        if erasure.withdrawn:
            messages.success(
                request,
                _("Application %(reference)s now has the status “%(status)s”.")
                % {"reference": erasure.reference, "status": ApplicationStatus.WITHDRAWN.label},
            )
        for moved_up in erasure.moved_up:
            messages.success(
                request,
                _(
                    "A place freed: application %(reference)s, the first on the waiting list, "
                    "now has the status “%(status)s”. The team was notified by e-mail."
                )
                % {"reference": moved_up.reference, "status": moved_up.get_status_display()},
            )
