"""The news list under the home page and the updates under it and under each programme."""

from programmes.models import NewsIndexPage, UpdatePage

from . import pal_lesnica, pas_kompas, updates as data
from .programme_rows import EXAMPLE_EDITION_TITLE
from .sync import upsert_page

# Each programme's updates, by the slug of its page.
PROGRAMME_UPDATES = {
    pal_lesnica.SLUG: data.PAL_LESNICA,
    pas_kompas.SLUG: data.PAS_KOMPAS,
}


def build_news_index(home, tally):
    values = {"title": data.NEWS_INDEX["title"], "lead": data.NEWS_INDEX["lead"]}
    news_index = upsert_page(home, NewsIndexPage, data.NEWS_INDEX["slug"], values, tally)
    for item in data.SITE_WIDE:
        _upsert_update(news_index, item, tally)
    return news_index


def build_programme_updates(programme_page, enrolment_form, tally):
    """The programme's own updates, and the announcement of its example edition's enrolment."""
    items = list(PROGRAMME_UPDATES[programme_page.slug])
    example = programme_page.editions.filter(title=EXAMPLE_EDITION_TITLE).first()
    if example is not None and example.enrolment_opens_on:
        items.append(
            data.example_enrolment(
                programme_page.slug, example.enrolment_opens_on, enrolment_form.pk
            )
        )
    return [_upsert_update(programme_page, item, tally) for item in items]


def _upsert_update(parent, item, tally):
    values = {"title": item["title"], "lead": item["lead"], "date": item["date"]}
    streams = {"body": item["body"]}
    return upsert_page(parent, UpdatePage, item["slug"], values, tally, streams=streams)
