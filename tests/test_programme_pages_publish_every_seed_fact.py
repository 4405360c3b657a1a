"""Both demo programmes show every section of their source pages, with its facts."""

import pytest

from .page_text import sections, seed_editions, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LESNICA_PARTNERS = [
    "Centrum Kultury Zamek",
    "Źródełko",
    "Rada Osiedla Leśnica",
    "Szkoła Podstawowa Nr 51",
    "Szkoła Podstawowa Nr 22",
    "Szkoła Podstawowa Nr 95",
    "Przedszkole Nr 66",
    "Młodzieżowy Ośrodek Socjoterapii Nr 2",
    "dla Dzieci Niewidomych i Słabowidzących",
    "W Naszym Domu",
]


@pytest.fixture
def violence_page(client, violence_programme):
    response = client.get(violence_programme.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lesnica_page(client, lesnica_programme):
    response = client.get(lesnica_programme.url)
    assert response.status_code == 200
    return response.content.decode()


class TestViolenceVictimsProgramme:
    def test_forms_of_support_carry_their_hours_and_units(self, violence_page):
        support = sections(violence_page)["support"]
        assert "48 godzin dydaktycznych" in support
        assert "średnio 4 godziny zegarowe miesięcznie na osobę" in support
        assert "16 godzin dydaktycznych" in support
        assert "32 godziny dydaktyczne" in support
        assert "60 godzin dydaktycznych" in support
        assert "średnio 4 godziny zegarowe na osobę" in support

    def test_wendo_is_a_seven_day_residential_training(self, violence_page):
        support = sections(violence_page)["support"]
        wendo = support[support.index("WenDo") :]
        assert "7 dni" in wendo[:400]

    def test_each_edition_has_ten_places_and_its_own_team_and_dates(self, violence_page):
        first, second = seed_editions(violence_page)
        assert "10 miejsc" in first and "10 miejsc" in second
        assert "maj 2021 – kwiecień 2022" in first
        assert "Zespół Terenowej Pracy Socjalnej nr 4" in first
        assert "Jolanta Orszulak" in first
        assert "maj 2022 – czerwiec 2023" in second
        assert "Zespół Terenowej Pracy Socjalnej nr 6" in second
        assert "Katarzyna Kopycka" in second

    def test_four_groups_of_competences_are_listed(self, violence_page):
        competences = sections(violence_page)["competences"]
        for group in ("osobiste", "Praktyczne umiejętności życiowe", "społeczne", "E-kompetencje"):
            assert group in competences

    def test_accompanying_and_financial_support_and_progress_are_published(self, violence_page):
        found = sections(violence_page)
        for item in ("dzieckiem", "Poczęstunek", "NNW", "ochrony osobistej", "dojazdu"):
            assert item.lower() in found["accompanying-support"].lower()
        assert "zasił" in found["financial-support"]
        progress = found["progress"].lower()
        assert "kontrakt socjalny" in progress
        assert "model" in progress and "kompetencji" in progress

    def test_contacts_come_from_the_editions_people(self, violence_page):
        contact = sections(violence_page)["contact"]
        assert "71 78 22 449" in contact
        assert "506 381 533" in contact
        assert 'href="mailto:jolanta.orszulak@example.org"' in violence_page
        assert 'href="mailto:katarzyna.kopycka@example.org"' in violence_page

    def test_the_eu_logo_strip_appears_with_its_alternative_text(
        self, violence_page, violence_programme
    ):
        alt = violence_programme.eu_project.logo_strip_alt_text
        assert alt
        assert f'alt="{alt}"' in violence_page
        assert "KomPAS" in sections(violence_page)["funding"]


class TestLesnicaProgramme:
    def test_all_ten_partners_are_listed(self, lesnica_page):
        partners = sections(lesnica_page)["partners"]
        for partner in LESNICA_PARTNERS:
            assert partner in partners

    def test_district_profile_and_diagnosis_are_published(self, lesnica_page):
        found = sections(lesnica_page)
        assert "12 677" in found["about"]
        assert found["diagnosis"].count("–") >= 4  # the four areas of deficits

    def test_target_group_and_places(self, lesnica_page):
        # The seed's 22 residents are its two editions of 11: shown per edition, never typed.
        assert "mieszkańców osiedla Leśnica" in sections(lesnica_page)["eligibility"]
        assert not any(char.isdigit() for char in sections(lesnica_page)["eligibility"])
        first, second = seed_editions(lesnica_page)
        assert "11 miejsc" in first and "11 miejsc" in second

    def test_editions_are_given_as_month_ranges(self, lesnica_page):
        first, second = seed_editions(lesnica_page)
        assert "wrzesień 2018 – lipiec 2019" in first
        assert "sierpień 2019 – czerwiec 2020" in second

    def test_one_goal_and_seven_expected_results(self, lesnica_page, lesnica_programme):
        assert lesnica_programme.goals.count() == 1
        results = lesnica_programme.expected_results.all()
        assert len(results) == 7
        assert all(result.text in visible_text(lesnica_page) for result in results)

    def test_six_forms_of_support_one_with_a_frequency(self, lesnica_page, lesnica_programme):
        assert lesnica_programme.support_forms.count() == 6
        assert "co najmniej 2 razy w miesiącu" in sections(lesnica_page)["support"]

    def test_the_coordinator_and_team_two_address(self, lesnica_page):
        contact = sections(lesnica_page)["contact"]
        assert "Magdalena Lejkam" in contact
        assert "ul. Średzka 42" in contact
        assert "54-017 Wrocław" in contact
        assert 'href="mailto:magdalena.lejkam@example.org"' in lesnica_page

    def test_funding_names_the_project_and_the_fund(self, lesnica_page):
        funding = sections(lesnica_page)["funding"]
        assert "PAS-ja" in funding
        assert "Europejski Fundusz Społeczny" in funding or "Europejskiego Funduszu" in funding


def test_site_wide_contacts_are_on_every_page(client, lesnica_programme):
    html = client.get(lesnica_programme.url).content.decode()
    footer = visible_text(html.split("<footer", 1)[1])
    for fact in ("ul. Strzegomska 6", "53-611", "71 78 22 322", "Kasy", "pokój 316"):
        assert fact in footer
