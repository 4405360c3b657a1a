"""Recording an application taken by phone or in person.

A coordinator chooses one of their teams' editions whose enrolment is open (superusers: any),
then types the applicant's answers into the edition's own enrolment form: the editor's questions
and the system fields, in the form's language. Instead of ticking the consent box, the applicant
hears the privacy notice read out and agrees; the coordinator confirms that. The application is
stored by the same core as the website's (`enrolment.submission.store_application`): places,
waiting list, reference, notifications. The reference is then shown in large type to be read out.

The edition is checked on every request, POSTs included: another team's edition, or one whose
enrolment is not open, is a 404 whatever the address or the form says.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from enrolment import audit
from enrolment.default_language import in_default_language, routing_sources
from enrolment.field_names import system_field_name
from enrolment.forms import NAME_MAX_LENGTH, with_limit
from enrolment.models import ApplicationChannel, EnrolmentFormPage
from enrolment.permissions import RECORD, application_permission_policy, coordinated_team_ids
from enrolment.submission import places_taken, store_application, stored_answers, wants_confirmation
from home.models import Institution
from programmes.models import Edition

# Not "system-…" and not a question's name: a name with a hyphen no question can take, and one
# that is not stored with the answers (the channel has a field of its own).
CHANNEL_NAME = "record-channel"
LANGUAGE_PARAMETER = "language"


def recordable_editions(user, today=None):
    """The editions the user may record applications for today: open for enrolment, of a live
    programme, run by one of the user's teams (superusers: by any team)."""
    if not application_permission_policy.user_has_permission(user, RECORD):
        return Edition.objects.none()
    # Also a programme written in one other language only, which takes applications too.
    editions = routing_sources(Edition.objects.enrolment_open(today)).filter(programme__live=True)
    if not user.is_superuser:
        editions = editions.filter(team_id__in=coordinated_team_ids(user))
    return editions.select_related("programme", "team").order_by(
        "programme__title", "starts_on", "number"
    )


def enrolment_form_of(edition):
    """The live enrolment form of the edition's programme, in the default language, or None."""
    return EnrolmentFormPage.objects.child_of(edition.programme).live().first()


def form_languages(form_page):
    """(locale, form page) for each language the form is published in, the default first."""
    translations = form_page.get_translations().live().select_related("locale").specific()
    return [
        (form_page.locale, form_page),
        *sorted(
            ((page.locale, page) for page in translations),
            key=lambda item: item[0].language_code,
        ),
    ]


def record_application(page, form, *, channel, user):
    """Store the application `user` typed into the enrolment form `page` (in any language) as the
    website stores one, with the channel, who recorded it and when the applicant agreed orally;
    the audit log entry is written in the same transaction.

    Returns (application, created); created is False when the same rendered form was sent
    before (a double click): then nothing new is stored or logged.
    """
    source_page = in_default_language(page)
    with transaction.atomic():
        application, created = store_application(
            edition=in_default_language(form.system_value("edition")),
            page=source_page,
            form_data=stored_answers(page, source_page, form),
            language=page.locale.language_code,
            confirm_to_applicant=wants_confirmation(form),
            submission_token=form.submission_token,
            channel=channel,
            recorded_by=user,
            oral_consent_at=timezone.now(),
        )
        if created:
            audit.log_recorded(application, user)
    return application, created


class RecordedApplicationFormMixin:
    """The enrolment form as a coordinator fills it in for the applicant: no checks against bots
    (the person typing is signed in), the channel asked, the edition fixed by the chosen one, and
    the consent confirmed by the coordinator on the applicant's behalf."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in ("captcha", "website"):
            self.fields.pop(system_field_name(key), None)
        self.fields[system_field_name("edition")].widget = forms.HiddenInput()
        self.fields[CHANNEL_NAME] = forms.TypedChoiceField(
            label=_("How did the application come?"),
            choices=[
                (ApplicationChannel.PHONE, _("By phone")),
                (ApplicationChannel.IN_PERSON, _("In person")),
            ],
            widget=forms.RadioSelect,
            initial=ApplicationChannel.PHONE,
            error_messages={"required": _("Choose how the application came.")},
        )
        self._speak_of_the_applicant()
        self.order_fields(self.recording_order())

    def recording_order(self):
        """The order of a phone call: how it came; the privacy notice read out and the consent
        (nothing is written down before it); who the applicant is and how to reach them, the
        safe way first where the programme asks for it; the programme's questions; last, the
        e-mail confirmation. (`safe_contact` exists only on a sensitive programme's form.)"""
        contact = ["safe_contact", "applicant_name", "phone", "email"]
        leading = [
            CHANNEL_NAME,
            self.consent_name,
            *(system_field_name(key) for key in contact),
        ]
        trailing = [system_field_name("email_confirmation")]
        questions = [name for name in self.fields if name not in {*leading, *trailing}]
        return [*leading, *questions, *trailing]

    def _speak_of_the_applicant(self):
        """Labels that speak of the applicant: the coordinator is typing, not applying."""
        labels = {
            "applicant_name": _("The applicant's name"),
            "phone": _("The applicant's phone number"),
            "email": _("The applicant's e-mail address"),
            "safe_contact": _("When and how is it safe to contact the applicant?"),
            "email_confirmation": _(
                "Send the applicant a confirmation with the reference number by e-mail"
            ),
        }
        for key, label in labels.items():
            field = self.fields.get(system_field_name(key))
            if field is not None:
                field.label = label
        self.fields[system_field_name("applicant_name")].help_text = with_limit(
            _("The first name is enough: how should we address them?"), NAME_MAX_LENGTH
        )
        self.fields[system_field_name("email_confirmation")].help_text = _(
            "Optional. The e-mail will contain only the reference number."
        )
        consent = self.fields[self.consent_name]
        consent.label = _("The applicant heard the privacy notice and agreed")
        consent.help_text = _(
            "Read the privacy notice above to the applicant. Tick this box only if they agreed."
        )
        # One sentence, shown alone in the error summary (record_form.html).
        consent.error_messages["required"] = _(
            "The applicant has to hear the privacy notice and agree – without their consent the "
            "application cannot be recorded."
        )

    def answers(self):
        stored = super().answers()
        stored.pop(CHANNEL_NAME, None)
        return stored


def recorded_application_form_class(page):
    """The form class of the enrolment form `page` (in its language), as a coordinator fills it."""
    return type(
        "RecordedApplicationForm", (RecordedApplicationFormMixin, page.get_form_class()), {}
    )


# Short link texts, the edition being named in the row's header (record_choose_edition.html).
IN_LANGUAGE = {"pl": _("in Polish"), "en": _("in English"), "uk": _("in Ukrainian")}


def in_language(locale):
    """ "in Polish", or the language's name for a language without the phrase."""
    return IN_LANGUAGE.get(locale.language_code) or locale.get_display_name()


class RecordViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_policy = application_permission_policy
    permission_required = RECORD
    header_icon = "form"
    page_title = _("Record an application")
    index_url_name = None
    choose_url_name = None
    form_url_name = None
    done_url_name = None
    inspect_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": gettext("Applications")},
            {"url": "", "label": self.get_page_title()},
        ]


