"""The Social Activity Programme (PAS) for women who experience violence, from source page 001.

The source states the aim (leaving violence, independence, a return to social life) but no list
of expected results or partners: those stay empty.
"""

import datetime

from programmes.models import HoursBasis, HoursUnit, ProgrammeType, SupportMode

from .markup import bullets, numbered, paragraphs
from .organisation import KOMPAS, KOPYCKA, ORSZULAK, WOMEN_EXPERIENCING_VIOLENCE
from .programme_rows import edition, example_edition, question, support_form

SLUG = "pas-dla-kobiet-doswiadczajacych-przemocy"

FIELDS = {
    "title": "Program Aktywności Społecznej dla kobiet doświadczających przemocy",
    "lead": (
        "Program dla kobiet, które doświadczają przemocy. Pomagamy wyjść z przemocy, "
        "usamodzielnić się i wrócić do życia wśród ludzi. Prowadzimy go w ramach projektu "
        "„KomPAS”."
    ),
    "programme_type": ProgrammeType.SOCIAL_ACTIVITY,
    # Applicants may be in danger: the form asks when and how it is safe to contact them.
    "is_sensitive": True,
    "district": "",
    "introduction": paragraphs(
        "Program Aktywności Społecznej (PAS) to zestaw różnych form pomocy, dobranych tak, "
        "aby w życiu uczestniczek nastąpiła zmiana, na której im zależy. Ta zmiana jest "
        "możliwa dzięki rozwojowi i wzmocnieniu konkretnych kompetencji, czyli umiejętności.",
        "W każdej edycji projektu „KomPAS” prowadzimy jeden taki program. Każdą edycję "
        "prowadzi inny zespół terenowej pracy socjalnej – szczegóły podajemy przy edycjach.",
    ),
    "eligibility": paragraphs(
        "Program jest przeznaczony dla kobiet, które są ofiarami przemocy. W każdej edycji "
        "może w nim wziąć udział 10 kobiet."
    ),
    "competences_intro": paragraphs(
        "Osoby doznające przemocy często przez wiele lat żyją w ciągłym stresie. Takie "
        "przeżycia obniżają poczucie własnej wartości i sprawiają, że wycofują się one "
        "z życia społecznego, obywatelskiego i kulturalnego.",
        "Dlatego w programie rozwijamy umiejętności, które pomagają wyjść z sytuacji przemocy, "
        "usamodzielnić się i wrócić do życia społecznego. Dzielimy je na cztery grupy:",
    ),
    "support_intro": paragraphs(
        "Formy wsparcia (usługi aktywnej integracji) przygotowaliśmy na podstawie wiedzy "
        "i wieloletniego doświadczenia. Każda z nich rozwija umiejętności opisane powyżej."
    ),
    "accompanying_support_intro": paragraphs(
        "To dodatkowa pomoc, dzięki której uczestniczki mogą brać udział w zajęciach "
        "i czują się na nich wygodniej i bezpieczniej. W czasie zajęć składają się na nią:"
    ),
    "financial_support": paragraphs(
        "Uczestniczki, które są w trudnej sytuacji, mogą dostać pomoc finansową w formie zasiłków."
    ),
    "progress_measurement": paragraphs(
        "Do każdej uczestniczki podchodzimy indywidualnie: bierzemy pod uwagę jej potrzeby, "
        "możliwości i sytuację życiową. Poznajemy je, zanim zacznie udział w projekcie. "
        "Potem razem z nią układamy plan jej udziału i wyznaczamy cele, które chce osiągnąć.",
        "Z każdą uczestniczką podpisujemy kontrakt socjalny.",
        "Zajęcia prowadzą doświadczeni pracownicy MOPS. Dopasowują program i sposób pracy "
        "do potrzeb uczestniczek, tak aby każda mogła osiągnąć swoje cele.",
        "Postępy w rozwijaniu umiejętności sprawdzamy na bieżąco, za pomocą przygotowanych "
        "do tego narzędzi i dokumentów. Jednym z nich jest Model Kompetencji.",
    ),
}

