"""Updates (news) of a programme and of the whole site: where readers see them, in each
language, and their Atom feeds, which a feed reader can follow without an account."""

import datetime
import re

import pytest
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from demo.translate_catalogue import load_catalogues
from enrolment.models import EnrolmentFormPage
from home.models import HomePage
from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, UpdatePage

from .builders import make_programme
from .page_text import sections, visible_text
from .update_builders import make_update, restrict_with_password

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3339 date-time, as RFC 4287 requires for atom:updated and atom:published.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(locale__language_code="pl")


def translation_in(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def read_feed(client, page):
    response = client.get(page.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not response.cookies  # a feed reader needs no session: nothing personal to keep
    return ElementTree.fromstring(response.content)


def text_of(element, name):
    child = element.find(ATOM + name)
    assert child is not None, f"<{name}> is missing"
    return (child.text or "").strip()


def alternate_link(element):
    links = [link for link in element.findall(ATOM + "link") if link.get("rel") == "alternate"]
    assert len(links) == 1
    return links[0].get("href")


def assert_valid_atom(feed):
    """The elements RFC 4287 requires of a feed and of each entry, with absolute addresses."""
    assert feed.tag == ATOM + "feed"
    assert text_of(feed, "title")
    assert text_of(feed, "id").startswith("http")
    assert RFC3339.match(text_of(feed, "updated"))
    assert text_of(feed.find(ATOM + "author"), "name")  # or an author on every entry
    assert alternate_link(feed).startswith("http")
    self_link = [link for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]
    assert self_link[0].get("href").startswith("http")
    assert self_link[0].get("href").endswith("/feed/")
    for entry in feed.findall(ATOM + "entry"):
        assert text_of(entry, "title")
        assert text_of(entry, "id").startswith("http")
        assert RFC3339.match(text_of(entry, "updated"))
        assert RFC3339.match(text_of(entry, "published"))
        assert alternate_link(entry).startswith("http")
        assert text_of(entry, "summary")


def entry_titles(feed):
    return [text_of(entry, "title") for entry in feed.findall(ATOM + "entry")]


def test_a_programme_feed_lists_its_own_published_updates_newest_first(
    client, lesnica_programme, violence_programme
):
    older = make_update(lesnica_programme, title="Nabór w Leśnicy", date=datetime.date(2030, 1, 5))
    newer = make_update(lesnica_programme, title="Wyjście do Zamku", date=datetime.date(2030, 3, 1))
    draft = make_update(
        lesnica_programme, title="Szkic", date=datetime.date(2030, 4, 1), publish=False
    )
    other = make_update(violence_programme, title="Grupa wsparcia", date=datetime.date(2030, 2, 1))

    feed = read_feed(client, lesnica_programme)

    assert_valid_atom(feed)
    assert feed.get(XML_LANG) == "pl"
    titles = entry_titles(feed)
    assert titles[:2] == [newer.title, older.title]
    assert draft.title not in titles
    assert other.title not in titles
    demo_updates = UpdatePage.objects.child_of(lesnica_programme).live()
    assert len(titles) == demo_updates.count()
    first = feed.find(ATOM + "entry")
    assert alternate_link(first) == newer.full_url
    assert text_of(first, "summary") == newer.lead
    assert text_of(first, "published").startswith("2030-03-01T00:00:00")


def test_the_site_feed_lists_the_updates_of_both_programmes_and_of_the_news_list(
    client, news_index, lesnica_programme, violence_programme
):
    from_lesnica = make_update(lesnica_programme, date=datetime.date(2030, 1, 1))
    from_violence = make_update(violence_programme, date=datetime.date(2030, 1, 3))
    from_news = make_update(news_index, date=datetime.date(2030, 1, 2))

    feed = read_feed(client, news_index)

    assert_valid_atom(feed)
    titles = entry_titles(feed)
    assert titles[:3] == [from_violence.title, from_news.title, from_lesnica.title]
    assert alternate_link(feed) == news_index.full_url


def test_an_update_readers_may_not_see_stays_out_of_the_feeds(
    client, news_index, lesnica_programme
):
    private = make_update(lesnica_programme, title="Tylko dla zespołu")
    restrict_with_password(private)

    for page in (lesnica_programme, news_index):
        assert private.title not in entry_titles(read_feed(client, page))


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_feed_is_in_the_language_of_its_address(client, language, lesnica_programme):
    programme = translation_in(lesnica_programme, language)

    feed = read_feed(client, programme)

    assert_valid_atom(feed)
    assert feed.get(XML_LANG) == language
    updates = UpdatePage.objects.child_of(programme).live().order_by("-date")
    assert entry_titles(feed) == [update.title for update in updates]
    for entry in feed.findall(ATOM + "entry"):
        assert f"/{language}/" in alternate_link(entry)


def test_pages_tell_feed_readers_where_their_feed_is_and_show_it(
    client, home_page, news_index, lesnica_programme
):
    for page, feed_owner in [
        (lesnica_programme, lesnica_programme),
        (news_index, news_index),
        (home_page, news_index),
        (UpdatePage.objects.child_of(lesnica_programme).live().first(), lesnica_programme),
    ]:
        html = client.get(page.url).content.decode()
        head = html.split("</head>", 1)[0]
        feed_url = feed_owner.url + "feed/"
        assert re.search(
            rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="{feed_url}">',
            head,
        ), page.url
        if page.specific_class is not UpdatePage:
            main = html.split('<main id="main-content"', 1)[1]
            assert f'href="{feed_url}"' in main, page.url


def test_the_programme_page_shows_its_three_latest_updates_and_links_to_all_of_them(
    client, lesnica_programme, violence_programme
):
    dates = [datetime.date(2030, month, 1) for month in (1, 2, 3, 4)]
    updates = [make_update(lesnica_programme, date=day) for day in dates]
    draft = make_update(lesnica_programme, date=datetime.date(2030, 5, 1), publish=False)
    other = make_update(violence_programme, date=datetime.date(2030, 5, 1))

    html = client.get(lesnica_programme.url).content.decode()

    section = sections(html)["updates"]
    shown = [update.title for update in updates if update.title in section]
    assert shown == [update.title for update in updates[1:]]
    assert section.index(updates[3].title) < section.index(updates[1].title)
    assert draft.title not in section and other.title not in section
    assert 'href="/aktualnosci/?programme=pal-lesnica"' in html
    assert '<a href="#updates">' in html  # in the table of contents


def test_the_enrolment_button_still_leads_to_the_form_when_updates_come_first(
    client, violence_programme
):
    form = EnrolmentFormPage.objects.child_of(violence_programme).get()
    make_update(violence_programme)
    violence_programme.get_children().get(pk=form.pk).move(violence_programme, "last-child")

    response = client.get(violence_programme.url)

    assert response.context["enrolment_page"].pk == form.pk
    assert f'href="{form.url}"' in response.content.decode()


def queries_to_render(client, page):
    client.get(page.url)  # warm Wagtail's site and locale caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(captured)


def test_the_programme_page_costs_the_same_queries_however_many_updates_it_has(
    client, programme_index
):
    one_update = make_programme(programme_index)
    make_update(one_update)
    many_updates = make_programme(programme_index)
    for month in range(1, 7):
        make_update(many_updates, date=datetime.date(2030, month, 1))

    assert queries_to_render(client, many_updates) == queries_to_render(client, one_update)


def test_the_home_page_shows_the_latest_updates_across_the_site_with_their_programmes(
    client, home_page, news_index, lesnica_programme, violence_programme
):
    newest = make_update(violence_programme, date=datetime.date(2031, 3, 1))
    second = make_update(news_index, date=datetime.date(2031, 2, 1))
    third = make_update(lesnica_programme, date=datetime.date(2031, 1, 1))
    fourth = make_update(lesnica_programme, date=datetime.date(2030, 12, 1))

    html = client.get(home_page.url).content.decode()

    section = sections(html)["latest-updates-heading"]
    assert [newest.title, second.title, third.title] == [
        title for title in (newest.title, second.title, third.title) if title in section
    ]
    assert section.index(newest.title) < section.index(second.title) < section.index(third.title)
    assert fourth.title not in section
    assert violence_programme.title in section and lesnica_programme.title in section
    assert f'href="{news_index.url}"' in html


def test_an_update_shows_its_date_lead_and_content_and_leads_back_to_its_programme(
    client, lesnica_programme
):
    update = UpdatePage.objects.child_of(lesnica_programme).get(slug="pierwsza-edycja-programu")

    html = client.get(update.url).content.decode()

    text = visible_text(html.split('<main id="main-content"', 1)[1])
    assert '<time datetime="2018-09-01">1 września 2018</time>' in html
    assert update.lead in text
    assert "Centrum Kultury Zamek" in text  # from the content
    assert f'href="{lesnica_programme.url}"' in html
    assert html.count("<h1") == 1
    assert f'<meta name="description" content="{update.lead}">' in html


def kept_view(client, page):
    """The page as a visitor sees it once it is kept as HTML: the second view reads nothing
    from the database."""
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert len(queries) == 0, [query["sql"][:120] for query in queries.captured_queries]
    return html


def test_an_update_corrected_and_its_programme_renamed_show_on_the_next_view(
    client, lesnica_programme
):
    """An update's page is kept as HTML for visitors: a published correction, and a new name of
    its programme, show at once all the same."""
    update = UpdatePage.objects.child_of(lesnica_programme).get(slug="pierwsza-edycja-programu")
    html = kept_view(client, update)
    assert update.lead in html and "Poprawiony wstęp" not in html

    update.lead = "Poprawiony wstęp aktualności."
    update.save_revision().publish()
    assert "Poprawiony wstęp aktualności." in client.get(update.url).content.decode()

    lesnica_programme.title = "Program pod nowym tytułem"
    lesnica_programme.save_revision().publish()
    assert "Program pod nowym tytułem" in client.get(update.url).content.decode()


def test_a_document_replaced_shows_its_new_title_and_address_on_a_kept_update(
    client, lesnica_programme
):
    """The link to a document in an update's content leads to the file the document holds now:
    an old address, once the file is replaced, answers 404."""
    document = get_document_model().objects.create(
        title="Regulamin naboru", file=ContentFile(b"%PDF-1.4 pierwszy", name="regulamin.pdf")
    )
    update = UpdatePage.objects.child_of(lesnica_programme).get(slug="pierwsza-edycja-programu")
    update.body = [("document", {"document": document, "title": ""})]
    update.save_revision().publish()
    html = kept_view(client, update)
    assert "Regulamin naboru" in html and document.url in html

    document.title = "Regulamin naboru, wersja z poprawkami"
    document.file = ContentFile(b"%PDF-1.4 drugi", name="regulamin-poprawiony.pdf")
    document.save()

    html = client.get(update.url).content.decode()
    assert "Regulamin naboru, wersja z poprawkami" in html
    assert document.url in html


def test_an_update_of_a_sensitive_programme_sends_no_referrer_and_every_update_offers_the_exit(
    client, violence_programme, lesnica_programme
):
    sensitive = UpdatePage.objects.child_of(violence_programme).live().first()
    response = client.get(sensitive.url)
    assert "data-quick-exit" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"

    other = client.get(UpdatePage.objects.child_of(lesnica_programme).live().first().url)
    assert "data-quick-exit" in other.content.decode()
    assert other["Referrer-Policy"] != "no-referrer"


@pytest.mark.parametrize("language", ["en", "uk"])
def test_every_demo_update_is_published_in_the_language_with_its_translated_title(client, language):
    catalogue = load_catalogues([language])[0][language]
    polish_updates = UpdatePage.objects.filter(locale__language_code="pl").live()
    assert polish_updates.count() >= 6
    for polish in polish_updates:
        update = translation_in(polish, language)
        response = client.get(update.url)
        html = response.content.decode()
        assert response.status_code == 200, update.url
        assert update.url.startswith(f"/{language}/")
        assert f'<html lang="{language}">' in html
        assert update.title == catalogue.get(polish.title)
        assert update.date == polish.date
        assert visible_text(update.title) in visible_text(html)


def test_the_demo_gives_each_programme_and_the_news_list_a_few_updates(news_index):
    for programme in ProgrammePage.objects.filter(locale__language_code="pl"):
        assert 2 <= UpdatePage.objects.child_of(programme).live().count() <= 4
    assert 2 <= UpdatePage.objects.child_of(news_index).live().count() <= 4


def test_search_finds_an_update_by_words_in_its_content(client, news_index):
    update = UpdatePage.objects.child_of(news_index).get(slug="godziny-pracy-mops-i-kas")
    html = client.get("/search/", {"query": "kasy"}).content.decode()
    assert update.title in html


def test_an_image_on_an_update_needs_its_alternative_text(lesnica_programme):
    update = UpdatePage.objects.child_of(lesnica_programme).live().first()
    update.image = get_image_model().objects.first()
    update.image_alt_text = ""
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "image_alt_text" in error.value.message_dict

    update.image_alt_text = "Uczestnicy programu na zajęciach"
    update.full_clean()


def test_an_update_with_an_image_shows_it_with_its_alternative_text(client, news_index):
    update = make_update(
        news_index,
        image=get_image_model().objects.first(),
        image_alt_text="Znaki Funduszy Europejskich",
    )
    html = client.get(update.url).content.decode()
    assert re.search(r'<img [^>]*alt="Znaki Funduszy Europejskich"', html)


def test_updates_live_only_under_a_programme_or_in_the_news_list(home_page):
    assert set(UpdatePage.allowed_parent_page_models()) == {ProgrammePage, NewsIndexPage}
    assert set(UpdatePage.allowed_subpage_models()) == set()
    assert set(NewsIndexPage.allowed_parent_page_models()) == {HomePage}
    assert set(NewsIndexPage.allowed_subpage_models()) == {UpdatePage}
    assert set(ProgrammePage.allowed_subpage_models()) == {EnrolmentFormPage, UpdatePage}
    assert NewsIndexPage in set(HomePage.allowed_subpage_models())
    assert ProgrammeIndexPage in set(HomePage.allowed_subpage_models())
    assert not NewsIndexPage.can_create_at(home_page)  # the demo has one already


def test_an_update_cannot_take_the_address_of_the_feed(lesnica_programme):
    update = UpdatePage.objects.child_of(lesnica_programme).live().first()
    update.slug = "feed"
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "slug" in error.value.message_dict


def test_an_editor_publishes_an_update_under_a_programme_in_the_admin(
    client, django_user_model, lesnica_programme
):
    editor = django_user_model.objects.create_superuser("redaktorka", "r@example.org", "x")
    client.force_login(editor)
    add_url = reverse(
        "wagtailadmin_pages:add", args=["programmes", "updatepage", lesnica_programme.pk]
    )
    assert client.get(add_url).status_code == 200

    data = nested_form_data(
        {
            "title": "Nowy partner programu",
            "slug": "nowy-partner-programu",
            "date": "2030-02-01",
            "lead": "Do programu dołącza nowa instytucja.",
            "body": streamfield([("paragraph", rich_text("<p>Szczegóły podamy wkrótce.</p>"))]),
            "image_alt_text": "",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(add_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    update = UpdatePage.objects.child_of(lesnica_programme).get(slug="nowy-partner-programu")
    assert update.live
    client.logout()
    assert update.title in entry_titles(read_feed(client, lesnica_programme))