class ChooseEditionView(RecordViewMixin, TemplateView):
    """Step 1: the editions the user may record an application for."""

    template_name = "enrolment/admin/record_choose_edition.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for edition in recordable_editions(self.request.user):
            form_page = enrolment_form_of(edition)
            if form_page is None:
                continue
            url = reverse(self.form_url_name, args=[edition.pk])
            rows.append(
                {
                    "edition": edition,
                    "taken": places_taken(edition),
                    "languages": [
                        (
                            in_language(locale),
                            url
                            if page.pk == form_page.pk
                            else f"{url}?{urlencode({LANGUAGE_PARAMETER: locale.language_code})}",
                        )
                        for locale, page in form_languages(form_page)
                    ],
                    "url": url,
                }
            )
        context["rows"] = rows
        return context


class RecordApplicationView(RecordViewMixin, TemplateView):
    """Step 2: the edition's enrolment form, filled in by the coordinator."""

    template_name = "enrolment/admin/record_form.html"

    @cached_property
    def edition(self):
        # Only among the editions this user may record for: another team's edition, or one no
        # longer open, is not found, whatever the address or a forged POST says.
        edition = get_object_or_404(
            recordable_editions(self.request.user), pk=self.kwargs["edition_pk"]
        )
        if not application_permission_policy.user_may_record_for(self.request.user, edition):
            raise Http404
        return edition

    @cached_property
    def form_page(self):
        """The enrolment form in the chosen language (the default one unless asked)."""
        source = enrolment_form_of(self.edition)
        if source is None:
            raise Http404
        wanted = self.request.GET.get(LANGUAGE_PARAMETER)
        if not wanted:
            return source
        for locale, page in form_languages(source):
            if locale.language_code == wanted:
                return page
        raise Http404

    def get_form(self, data=None):
        form_class = recorded_application_form_class(self.form_page)
        return form_class(data, page=self.form_page, editions=[self.edition])

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        application, _created = record_application(
            self.form_page, form, channel=form.cleaned_data[CHANNEL_NAME], user=request.user
        )
        return redirect(self.done_url_name, quote(application.pk))

    def get_page_subtitle(self):
        return self.edition.programme.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form_page = self.form_page
        action_url = self.request.get_full_path()
        context.update(
            {
                "edition": self.edition,
                "form_page": form_page,
                "form_language": form_page.locale.language_code,
                "form_language_name": form_page.locale.get_display_name(),
                "institution": Institution.objects.for_locale(form_page.locale),
                "taken": places_taken(self.edition),
                "action_url": action_url,
                "choose_url": reverse(self.choose_url_name),
                "submit_button_label": gettext("Record the application"),
                "submit_button_active_label": gettext("Recording…"),
            }
        )
        return context


class RecordedView(RecordViewMixin, TemplateView):
    """Step 3: the reference, to be read out to the applicant."""

    template_name = "enrolment/admin/record_done.html"
    page_title = _("Application recorded")

    @cached_property
    def application(self):
        applications = application_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )
        return get_object_or_404(applications.select_related("programme"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        context.update(
            {
                "application": application,
                # "K7QM-4XPD" read out one character at a time, in two groups.
                "reference_groups": [list(group) for group in application.reference.split("-")],
                "inspect_url": reverse(self.inspect_url_name, args=[quote(application.pk)]),
                "choose_url": reverse(self.choose_url_name),
                "same_edition_url": (
                    reverse(self.form_url_name, args=[application.edition_id])
                    if application.edition_id
                    else None
                ),
            }
        )
        return context
