"""Applications in the demo, so that each team's coordinator has real work on first sign-in.

Invented applicants (surnames such as "Przykładowa", "Testowa", "Example" say so), phones from
600 000 001 up, addresses at example.org. They apply to the example editions (see
`programme_rows.example_edition`): team no. 2 to the Leśnica programme, teams no. 6 and 4 to the
programme for women who experience violence, where they also say when and how it is safe to
contact them. Team no. 4's edition has all its places taken: one applicant withdrew, the first
person on the waiting list was offered her place, two more wait.

Each application is keyed by its fixed reference number. Rows are listed per edition in the
order they were sent: that order gives the times, and the waiting list follows it as the
website's would. Answers are given as stored: a choice on the English or Ukrainian form is
stored as the Polish form's choice, with what the applicant saw beside it (`Shown`).
"""

from dataclasses import dataclass

from enrolment.models import ApplicationChannel, ApplicationStatus

from . import pal_lesnica, pas_kompas

ONLINE, PHONE = ApplicationChannel.ONLINE, ApplicationChannel.PHONE
NEW = ApplicationStatus.NEW
CONTACTED = ApplicationStatus.CONTACTED
QUALIFIED = ApplicationStatus.QUALIFIED
WAITING_LIST = ApplicationStatus.WAITING_LIST
PLACE_OFFERED = ApplicationStatus.PLACE_OFFERED
WITHDRAWN = ApplicationStatus.WITHDRAWN
REJECTED = ApplicationStatus.REJECTED

# How the team's e-mail about the application ended; the demo sends none (see the builder).
DELIVERED, REFUSED = "delivered", "refused"


@dataclass(frozen=True)
class Shown:
    """A choice made on a translated form: stored as the Polish form's choice, with the choice
    as the applicant saw it."""

    stored: object
    shown: object


@dataclass(frozen=True)
class DemoApplication:
    reference: str
    name: str
    answers: dict
    status: str = NEW
    channel: str = ONLINE
    language: str = "pl"
    phone: str = ""
    email: str = ""
    email_confirmation: bool = False
    safe_contact: str = ""
    note: str = ""
    team_notification: str = DELIVERED


@dataclass(frozen=True)
class DemoEdition:
    """An example edition of a programme (a data module) and its applications, in the order
    they were sent."""

    programme: object
    number: int
    applications: list


def _labels(programme):
    return [row["label"] for row in programme.ENROLMENT_FORM["questions"]]


# The questions, as the demo's forms ask them.
STREET, TRAININGS, GETTING_THERE = _labels(pal_lesnica)
MOPS_SUPPORT, CARE, CHANGE = _labels(pas_kompas)

(
    PERSONAL_DEVELOPMENT,
    SOCIAL_ACTIVITY,
    LIFE_SKILLS,
    MODERN_DEVICES,
    SELF_PRESENTATION,
) = pal_lesnica.TRAININGS

