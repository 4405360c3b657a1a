from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactPoint, Institution, Notice


class NoticeViewSet(SnippetViewSet):
    model = Notice
    icon = "warning"
    list_display = ["title", "importance", "starts_at", "ends_at"]
    list_filter = ["importance", "locale"]
    ordering = ["importance", "-starts_at"]


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
