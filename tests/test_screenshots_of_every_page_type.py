"""Screenshots of every page type in Polish, English and Ukrainian, on a phone (360 × 740) and on
a desktop (1280 × 900), so that a reviewer can see the site without running it: the first screen
of each, and for Polish the whole page on the phone too. `make screenshots` takes them in
Debian's Chromium into docs/screenshots/ (SCREENSHOTS_DIR), whose README.md lists exactly the
pictures taken. `make test` does not take them again (91 pictures, half a minute: the pages'
rendering is checked by tests/test_accessibility_in_the_browser.py); it checks that the
pictures the README lists are there, and nothing else."""

import os
import re
from pathlib import Path

import pytest
from django.utils.text import slugify

from .browser import resize
from .page_types import LANGUAGES, each_state, open_one_form_and_close_another

LISTING = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "README.md"
PHONE = (360, 740)
DESKTOP = (1280, 900)
# JPEG keeps text readable at a fraction of a PNG's size; the whole pages (up to 20,000 px
# tall) a little more compressed.
FIRST_SCREEN = {"type": "jpeg", "quality": 70}
WHOLE_PAGE = {"type": "jpeg", "quality": 55, "full_page": True}


@pytest.fixture(scope="module")
def site(demo_server):
    open_one_form_and_close_another()
    return demo_server


@pytest.fixture(scope="module")
def folder():
    return Path(os.environ["SCREENSHOTS_DIR"])


@pytest.fixture(scope="module")
def taken():
    """The names of the pictures taken, by language; compared with the listing at the end."""
    names = {}
    yield names
    listed = set(re.findall(r"\]\(([\w-]+\.jpg)\)", LISTING.read_text()))
    listed_here = {name for name in listed if name.split("-")[0] in names}
    assert listed_here == {name for shots in names.values() for name in shots}, (
        f"{LISTING} lists exactly the screenshots the test takes"
    )


def test_the_folder_holds_exactly_the_pictures_its_readme_lists():
    listed = set(re.findall(r"\]\(([\w-]+\.jpg)\)", LISTING.read_text()))
    kept = {path.name for path in LISTING.parent.glob("*.jpg")}
    assert len(listed) == 91
    assert kept == listed


@pytest.mark.django_db
@pytest.mark.demo
@pytest.mark.skipif(
    not os.environ.get("SCREENSHOTS_DIR"), reason="`make screenshots` takes them (SCREENSHOTS_DIR)"
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_is_photographed_on_a_phone_and_a_desktop(
    site, chromium, folder, taken, language
):
    width, height = DESKTOP
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(10_000)
    page = context.new_page()
    names = taken.setdefault(language, [])

    def shoot(name, options=FIRST_SCREEN):
        page.screenshot(path=folder / name, **options)
        assert (folder / name).stat().st_size, f"{name} is empty"
        names.append(name)

    try:
        for number, state in enumerate(each_state(page, site.url, language), start=1):
            assert page.locator("main h1").count() == 1, f"{state} has no single main heading"
            stem = f"{language}-{number:02}-{slugify(state)}"
            resize(page, *PHONE)
            shoot(f"{stem}-360.jpg")
            if language == "pl":
                shoot(f"{stem}-360-full.jpg", WHOLE_PAGE)
            resize(page, *DESKTOP)
            shoot(f"{stem}-1280.jpg")
    finally:
        context.close()
