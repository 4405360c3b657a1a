"""Debian's Chromium driven by Playwright, for tests of what a person does in a browser."""

import contextlib
import os
import threading

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection, transaction
from pytest_django.live_server_helper import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA, as axe-core (4.12) tags its
# rules. It has no rule tagged "wcag22a" yet; the tag is named so that one added later runs.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def demo_server(django_db_blocker, database_snapshot, chromium):
    """The demo site served on 127.0.0.1 to every test of a module.

    pytest-django's `live_server` makes each test transactional: each would end with a flush of
    the database. Here a module shares one server and the session's demo instead (conftest
    marks its tests `demo`); its tests are marked `django_db` (not transactional). With the test
    settings' in-memory SQLite the server thread uses the tests' own connection, so everything
    the module changes (opened enrolments, applications sent) stays inside one transaction,
    rolled back at the end of the module. On another database the server sees only committed
    data: the changes are committed, and the database is put back as the session set it up at
    the end of the module (tests/database_snapshot.py).
    """
    with django_db_blocker.unblock():
        shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
        changes = transaction.atomic() if shared else contextlib.nullcontext()
        with changes:
            server = LiveServer("127.0.0.1:0", start=False)
            if shared:
                server.thread.static_handler = OneRequestAtATime
            server.start()
            try:
                yield server
            finally:
                _stop(server)
                if shared:
                    transaction.set_rollback(True)
        if not shared:
            # What the browsers did is committed (applications, tasks, sessions, edits).
            database_snapshot.restore()


class OneRequestAtATime(StaticFilesHandler):
    """The site and its static files, as pytest-django's live server serves them, one request
    at a time. With the in-memory SQLite of the test settings, the server's threads and the
    tests share one connection, which must never run two queries at once (Django's
    documentation of LiveServerTestCase warns of random failures): a browser's requests in
    parallel (the page editor's background requests beside a save) would mix their savepoints
    and break the module's transaction (most likely what failed once in the editors' guide).
    The lock keeps the server's threads apart; a test's own queries, made between the
    browser's steps, are not under it. Given to pytest-django's LiveServer before it starts
    (LiveServerThread's `static_handler`, which it otherwise sets to StaticFilesHandler)."""

    lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return super().__call__(environ, start_response)


def _stop(server):
    """Stop the server, and wait for its request threads to end before the connection stops
    being shared with them: a thread still holding a browser's keep-alive connection closes the
    database connections when the browser hangs up, which fails once they are not shared."""
    server.thread.terminate()
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=5)
    for shared_connection in server.thread.connections_override.values():
        shared_connection.dec_thread_sharing()


def axe_violations(page, tags=WCAG_AA_TAGS, rules=None):
    """The axe-core rules of the given tags (or only the named `rules`) that the page in its
    present state breaks, each as "rule-id (the elements that break it)". axe-core comes inside
    axe-playwright-python: nothing is fetched. It is put in the page once and run again after a
    change (of width, say)."""
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(Axe().axe_script)
    return page.evaluate(
        """async ([tags, rules]) => {
            const results = await axe.run(document, {
                runOnly: rules ? {type: "rule", values: rules} : {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map(violation =>
                `${violation.id} (${violation.nodes.map(node => node.target.join(" ")).join(", ")})`
            );
        }""",
        [tags, rules],
    )


