"""Search engines and directories read each programme page as a schema.org GovernmentService,
and the home page as the institution, in the page's language: the JSON-LD holds the facts the
page shows (editions' dates, places, enrolment window, phones), follows new edition dates in
every language on the next request without re-syncing translations, and no text an editor
types can break out of it.

Read with extruct, the extractor search engines' tooling is built on."""

import datetime
import json
import re

import extruct
import pytest
from wagtail.models import Locale, Site

from home import site_wide_parts
from home.models import Institution, InstitutionSettings
from home.models.opening_hours import HoursRuleKind
from home.phone_numbers import tel_href
from home.structured_data import SCHEMA_DAYS, json_ld_script

from . import enrolment_world
from .builders import enrolment_closed_yesterday, publish_polish_edition
from .factories import publish
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk"]
# Years no other date of the test's site falls in.
NEW_START = datetime.date(2041, 3, 2)
NEW_END = datetime.date(2042, 6, 30)
NEW_OPENS = datetime.date(2040, 11, 3)
NEW_CLOSES = datetime.date(2041, 1, 20)
# What an editor may type, trying to break out of the JSON-LD.
BREAKING_TITLE = 'Program </script><script>alert("x")</script> & <!-- co'


def json_ld(response):
    """The page's JSON-LD items, as extruct reads them."""
    assert response.status_code == 200
    html = response.content.decode()
    return extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]


def one_of_type(items, schema_type):
    found = [item for item in items if item.get("@type") == schema_type]
    assert len(found) == 1, [item.get("@type") for item in items]
    return found[0]


def values_of(data, key):
    """Every value of `key` anywhere in the JSON-LD (lists flattened)."""
    found = []
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key:
                found.extend(value if isinstance(value, list) else [value])
            else:
                found.extend(values_of(value, key))
    elif isinstance(data, list):
        for value in data:
            found.extend(values_of(value, key))
    return found


def contact_settings():
    return InstitutionSettings.for_site(Site.objects.get(is_default_site=True))


def in_every_language(page):
    return [
        page.get_translation(Locale.objects.get(language_code=code)).specific for code in LANGUAGES
    ]


def edition_article(html, edition):
    """The HTML of the edition as the page shows it."""
    start = html.index(f'aria-labelledby="edition-{edition.pk}"')
    return html[start : html.index("</article>", start)]


def offers_by_edition(service):
    return {
        offer["itemOffered"]["@id"].rsplit("#edition-", 1)[1]: offer for offer in service["offers"]
    }


# The demo's programme pages ------------------------------------------------------------------


@pytest.mark.demo
def test_every_demo_programme_page_describes_its_editions_as_the_page_shows_them(
    client, lesnica_programme, violence_programme
):
    for polish in (lesnica_programme, violence_programme):
        for page in in_every_language(polish):
            response = client.get(page.url)
            service = one_of_type(json_ld(response), "GovernmentService")
            html = response.content.decode()
            assert service["name"] == page.title
            assert service["url"] == page.full_url
            assert service["provider"]["@type"] == "GovernmentOrganization"

            editions = response.context["editions"]
            offers = offers_by_edition(service)
            assert set(offers) == {str(edition.pk) for edition in editions}, page.url
            for edition in editions:
                offer, shown = offers[str(edition.pk)], edition_article(html, edition)
                event = offer["itemOffered"]
                shown_dates = set(re.findall(r'datetime="([^"]+)"', shown))
                # The page shows the months of the run and the day enrolment closes.
                assert event["startDate"] == edition.starts_on.isoformat()
                assert event["endDate"] == edition.ends_on.isoformat()
                assert {event["startDate"][:7], event["endDate"][:7]} <= shown_dates
                assert str(event["maximumAttendeeCapacity"]) in visible_text(shown)
                assert event["maximumAttendeeCapacity"] == edition.places
                assert event["inLanguage"] == page.locale.language_code
                if edition.enrolment_closes_on:
                    assert offer["availabilityEnds"] in shown_dates
                    assert offer["availabilityStarts"] == edition.enrolment_opens_on.isoformat()
                else:
                    assert "availabilityEnds" not in offer


