"""Updates as readers find them: the latest ones, a programme's, the news list's, page by page.

Only live updates readers may see (not under a view restriction) in one language. An update
counts where readers can reach it: under the news list or under a live programme. A `locale`
argument may be a Locale or its id (a page's `locale_id` costs no query).
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .listing import public_only
from .models import NewsIndexPage, ProgrammePage, UpdatePage

UPDATES_PER_PAGE = 10
LATEST_COUNT = 3
FEED_LENGTH = 20

NEWEST_FIRST = ["-date", "-first_published_at", "-pk"]


def live_updates(locale):
    return public_only(UpdatePage.objects.live()).filter(locale=locale).order_by(*NEWEST_FIRST)


def with_parent_path(updates):
    """Annotate each update with its parent's tree path (a child's path is its parent's plus one
    step), so that updates can be filtered and grouped by their parent in the same query."""
    return updates.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))


def _live_parents(model, locale):
    return model.objects.live().filter(locale=locale).values("path")


def site_updates(locale):
    """Every reachable update of the language: the news lists' and the live programmes'."""
    return with_parent_path(live_updates(locale)).filter(
        Q(parent_path__in=_live_parents(ProgrammePage, locale))
        | Q(parent_path__in=_live_parents(NewsIndexPage, locale))
    )


def updates_for_news_index(news_index):
    """The news list's own updates and those of the live programmes in its language."""
    return with_parent_path(live_updates(news_index.locale_id)).filter(
        Q(parent_path__in=_live_parents(ProgrammePage, news_index.locale_id))
        | Q(parent_path=news_index.path)
    )


def updates_of_programme(programme):
    return live_updates(programme.locale_id).child_of(programme)


def updates_among(pages):
    """The updates in a queryset of pages (e.g. a programme's live, public children), newest
    first: reuses that queryset's view-restriction check instead of running another."""
    return UpdatePage.objects.filter(pk__in=pages.values("pk")).order_by(*NEWEST_FIRST)


def news_index_for(locale):
    return NewsIndexPage.objects.live().filter(locale=locale).first()


def with_programmes(updates):
    """The updates (annotated by `with_parent_path`) as a list, each with `programme`: the
    programme it belongs to, or None. One query for all the programmes, however many updates."""
    updates = list(updates)
    paths = {update.parent_path for update in updates}
    programmes = {
        programme.path: programme for programme in ProgrammePage.objects.filter(path__in=paths)
    }
    for update in updates:
        update.programme = programmes.get(update.parent_path)
    return updates


def latest_site_updates(locale, count=LATEST_COUNT):
    return with_programmes(site_updates(locale)[:count])


class UpdateFilterForm(forms.Form):
    """Choose the updates of one programme; the form is sent with GET, so it works without
    JavaScript and its address can be shared."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=ProgrammePage.objects.none(),
        to_field_name="slug",
        empty_label=_("All updates"),
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        # Slugs are the same in every language, so a filtered address works in each.
        self.fields["programme"].queryset = (
            ProgrammePage.objects.live().filter(locale=locale).order_by("title")
        )


def page_of_updates(updates, number):
    """One page of updates; `number` as the reader sent it. Raises `InvalidPage` (the caller
    answers 404) for a page that does not exist or is not a number."""
    paginator = Paginator(updates, UPDATES_PER_PAGE)
    return paginator.page(number or 1)


def page_numbers(page):
    """The page numbers to link to: the first and last, and two either side of the current
    one; None stands for the numbers left out, so that a long list stays short."""
    paginator = page.paginator
    return [
        number if number != paginator.ELLIPSIS else None
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
