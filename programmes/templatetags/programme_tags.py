"""What pages outside this app show of programmes: the home page's programme groups and latest
updates, the news list's address. `home` does not import `programmes`; its templates load these."""

from django import template

from programmes import dates
from programmes.listing import programmes_for_home_page
from programmes.news import latest_site_updates, news_index_read_for

register = template.Library()


@register.filter
def month_and_year(day):
    """ "maj 2021", "May 2021", "травень 2021"."""
    return dates.month_and_year(day) if day else ""


@register.simple_tag
def programme_groups_for(page):
    """The programmes under the (home) page, grouped: open for enrolment first, then current
    ones, then past ones (a list of {heading, programmes})."""
    return programmes_for_home_page(page)


@register.simple_tag
def latest_updates_for(page):
    """The newest updates under the (home) page, each with its programme."""
    return latest_site_updates(page)


@register.simple_tag(takes_context=True)
def news_index_for_page(context, page):
    """The news list of the page's site in the page's language, or None (kept for visitors)."""
    return news_index_read_for(context.get("request"), page)
