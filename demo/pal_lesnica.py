"""The Local Activity Programme (PAL) for Leśnica, from source page 000, in our own words.

The source has no competences, accompanying support, allowances or progress measurement for
this programme, and no amount of hours for its forms of support: those stay empty.
"""

import datetime

from enrolment.input_purposes import InputPurpose
from programmes.models import FrequencyPeriod, ProgrammeType, SupportMode

from .markup import bullets, numbered, paragraphs
from .organisation import LEJKAM, LESNICA_PARTNERS, LESNICA_RESIDENTS, PASJA
from .programme_rows import edition, example_edition, question, support_form

SLUG = "pal-lesnica"

FIELDS = {
    "title": "Program Aktywności Lokalnej dla osiedla Leśnica",
    "lead": (
        "Zajęcia grupowe i indywidualne wsparcie dla mieszkańców Leśnicy, którzy korzystają "
        "z pomocy MOPS. Program pomaga rozwinąć umiejętności potrzebne na co dzień i nawiązać "
        "kontakty z sąsiadami."
    ),
    "programme_type": ProgrammeType.LOCAL_ACTIVITY,
    "district": "Leśnica",
    "introduction": paragraphs(
        "Leśnica to osiedle w zachodniej części Wrocławia, w którym mieszka 12 677 osób. "
        "Jest rozległe i leży daleko od centrum, a komunikacja miejska jest tu słabo "
        "rozwinięta.",
        "Na osiedlu brakuje domów kultury, bibliotek publicznych, kawiarni i restauracji – "
        "miejsc, w których ludzie mogą się spotkać. Dlatego część mieszkańców, zwłaszcza osoby "
        "starsze i chore, żyje w izolacji: nie korzysta z kultury i rozrywki poza okolicą, "
        "a w lokalnych wydarzeniach trudno im uczestniczyć, bo miejsca, w których się odbywają, "
        "nie są przystosowane do potrzeb osób z niepełnosprawnościami.",
    ),
    "diagnosis": paragraphs(
        "Badania pokazały, że wielu mieszkańców zna się i utrzymuje dobre relacje sąsiedzkie. "
        "Jest jednak grupa osób, które czują się samotne – najczęściej z powodu "
        "niepełnosprawności lub braku samodzielności, które utrudniają poznawanie sąsiadów. "
        "Podobnie jest z działaniem na rzecz osiedla: jedni chętnie angażują się we wspólne "
        "inicjatywy, inni trzymają się z boku.",
        "Część biernych dotąd mieszkańców chciałaby działać razem z sąsiadami. Zachęciłby ich "
        "do tego silny lider, ciekawy pomysł, sprawa, która jest dla nich ważna, oraz przykład "
        "pracowników miejskich instytucji. Mieszkańcy czują się też mniej bezpiecznie z powodu "
        "włamań, kłótni sąsiedzkich i agresji słownej na osiedlu.",
        "Najtrudniejsza jest sytuacja osób korzystających z pomocy MOPS. W ich rodzinach "
        "nakłada się wiele problemów naraz – niepełnosprawność, ubóstwo, brak pracy – a braki "
        "w umiejętnościach osobistych i społecznych jeszcze je pogłębiają i grożą wykluczeniem "
        "społecznym. Badania wskazały cztery obszary tych braków:",
    )
    + bullets(
        [
            "<b>rozwój osobisty</b> – np. brak nawyku pracy, systematyczności i wytrwałości, "
            "uzależnienie od pomocy instytucji, trudności w porozumiewaniu się i prezentowaniu "
            "siebie, mała dbałość o wygląd, słaba kondycja i zdrowie;",
            "<b>rozwój społeczny</b> – np. silne osamotnienie, spędzanie czasu samotnie w domu, "
            "brak kontaktów z sąsiadami i znajomymi, wycofanie z życia kulturalnego, brak "
            "aktywności fizycznej i obywatelskiej;",
            "<b>umiejętności życia codziennego</b> – np. załatwianie spraw w urzędach, "
            "rozwiązywanie własnych problemów, dbanie o finanse, odnajdywanie się w różnych "
            "sytuacjach społecznych i we współczesnym świecie;",
            "<b>umiejętności cyfrowe</b> – brak umiejętności korzystania z komputera i internetu.",
        ]
    )
    + paragraphs(
        "Te trudności obniżają poczucie własnej wartości i pogłębiają bierność: ludzie tracą "
        "wiarę, że coś może się udać, i boją się nowych sytuacji – nawet wtedy, gdy pojawia się "
        "szansa na udział w życiu społecznym. Potrzebują intensywnego wsparcia z zewnątrz: "
        "motywacji do zmiany, nowych potrzeb i nawyków przydatnych w życiu osobistym, "
        "społecznym i zawodowym. To otwiera drogę do integracji społecznej i trwałego powrotu "
        "na rynek pracy.",
    ),
    "eligibility": paragraphs(
        # No counts typed in prose: the places and the editions are shown from the editions.
        "Program jest przeznaczony dla mieszkańców osiedla Leśnica. Mogą w nim wziąć udział "
        "osoby, które korzystają ze świadczeń pomocy społecznej (MOPS) i są zagrożone ubóstwem lub "
        "wykluczeniem społecznym, w tym osoby bezrobotne, nieaktywne zawodowo i osoby z "
        "niepełnosprawnościami. Liczbę miejsc w każdej edycji podajemy przy edycjach."
    ),
    "support_intro": paragraphs(
        "Wszystkie formy wsparcia w programie to usługi aktywnej integracji o charakterze "
        "społecznym."
    ),
}