TARGET_GROUP = WOMEN_EXPERIENCING_VIOLENCE
EU_PROJECT = KOMPAS

GOALS = [
    "Pomóc uczestniczkom wyjść z sytuacji przemocy, usamodzielnić się i wrócić do życia "
    "społecznego."
]

EXPECTED_RESULTS = []

COMPETENCE_GROUPS = [
    {
        "name": "Umiejętności osobiste",
        "examples": "Porozumiewanie się z innymi, podejmowanie decyzji i branie za nie "
        "odpowiedzialności, radzenie sobie ze stresem.",
    },
    {
        "name": "Praktyczne umiejętności życiowe",
        "examples": "Samodzielność, obsługa tabletu i smartfona.",
    },
    {
        "name": "Umiejętności społeczne",
        "examples": "Rozumienie uczuć i potrzeb własnych i innych osób, wyrażanie swoich "
        "potrzeb i dbanie o nie, stawianie granic, budowanie i podtrzymywanie relacji.",
    },
    {
        "name": "E-kompetencje",
        "examples": "Korzystanie z internetu i mediów społecznościowych, obsługa poczty "
        "elektronicznej i komunikatorów.",
    },
]

SUPPORT_FORMS = [
    support_form(
        "Intensywna praca socjalna metodą towarzyszenia",
        SupportMode.INDIVIDUAL,
        paragraphs(
            "Uczestniczka regularnie spotyka się z pracownikiem socjalnym. Razem ustalają plan "
            "działania i wprowadzają zmiany małymi krokami.",
            "Ta współpraca opiera się na zaufaniu i bliskiej, bezpiecznej relacji. Pracownik "
            "słucha, doradza i wspiera, ale niczego nie robi za uczestniczkę. Pomaga jej "
            "odbudować szacunek do siebie, wzmacnia chęć zmiany i pomaga utrwalić to, czego "
            "nauczyła się na treningach.",
            "Kontakt jest stały: na spotkaniu, przez telefon albo przez internet – "
            "komunikatorem lub e-mailem, także z pomocą tabletu.",
        ),
        hours=4,
        unit=HoursUnit.CLOCK_HOUR,
        basis=HoursBasis.PER_MONTH_PER_PARTICIPANT,
        average=True,
    ),
    support_form(
        "Rozwój osobisty – treningi",
        SupportMode.GROUP,
        paragraphs(
            "Trening wzmacnia poczucie własnej wartości, rozumienie uczuć i potrzeb swoich "
            "i innych osób, obowiązkowość, poczucie wpływu na własne życie i motywację "
            "do zmiany, a także umiejętność budowania relacji w grupie.",
            "Na zajęciach zachęcamy do aktywności: udziału w dyskusjach i ćwiczeniach, "
            "otwartości, nawiązywania kontaktu, życzliwej rozmowy, słuchania innych, "
            "wykonywania zadań i dbania o własny komfort i potrzeby.",
            "Zajęcia są grupowe: ćwiczenia indywidualne i zespołowe, dyskusje, wykłady, "
            "projekcje filmów, wyjścia edukacyjne, warsztaty rękodzieła oraz spotkania "
            "online na tabletach.",
        ),
        hours=48,
    ),
    support_form(
        "E-kompetencje – treningi",
        SupportMode.GROUP,
        paragraphs("Trening uczy obsługi tabletu i korzystania z internetu. Uczestniczki uczą się:")
        + numbered(
            [
                "korzystać z internetu, czyli:"
                + bullets(
                    [
                        "wyszukiwać potrzebne informacje,",
                        "sprawdzać ofertę instytucji, np. przychodni, MOPS, kina, domu kultury "
                        "czy siłowni, i z niej korzystać,",
                        "porównywać ceny i robić zakupy,",
                        "sprawdzać rozkład jazdy MPK i doładowywać URBANCARD,",
                        "słuchać radia, oglądać telewizję i czytać prasę w internecie, "
                        "korzystać z serwisów z muzyką i filmami,",
                        "założyć profil zaufany i korzystać z niego (np. konto pacjenta, "
                        "mObywatel);",
                    ]
                ),
                "używać komunikatorów internetowych;",
                "obsługiwać pocztę elektroniczną: założyć skrzynkę, logować się, wysyłać "
                "i odbierać wiadomości;",
                "korzystać z mediów społecznościowych: założyć konto, nawiązywać kontakty, "
                "rozmawiać z innymi i dbać o bezpieczeństwo.",
            ]
        )
        + paragraphs(
            "Każda uczestniczka dostaje tablet z dostępem do internetu. Używa go na treningu, "
            "w innych formach wsparcia i prywatnie w domu – dzięki temu ćwiczy nowe "
            "umiejętności i może uczestniczyć w życiu społecznym, np. w mediach "
            "społecznościowych."
        ),
        hours=16,
    ),
    support_form(
        "Rozwój kompetencji społecznych – treningi",
        SupportMode.GROUP,
        paragraphs(
            "Trening pomaga przełamać lęk przed nowymi sytuacjami i zadaniami oraz nabrać "
            "nawyku udziału w życiu społecznym, kulturalnym i obywatelskim.",
            "Ćwiczymy budowanie relacji, pracę w zespole, rozwiązywanie konfliktów, dzielenie "
            "się wiedzą i doświadczeniem, wywieranie wpływu, przydzielanie zadań i planowanie.",
            "Zajęcia są grupowe: ćwiczenia indywidualne i zespołowe, wyjścia do instytucji "
            "kultury i organizacji społecznych, udział w lokalnych wydarzeniach, np. festynach "
            "i imprezach charytatywnych. Uczestniczki przygotowują też inicjatywę społeczną "
            "na ważny temat dla lokalnej społeczności: nagrywają film o przemocy.",
        ),
        hours=32,
    ),
    support_form(
        "WenDo – trening przeciwdziałania przemocy",
        SupportMode.RESIDENTIAL,
        paragraphs(
            "WenDo to trening samoobrony fizycznej i psychicznej. Uczestniczki uczą się, jak "
            "chronić siebie i dzieci przed atakiem fizycznym, a także przed przemocą "
            "psychiczną i emocjonalną, oraz jak wyznaczać własne granice i ich bronić. "
            "Trening daje poczucie siły, wpływu na własne życie i pewności siebie.",
            "Trening odbywa się podczas 7-dniowego wyjazdu. Prowadzą go certyfikowani "
            "trenerzy WenDo.",
        ),
        hours=7,
        unit=HoursUnit.DAY,
    ),
    support_form(
        "Nowa Ja – trening samoakceptacji",
        SupportMode.GROUP,
        paragraphs(
            "Trening pomaga podnieść samoocenę, poczucie własnej wartości i akceptację siebie. "
            "Uczestniczki uczą się dbać o swój wygląd – dobierać ubranie, makijaż i fryzurę "
            "tak, aby czuć się dobrze ze sobą i pewnie wśród ludzi.",
            "Zajęcia pokazują, jak spełniać własne oczekiwania co do wyglądu i zachowania. "
            "Wzmacniają zaufanie i szacunek do siebie, pomagają docenić własną wyjątkowość, "
            "poznać swoje potrzeby, nie porównywać się z innymi na swoją niekorzyść "
            "i realizować własne cele. Większa pewność siebie sprzyja otwartości i aktywności "
            "wśród ludzi.",
        ),
        hours=16,
    ),
    support_form(
        "Grupa wsparcia",
        SupportMode.GROUP,
        paragraphs(
            "Grupa wsparcia ma charakter terapeutyczny i jest bardzo ważną częścią pomocy "
            "osobom doznającym przemocy. Uczestniczki mogą mówić o tym, co trudne "
            "i wstydliwe – w bezpiecznych warunkach, wśród osób, które je rozumieją "
            "i wspierają. Dzięki temu rozładowują emocje, dzielą się doświadczeniami "
            "i wzajemnie motywują do zmiany.",
            "Spotkania dają poczucie przynależności i pomagają lepiej radzić sobie na co dzień.",
        ),
        hours=60,
    ),
    support_form(
        "Poradnictwo indywidualne",
        SupportMode.INDIVIDUAL,
        paragraphs(
            "Uczestniczki mogą skorzystać z pomocy psychologa, prawnika i innych specjalistów "
            "– zależnie od potrzeb. Porady pomagają rozwiązać problemy, które utrudniają "
            "codzienne życie i udział w życiu społecznym."
        ),
        hours=4,
        unit=HoursUnit.CLOCK_HOUR,
        basis=HoursBasis.PER_PARTICIPANT,
        average=True,
    ),
]