LESNICA = DemoEdition(
    pal_lesnica,
    3,
    [
        DemoApplication(
            "DEMO-2-01",
            "Ewa Przykładowa",
            {
                STREET: "Średzka",
                TRAININGS: [PERSONAL_DEVELOPMENT, MODERN_DEVICES],
                GETTING_THERE: "Nie",
            },
            phone="600 000 001",
        ),
        DemoApplication(
            "DEMO-2-02",
            "Stanisław Testowy",
            {STREET: "Trzmielowicka", TRAININGS: [SOCIAL_ACTIVITY], GETTING_THERE: "Tak"},
            status=CONTACTED,
            channel=PHONE,
            phone="600 000 002",
            note=(
                "Zadzwoniłam. Trudno mu chodzić, prosi o pomoc w dotarciu na zajęcia. "
                "Umówiony na rozmowę w zespole we wtorek o 10:00."
            ),
        ),
        DemoApplication(
            "DEMO-2-03",
            "Barbara Wzorcowa",
            {
                STREET: "Kosmonautów",
                TRAININGS: [LIFE_SKILLS, SELF_PRESENTATION],
                GETTING_THERE: "Nie",
            },
            status=QUALIFIED,
            email="barbara.wzorcowa@example.org",
            email_confirmation=True,
            note="Po rozmowie: spełnia warunki, zakwalifikowana do edycji 3.",
        ),
        DemoApplication(
            "DEMO-2-04",
            "Оксана Прикладна",
            {
                STREET: "Średzka",
                TRAININGS: Shown(
                    [PERSONAL_DEVELOPMENT, MODERN_DEVICES],
                    ["Тренінг особистого розвитку", "Тренінг користування сучасними пристроями"],
                ),
                GETTING_THERE: Shown("Tak", "Так"),
            },
            language="uk",
            phone="600 000 004",
            email="oksana.prykladna@example.org",
            email_confirmation=True,
        ),
        DemoApplication(
            "DEMO-2-05",
            "Grace Example",
            {
                STREET: "Rynek Leśnicki",
                TRAININGS: Shown([SOCIAL_ACTIVITY], ["Social activity training"]),
                GETTING_THERE: Shown("Nie", "No"),
            },
            language="en",
            email="grace.example@example.org",
            # The mail server refused the team's e-mail: it waits under "Notifications to send".
            team_notification=REFUSED,
        ),
        DemoApplication(
            "DEMO-2-06",
            "Henryk Zmyślony",
            {STREET: "Wschowska", TRAININGS: [], GETTING_THERE: "Nie"},
            status=WITHDRAWN,
            channel=PHONE,
            phone="600 000 006",
            note="Zadzwonił, że rezygnuje: dostał pracę na cały etat i nie zdąży na zajęcia.",
        ),
        DemoApplication(
            "DEMO-2-07",
            "Krystyna Fikcyjna",
            {STREET: "Grabiszyńska", TRAININGS: [PERSONAL_DEVELOPMENT], GETTING_THERE: "Nie"},
            status=REJECTED,
            phone="600 000 007",
            note=(
                "Mieszka na Grabiszynie, poza Leśnicą, a program jest dla mieszkańców osiedla. "
                "Podałam jej telefon do zespołu, który obejmuje jej adres."
            ),
        ),
        # Sent again: the list marks it as possibly her second application
        # (enrolment.second_applications), for the coordinator to decide.
        DemoApplication(
            "DEMO-2-08",
            "Ewa Przykładowa",
            {STREET: "Średzka", TRAININGS: [PERSONAL_DEVELOPMENT], GETTING_THERE: "Nie"},
            phone="600 000 001",
        ),
    ],
)

