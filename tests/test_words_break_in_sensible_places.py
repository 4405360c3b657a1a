"""On a phone (360 and 320 px wide) and on a desktop (1280 px), text wraps where a reader
expects it to: between words, never inside one that would fit on a line; an e-mail address only
after "@" or before a dot; a phone number not at all; no "(" left alone at the end of a line;
and the marker of a list item that is a wrapped link (the table of contents, the error
summary) stands at its first line.

Checked in Debian's Chromium on the demo's home page, violence victims' programme and its
enrolment form (sent empty, so that it shows its error summary), in Polish and Ukrainian."""

import pytest
from wagtail.models import Locale

from enrolment.models import EnrolmentFormPage
from home.models import HomePage
from programmes.models import ProgrammePage

from .browser import resize, send_form
from .enrolment_helpers import edition, open_enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

WIDTHS = [360, 320, 1280]

# Every visible text node of main and the footer, each cut into words (a hyphen or slash may
# end a word: a line may break after it). A word is split when its characters lie on more than
# one line. A piece of an e-mail address between two <wbr> is a text node of its own: the
# address may break between pieces only. A phone number must sit on one line whole.
_FIND_BAD_BREAKS = """() => {
    const problems = [];
    const lines = range => {
        const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
        return tops.filter((top, i) => tops.findIndex(t => Math.abs(t - top) < 3) === i).length;
    };
    const unseen = ".visually-hidden, script, style, template";
    const texts = [];
    for (const root of document.querySelectorAll("main, footer")) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest(unseen)) continue;
            texts.push(node);
        }
    }
    const range = document.createRange();
    texts.forEach((node, index) => {
        const text = node.textContent;
        const words = /[^\\s\\-\\u2010-\\u2015\\/]+[\\-\\u2010-\\u2015\\/]?/g;
        for (const match of text.matchAll(words)) {
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            if (lines(range) > 1) problems.push(`"${match[0]}" is split over two lines`);
        }
        for (const match of text.matchAll(/\\(/g)) {
            // "(" and the next character that is not a space, in this text node or the next.
            range.setStart(node, match.index);
            range.setEnd(node, match.index + 1);
            const paren = [...range.getClientRects()].filter(r => r.width > 0)[0];
            let nextNode = node, at = text.slice(match.index + 1).search(/\\S/);
            at = at < 0 ? -1 : match.index + 1 + at;
            for (let i = index + 1; at < 0 && i < texts.length; i++) {
                const found = texts[i].textContent.search(/\\S/);
                if (found >= 0) { nextNode = texts[i]; at = found; }
            }
            if (!paren || at < 0) continue;
            range.setStart(nextNode, at);
            range.setEnd(nextNode, at + 1);
            const next = [...range.getClientRects()].filter(r => r.width > 0)[0];
            if (next && next.top > paren.top + 3) {
                const after = nextNode.textContent.slice(at, at + 20);
                problems.push(`"(" ends a line before "${after}"`);
            }
        }
    });
    for (const link of document.querySelectorAll("main a.phone, footer a.phone")) {
        range.selectNodeContents(link);
        if (lines(range) > 1) problems.push(`the phone number ${link.textContent} is split`);
    }
    return problems;
}"""

_EMAIL_ADDRESSES = """() => [...document.querySelectorAll("main a.email, footer a.email")]
    .filter(link => link.getClientRects().length)
    .map(link => ({
        address: link.textContent,
        pieces: [...link.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent),
    }))"""

# A probe put at the very start of the list item sits on the item's first line, at the baseline
# where the marker is drawn; the link's first line of text must be on that line.
_MARKERS_OFF_THE_FIRST_LINE = """selector => [...document.querySelectorAll(selector)]
    .filter(item => item.querySelector("a") && item.getClientRects().length)
    .flatMap(item => {
        const probe = document.createElement("span");
        probe.textContent = "\\u200b";
        item.prepend(probe);
        const marker = probe.getBoundingClientRect();
        probe.remove();
        const range = document.createRange();
        range.selectNodeContents(item.querySelector("a"));
        const first = [...range.getClientRects()].filter(r => r.width > 0)[0];
        const wraps = [...range.getClientRects()].filter(r => r.width > 0)
            .some(r => Math.abs(r.top - first.top) > 3);
        return Math.abs(first.bottom - marker.bottom) > 4
            ? [`${item.textContent.trim().slice(0, 40)}${wraps ? " (wrapped)" : ""}: marker at `
               + `${Math.round(marker.bottom)}, first line at ${Math.round(first.bottom)}`]
            : [];
    })"""


@pytest.fixture(scope="module")
def site(demo_server):
    """The live server, with the violence victims' programme taking applications today."""
    open_enrolment(edition("KomPAS", 2))
    return demo_server


def paths(language):
    locale = Locale.objects.get(language_code=language)
    programme = ProgrammePage.objects.get(locale__language_code="pl", eu_project__name="KomPAS")
    form = EnrolmentFormPage.objects.child_of(programme).live().get()
    home = HomePage.objects.get(locale__language_code="pl")
    return {
        "home page": home.get_translation(locale).url,
        "programme page": programme.get_translation(locale).url,
        "enrolment form": form.get_translation(locale).url,
    }


def check_each_width(page, name, problems):
    for width in WIDTHS:
        resize(page, width, 740)
        problems += [f"{name} at {width}px: {found}" for found in page.evaluate(_FIND_BAD_BREAKS)]
        for email in page.evaluate(_EMAIL_ADDRESSES):
            if "@" in email["address"] and len(email["pieces"]) < 2:
                problems.append(f"{name}: {email['address']} has no place to wrap but anywhere")
            pieces = email["pieces"]
            for before, piece in zip(pieces, pieces[1:], strict=False):
                if not (before.endswith("@") or piece.startswith(".")):
                    problems.append(f"{name}: {email['address']} may wrap before {piece!r}")
        for selector in (".toc li", ".error-summary li"):
            problems += [
                f"{name} at {width}px, {selector}: {found}"
                for found in page.evaluate(_MARKERS_OFF_THE_FIRST_LINE, selector)
            ]


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_text_wraps_between_words_addresses_at_their_dots_and_markers_at_the_first_line(
    site, chromium, language
):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    try:
        for name, path in paths(language).items():
            page.goto(site.url + path)
            check_each_width(page, name, problems)
            if name == "programme page":
                assert page.locator(".toc li a").count() > 5, "the table of contents is missing"
            if name == "enrolment form":
                send_form(page)
                assert page.locator(".error-summary li a").count(), "no error summary"
                check_each_width(page, "enrolment form with errors", problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