@pytest.mark.demo
def test_every_phone_and_address_in_the_json_ld_is_one_the_page_publishes(
    client, lesnica_programme, violence_programme
):
    """Nothing personal beyond what the contact cards and the footer already show."""
    switchboard = tel_href(contact_settings().phone).removeprefix("tel:")
    for polish in (lesnica_programme, violence_programme):
        for page in in_every_language(polish):
            response = client.get(page.url)
            service = one_of_type(json_ld(response), "GovernmentService")
            html = response.content.decode()
            dialled = {
                href.removeprefix("tel:") for href in re.findall(r'href="(tel:[^"]+)"', html)
            }
            mailed = set(re.findall(r'href="mailto:([^"]+)"', html))

            phones = set(values_of(service, "telephone"))
            assert switchboard in phones
            assert phones <= dialled, phones - dialled
            assert set(values_of(service, "email")) <= mailed
            contact_phones = {
                tel_href(contact["person"].phone).removeprefix("tel:")
                for contact in response.context["contacts"]
                if contact["person"].phone
            }
            assert contact_phones <= phones


@pytest.mark.demo
def test_the_home_page_names_the_institution_with_its_phone_and_opening_hours(client, home_page):
    contact = contact_settings()
    for page in in_every_language(home_page):
        response = client.get(page.url)
        organization = one_of_type(json_ld(response), "GovernmentOrganization")
        institution = Institution.objects.prefetch_related("opening_hours").for_locale(page.locale)
        assert organization["name"] == institution.name
        assert organization["@id"] == f"{page.full_url}#organization"
        assert organization["telephone"] == tel_href(contact.phone).removeprefix("tel:")
        assert organization["address"]["streetAddress"] == institution.street_address

        weekly = [rule for rule in institution.hours_lines() if rule.kind == HoursRuleKind.WEEKLY]
        assert weekly, "the demo's institution keeps weekly hours"
        footer = visible_text(response.content.decode())
        for rule in weekly:
            expected = {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [SCHEMA_DAYS[day] for day in rule.weekdays],
                "opens": f"{rule.opens:%H:%M}",
                "closes": f"{rule.closes:%H:%M}",
            }
            assert expected in organization["openingHoursSpecification"]
            assert f"{rule.opens:%-H:%M}–{rule.closes:%-H:%M}" in footer  # as the page shows
        shown_points = site_wide_parts.parts_for(None, page.locale_id).contact_points
        assert shown_points, "the demo has contact points"
        assert [point["name"] for point in organization["contactPoint"]] == [
            point.name for point in shown_points
        ]


@pytest.mark.demo
def test_a_programme_page_names_the_institution_the_home_page_describes(
    client, home_page, lesnica_programme
):
    for home, programme in zip(
        in_every_language(home_page), in_every_language(lesnica_programme), strict=True
    ):
        organization = one_of_type(json_ld(client.get(home.url)), "GovernmentOrganization")
        service = one_of_type(json_ld(client.get(programme.url)), "GovernmentService")
        assert service["provider"]["@id"] == organization["@id"]
        assert service["provider"]["telephone"] == organization["telephone"]


# A programme of the tests' own ----------------------------------------------------------------


# Built once for the class below, and rolled back after its last test: not kept for the whole
# module, as its site takes the default site's place, and the demo's pages would have no address.
kept_world, copied = built_once(
    enrolment_world.programme_in_every_language, name="copied", scope="class"
)


@pytest.fixture
def programme_in_every_language(copied):
    """A programme with one edition open for enrolment, in pl, en and uk (made with
    wagtail-localize, as a translator makes them): (site, pages)."""
    return copied


