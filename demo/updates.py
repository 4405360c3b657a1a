"""Updates (news) of the demo: new editions, a change of team, opening hours, in our own words.

Every fact comes from the source pages: the editions' months, places, teams and responsible
people, the forms of support, the partners, the pandemic hours and the usual hours. An update
about an edition is dated on the edition's first (or last) day; the source gives months only.
The pandemic updates use the demo notices' dates (`institution.PANDEMIC_*`), which stand in for
dates the source does not give. Each programme also announces its example edition (not from
the source, see `programme_rows.example_edition`) on the day its enrolment opens.
"""

import datetime

from . import pal_lesnica, pas_kompas
from .institution import PANDEMIC_ENDS_AT, PANDEMIC_STARTS_AT
from .markup import paragraphs
from .pages import heading, page_link, text

NEWS_INDEX = {
    "slug": "aktualnosci",
    "title": "Aktualności",
    "lead": ("Wiadomości z MOPS i z naszych programów: nowe edycje, nabory i zmiany godzin pracy."),
}


def update(slug, date, title, lead, body):
    return {"slug": slug, "date": date, "title": title, "lead": lead, "body": body}


PAL_LESNICA = [
    update(
        "pierwsza-edycja-programu",
        datetime.date(2018, 9, 1),
        "Rusza pierwsza edycja programu w Leśnicy",
        "We wrześniu 2018 roku zaczyna się Program Aktywności Lokalnej dla mieszkańców "
        "Leśnicy. W pierwszej edycji jest 11 miejsc.",
        [
            text(
                paragraphs(
                    "Pierwsza edycja trwa od września 2018 do lipca 2019 roku. Program jest "
                    "dla mieszkańców osiedla Leśnica, którzy korzystają ze świadczeń pomocy "
                    "społecznej i są zagrożeni ubóstwem lub wykluczeniem społecznym.",
                    "Uczestników czeka intensywna praca socjalna – spotkania z pracownikiem "
                    "socjalnym co najmniej dwa razy w miesiącu – oraz treningi: rozwoju "
                    "osobistego, aktywności społecznej, umiejętności życiowych, obsługi "
                    "nowoczesnych urządzeń i autoprezentacji.",
                )
            ),
            heading("Partnerzy programu"),
            text(
                paragraphs(
                    "Program prowadzimy razem z dziesięcioma instytucjami z osiedla i z "
                    "Wrocławia. Są wśród nich Centrum Kultury Zamek, Rada Osiedla Leśnica, "
                    "szkoły podstawowe nr 22, 51 i 95 oraz Przedszkole nr 66. Pełną listę "
                    "partnerów podajemy na stronie programu.",
                    "Program prowadzi Zespół Terenowej Pracy Socjalnej nr 2 w ramach projektu "
                    "„PAS-ja”, współfinansowanego przez Unię Europejską ze środków "
                    "Europejskiego Funduszu Społecznego.",
                )
            ),
        ],
    ),
    update(
        "druga-edycja-programu",
        datetime.date(2019, 8, 1),
        "Druga edycja programu w Leśnicy",
        "Pierwsza edycja programu zakończyła się w lipcu 2019 roku. W sierpniu zaczyna się "
        "druga – znów dla 11 mieszkańców Leśnicy.",
        [
            text(
                paragraphs(
                    "Druga edycja trwa od sierpnia 2019 do czerwca 2020 roku.",
                    "Pytania o program możesz zadać koordynatorce, Magdalenie Lejkam, zastępcy "
                    "kierownika Zespołu Terenowej Pracy Socjalnej nr 2 (ul. Średzka 42, "
                    "tel. 71 349 28 59).",
                )
            ),
        ],
    ),
    update(
        "druga-edycja-zakonczona",
        datetime.date(2020, 6, 30),
        "Zakończyła się druga edycja programu w Leśnicy",
        "W czerwcu 2020 roku zakończyła się druga edycja Programu Aktywności Lokalnej dla "
        "osiedla Leśnica.",
        [
            text(
                paragraphs(
                    "Obie edycje trwały od września 2018 do czerwca 2020 roku. Każda miała "
                    "11 miejsc – razem program był przeznaczony dla 22 mieszkańców osiedla.",
                    "Opis programu, jego cel i spodziewane rezultaty znajdziesz nadal na "
                    "stronie programu.",
                )
            ),
        ],
    ),
]

