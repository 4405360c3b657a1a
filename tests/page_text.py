"""Read a rendered page as a person would: its visible text, section by section."""

import html
import re

_TAG = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r"(?s)<(head|script|style)\b.*?</\1>")
_H2 = re.compile(r'<h2 id="([^"]+)"')


def visible_text(markup):
    text = _TAG.sub(" ", _HIDDEN.sub(" ", markup))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def sections(markup):
    """{h2 id: visible text up to the next h2} for the page's main content."""
    main = markup.split('<main id="main-content"', 1)[-1].split("</main>", 1)[0]
    starts = [(match.group(1), match.start()) for match in _H2.finditer(main)]
    ends = [start for _, start in starts[1:]] + [len(main)]
    return {
        section_id: visible_text(main[start:end])
        for (section_id, start), end in zip(starts, ends, strict=True)
    }


def editions(markup):
    """The visible text of each edition, in page order."""
    parts = markup.split('<article class="edition"')[1:]
    return [visible_text(part.split("</article>", 1)[0]) for part in parts]


def seed_editions(markup):
    """Editions 1 and 2, the ones the source pages describe (the demo adds an example one)."""
    found = {text.split(" ", 3)[2]: text for text in editions(markup) if text.count(" ") > 3}
    return found["1"], found["2"]
