"""Pages the law asks of a public body's website, one of each under every home page.

- The accessibility statement (deklaracja dostępności) of the act of 4 April 2019 on the digital
  accessibility of public bodies' websites, with every element of the ministry's template as a
  field and rendered inside the element with the template's `id` (see `A11Y_IDS`).
- Easy-to-read information (tekst łatwy do czytania i rozumienia, ETR) and information in Polish
  Sign Language (PJM), which the act of 19 July 2019 on ensuring accessibility asks for.

Values that must be the same in every language (dates, addresses, status, the recording) are
synchronised; words are translated.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .pages import BasePage

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# The element ids of the ministry's template ("Warunki techniczne publikacji oraz struktura
# dokumentu elektronicznego deklaracji dostępności", version 2.0 of 31 July 2024), by which
# monitoring software finds each element. They are never translated.
A11Y_IDS = {
    "a11y-wstep": "the opening statement: who commits to the act and for which website",
    "a11y-podmiot": "the public body's name, inside the opening statement",
    "a11y-zakres": "what the statement covers (a website), inside the opening statement",
    "a11y-url": "the link to the website, inside the opening statement",
    "a11y-data-publikacja": "<time>: the day the website was first published",
    "a11y-data-aktualizacja": "<time>: the day of the website's last significant update",
    "a11y-status": "the sentence saying whether the website is fully, partly or not compliant",
    "a11y-ocena": "the disproportionate-burden assessment (only if the body relies on one)",
    "a11y-data-sporzadzenie": "<time>: the day the statement was prepared",
    "a11y-data-przeglad": "<time>: the day of the statement's last review (once reviewed)",
    "a11y-kontakt": "the person or office that handles accessibility remarks and requests",
    "a11y-email": "the contact e-mail address",
    "a11y-telefon": "the contact phone number",
    "a11y-procedura": "the request and complaint procedure, up to the Ombudsman",
    "a11y-aplikacje": "the body's mobile applications (only if it has any)",
    "a11y-architektura": "the architectural accessibility of the body's buildings",
    "a11y-architektura-url": "a link to a separate description of the buildings (optional)",
    "a11y-komunikacja": "communication and information accessibility: sign language, ETR",
}

# The ids the template requires in every statement; the page always renders them.
A11Y_REQUIRED_IDS = (
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-komunikacja",
)


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment by the centre")
    EXTERNAL = "external", _("assessment by an external auditor")


STATUS_SENTENCES = {
    ComplianceStatus.FULL: _(
        "The website is fully compliant with the Act on the digital accessibility of websites "
        "and mobile applications of public bodies."
    ),
    ComplianceStatus.PARTIAL: _(
        "The website is partially compliant with the Act on the digital accessibility of "
        "websites and mobile applications of public bodies, because of the non-compliances and "
        "exemptions listed below."
    ),
    ComplianceStatus.NONE: _(
        "The website is not compliant with the Act on the digital accessibility of websites and "
        "mobile applications of public bodies, because of the non-compliances and exemptions "
        "listed below."
    ),
}


class LegalPageMixin:
    """One page of each kind, directly under the home page of each language, with no children."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1


