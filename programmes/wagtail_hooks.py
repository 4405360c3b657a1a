from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EUProject, Partner, Person, TargetGroup, Team


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    list_display = ["name", "number", "email"]
    ordering = ["number"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "team", "email"]
    list_filter = ["team"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "link"
    list_display = ["name", "url"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "tag"


class EUProjectViewSet(SnippetViewSet):
    model = EUProject
    icon = "globe"
    list_display = ["name", "operational_programme"]


class ProgrammeDataGroup(SnippetViewSetGroup):
    menu_label = _("Programme data")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (TeamViewSet, PersonViewSet, PartnerViewSet, TargetGroupViewSet, EUProjectViewSet)


register_snippet(ProgrammeDataGroup)
