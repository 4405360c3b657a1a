"""Filters that help text wrap at sensible points on a narrow screen."""

import re

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()

# After "@" and before each "." - where a reader expects an address to go on the next line.
_EMAIL_BREAKS = re.compile(r"(?<=@)|(?=\.)")


@register.filter
def email_breaks(address):
    """The address, escaped, with <wbr> after "@" and before each dot, e.g.
    sekretariat@<wbr>mops<wbr>.example<wbr>.org: a narrow screen wraps it there rather than
    in the middle of a word (or not at all, when it fits)."""
    pieces = [piece for piece in _EMAIL_BREAKS.split(str(address or "")) if piece]
    html = conditional_escape(pieces[0] if pieces else "")
    for piece in pieces[1:]:
        html = format_html("{}<wbr>{}", html, piece)
    return html
