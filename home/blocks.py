from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Locale, Page


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The free-form content of standard pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        template="blocks/paragraph_block.html",
    )
    figure = FigureBlock()
    document = DocumentLinkBlock()


class LinkBlock(blocks.StructBlock):
    """A link to one of the site's pages or to another address, with the words to show."""

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or another address"), required=False)
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Required for another address.")
    )

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link_block.html"

    def get_context(self, value, parent_context=None):
        """`linked`: the chosen page in the language being shown, as `Page.localized` finds it,
        taken from the parent context's `localized_pages` (see `localized_pages`) when there."""
        context = super().get_context(value, parent_context)
        page = value.get("page")
        if page is not None:
            known = (parent_context or {}).get("localized_pages") or {}
            linked = known.get(page.pk)
            context["linked"] = linked if linked is not None else page.localized
        return context

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["url"] = ValidationError(_("Choose a page or give an address (one of them)."))
        elif value.get("url") and not value.get("title"):
            errors["title"] = ValidationError(_("Give the words to show for the address."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


def localized_pages(pages):
    """{pk of a chosen page: that page in the active language}, as `Page.localized` decides (its
    live translation, else the page itself), in two queries however many pages, where
    `.localized` takes one or two a page."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return {page.pk: page for page in pages}
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    translations = {
        translation.translation_key: translation
        for translation in (
            Page.objects.live().filter(locale=locale, translation_key__in=keys) if keys else []
        )
    }
    return {
        page.pk: translations.get(page.translation_key, page)
        if page.locale_id != locale.pk
        else page
        for page in pages
    }
