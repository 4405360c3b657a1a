"""The list of programmes, which readers filter by status and target group (programmes.listing)."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.models.pages import BasePage
from home.versioned_cache import read_for_visitor
from programmes.calendar_feeds import site_calendar
from programmes.listing import ProgrammeFilterForm, programmes_under, with_editions


class ProgrammeIndexPage(RoutablePageMixin, BasePage):
    """Lists the programmes; readers filter by status and target group. Its `calendar/` is the
    iCalendar feed of every listed programme's editions (programmes.calendar_feeds)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1
    # In the main navigation, which lists the home page's children shown in menus.
    show_in_menus_default = True

    content_panels = [*Page.content_panels, FieldPanel("lead")]

    class Meta:
        verbose_name = _("programme list")
        verbose_name_plural = _("programme lists")

    def description_fallbacks(self):
        return [
            gettext(
                "Our programmes: whom each one is for, when its editions run, how to apply and "
                "whom to contact."
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ProgrammeFilterForm(request.GET or None, locale=self.locale_id)
        programmes = programmes_under(self)
        if form.is_valid():
            programmes = form.filter(programmes)
        context["filter_form"] = form
        if request.GET:
            context["programmes"] = with_editions(programmes)
            context["kept_list"] = None  # a choice of the visitor's: rendered for them
        else:  # the whole list, the same for every visitor until something is published
            # The template keeps its HTML (home.templatetags.fragment_cache), so the list is
            # read only when the template renders it.
            context["programmes"] = SimpleLazyObject(
                lambda: read_for_visitor(
                    request, ("programme-list", self.pk), lambda: with_editions(programmes)
                )
            )
            context["kept_list"] = f"{self.pk}:{self.live_revision_id}"
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        return site_calendar(request, self, with_editions(programmes_under(self)))

    def get_cached_paths(self):
        # Publishing a programme purges its ancestors, this list among them, with its calendar.
        return ["/", "/" + self.reverse_subpage("calendar")]