ACCOMPANYING_SUPPORT = [
    "Opieka nad dzieckiem lub inną osobą zależną.",
    "Poczęstunek.",
    "Ubezpieczenie od następstw nieszczęśliwych wypadków (NNW).",
    "Środki ochrony osobistej, np. maseczki, rękawiczki i płyny do dezynfekcji.",
    "Zwrot kosztów dojazdu.",
]

PARTNERS = []

# The source gives months only (May 2021 – April 2022, May 2022 – June 2023): first and last days.
EDITIONS = [
    edition(1, datetime.date(2021, 5, 1), datetime.date(2022, 4, 30), 10, 4, ORSZULAK),
    edition(2, datetime.date(2022, 5, 1), datetime.date(2023, 6, 30), 10, 6, KOPYCKA),
]

# Not from the source: upcoming editions, open for enrolment, to try the form with. Team no. 4
# runs the second, so that its coordinator too has applications to handle in the demo (all its
# places taken and a waiting list, see `applications`).
EXAMPLE_EDITIONS = [
    example_edition(3, 10, 6, KOPYCKA),
    example_edition(4, 10, 4, ORSZULAK),
]

ENROLMENT_FORM = {
    "title": "Zgłoś się do programu",
    "intro": paragraphs(
        "Ten formularz to pierwszy krok. Wypełnij go, jeśli chcesz wziąć udział w programie "
        "– zajmie Ci kilka minut. Napisz tylko to, czym chcesz się podzielić.",
        "Podaj, kiedy i jak możemy się z Tobą bezpiecznie skontaktować. Odezwiemy się tylko "
        "w ten sposób i w tym czasie.",
        "Jeśli grozi Ci niebezpieczeństwo, zadzwoń pod numer alarmowy 112.",
    ),
    # The confirmation page gives the heading and whom to call (the chosen edition's person).
    "next_steps": numbered(
        [
            "W ciągu kilku dni roboczych skontaktuje się z Tobą pracownik zespołu, który "
            "prowadzi wybraną edycję – tylko w sposób i w czasie, które nam podałaś.",
            "Pracownik socjalny zaprosi Cię na rozmowę w spokojnym, bezpiecznym miejscu. "
            "Porozmawiacie o tym, czego potrzebujesz i jak program może Ci pomóc.",
            "Na razie nie musisz niczego przygotowywać ani przynosić.",
        ]
    ),
    "closed_text": paragraphs(
        # Whom to call is listed under it, with their phone numbers.
        "Teraz nie przyjmujemy zgłoszeń do tego programu. Termin kolejnego naboru podamy "
        "na tej stronie."
    ),
    "questions": [
        question(
            "Czy korzystasz obecnie ze wsparcia MOPS?",
            "radio",
            required=True,
            choices=["Tak", "Nie", "Nie wiem"],
            help_text="Na przykład z pomocy pracownika socjalnego albo z zasiłku.",
        ),
        question(
            "Czy potrzebujesz opieki nad dzieckiem lub inną osobą w czasie zajęć?",
            "radio",
            required=False,
            choices=["Tak", "Nie"],
            help_text="W czasie zajęć zapewniamy opiekę nad dzieckiem lub inną osobą zależną.",
        ),
        question(
            "Co chciałabyś zmienić w swoim życiu dzięki programowi?",
            "multiline",
            required=False,
            help_text="Napisz tyle, ile chcesz. Możesz też zostawić to pole puste.",
        ),
    ],
}
