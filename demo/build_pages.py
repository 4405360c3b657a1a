"""The programme list, the two programme pages and the standard content pages."""

from home.models import ContentPage
from programmes.models import ProgrammeIndexPage, ProgrammePage

from . import pages as data
from .example_edition import example_dates
from .sync import upsert_page

# Sections a programme may leave empty; each page states every one so reruns reset them.
OPTIONAL_TEXT_FIELDS = [
    "district",
    "introduction",
    "diagnosis",
    "eligibility",
    "competences_intro",
    "support_intro",
    "accompanying_support_intro",
    "financial_support",
    "progress_measurement",
]


def build_programme_index(home, tally):
    values = {
        "title": data.PROGRAMME_INDEX["title"],
        "lead": data.PROGRAMME_INDEX["lead"],
        "show_in_menus": True,
    }
    return upsert_page(home, ProgrammeIndexPage, data.PROGRAMME_INDEX["slug"], values, tally)


def build_programme(index, programme, organisation, tally, today):
    """`programme` is a data module such as `demo.pal_lesnica`; `today` dates its examples."""
    values = {
        **dict.fromkeys(OPTIONAL_TEXT_FIELDS, ""),
        "is_sensitive": False,
        **programme.FIELDS,
        "target_group": organisation.target_groups[programme.TARGET_GROUP],
        "eu_project": organisation.eu_projects[programme.EU_PROJECT],
    }
    examples = [
        {**example, **example_dates(_existing_example(index, programme, example), today)}
        for example in programme.EXAMPLE_EDITIONS
    ]
    editions = [
        {
            **edition,
            "team": organisation.teams[edition["team"]],
            "responsible_person": organisation.people[edition["responsible_person"]],
        }
        for edition in [*programme.EDITIONS, *examples]
    ]
    children = {
        "goals": [{"text": text} for text in programme.GOALS],
        "expected_results": [{"text": text} for text in programme.EXPECTED_RESULTS],
        "competence_groups": programme.COMPETENCE_GROUPS,
        "support_forms": programme.SUPPORT_FORMS,
        "accompanying_support": [{"text": text} for text in programme.ACCOMPANYING_SUPPORT],
        "partners": [{"partner": organisation.partners[name]} for name in programme.PARTNERS],
        "editions": editions,
    }
    return upsert_page(index, ProgrammePage, programme.SLUG, values, tally, children=children)


def _existing_example(index, programme, wanted):
    """The stored example edition, found by its key (number and title) as `sync_children` does."""
    page = index.get_children().filter(slug=programme.SLUG).first()
    if page is None:
        return None
    return (
        page.specific.editions.filter(number=wanted["number"], title=wanted["title"])
        .order_by("sort_order", "pk")
        .first()
    )


def _content_page(home, slug, content, tally):
    values = {"title": content["title"], "lead": content["lead"]}
    streams = {"body": content["body"]}
    return upsert_page(home, ContentPage, slug, values, tally, streams=streams)


def build_content_pages(home, programme_index, tally):
    """About us, cookies and privacy, in an order that lets each link to the ones before."""
    cookies = _content_page(home, data.COOKIES_SLUG, data.cookies(), tally)
    privacy = _content_page(home, data.PRIVACY_SLUG, data.privacy(cookies.pk), tally)
    about = _content_page(home, data.ABOUT_SLUG, data.about(programme_index.pk), tally)
    return {"about": about, "privacy": privacy, "cookies": cookies}
