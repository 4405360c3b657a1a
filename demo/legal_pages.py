"""The accessibility statement, the easy-to-read and sign-language pages, and how to hide a visit.

The facts come from the seeds (see `institution`). What the seeds do not say is not invented: the
description of the buildings' accessibility and the sign-language recording are said to be in
preparation, with whom to call meanwhile. Rich-text links to other pages use Wagtail's page links;
the builder passes the ids.
"""

import datetime
import uuid

from home.phone_numbers import tel_href

from .institution import CONTACT_POINTS, INSTITUTION, SETTINGS
from .markup import bullets, paragraphs

# The day this project's site was first published. A fixed date, not the day of the build, keeps
# the command idempotent; a real statement changes it by hand after each significant update.
PUBLISHED_ON = datetime.date(2026, 11, 22)

STATEMENT_SLUG = "deklaracja-dostepnosci"
EASY_READ_SLUG = "tekst-latwy-do-czytania"
SIGN_LANGUAGE_SLUG = "polski-jezyk-migowy"
HIDE_VISIT_SLUG = "jak-ukryc-wizyte"

ADDRESS = f"{INSTITUTION['street_address']}, {INSTITUTION['postal_code']} {INSTITUTION['city']}"
EMAIL = SETTINGS["email"]
FAX = SETTINGS["fax"]
SECRETARIAT_PHONE = CONTACT_POINTS[0]["phones"][0]["number"]
HELPLINE_PHONE = CONTACT_POINTS[1]["phones"][0]["number"]

# The Ombudsman's website, where a request to the Ombudsman can be made.
OMBUDSMAN_URL = "https://bip.brpo.gov.pl/"


def page_link(page_id, words):
    return f'<a linktype="page" id="{page_id}">{words}</a>'


def mail_link(address):
    return f'<a href="mailto:{address}">{address}</a>'


def phone_link(number):
    return f'<a href="{tel_href(number)}">{number}</a>'


def statement(website_url, easy_read_id, sign_language_id, hide_visit_id):
    """The field values of the accessibility statement page."""
    return {
        "title": "Deklaracja dostępności",
        "lead": (
            "Jak dostępna jest ta strona, czego jeszcze na niej brakuje i jak zgłosić problem "
            "z dostępnością."
        ),
        "entity_name": INSTITUTION["name"],
        "website_url": website_url,
        "published_on": PUBLISHED_ON,
        "last_updated_on": PUBLISHED_ON,
        "compliance_status": "partial",
        "non_compliant_content": bullets(
            [
                "Nie ma jeszcze nagrania w polskim języku migowym. Na stronie "
                f"{page_link(sign_language_id, 'Informacje w polskim języku migowym')} "
                "jest na razie jego tekst.",
                "Dokumenty do pobrania, które dodają pracownicy MOPS (np. pliki PDF), mogą "
                "nie być w pełni dostępne – na przykład skany bez warstwy tekstowej.",
            ]
        )
        + paragraphs(
            "Jeśli potrzebujesz treści takiego dokumentu w innej formie, napisz albo zadzwoń "
            "do nas – dane kontaktowe są niżej."
        ),
        "exemptions": "",
        "disproportionate_burden": "",
        "prepared_on": PUBLISHED_ON,
        "reviewed_on": None,
        "assessment_method": "self",
        "auditor_name": "",
        "accessibility_features": bullets(
            [
                "Na początku każdej strony jest odnośnik „Przejdź do treści strony”.",
                "Strona jest po polsku, angielsku i ukraińsku.",
                "Informacje o MOPS są też w "
                f"{page_link(easy_read_id, 'tekście łatwym do czytania')}.",
            ]
        ),
        "keyboard_shortcuts": paragraphs(
            "Na stronie działają standardowe skróty klawiszowe przeglądarki.",
            "Na stronach programów dla osób doznających przemocy jest przycisk „Wyjdź ze "
            "strony”. Zamiast go klikać, możesz trzy razy szybko nacisnąć klawisz Shift – "
            "przeglądarka od razu otworzy inną, neutralną stronę. Więcej na stronie "
            f"{page_link(hide_visit_id, 'Jak ukryć wizytę na tej stronie')}.",
        ),
        "contact_person": "Sekretariat MOPS",
        "contact_email": EMAIL,
        "contact_phone": SETTINGS["phone"],
        "complaint_procedure": paragraphs(
            "Każdy ma prawo zażądać, żeby strona internetowa albo jej część była dostępna "
            "cyfrowo. Możesz też poprosić, żebyśmy przekazali Ci informację w inny sposób – "
            "na przykład odczytali niedostępny dokument albo opisali zawartość filmu.",
            "W żądaniu podaj:",
        )
        + bullets(
            [
                "swoje imię i nazwisko,",
                "o którą stronę albo jej część chodzi,",
                "jak mamy się z Tobą skontaktować,",
                "w jakiej formie chcesz dostać informację, jeśli prosisz o inny sposób dostępu.",
            ]
        )
        + paragraphs(
            f"Żądanie wyślij e-mailem na adres {mail_link(EMAIL)}, pocztą na adres {ADDRESS} "
            "albo złóż w sekretariacie.",
            "Spełnimy żądanie niezwłocznie, najpóźniej w ciągu 7 dni od jego otrzymania. "
            "Jeśli nie zdążymy, od razu napiszemy, kiedy to zrobimy – nie później niż "
            "w ciągu 2 miesięcy od otrzymania żądania. Jeśli nie będziemy mogli zapewnić "
            "dostępności, zaproponujemy inny sposób dostępu do informacji.",
            "Jeśli odmówimy spełnienia żądania albo zapewnienia innego sposobu dostępu, możesz "
            "złożyć skargę. Rozpatrujemy ją na zasadach Kodeksu postępowania "
            "administracyjnego.",
            "Po wyczerpaniu tej procedury możesz złożyć wniosek do "
            f'<a href="{OMBUDSMAN_URL}">Rzecznika Praw Obywatelskich</a>.',
        ),
        "mobile_apps": "",
        "architectural_accessibility": paragraphs(
            f"Opis dostępności architektonicznej siedziby MOPS ({ADDRESS}) i pozostałych "
            "biur jest w przygotowaniu.",
            "Jeśli potrzebujesz pomocy, żeby dotrzeć do biura albo załatwić w nim sprawę, "
            f"zadzwoń przed wizytą do sekretariatu: {phone_link(SECRETARIAT_PHONE)} albo "
            f"napisz: {mail_link(EMAIL)}. Powiedz, jakiej pomocy potrzebujesz – ustalimy "
            "z Tobą, jak możemy pomóc.",
            "Do budynków MOPS możesz wejść z psem asystującym.",
        ),
        "architectural_accessibility_url": "",
        "communication_accessibility": paragraphs(
            "Osoby głuche i słabosłyszące mogą skontaktować się z nami:"
        )
        + bullets(
            [
                f"e-mailem: {mail_link(EMAIL)},",
                f"faksem: {FAX},",
                f"listownie: {ADDRESS}.",
            ]
        )
        + paragraphs(
            "Jeśli na spotkaniu w MOPS potrzebujesz tłumacza polskiego języka migowego (PJM), "
            "zgłoś to, najlepiej co najmniej 3 dni robocze przed wizytą.",
            "Czym zajmuje się MOPS, opisujemy też w "
            f"{page_link(easy_read_id, 'tekście łatwym do czytania')} i na stronie "
            f"{page_link(sign_language_id, 'Informacje w polskim języku migowym')}. Nagranie "
            "w PJM jest w przygotowaniu; na stronie jest już jego tekst.",
        ),
    }