TARGET_GROUP = LESNICA_RESIDENTS
EU_PROJECT = PASJA

GOALS = [
    "Zwiększyć szanse uczestników na integrację społeczną, w tym na znalezienie pracy – "
    "dzięki rozwojowi umiejętności życiowych i kompetencji osobistych, większej aktywności "
    "społecznej i mocniejszym więziom z sąsiadami."
]

EXPECTED_RESULTS = [
    "Większa motywacja do pokonywania własnych barier i ograniczeń oraz do aktywności "
    "społecznej i zawodowej.",
    "Lepsze umiejętności samodzielnego radzenia sobie w społeczeństwie.",
    "Łatwiejszy dostęp do informacji potrzebnych w codziennym życiu.",
    "Wyższe kompetencje społeczne i osobiste.",
    "Znajomość zasad dobrego wychowania i zwyczajów obowiązujących w towarzystwie, w pracy, "
    "w domu i przy stole oraz umiejętność ich stosowania.",
    "Wyższa samoocena, wiedza o tym, jak dbać o swój wizerunek, i umiejętność autoprezentacji.",
    "Sprawniejsze korzystanie z nowoczesnych technologii.",
]

COMPETENCE_GROUPS = []

GROUP_METHODS = (
    "dyskusje, ćwiczenia indywidualne i grupowe, krótkie wykłady, projekcje filmów, wyjścia "
    "edukacyjne oraz gry i zabawy edukacyjne"
)

SUPPORT_FORMS = [
    support_form(
        "Intensywna praca socjalna (IPS)",
        SupportMode.INDIVIDUAL,
        paragraphs("Pracownik socjalny spotyka się z uczestnikiem osobiście. Razem:")
        + bullets(
            [
                "rozpoznają sytuację życiową uczestnika i jego rodziny: trudności i ich "
                "przyczyny, potrzeby, zasoby i możliwości,",
                "szukają najlepszych dla uczestnika rozwiązań i układają jego Indywidualny "
                "Harmonogram Wsparcia w projekcie,",
                "rozmawiają – tak, aby wspierać, uczyć i motywować do zmiany.",
            ]
        ),
        times=2,
        period=FrequencyPeriod.MONTH,
    ),
    support_form(
        "Trening rozwoju osobistego",
        SupportMode.GROUP,
        paragraphs(
            f"Zajęcia w grupie: {GROUP_METHODS}, a także udział w inicjatywach dla mieszkańców "
            "osiedla.",
            "Uczestnicy lepiej poznają własne myśli, uczucia i zachowania. Uczą się wyrażać "
            "swoje zdanie w konstruktywny sposób i panować nad emocjami, odkrywają swoje mocne "
            "strony i uczą się wykorzystywać je do pozytywnych zmian w życiu.",
        ),
    ),
    support_form(
        "Trening aktywności społecznej",
        SupportMode.GROUP,
        paragraphs(
            f"Zajęcia w grupie: {GROUP_METHODS}. Uczestnicy uczą się nawiązywać kontakty "
            "w swoim otoczeniu, samodzielnie rozwiązywać problemy własne i sąsiedzkie oraz "
            "radzić sobie w różnych sytuacjach społecznych.",
            "W planie są wyjścia do lokalnych instytucji kultury, spotkania we wrocławskich "
            "organizacjach społecznych poświęcone sprawom społecznym i obywatelskim oraz "
            "wspólne przygotowanie inicjatywy dla mieszkańców osiedla.",
        ),
    ),
    support_form(
        "Trening rozwoju umiejętności życiowych",
        SupportMode.GROUP,
        paragraphs(
            "Spotkania edukacyjne i towarzyskie, krótkie wykłady, ćwiczenia oraz wyjścia, "
            "które uczą i motywują. Uczestnicy dowiadują się, jak prowadzić gospodarstwo "
            "domowe i zdrowo żyć.",
            "Poznają też zasady savoir-vivre'u: jak zachować się w różnych sytuacjach – "
            "w towarzystwie, w pracy, w domu i przy stole.",
        ),
    ),
    support_form(
        "Trening obsługi nowoczesnych urządzeń",
        SupportMode.INDIVIDUAL,
        paragraphs(
            "Zajęcia indywidualne przy komputerze z oprogramowaniem i dostępem do internetu. "
            "Zakres zajęć dopasowujemy do potrzeb, oczekiwań i możliwości każdej osoby.",
            "Prowadzący krótko omawia wybrany temat, a potem uczestnik ćwiczy na komputerze; "
            "w razie potrzeby prowadzący pomaga i poprawia.",
        ),
    ),
    # The source does not say whether this training is individual or in a group.
    support_form(
        "Trening – Autoprezentacja",
        "",
        paragraphs(
            "Trening ma część teoretyczną i praktyczną. Uczestnicy uczą się dbać o swój "
            "wygląd i dopasowywać go do okazji, mniej lub bardziej oficjalnej – rozmowy "
            "o pracę, wyjścia do instytucji kultury czy spotkania towarzyskiego.",
            "Oprócz wiedzy i umiejętności zyskują większą pewność siebie i poczucie własnej "
            "wartości.",
        ),
    ),
]