@pytest.fixture
def site(copied):
    """The site of that programme, which is an ordinary (not a sensitive) one."""
    site, _pages = copied
    return site


def the_edition_described(client, page):
    service = one_of_type(json_ld(client.get(page.url)), "GovernmentService")
    (offer,) = service["offers"]
    return offer


class TestAProgrammeOfTheTestsOwn:
    """The JSON-LD of a programme built once for the class (`kept_world`): a class, so that it is
    gone before the demo tests above read the demo's pages, whichever order they run in."""

    # New dates, every language ---------------------------------------------------------------

    def test_new_edition_dates_show_in_the_json_ld_at_once_in_every_language(
        self, client, programme_in_every_language
    ):
        site, pages = programme_in_every_language
        before = {page.url: the_edition_described(client, page) for page in pages}  # all cached
        for offer in before.values():
            assert offer["itemOffered"]["startDate"] == site.edition.starts_on.isoformat()
            assert offer["itemOffered"]["maximumAttendeeCapacity"] == 10

        publish_polish_edition(
            site.programme,
            starts_on=NEW_START,
            ends_on=NEW_END,
            enrolment_opens_on=NEW_OPENS,
            enrolment_closes_on=NEW_CLOSES,
            places=7,
        )

        for page in pages:  # no translation was synchronised again
            offer = the_edition_described(client, page)
            assert offer["itemOffered"]["startDate"] == NEW_START.isoformat(), page.url
            assert offer["itemOffered"]["endDate"] == NEW_END.isoformat(), page.url
            assert offer["availabilityStarts"] == NEW_OPENS.isoformat(), page.url
            assert offer["availabilityEnds"] == NEW_CLOSES.isoformat(), page.url
            assert offer["itemOffered"]["maximumAttendeeCapacity"] == 7, page.url

    def test_the_enrolment_form_is_a_channel_only_while_the_page_offers_it(self, client, site):
        service = one_of_type(json_ld(client.get(site.programme.url)), "GovernmentService")
        assert site.form.full_url in values_of(service, "serviceUrl")

        publish_polish_edition(site.programme, **enrolment_closed_yesterday())
        response = client.get(site.programme.url)
        assert site.form.url not in response.content.decode()  # no "Apply" link on the page
        assert not values_of(one_of_type(json_ld(response), "GovernmentService"), "serviceUrl")

    # What an editor types cannot break out ---------------------------------------------------

    def test_a_title_with_a_closing_script_tag_stays_inside_the_json_ld(self, client, site):
        site.programme.title = BREAKING_TITLE
        programme = publish(site.programme)

        html = client.get(programme.url).content.decode()
        start = html.index('<script type="application/ld+json">') + len(
            '<script type="application/ld+json">'
        )
        block = html[start : html.index("</script>", start)]
        assert "<" not in block and ">" not in block and "&" not in block
        assert json.loads(block)["name"] == BREAKING_TITLE
        assert '<script>alert("x")' not in html
        service = one_of_type(json_ld(client.get(programme.url)), "GovernmentService")
        assert service["name"] == BREAKING_TITLE

    def test_the_json_ld_keeps_the_page_cacheable_under_the_strict_policy(self, client, site):
        """A data block is never executed: it needs no nonce, and a nonce would make the page
        private (mops_site.cache_headers)."""
        response = client.get(site.programme.url)
        assert 'type="application/ld+json"' in response.content.decode()
        policy = response["Content-Security-Policy"]
        assert "'nonce-" not in policy and "'unsafe-inline'" not in policy
        assert "public" in response["Cache-Control"]


# What an editor types cannot break out, whatever the page ------------------------------------


def test_the_json_ld_block_escapes_as_django_json_script_does():
    markup = str(json_ld_script({"name": "</script><!-- & -->"}))
    assert markup == (
        '<script type="application/ld+json">'
        '{"name":"\\u003C/script\\u003E\\u003C!-- \\u0026 --\\u003E"}</script>'
    )
