"""The home page, the programme list and the standard pages (about us, privacy, cookies).

Bodies are StreamField data in Wagtail's raw JSON form. Links to other pages use Wagtail's
rich-text page links, so they follow the pages if their slugs change; the builder passes the ids.
"""

from django.conf import settings

from .institution import INSTITUTION, SETTINGS
from .markup import bullets, paragraphs
from .privacy_notice import months

HOME = {
    "slug": "home",
    "title": "Miejski Ośrodek Pomocy Społecznej we Wrocławiu",
    "lead": (
        "Programy, w których MOPS pomaga mieszkańcom Wrocławia rozwijać umiejętności i wrócić "
        "do aktywnego życia, oraz dane kontaktowe naszych biur."
    ),
}

PROGRAMME_INDEX = {
    "slug": "programy",
    "title": "Programy",
    "lead": (
        "Programy aktywności lokalnej i społecznej prowadzone przez MOPS. Przy każdym "
        "programie podajemy, dla kogo jest, kiedy trwają jego edycje i z kim się kontaktować."
    ),
}

ABOUT_SLUG = "o-nas"
PRIVACY_SLUG = "polityka-prywatnosci"
COOKIES_SLUG = "pliki-cookies"


def heading(text):
    return {"type": "heading", "value": {"text": text}}


def text(html):
    return {"type": "paragraph", "value": html}


def page_link(page_id, words):
    return f'<a linktype="page" id="{page_id}">{words}</a>'


def key_link(page_id):
    """A home-page link to one of our pages; its words come from the page's title."""
    return {"type": "link", "value": {"page": page_id, "url": "", "title": ""}}


RETENTION = months(settings.ENROLMENT_RETENTION_MONTHS)
ADDRESS = f"{INSTITUTION['street_address']}, {INSTITUTION['postal_code']} {INSTITUTION['city']}"


def about(programmes_id):
    return {
        "title": "O nas",
        "lead": (
            "Miejski Ośrodek Pomocy Społecznej we Wrocławiu (MOPS) wspiera mieszkańców miasta "
            "w trudnych sytuacjach życiowych."
        ),
        "body": [
            text(
                paragraphs(
                    f"Adres siedziby MOPS: {ADDRESS}. Oprócz pomocy społecznej "
                    "zajmujemy się m.in. świadczeniami rodzinnymi i alimentacyjnymi, dodatkami "
                    "mieszkaniowymi oraz Kartą Rodzina Plus i Kartą Dużej Rodziny. Przy MOPS "
                    "działa także Powiatowy Zespół ds. Orzekania o Niepełnosprawności."
                )
            ),
            heading("Programy aktywności"),
            text(
                paragraphs(
                    "W projektach współfinansowanych z Europejskiego Funduszu Społecznego "
                    "prowadzimy programy aktywności lokalnej (PAL) i społecznej (PAS). "
                    "Realizują je zespoły terenowej pracy socjalnej (ZTPS) – oddziały MOPS "
                    "z własnymi adresami.",
                    "Opisy programów znajdziesz na stronie "
                    f"{page_link(programmes_id, 'Programy')}.",
                )
            ),
            heading("Godziny pracy"),
            text(
                paragraphs(
                    "Pracujemy od poniedziałku do piątku w godzinach 7:30–15:30. Część biur "
                    "pracuje w innych godzinach – podajemy je przy danych kontaktowych biura."
                )
            ),
        ],
    }


