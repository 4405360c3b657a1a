"""Which pages the benchmark measures, read from the demo site in the run's database.

Run inside Django (`manage.py shell -c "from bench.pages import print_pages; print_pages()"`):
prints one JSON object, so that the benchmark itself needs no Django.
"""

import json

# A word from a form of support of the KomPAS programme: the search finds it (see
# tests/test_search_finds_programmes.py).
SEARCH_WORD = "WenDo"


def pages():
    from enrolment.models import EnrolmentFormPage
    from home.models import HomePage
    from programmes.models import ProgrammeIndexPage, ProgrammePage

    polish = {"locale__language_code": "pl"}
    programme = ProgrammePage.objects.live().get(eu_project__name="PAS-ja", **polish)
    form = EnrolmentFormPage.objects.live().child_of(programme).get()
    return {
        "home": HomePage.objects.live().get(**polish).url,
        "programme index": ProgrammeIndexPage.objects.live().get(**polish).url,
        "programme page": programme.url,
        "search": f"/search/?query={SEARCH_WORD}",
        "form page": form.url,
    }


def count_applications():
    from enrolment.models import Application

    return Application.objects.count()


def print_pages():
    print(json.dumps(pages()))  # noqa: T201


def print_application_count():
    print(json.dumps(count_applications()))  # noqa: T201
