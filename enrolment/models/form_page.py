"""The enrolment form page: editors add their own questions; the system adds the fields it needs."""

import datetime

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.current_request import current_request
from home.descriptions import plain_text, short_description
from home.languages import in_active_language
from home.models.pages import LatinSlugMixin
from home.versioned_cache import read_for_visitor
from home.view_restrictions import ViewRestrictionsMixin
from programmes.models import ProgrammePage
from programmes.models.edition_facts import editions_ahead, editions_for_reader

from ..default_language import in_default_language
from ..field_names import system_field_name
from ..form_page_form import EnrolmentFormPageForm
from ..forms import EnrolmentFormBuilder
from ..input_purposes import InputPurpose
from ..spam import reject_if_rate_limited
from ..submission import note_stored, sent_with, submit_application
from ..submission_tokens import token_from
from .applications import Application

CONFIRMATION_SESSION_KEY = "enrolment_confirmation"
# How long the confirmation can be opened again. The session's cookie ends with the browser,
# but phones rarely end it and browsers restore it: someone holding the phone later must not
# find from its history that this person applied.
CONFIRMATION_SHOWN_FOR = datetime.timedelta(minutes=30)


def contacts_for(editions):
    """Whom to call about these editions: each responsible person once, with their team, both
    in the active language where translated."""
    contacts = {}
    for edition in editions:
        person = edition.responsible_person
        if person.pk not in contacts:
            contacts[person.pk] = {
                "person": in_active_language(person),
                "team": in_active_language(edition.team),
                "editions": [],
            }
        contacts[person.pk]["editions"].append(edition)
    return list(contacts.values())


class EnrolmentFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("EnrolmentFormPage", related_name="form_fields", on_delete=models.CASCADE)
    autocomplete = models.CharField(
        _("the applicant's data it asks for"),
        max_length=20,
        choices=InputPurpose.choices,
        blank=True,
        help_text=_(
            "Choose only if the question asks for the applicant's own data of this kind: the "
            "browser can then fill the answer in for people who find typing hard. Not for "
            "checkboxes, radio buttons or hidden fields."
        ),
    )

    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]

    # The key under which answers are stored, and what they ask for, are the same in every
    # language.
    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("autocomplete", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class EnrolmentFormPage(ViewRestrictionsMixin, LatinSlugMixin, RoutablePageMixin, AbstractForm):
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_("What the applicant should know before filling in the form."),
    )
    next_steps = RichTextField(
        _("what happens next"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown on the confirmation page, e.g. when and how the team will call."),
    )
    closed_text = RichTextField(
        _("when enrolment is closed"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_(
            "Optional. Shown while no edition takes applications, e.g. when the next enrolment "
            "is expected if there is no date yet. Dates of planned enrolments are shown anyway."
        ),
    )

    # Refuses questions that would take a system field's name.
    base_form_class = EnrolmentFormPageForm

    parent_page_types = ["programmes.ProgrammePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "form_fields",
            heading=_("Your questions"),
            label=_("question"),
            help_text=_(
                "The edition, contact details, a safe time to call (for sensitive programmes) "
                "and the confirmation that the privacy notice was read are added by the system "
                "to every form."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "next_steps",
                    # The template gives the text its heading and the contacts of the edition.
                    help_text=_(
                        "Shown on the confirmation page under the heading “What happens next”, "
                        "so do not begin with a heading of your own. The person to call about "
                        "the chosen edition, with their phone number, is shown below it."
                    ),
                ),
                FieldPanel(
                    "closed_text",
                    help_text=_(
                        "Optional. Shown while no edition takes applications, e.g. when the next "
                        "enrolment is expected if there is no date yet. Dates of planned "
                        "enrolments, and whom to call with their phone numbers, are shown anyway."
                    ),
                ),
            ],
            heading=_("Texts"),
        ),
    ]

    class Meta:
        verbose_name = _("enrolment form")

    # The programme this form takes applications for: read once per request (a page is routed
    # afresh for each), however many parts of the page ask.

    @cached_property
    def programme(self):
        # The parent is always a programme page (parent_page_types): one query, not two, and
        # none for a visitor on a warm cache (home.versioned_cache.read_for_visitor).
        return read_for_visitor(
            current_request(),
            ("programme-of-form", self.pk),
            lambda: ProgrammePage.objects.get(path=self.path[: -self.steplen]),
        )

    @property
    def meta_description(self):
        """For search engines and link previews, in the page's language: the editor's
        description, else what the form is for and the first words of its introduction. The
        closed form says that enrolment is closed instead (`closed_meta_description`): the view
        that chose it already knows, so neither reads the editions again."""
        purpose = gettext("Application form for the programme “%(programme)s”.") % {
            "programme": self.programme.title
        }
        return short_description(self.search_description, f"{purpose} {plain_text(self.intro)}")

    def closed_meta_description(self):
        return short_description(
            gettext(
                "Enrolment to “%(programme)s” is closed at the moment. See when the next "
                "enrolment begins and whom to call."
            )
            % {"programme": self.programme.title}
        )

    def editions(self):
        """The programme's editions for this form's readers: dates, places and enrolment windows
        from the source-language editions (a translation's copies may be out of date), words
        from this page's language (programmes.models.edition_facts)."""
        return list(self._editions)

    @cached_property
    def _editions(self):
        # The form, its contacts and its view all ask; the page is read afresh per request.
        # Kept for a visitor, without their places taken: the form shows none, and an
        # application locks its edition and counts them afresh (enrolment.submission).
        return editions_for_reader(current_request(), self.programme, counted=False)

    def open_editions(self, today=None):
        today = today or timezone.localdate()
        return [edition for edition in self.editions() if edition.is_enrolment_open(today)]

    def planned_editions(self, today=None):
        today = today or timezone.localdate()
        return _planned(self.editions(), today)

    # Wagtail form builder hooks.

    def get_submission_class(self):
        return Application

    @cached_property
    def questions(self):
        """The form's fields as a list, read once per request (the form's class and the stored
        answers both ask; the page is read afresh per request), and for a visitor on a warm
        cache kept with the live page (home.versioned_cache.read_for_visitor)."""
        if not self.live:
            return list(self.get_form_fields())
        key = ("form-questions", self.pk)
        return read_for_visitor(current_request(), key, lambda: list(self.get_form_fields()))

    def get_form_class(self):
        return EnrolmentFormBuilder(self.questions, page=self).get_form_class()

    def get_form(self, *args, **kwargs):
        kwargs.setdefault("editions", self.open_editions())
        return super().get_form(*args, **kwargs)

    def process_form_submission(self, form):
        return submit_application(self, form)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        # Post/redirect/get: a reload of the confirmation never sends the form again, and the
        # reference travels in the session, never in the address. The session ends when the
        # browser closes, so that it leaves no lasting trace on a shared or watched device.
        # A new session key first: whoever planted a session cookie in this browser, or kept a
        # copy of it, cannot read the confirmation (and learn who applied to what). A browser
        # that brought no session (most applicants) gets a new key when the session is first
        # saved, in one statement instead of a second key's INSERT and then an UPDATE.
        note_stored(request, form_submission)
        if not request.session.is_empty():
            request.session.cycle_key()
        request.session.set_expiry(0)
        request.session[CONFIRMATION_SESSION_KEY] = {
            "page": self.pk,
            # Whom the confirmation names to call: the chosen edition's person, no other.
            "edition": form_submission.edition_id,
            "reference": form_submission.reference,
            "waiting_list": form_submission.status == "waiting_list",
            "shown_until": (timezone.now() + CONFIRMATION_SHOWN_FOR).timestamp(),
        }
        return redirect(self.url + self.reverse_subpage("confirmation"))

    # Routes.

    @path("")
    def form_view(self, request):
        if request.method == "POST" and (earlier := self._sent_before(request)):
            # The same form sent again: its first application's confirmation, even if the
            # enrolment has closed or the rate limit been reached since.
            response = self.render_landing_page(request, earlier)
        elif not self.open_editions():
            response = self.render_closed(request, answers_not_sent=self._answers_sent(request))
        else:
            response = reject_if_rate_limited(self, request) or super().serve(request)
        return self._private(response)

    def _sent_before(self, request):
        """The application this form (or its translation) stored from the same rendered form;
        a token of another form page's application is not this form's to answer with."""
        application = self.application_sent_with(token_from(request.POST))
        if application is None or application.page_id != in_default_language(self).pk:
            return None
        return application

    def application_sent_with(self, token):
        """The application stored from the rendered form that carried `token`, by any form
        page, or None: read once for this request's page (the view and the form both ask)."""
        if not token:
            return None
        asked = self.__dict__.setdefault("_applications_sent_with", {})
        if token not in asked:
            asked[token] = sent_with(token)
        return asked[token]

    @path("confirmation/", name="confirmation")
    def confirmation_view(self, request):
        confirmation = request.session.get(CONFIRMATION_SESSION_KEY)
        if confirmation and confirmation.get("shown_until", 0) < timezone.now().timestamp():
            del request.session[CONFIRMATION_SESSION_KEY]  # its time is over (above)
            confirmation = None
        if not confirmation or confirmation.get("page") != self.pk:
            return self._private(redirect(self.url))
        response = TemplateResponse(
            request,
            "enrolment/enrolment_confirmation_page.html",
            {
                **self.get_context(request),
                "contacts": contacts_for(self._chosen_edition(confirmation)),
                "reference": confirmation["reference"],
                "waiting_list": confirmation["waiting_list"],
            },
        )
        return self._private(response)

    def _chosen_edition(self, confirmation):
        """The edition the applicant chose, in this page's words."""
        chosen = confirmation.get("edition")
        return [edition for edition in self.editions() if edition.pk == chosen]

    def contact_editions_when_closed(self, today=None):
        """The planned editions, or else the ones still running: never a finished edition,
        whose person may have moved on."""
        today = today or timezone.localdate()
        editions = self.editions()
        return _planned(editions, today) or editions_ahead(editions, today)

    @staticmethod
    def _private(response):
        """Form and confirmation pages are never stored by caches nor named to other sites.

        Not "no-referrer": under it browsers send `Origin: null` with the form's POST, and
        Django's CSRF protection then refuses every application. "same-origin" sends nothing
        to other sites either.
        """
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        return response

    def render_closed(self, request, answers_not_sent=()):
        """The closed form's page; `answers_not_sent`: what a form sent after the enrolment
        closed held, as (question, answer), shown back so that nothing typed is lost."""
        return TemplateResponse(
            request,
            "enrolment/enrolment_closed_page.html",
            {
                **self.get_context(request),
                "planned_editions": self.planned_editions(),
                "contacts": contacts_for(self.contact_editions_when_closed()),
                "answers_not_sent": answers_not_sent,
            },
        )

    def _answers_sent(self, request):
        """(question, answer) for each question a POST answered, in the form's order, as
        typed; nothing for a GET."""
        if request.method != "POST":
            return []
        form = self.get_form(request.POST, page=self, user=request.user, editions=())
        skipped = {form.honeypot_name, form.consent_name, form.token_name}
        # The edition chosen, named as the form named it (it sends the edition's id).
        edition_name = system_field_name("edition")
        editions = {
            str(edition.pk): f"{edition.label}, {edition.period}" for edition in self.editions()
        }
        answers = []
        for field in form.visible_fields():
            value = field.value()
            if field.name == edition_name:
                value = editions.get(str(value))
            if field.name in skipped or value in (None, "", [], False):
                continue
            if value is True:
                value = gettext("Yes")
            elif isinstance(value, list | tuple):
                value = ", ".join(str(item) for item in value)
            answers.append((field.label, value))
        return answers

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme = self.programme
        context["programme"] = programme
        # On the form: whom to call about the editions it takes applications for.
        context["contacts"] = contacts_for(self.open_editions())
        return context


def _planned(editions, today):
    """Editions whose enrolment opens after today, the soonest first."""
    planned = [e for e in editions if e.enrolment_opens_on and e.enrolment_opens_on > today]
    return sorted(planned, key=lambda edition: edition.enrolment_opens_on)
