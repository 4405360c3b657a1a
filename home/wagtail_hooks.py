from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, LiveStatusTagColumn
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import settings_audit, translators
from .models import ContactPoint, Institution, Notice


class NoticeViewSet(SnippetViewSet):
    model = Notice
    icon = "warning"
    list_display = [
        "title",
        "importance",
        LiveStatusTagColumn(),
        DateColumn("go_live_at", label=_("Goes live"), sort_key="go_live_at"),
        DateColumn("expire_at", label=_("Expires"), sort_key="expire_at"),
    ]
    list_filter = ["importance", "locale", "live"]
    ordering = ["importance", "-first_published_at"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "site"
    list_display = ["name", "street_address", "city"]


class ContactPointViewSet(SnippetViewSet):
    model = ContactPoint
    icon = "mail"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class InstitutionGroup(SnippetViewSetGroup):
    menu_label = _("Institution")
    menu_icon = "site"
    menu_order = 300
    items = (InstitutionViewSet, ContactPointViewSet, NoticeViewSet)


register_snippet(InstitutionGroup)


# Translators: translation only. Run before wagtail-localize's own hooks (order 0), which answer
# the edit view of a translated page or snippet with the translation editor.
for hook_name in ("before_edit_page", "before_edit_snippet"):
    hooks.register(hook_name, translators.refuse_default_language, order=-1)
for hook_name in (
    "before_create_page",
    "before_delete_page",
    "before_copy_page",
    "before_move_page",
    "before_create_snippet",
    "before_delete_snippet",
    "before_bulk_action",
):
    hooks.register(hook_name, translators.refuse_to_translators, order=-1)
hooks.register("construct_reports_menu", translators.hide_translations_report)
hooks.register("register_admin_urls", translators.translation_tools_urls, order=-1)


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's checks (in the editor's "Checks" panel and the user bar), plus images without
    alternative text: of the WCAG rules axe knows, the one an editor's content breaks most."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt"]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _("Describe the image for people who cannot see it"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_site_content_checker(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentChecker):
            items[index] = SiteContentChecker(in_editor=item.in_editor)


@hooks.register("register_log_actions")
def register_setting_change_log_action(actions):
    settings_audit.register_log_actions(actions)