# Team no. 6's example edition of the programme for women who experience violence.
VIOLENCE_TEAM_6 = DemoEdition(
    pas_kompas,
    3,
    [
        DemoApplication(
            "DEMO-6-01",
            "Marta Przykładowa",
            {
                MOPS_SUPPORT: "Tak",
                CARE: "Tak",
                CHANGE: "Chcę stanąć na nogi i znaleźć mieszkanie dla siebie i córki.",
            },
            phone="600 000 011",
            safe_contact=(
                "Tylko SMS, w dni powszednie od 9:00 do 13:00. Proszę nie zostawiać wiadomości "
                "głosowych."
            ),
        ),
        DemoApplication(
            "DEMO-6-02",
            "Jadwiga Testowa",
            {MOPS_SUPPORT: "Nie wiem", CARE: "Nie", CHANGE: ""},
            status=CONTACTED,
            channel=PHONE,
            phone="600 000 012",
            safe_contact=(
                "Dzwonić tylko we wtorki i czwartki rano, kiedy jest sama w domu. Przedstawiać "
                "się jako przychodnia."
            ),
            note=(
                "Pierwsza rozmowa za nami. Umówiona na spotkanie w zespole w terminie, który "
                "sama wybrała; potwierdzone SMS-em."
            ),
        ),
        DemoApplication(
            "DEMO-6-03",
            "Наталія Прикладна",
            {
                MOPS_SUPPORT: Shown("Tak", "Так"),
                CARE: Shown("Tak", "Так"),
                CHANGE: "Хочу вивчити польську, знайти роботу і почуватися в безпеці.",
            },
            status=QUALIFIED,
            language="uk",
            email="nataliia.prykladna@example.org",
            email_confirmation=True,
            safe_contact="Лише електронною поштою. Будь ласка, не телефонуйте.",
            note=(
                "Rozmowa z udziałem tłumaczki. Zakwalifikowana; kontakt tylko mailowy, "
                "tak jak prosiła."
            ),
        ),
        DemoApplication(
            "DEMO-6-04",
            "Jane Example",
            {
                MOPS_SUPPORT: Shown("Nie wiem", "I don't know"),
                CARE: Shown("Nie", "No"),
                CHANGE: "I would like to feel confident again and to have an income of my own.",
            },
            language="en",
            phone="600 000 014",
            email="jane.example@example.org",
            safe_contact="Text me first and call only after I reply. Weekdays 12:00–15:00.",
        ),
        DemoApplication(
            "DEMO-6-05",
            "Irena Wzorcowa",
            {MOPS_SUPPORT: "Tak", CARE: "Tak", CHANGE: ""},
            status=WITHDRAWN,
            channel=PHONE,
            phone="600 000 015",
            safe_contact="Po 18:00, wtedy odbiera sama.",
            note=(
                "Wycofała zgłoszenie: wyjeżdża do rodziny poza Wrocław. Wie, że może zgłosić "
                "się do kolejnej edycji."
            ),
        ),
        DemoApplication(
            "DEMO-6-06",
            "Zofia Zmyślona",
            {MOPS_SUPPORT: "Nie", CARE: "Nie", CHANGE: "Szukam pracy."},
            status=REJECTED,
            phone="600 000 016",
            safe_contact="O każdej porze.",
            note=(
                "Z rozmowy wynika, że szuka przede wszystkim pracy, a przemocy nie doświadcza. "
                "Skierowana do doradcy zawodowego w Powiatowym Urzędzie Pracy."
            ),
        ),
    ],
)

