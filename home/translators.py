"""Translators translate; they never change Polish content.

The Translators group may change pages and translatable snippets, because wagtail-localize's
translation editor is the edit view of the translated object. These checks, run by the admin's
`before_*` hooks (see `home.wagtail_hooks`), refuse everything else to a user whose only content
role is Translators: editing or creating anything in the default language (Polish), and deleting,
copying or moving anything at all.

Who does not translate (coordinators) neither sees wagtail-localize's "Translations" report in
the menu nor opens it, or its translation editor's snippets API, by its address: they name
unpublished pages and snippets.

wagtail-localize's "Sync translations" form has a "Publish immediately" box that published every
translation on the spot for anyone who may translate, past the moderators' approval: it is
ticked to effect only by someone who may publish each translation (a moderator); for others it
is shown disabled, and the translations are updated as drafts to submit.
"""

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.urls import path, reverse
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet
from wagtail_localize.views.update_translations import UpdateTranslationsView

from home import roles

_CACHE = "_home_translates_only"


def translates_only(user):
    """In Translators and in no other content role; superusers are never limited. Cached."""
    if not user.is_authenticated or user.is_superuser:
        return False
    if not hasattr(user, _CACHE):
        names = set(user.groups.values_list("name", flat=True))
        setattr(user, _CACHE, roles.TRANSLATORS in names and not names & set(roles.CONTENT_ROLES))
    return getattr(user, _CACHE)


def is_in_default_language(obj):
    return isinstance(obj, TranslatableMixin) and obj.locale_id == Locale.get_default().pk


def refuse_default_language(request, obj):
    if translates_only(request.user) and is_in_default_language(obj):
        raise PermissionDenied


def refuse_to_translators(request, *args):
    if translates_only(request.user):
        raise PermissionDenied


# wagtail-localize's "Translations" report, under Reports, shows every user the state of every
# translation; only those who translate (translators, editors, moderators, superusers) need it.
TRANSLATIONS_REPORT_URL_NAME = "wagtail_localize:translations_report"
TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


def may_translate(user):
    return user.is_active and user.has_perm(TRANSLATE_PERMISSION)


def hide_translations_report(request, menu_items):
    """A `construct_reports_menu` hook: the report's menu item only for those who translate."""
    if may_translate(request.user):
        return
    report_url = reverse(TRANSLATIONS_REPORT_URL_NAME)
    menu_items[:] = [item for item in menu_items if item.url != report_url]


def for_translators_only(view):
    """The view, refused (as Wagtail refuses an admin area) to anyone who does not translate."""

    @wraps(view)
    def view_for_translators(request, *args, **kwargs):
        if not may_translate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return view_for_translators


def may_publish(user, obj):
    """Whether the user may publish `obj` as it is (a translation of a page or a snippet)."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    if isinstance(obj, DraftStateMixin):
        return ModelPermissionPolicy(type(obj)).user_has_permission(user, "publish")
    return True  # saved live whoever saves it


class ModeratedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's form to sync translations with their source, its "Publish immediately"
    box disabled for whoever may not publish every translation concerned."""

    def get_form(self):
        form = super().get_form()
        if not self._may_publish_every_translation():
            form.fields["publish_translations"].disabled = True
        return form

    def _may_publish_every_translation(self):
        for translation in self.object.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not may_publish(self.request.user, target):
                return False
        return True


def translation_tools_urls():
    """For the `register_admin_urls` hook, ordered before wagtail-localize's, at its addresses:
    its Translations report (page and results) and the snippets API of its translation editor
    name unpublished pages and snippets, so only those who translate may open them; its form
    to sync translations publishes only for those who may publish them."""
    report = TranslationsReportView
    snippets = SnippetViewSet
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            ModeratedUpdateTranslationsView.as_view(),
        ),
        path("localize/reports/translations/", for_translators_only(report.as_view())),
        path(
            "localize/reports/translations/results/",
            for_translators_only(report.as_view(results_only=True)),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            for_translators_only(snippets.as_view({"get": "list"})),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            for_translators_only(snippets.as_view({"get": "retrieve"})),
        ),
    ]