def _heading(text):
    return {"type": "heading", "value": text}


def _paragraph(text):
    return {"type": "paragraph", "value": text}


def _list(items):
    """A list block in Wagtail's stored form; item ids derive from the text so reruns match."""
    return {
        "type": "list",
        "value": [
            {"type": "item", "value": item, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, item))}
            for item in items
        ],
    }


EASY_READ = {
    "title": "Tekst łatwy do czytania",
    "lead": "Tu piszemy prosto, czym zajmuje się MOPS i jak się z nami skontaktować.",
}


def easy_read_body():
    """Short sentences, one idea a line."""
    return [
        _heading("Kim jesteśmy"),
        _paragraph("Jesteśmy Miejskim Ośrodkiem Pomocy Społecznej we Wrocławiu."),
        _paragraph("W skrócie: MOPS."),
        _paragraph("Pomagamy mieszkańcom Wrocławia, którzy są w trudnej sytuacji."),
        _heading("Czym się zajmujemy"),
        _paragraph("W MOPS możesz:"),
        _list(
            [
                "dostać pomoc społeczną,",
                "złożyć wniosek o świadczenia rodzinne,",
                "złożyć wniosek o pieniądze z funduszu alimentacyjnego,",
                "złożyć wniosek o dodatek mieszkaniowy,",
                "załatwić sprawy Karty Rodzina Plus i Karty Dużej Rodziny.",
            ]
        ),
        _paragraph("Przy MOPS działa zespół, który wydaje orzeczenia o niepełnosprawności."),
        _paragraph("Prowadzimy też programy. W programach ludzie uczą się nowych umiejętności."),
        _heading("Gdzie jesteśmy"),
        _paragraph("Nasz adres:"),
        _paragraph(ADDRESS),
        _paragraph("Niektóre biura są w innych miejscach."),
        _paragraph("Adresy tych biur są na dole każdej strony."),
        _heading("Kiedy pracujemy"),
        _paragraph("Pracujemy od poniedziałku do piątku."),
        _paragraph("Pracujemy od 7:30 do 15:30."),
        _paragraph("Niektóre biura pracują w innych godzinach."),
        _heading("Jak się z nami skontaktować"),
        _paragraph("Możesz do nas zadzwonić:"),
        _list([f"sekretariat: {SECRETARIAT_PHONE}", f"infolinia: {HELPLINE_PHONE}"]),
        _paragraph(f"Możesz napisać e-mail: {EMAIL}"),
        _paragraph("Możesz też przyjść do nas."),
        _heading("Jak do nas dotrzeć"),
        _paragraph("Potrzebujesz pomocy, żeby do nas dotrzeć?"),
        _paragraph("Zadzwoń do nas przed wizytą."),
        _paragraph("Powiedz, jakiej pomocy potrzebujesz."),
        _paragraph("Możesz przyjść z osobą, której ufasz."),
    ]