class AccessibilityStatementPage(LegalPageMixin, BasePage):
    entity_name = models.CharField(
        _("public body"),
        max_length=255,
        help_text=_("The centre's full official name."),
    )
    website_url = models.URLField(
        _("website address"), help_text=_("The address of the website this statement covers.")
    )
    published_on = models.DateField(
        _("website published on"), help_text=_("The day the website was first published.")
    )
    last_updated_on = models.DateField(
        _("website last updated on"),
        help_text=_("The day of the website's last significant update (not small corrections)."),
    )
    compliance_status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=ComplianceStatus.choices,
        help_text=_("With the act on digital accessibility (WCAG 2.1 level AA)."),
    )
    non_compliant_content = RichTextField(
        _("content that does not comply"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "What on the website does not meet the requirements, why, and how else a reader "
            "can get the information. Required unless the website is fully compliant."
        ),
    )
    exemptions = RichTextField(
        _("content outside the act"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Content the act exempts, e.g. documents published before 23 September 2018."),
    )
    disproportionate_burden = RichTextField(
        _("disproportionate burden"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Only if the centre relies on a disproportionate-burden assessment: what it covers "
            "and a link to the assessment."
        ),
    )
    prepared_on = models.DateField(
        _("statement prepared on"), help_text=_("The day the statement was first prepared.")
    )
    reviewed_on = models.DateField(
        _("statement last reviewed on"),
        null=True,
        blank=True,
        help_text=_("Leave empty until the first review. Review the statement every year."),
    )
    assessment_method = models.CharField(
        _("prepared on the basis of"),
        max_length=10,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    auditor_name = models.CharField(
        _("external auditor"),
        max_length=255,
        blank=True,
        help_text=_("The name of the organisation that carried out the audit, if any."),
    )
    accessibility_features = RichTextField(
        _("features, limitations and other information"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Optional: what helps readers, and known limitations."),
    )
    keyboard_shortcuts = RichTextField(
        _("keyboard shortcuts"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Only if the website has shortcuts of its own besides the browser's."),
    )
    contact_person = models.CharField(
        _("contact person or office"),
        max_length=255,
        help_text=_("Who handles remarks and requests about accessibility."),
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    complaint_procedure = RichTextField(
        _("requests and complaints"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "How to request accessibility or another way to get the information, the time "
            "limits, the complaint, and the request to the Ombudsman (Rzecznik Praw "
            "Obywatelskich)."
        ),
    )
    mobile_apps = RichTextField(
        _("mobile applications"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Only if the centre has mobile applications."),
    )
    architectural_accessibility = RichTextField(
        _("architectural accessibility"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "How accessible the centre's buildings are, from the entrance to the offices, or "
            "whom to call for help while that description is being prepared."
        ),
    )
    architectural_accessibility_url = models.URLField(
        _("description of the buildings"),
        blank=True,
        help_text=_("Optional: the address of a separate page describing the buildings."),
    )
    communication_accessibility = RichTextField(
        _("communication and information accessibility"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "How deaf readers and readers who need easy-to-read text can contact the centre "
            "and get information: sign language, e-mail, fax, ETR."
        ),
    )

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "website_url",
                "published_on",
                "last_updated_on",
                "compliance_status",
                "prepared_on",
                "reviewed_on",
                "assessment_method",
                "contact_email",
                "contact_phone",
                "architectural_accessibility_url",
            )
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("non_compliant_content"),
        index.SearchField("architectural_accessibility"),
        index.SearchField("communication_accessibility"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("website_url"),
                FieldPanel("published_on"),
                FieldPanel("last_updated_on"),
            ],
            heading=_("The website"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_compliant_content"),
                FieldPanel("exemptions"),
                FieldPanel("disproportionate_burden"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("assessment_method"),
                FieldPanel("auditor_name"),
            ],
            heading=_("Preparation of the statement"),
        ),
        FieldPanel("accessibility_features"),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("complaint_procedure"),
            ],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mobile_apps"),
                FieldPanel("architectural_accessibility"),
                FieldPanel("architectural_accessibility_url"),
                FieldPanel("communication_accessibility"),
            ],
            heading=_("Other information"),
        ),
    ]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def status_sentence(self):
        return STATUS_SENTENCES.get(self.compliance_status, "")

    @property
    def lists_inaccessible_content(self):
        return bool(self.non_compliant_content or self.exemptions or self.disproportionate_burden)

    def clean(self):
        super().clean()
        errors = {}
        if self.compliance_status != ComplianceStatus.FULL and not self.lists_inaccessible_content:
            errors["non_compliant_content"] = _(
                "List what does not comply, or the exemptions, unless the website is fully "
                "compliant."
            )
        if self.assessment_method == AssessmentMethod.EXTERNAL and not self.auditor_name:
            errors["auditor_name"] = _("Name the auditor.")
        if self.published_on and self.last_updated_on and self.last_updated_on < self.published_on:
            errors["last_updated_on"] = _("The update cannot be earlier than the publication.")
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = _("The review cannot be earlier than the preparation.")
        if errors:
            raise ValidationError(errors)


class EasyReadStreamBlock(blocks.StreamBlock):
    """Easy-to-read text: short headings, short paragraphs and lists, pictures that help."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=80, help_text=_("A few words that say what follows.")
    )
    paragraph = blocks.TextBlock(
        label=_("Short paragraph"),
        max_length=300,
        help_text=_(
            "One idea in one or two short sentences, in everyday words. A new line in the box "
            "starts a new line on the page."
        ),
    )
    list = blocks.ListBlock(
        blocks.CharBlock(label=_("item"), max_length=200),
        label=_("List"),
        help_text=_("One short item per line, e.g. phone numbers or opening hours."),
    )
    image = ImageBlock(
        label=_("Image"),
        help_text=_("A picture that shows what the text next to it says."),
    )


class EasyReadPage(LegalPageMixin, BasePage):
    """Information about the centre in easy-to-read text (ETR)."""

    body = StreamField(EasyReadStreamBlock(), verbose_name=_("easy-to-read text"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    class Meta:
        verbose_name = _("easy-to-read page")
        verbose_name_plural = _("easy-to-read pages")


VIDEO_EXTENSIONS = {"mp4"}
CAPTION_EXTENSIONS = {"vtt"}


class SignLanguagePage(LegalPageMixin, BasePage):
    """Information about the centre in Polish Sign Language, with captions and a transcript.

    The recording is a document in the centre's own media library, played by the browser's own
    player: no third-party video service sees the readers.
    """

    video = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("recording"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The recording in Polish Sign Language, as an MP4 document. While there is none, the "
            "page says that it is being prepared and shows the transcript."
        ),
    )
    captions = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("captions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Polish captions for the recording, as a WebVTT document (.vtt)."),
    )
    transcript = RichTextField(
        _("transcript"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What the recording says, as text: shown under the recording."),
    )

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("video", overridable=False),
        SynchronizedField("captions", overridable=False),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("transcript")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("video"), FieldPanel("captions")], heading=_("Recording")),
        FieldPanel("transcript"),
    ]

    class Meta:
        verbose_name = _("sign language page")
        verbose_name_plural = _("sign language pages")

    def clean(self):
        super().clean()
        errors = {}
        if self.video and self.video.file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["video"] = _("Choose an MP4 video.")
        if self.captions and self.captions.file_extension.lower() not in CAPTION_EXTENSIONS:
            errors["captions"] = _("Choose a WebVTT captions file (.vtt).")
        if errors:
            raise ValidationError(errors)