ACCOMPANYING_SUPPORT = []

PARTNERS = LESNICA_PARTNERS

# The source gives months only (IX 2018 – VII 2019, VIII 2019 – VI 2020): first and last days.
EDITIONS = [
    edition(1, datetime.date(2018, 9, 1), datetime.date(2019, 7, 31), 11, 2, LEJKAM),
    edition(2, datetime.date(2019, 8, 1), datetime.date(2020, 6, 30), 11, 2, LEJKAM),
]

# Not from the source: an upcoming edition, open for enrolment, to try the form with.
EXAMPLE_EDITIONS = [example_edition(3, 11, 2, LEJKAM)]

# Intensive social work (the first form) is part of everyone's programme; the trainings are
# what an applicant may prefer.
TRAININGS = [form["name"] for form in SUPPORT_FORMS[1:]]

ENROLMENT_FORM = {
    "title": "Zgłoś się do programu",
    "intro": paragraphs(
        "Mieszkasz w Leśnicy i chcesz wziąć udział w programie? Wypełnij ten krótki formularz "
        "– zajmie Ci kilka minut. Nie musisz znać wszystkich odpowiedzi: o tym, czego nie "
        "wiesz, porozmawiamy przez telefon.",
        "Wolisz zgłosić się przez telefon? Zadzwoń do osoby odpowiedzialnej za program – "
        "jej numer znajdziesz na dole strony.",
    ),
    # The confirmation page gives the heading and whom to call (the chosen edition's person).
    "next_steps": numbered(
        [
            "W ciągu kilku dni roboczych zadzwoni albo napisze do Ciebie pracownik Zespołu "
            "Terenowej Pracy Socjalnej nr 2.",
            "Pracownik socjalny zaprosi Cię na rozmowę. Porozmawiacie o tym, czego "
            "potrzebujesz, i o tym, jak wyglądają zajęcia.",
            "Na razie nie musisz niczego przygotowywać ani przynosić żadnych dokumentów.",
        ]
    ),
    "closed_text": paragraphs(
        # Whom to call is listed under it, with their phone numbers.
        "Teraz nie przyjmujemy zgłoszeń do tego programu. Termin kolejnego naboru podamy "
        "na tej stronie."
    ),
    "questions": [
        question(
            "Na jakiej ulicy w Leśnicy mieszkasz?",
            "singleline",
            required=True,
            help_text="Program jest dla mieszkańców osiedla Leśnica. Wystarczy nazwa ulicy.",
            autocomplete=InputPurpose.ADDRESS_LINE1,
        ),
        question(
            "Które zajęcia najbardziej Cię interesują?",
            "checkboxes",
            required=False,
            choices=TRAININGS,
            help_text="Możesz zaznaczyć kilka. Jeśli nie wiesz, nic nie zaznaczaj.",
        ),
        question(
            "Czy potrzebujesz pomocy w dotarciu na zajęcia?",
            "radio",
            required=False,
            choices=["Tak", "Nie"],
            help_text="Na przykład dlatego, że trudno Ci chodzić albo daleko masz do przystanku.",
        ),
    ],
}