SIGN_LANGUAGE = {
    "title": "Informacje w polskim języku migowym",
    "lead": "Czym zajmuje się MOPS – w polskim języku migowym (PJM) i w tekście.",
}


def sign_language_transcript():
    """The essentials in plain Polish: what the recording will say."""
    return paragraphs(
        "Dzień dobry. Jesteśmy Miejskim Ośrodkiem Pomocy Społecznej we Wrocławiu, w skrócie MOPS.",
        "Pomagamy mieszkańcom Wrocławia w trudnych sytuacjach życiowych. Zajmujemy się pomocą "
        "społeczną, świadczeniami rodzinnymi i alimentacyjnymi, dodatkami mieszkaniowymi oraz "
        "Kartą Rodzina Plus i Kartą Dużej Rodziny. Przy MOPS działa Powiatowy Zespół ds. "
        "Orzekania o Niepełnosprawności. Prowadzimy też programy aktywności lokalnej "
        "i społecznej.",
        "Nasza siedziba jest we Wrocławiu, przy ul. Strzegomskiej 6. Pracujemy od "
        "poniedziałku do piątku w godzinach 7:30–15:30.",
        f"Osoby głuche mogą napisać do nas e-mail: {mail_link(EMAIL)} albo wysłać faks: {FAX}.",
        "Jeśli na spotkaniu potrzebujesz tłumacza polskiego języka migowego, zgłoś to, "
        "najlepiej co najmniej 3 dni robocze przed wizytą.",
    )


def _content_heading(text):
    return {"type": "heading", "value": {"text": text}}


def _content_text(html):
    return {"type": "paragraph", "value": html}


HIDE_VISIT = {
    "title": "Jak ukryć wizytę na tej stronie",
    "lead": (
        "Jeśli ktoś może sprawdzać, jakie strony odwiedzasz, te wskazówki pomogą Ci ukryć "
        "wizytę na naszej stronie."
    ),
}


def hide_visit_body():
    return [
        _content_heading("Jeśli grozi Ci niebezpieczeństwo"),
        _content_text(
            paragraphs(
                f"Gdy zagrożone jest Twoje życie lub zdrowie, dzwoń pod numer alarmowy "
                f"{phone_link('112')}.",
                "Ogólnopolski telefon dla osób doznających przemocy domowej „Niebieska Linia”: "
                f"{phone_link('800 120 002')}. Połączenie jest bezpłatne.",
                f"Możesz też zadzwonić do nas: {phone_link(SECRETARIAT_PHONE)}.",
            )
        ),
        _content_heading("Przeglądaj w oknie prywatnym"),
        _content_text(
            paragraphs(
                "Okno prywatne (incognito) po zamknięciu nie zostawia historii przeglądania "
                "ani plików cookies. Otworzysz je skrótem klawiszowym:"
            )
            + bullets(
                [
                    "Chrome, Edge i Opera: Ctrl+Shift+N,",
                    "Firefox: Ctrl+Shift+P,",
                    "Safari na komputerze Mac: Cmd+Shift+N.",
                ]
            )
            + paragraphs(
                "Na telefonie znajdziesz okno prywatne w menu przeglądarki.",
                "Okno prywatne nie chroni przed programem szpiegującym, który ktoś zainstalował "
                "na urządzeniu.",
            )
        ),
        _content_heading("Usuń historię przeglądania"),
        _content_text(
            paragraphs(
                "Jeśli nie korzystasz z okna prywatnego, usuń naszą stronę z historii "
                "przeglądarki. W większości przeglądarek historię otwiera skrót Ctrl+H, "
                "a okno usuwania danych – Ctrl+Shift+Delete.",
                "Usunięcie całej historii może zwrócić czyjąś uwagę. Czasem bezpieczniej jest "
                "usunąć tylko wpisy z naszej strony.",
            )
        ),
        _content_heading("Przycisk „Wyjdź ze strony”"),
        _content_text(
            paragraphs(
                "Na stronach programów dla osób doznających przemocy jest przycisk „Wyjdź ze "
                "strony”. Po jego kliknięciu od razu otworzy się inna, neutralna strona.",
                "Zamiast klikać, możesz trzy razy szybko nacisnąć klawisz Shift.",
                "Przycisk nie usuwa całej historii przeglądania. Po wyjściu usuń naszą stronę "
                "z historii albo korzystaj z okna prywatnego.",
            )
        ),
        _content_heading("Korzystaj z bezpiecznego urządzenia"),
        _content_text(
            paragraphs(
                "Jeśli możesz, korzystaj z telefonu lub komputera, do którego osoba stosująca "
                "przemoc nie ma dostępu – na przykład u zaufanej osoby, w pracy albo "
                "w bibliotece.",
                "Połączenia zostają w historii połączeń telefonu, a wiadomości e-mail – "
                "w skrzynce pocztowej. Możesz je usunąć.",
            )
        ),
    ]