PAS_KOMPAS = [
    update(
        "pierwsza-edycja-programu",
        datetime.date(2021, 5, 1),
        "Rusza program dla kobiet doświadczających przemocy",
        "W maju 2021 roku zaczyna się pierwsza edycja Programu Aktywności Społecznej "
        "w projekcie „KomPAS”. Jest w niej 10 miejsc.",
        [
            text(
                paragraphs(
                    "Pierwsza edycja trwa od maja 2021 do kwietnia 2022 roku. Prowadzi ją Zespół "
                    "Terenowej Pracy Socjalnej nr 4. Osobą odpowiedzialną jest Jolanta "
                    "Orszulak, zastępca kierownika zespołu, tel. 71 78 22 449.",
                    "Uczestniczki czeka między innymi 48 godzin treningów rozwoju osobistego, "
                    "60 godzin spotkań grupy wsparcia i 7-dniowy wyjazd na trening WenDo. "
                    "Każda dostaje tablet z dostępem do internetu.",
                    "Na czas zajęć zapewniamy opiekę nad dzieckiem lub inną osobą zależną, "
                    "poczęstunek i zwrot kosztów dojazdu.",
                )
            ),
        ],
    ),
    update(
        "druga-edycja-programu",
        datetime.date(2022, 5, 1),
        "Drugą edycję programu prowadzi Zespół nr 6",
        "Od maja 2022 roku trwa druga edycja programu dla kobiet doświadczających przemocy. "
        "Prowadzi ją Zespół Terenowej Pracy Socjalnej nr 6.",
        [
            text(
                paragraphs(
                    "Druga edycja trwa od maja 2022 do czerwca 2023 roku. Również w niej jest "
                    "10 miejsc. Pierwsza edycja, prowadzona przez Zespół Terenowej Pracy "
                    "Socjalnej nr 4, zakończyła się w kwietniu 2022 roku.",
                    "Osobą odpowiedzialną za drugą edycję jest Katarzyna Kopycka, zastępca "
                    "kierownika Zespołu Terenowej Pracy Socjalnej nr 6, tel. 506 381 533.",
                )
            ),
        ],
    ),
]

# Not from the source, like the example edition it announces: dated by the builder.
EXAMPLE_ENROLMENT_SLUG = "nabor-do-przykladowej-edycji"


# Each title names its programme: on the home page both stand side by side.
EXAMPLE_ENROLMENT_TITLES = {
    pal_lesnica.SLUG: "Trwa nabór do przykładowej edycji programu w Leśnicy",
    pas_kompas.SLUG: (
        "Trwa nabór do przykładowej edycji programu dla kobiet doświadczających przemocy"
    ),
}


def example_enrolment(programme_slug, opens_on, form_id):
    return update(
        EXAMPLE_ENROLMENT_SLUG,
        opens_on,
        EXAMPLE_ENROLMENT_TITLES[programme_slug],
        "Możesz wypróbować formularz zgłoszeniowy tego programu. Przykładowej edycji nie ma "
        "w opisie programu: dodaliśmy ją, aby pokazać, jak działa zgłoszenie.",
        [
            text(
                paragraphs(
                    f"Formularz znajdziesz na stronie {page_link(form_id, 'Zgłoś się do programu')}"
                    ". Terminy naboru i edycji podajemy na stronie programu, w części „Edycje”."
                )
            ),
        ],
    )


SITE_WIDE = [
    update(
        "dluzej-odbieramy-telefony",
        PANDEMIC_STARTS_AT.date(),
        "W czasie pandemii dłużej odbieramy telefony",
        "Sekretariat MOPS odbiera telefony od poniedziałku do piątku do godziny 19:00.",
        [
            text(
                paragraphs(
                    "Dzwoń pod numer 71 78 22 300 (albo kolejne, do 71 78 22 303).",
                    "Sprawy Karty Rodzina Plus i Karty Dużej Rodziny załatwisz w czasie pandemii "
                    "od poniedziałku do piątku w godzinach 8:00–15:00, przy ul. Strzegomskiej 6 "
                    "w pokoju 26. Telefony: 71 78 23 595 i 71 78 23 594.",
                )
            ),
        ],
    ),
    update(
        "godziny-pracy-mops-i-kas",
        PANDEMIC_ENDS_AT.date(),
        "Godziny pracy MOPS i kas",
        "Pracujemy od poniedziałku do piątku w godzinach 7:30–15:30. Kasy są czynne krócej, "
        "a w ostatni dzień miesiąca – tylko do 12:00.",
        [
            text(
                paragraphs(
                    "Siedziba MOPS przy ul. Strzegomskiej 6 jest czynna od poniedziałku do "
                    "piątku w godzinach 7:30–15:30. Część biur pracuje w innych godzinach – "
                    "podajemy je przy danych kontaktowych biura.",
                    "Kasy przy ul. Strzegomskiej 6 są czynne od poniedziałku do piątku "
                    "w godzinach 10:00–14:00, a w ostatni dzień miesiąca w godzinach "
                    "10:00–12:00.",
                )
            ),
        ],
    ),
]