def settle(page):
    """Wait two frames: a resize's media-query and resize handlers (the header's menu opens or
    folds, the quick-exit bar's height is measured) have run, and the layout is the reader's."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def resize(page, width, height):
    """Give the window a new size and wait until the layout has followed it (see `settle`):
    what is measured next is what a reader of that width sees, not a frame in between."""
    page.set_viewport_size({"width": width, "height": height})
    settle(page)


def scroll_to_top(page):
    """Scroll to the top of the page and let the layout settle. A scroll the browser is still
    making (the site scrolls smoothly; a resize keeps the focused element in view) would carry
    the page down again after an instant jump, so it is waited out first (at most two seconds)."""
    position = page.evaluate(
        """async () => {
            const frame = () => new Promise(done => requestAnimationFrame(done));
            let last = -1, still = 0;
            for (let frames = 0; frames < 120 && still < 3; frames++) {
                await frame();
                still = window.scrollY === last ? still + 1 : 0;
                last = window.scrollY;
            }
            window.scrollTo({top: 0, left: 0, behavior: "instant"});
            await frame();
            await frame();
            return window.scrollY;
        }"""
    )
    assert position == 0, f"the page would not stay at the top: {position}px down"


def scrolls_sideways(page):
    """Whether the reader would have to scroll horizontally to read the page, once the layout
    has settled: measured two frames later, after a resize's media-query and resize handlers
    (the header's menu folds when the window narrows) have run."""
    return page.evaluate(
        """() => new Promise(settled => requestAnimationFrame(() => requestAnimationFrame(() =>
            settled(document.documentElement.scrollWidth > document.documentElement.clientWidth)
        )))"""
    )


_CLIPPED_TEXT = """() => {
    const found = [];
    // Hidden on purpose: text for screen readers, the skip link until it is focused.
    const unseen = ".visually-hidden, .skip-link, template, [hidden], input, select, textarea";
    // The same on purpose without the class: a 1 px box cut to nothing (on a phone, say).
    const forScreenReaders = el => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width <= 1 && box.height <= 1
            && (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)");
    };
    const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.classList.length ? "." + [...el.classList].join(".") : "");
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(unseen)) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden") continue;
        const clipsX = ["hidden", "clip"].includes(style.overflowX);
        const clipsY = ["hidden", "clip"].includes(style.overflowY);
        if (((clipsX && el.scrollWidth > el.clientWidth + 1)
            || (clipsY && el.scrollHeight > el.clientHeight + 1)) && !forScreenReaders(el)) {
            found.push(name(el) + " cuts off its content");
        }
        const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (hasText && el.getBoundingClientRect().left + window.scrollX < -1) {
            found.push(name(el) + " starts off the left edge");
        }
    }
    return found;
}"""


def clipped_text(page):
    """Elements whose text the reader cannot see whole: cut off by their own box, or pushed off
    the left edge of the page (where no scrolling reaches)."""
    return page.evaluate(_CLIPPED_TEXT)


def active_element(page, expression="el => el"):
    return page.evaluate_handle("document.activeElement").evaluate(expression)


def fill_in_application(page):
    """Answer every question of the enrolment form shown in `page` as an applicant would, with
    the first open edition and the first choice of every required group."""
    page.locator("input[name='system-edition']").first.check()
    page.fill("[name='system-applicant_name']", "Anna Kowalska")
    page.fill("[name='system-phone']", "600 123 456")
    for field in page.query_selector_all(
        "form.form [required]:not([type=radio]):not([type=checkbox]), form.form textarea"
    ):
        if not field.input_value() and field.get_attribute("name") != "system-website":
            kind = field.get_attribute("type")
            field.fill("2030-01-01" if kind == "date" else "1" if kind == "number" else "Tak")
    for group in {
        radio.get_attribute("name")
        for radio in page.query_selector_all("form.form input[type=radio][required]")
    }:
        page.locator(f"input[type=radio][name='{group}']").first.check()
    page.check("input[name='system-privacy_consent']")


def send_form(page):
    """Send the enrolment form shown in `page` and wait for the answer. The rate limit (10
    submissions from one address in 10 minutes) is reset first: every test browser, in every
    test, comes from 127.0.0.1."""
    from django.core.cache import cache

    cache.clear()
    with page.expect_navigation():
        page.click("form.form button[type=submit]")


def wait_for_focus(page, predicate, what):
    """Wait until the focused element matches `predicate` (a JavaScript function of it):
    browsers move focus after a navigation or autofocus in their next rendering step, which
    may come after Playwright has seen the page load."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(f"({predicate})(document.activeElement)", timeout=3_000)
    except PlaywrightTimeoutError:
        focused = active_element(page, "el => el.outerHTML.slice(0, 120)")
        raise AssertionError(f"Focus is not on {what} but on {focused}") from None