def privacy(cookies_id):
    officer = SETTINGS["data_protection_officer_email"]
    officer_section = []
    if officer:
        officer_section = [
            heading("Inspektor ochrony danych"),
            text(
                paragraphs(
                    "W każdej sprawie dotyczącej Twoich danych możesz napisać do naszego "
                    f'inspektora ochrony danych: <a href="mailto:{officer}">{officer}</a>.'
                )
            ),
        ]
    return {
        "title": "Polityka prywatności",
        "lead": (
            "Jak chronimy dane osób, które korzystają z tej strony i zgłaszają się do programów."
        ),
        "body": [
            heading("Kto odpowiada za Twoje dane"),
            text(
                paragraphs(
                    f"Administratorem Twoich danych osobowych jest {INSTITUTION['name']}, "
                    f"{ADDRESS}, e-mail: {SETTINGS['email']}, tel. {SETTINGS['phone']}."
                )
            ),
            *officer_section,
            heading("Po co przetwarzamy dane"),
            text(
                bullets(
                    [
                        "Aby rozpatrzyć Twoje zgłoszenie do programu i skontaktować się z Tobą "
                        "w tej sprawie.",
                        "Aby prowadzić program, w którym bierzesz udział.",
                        "Aby strona działała bezpiecznie.",
                    ]
                )
            ),
            heading("Na jakiej podstawie"),
            text(
                paragraphs(
                    "Przetwarzamy dane, bo jest to potrzebne do wykonania zadań publicznych "
                    "MOPS, w tym zadań z zakresu pomocy społecznej (art. 6 ust. 1 lit. e RODO). "
                    "Informacje o zdrowiu albo o doświadczaniu przemocy, które podajesz w "
                    "zgłoszeniu, przetwarzamy, bo jest to niezbędne do udzielenia pomocy "
                    "społecznej (art. 9 ust. 2 lit. g i h RODO)."
                )
            ),
            heading("Kto zobaczy Twoje zgłoszenie"),
            text(
                paragraphs(
                    "Zgłoszenie do programu trafia tylko do zespołu MOPS, który prowadzi "
                    "wybraną edycję programu, i do osoby odpowiedzialnej za tę edycję."
                )
            ),
            heading("Jak długo przechowujemy dane"),
            text(
                paragraphs(
                    f"Dane ze zgłoszenia przechowujemy przez {RETENTION} po zakończeniu edycji "
                    "programu, a potem je usuwamy albo anonimizujemy. Dokumenty osób, które "
                    "biorą udział w programie, przechowujemy tak długo, jak wymagają tego "
                    "przepisy o archiwizacji dokumentów."
                )
            ),
            heading("Twoje prawa"),
            text(
                paragraphs("Masz prawo:")
                + bullets(
                    [
                        "wiedzieć, jakie dane o Tobie mamy, i dostać ich kopię,",
                        "poprawić dane, które są błędne,",
                        "żądać usunięcia danych lub ograniczenia ich przetwarzania, gdy "
                        "pozwalają na to przepisy,",
                        "sprzeciwić się przetwarzaniu danych,",
                        "złożyć skargę do Prezesa Urzędu Ochrony Danych Osobowych.",
                    ]
                )
            ),
            heading("Pliki cookies"),
            text(
                paragraphs(f"Zasady opisujemy na stronie {page_link(cookies_id, 'Pliki cookies')}.")
            ),
        ],
    }


def cookies():
    return {
        "title": "Pliki cookies",
        "lead": "Ta strona używa tylko tych plików cookies, bez których nie może działać.",
        "body": [
            text(
                paragraphs(
                    "Plik cookie to mały plik tekstowy, który strona zapisuje w Twojej "
                    "przeglądarce."
                )
            ),
            heading("Jakich plików używamy"),
            text(
                bullets(
                    [
                        "<b>csrftoken</b> – zapisujemy go, gdy otwierasz stronę z formularzem, "
                        "np. zgłoszeniem do programu. Chroni formularz przed wysłaniem "
                        "w Twoim imieniu przez inną stronę.",
                        "<b>sessionid</b> – pojawia się dopiero po zalogowaniu, np. gdy "
                        "pracownik MOPS loguje się do panelu redakcji. Pozwala pozostać "
                        "zalogowanym.",
                    ]
                )
            ),
            text(
                paragraphs(
                    "Nie używamy plików cookies do statystyk ani reklam. Te pliki są niezbędne "
                    "do działania strony, dlatego nie prosimy o zgodę na ich zapisanie.",
                    "Pliki cookies możesz usunąć lub zablokować w ustawieniach przeglądarki. "
                    "Bez pliku csrftoken nie wyślesz jednak formularza.",
                )
            ),
        ],
    }
