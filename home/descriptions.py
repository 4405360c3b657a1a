"""A page's description for search engines and link previews (<meta name="description">).

Search engines show about 160 characters under a page's title; a longer text is cut wherever
they choose, often mid-word. We cut it ourselves: after the last whole sentence that fits, else
at a word boundary with an ellipsis.
"""

import html
import re

from django.utils.html import strip_tags
from wagtail.rich_text import RichText

MAX_LENGTH = 160

# Where one block of rich text ends, words of the next must not run into it.
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|ul|ol|div|blockquote)>|<br\s*/?>)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def plain_text(text):
    """Rich text or plain text as one line of words, without markup or entities."""
    source = text.source if isinstance(text, RichText) else str(text or "")
    return " ".join(html.unescape(strip_tags(_BLOCK_END.sub(r"\1 ", source))).split())


def short_description(*texts, limit=MAX_LENGTH):
    """The first of `texts` that has words, as plain text of at most `limit` characters."""
    for text in texts:
        if plain := plain_text(text):
            return shortened(plain, limit)
    return ""


def shortened(text, limit=MAX_LENGTH):
    if len(text) <= limit:
        return text
    # Whole sentences read best, if they say enough (at least half of the room).
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text[: limit + 1])]
    if sentence_ends and sentence_ends[-1] >= limit // 2:
        return text[: sentence_ends[-1]]
    # Room for the ellipsis; a word cut in two is dropped.
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-(") + "…"


def first_text(stream):
    """The first text of a StreamField that is not a heading: its first paragraph."""
    for block in stream or ():
        if block.block_type == "heading":
            continue
        if isinstance(block.value, RichText | str) and plain_text(block.value):
            return block.value
    return ""