# Team no. 4's example edition: ten places, all taken; see the module's docstring.
VIOLENCE_TEAM_4 = DemoEdition(
    pas_kompas,
    4,
    [
        DemoApplication(
            "DEMO-4-01",
            "Agnieszka Przykładowa",
            {MOPS_SUPPORT: "Tak", CARE: "Tak", CHANGE: "Chcę odzyskać wiarę w siebie."},
            status=QUALIFIED,
            phone="600 000 021",
            safe_contact="Dzwonić w dni powszednie od 8:00 do 14:00, jestem wtedy w pracy sama.",
            note="Zakwalifikowana. Potrzebuje opieki nad synem (6 lat) w czasie zajęć.",
        ),
        DemoApplication(
            "DEMO-4-02",
            "Beata Testowa",
            {MOPS_SUPPORT: "Tak", CARE: "Nie", CHANGE: ""},
            status=QUALIFIED,
            channel=PHONE,
            phone="600 000 022",
            safe_contact="Tylko na ten numer, po 16:00. Jeśli odbierze ktoś inny, rozłączyć się.",
        ),
        DemoApplication(
            "DEMO-4-03",
            "Ірина Прикладна",
            {
                MOPS_SUPPORT: Shown("Nie", "Ні"),
                CARE: Shown("Tak", "Так"),
                CHANGE: "Хочу жити спокійно і мати власні гроші.",
            },
            status=CONTACTED,
            language="uk",
            phone="600 000 023",
            safe_contact="Пишіть SMS, я передзвоню сама.",
        ),
        DemoApplication(
            "DEMO-4-04",
            "Dorota Wzorcowa",
            {MOPS_SUPPORT: "Tak", CARE: "Nie", CHANGE: "Chcę wrócić do ludzi."},
            status=WITHDRAWN,
            phone="600 000 024",
            safe_contact="Rano, do 10:00.",
            note=(
                "Zrezygnowała: zaczyna terapię w innym ośrodku w tych samych godzinach. "
                "Jej miejsce zaproponowaliśmy pierwszej osobie z listy rezerwowej."
            ),
        ),
        DemoApplication(
            "DEMO-4-05",
            "Elżbieta Fikcyjna",
            {MOPS_SUPPORT: "Nie wiem", CARE: "Nie", CHANGE: "Nauczyć się stawiać granice."},
            status=QUALIFIED,
            email="elzbieta.fikcyjna@example.org",
            email_confirmation=True,
            safe_contact="Tylko e-mailem.",
        ),
        DemoApplication(
            "DEMO-4-06",
            "Grażyna Zmyślona",
            {MOPS_SUPPORT: "Tak", CARE: "Tak", CHANGE: ""},
            status=CONTACTED,
            channel=PHONE,
            phone="600 000 026",
            safe_contact="Dzwonić w środy po 12:00.",
            note="Rozmowa umówiona na środę; prosi o spotkanie poza zespołem.",
        ),
        DemoApplication(
            "DEMO-4-07",
            "Mary Example",
            {
                MOPS_SUPPORT: Shown("Nie", "No"),
                CARE: Shown("Nie", "No"),
                CHANGE: "I want to take part in the life of my neighbourhood again.",
            },
            status=CONTACTED,
            language="en",
            email="mary.example@example.org",
            safe_contact="E-mail only, please.",
        ),
        DemoApplication(
            "DEMO-4-08",
            "Hanna Testowa",
            {MOPS_SUPPORT: "Tak", CARE: "Nie", CHANGE: ""},
            phone="600 000 028",
            safe_contact="Po 17:00.",
        ),
        DemoApplication(
            "DEMO-4-09",
            "Iwona Przykładowa",
            {MOPS_SUPPORT: "Nie", CARE: "Tak", CHANGE: "Chcę, żeby dzieci miały spokojny dom."},
            channel=PHONE,
            phone="600 000 029",
            safe_contact="Tylko SMS.",
        ),
        DemoApplication(
            "DEMO-4-10",
            "Joanna Wzorcowa",
            {MOPS_SUPPORT: "Tak", CARE: "Nie", CHANGE: ""},
            phone="600 000 030",
            email="joanna.wzorcowa@example.org",
            safe_contact="Najlepiej e-mailem, telefon tylko w pilnej sprawie.",
        ),
        DemoApplication(
            "DEMO-4-11",
            "Kamila Fikcyjna",
            {
                MOPS_SUPPORT: "Nie wiem",
                CARE: "Tak",
                CHANGE: "Chcę znaleźć pracę i się usamodzielnić.",
            },
            status=PLACE_OFFERED,
            phone="600 000 031",
            safe_contact="Dzwonić w dni powszednie od 10:00 do 12:00.",
        ),
        DemoApplication(
            "DEMO-4-12",
            "Людмила Прикладна",
            {MOPS_SUPPORT: Shown("Tak", "Так"), CARE: Shown("Nie", "Ні"), CHANGE: ""},
            status=WAITING_LIST,
            language="uk",
            phone="600 000 032",
            safe_contact="Телефонуйте після 18:00.",
        ),
        DemoApplication(
            "DEMO-4-13",
            "Lucyna Testowa",
            {MOPS_SUPPORT: "Tak", CARE: "Nie", CHANGE: ""},
            status=WAITING_LIST,
            channel=PHONE,
            phone="600 000 033",
            safe_contact="O każdej porze, mieszka sama.",
            note="Wie, że jest na liście rezerwowej; zadzwonimy, gdy zwolni się miejsce.",
        ),
    ],
)

EDITIONS = [LESNICA, VIOLENCE_TEAM_6, VIOLENCE_TEAM_4]
