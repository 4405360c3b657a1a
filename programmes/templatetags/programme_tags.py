from django import template

from programmes import dates

register = template.Library()


@register.filter
def month_and_year(day):
    """ "maj 2021", "May 2021", "травень 2021"."""
    return dates.month_and_year(day) if day else ""
