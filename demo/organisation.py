"""Teams, people, partners, target groups and EU projects that the programme pages refer to."""

from .markup import paragraphs

LESNICA_RESIDENTS = "Mieszkańcy osiedla Leśnica"
WOMEN_EXPERIENCING_VIOLENCE = "Kobiety doświadczające przemocy"
TARGET_GROUPS = [LESNICA_RESIDENTS, WOMEN_EXPERIENCING_VIOLENCE]

PASJA = "PAS-ja"
KOMPAS = "KomPAS"

EU_FUND = "Europejski Fundusz Społeczny"
EU_OPERATIONAL_PROGRAMME = "Regionalny Program Operacyjny Województwa Dolnośląskiego 2014–2020"
LOGO_STRIP_ALT_TEXT = (
    "Znak Funduszy Europejskich, barwy Rzeczypospolitej Polskiej, logo Dolnego Śląska "
    "i znak Unii Europejskiej"
)


def funding_statement(project):
    return paragraphs(
        f"Unia Europejska współfinansuje projekt „{project}” ze środków Europejskiego Funduszu "
        "Społecznego w ramach Regionalnego Programu Operacyjnego Województwa Dolnośląskiego "
        "na lata 2014–2020."
    )


# The sources give no start or end dates for the projects, so those fields stay empty.
EU_PROJECTS = [
    {
        "name": project,
        "fund": EU_FUND,
        "operational_programme": EU_OPERATIONAL_PROGRAMME,
        "starts_on": None,
        "ends_on": None,
        "funding_statement": funding_statement(project),
        "logo_strip_alt_text": LOGO_STRIP_ALT_TEXT,
    }
    for project in (PASJA, KOMPAS)
]

# The sources give no address for teams no. 4 and 6: they stay empty rather than invented.
NO_ADDRESS = {"street_address": "", "postal_code": "", "city": ""}


def team(number, address):
    return {
        "number": number,
        "name": f"Zespół Terenowej Pracy Socjalnej nr {number}",
        "short_name": f"ZTPS nr {number}",
        **address,
        # The only phone the sources give near a team (71 349 28 59, team no. 2) is on its
        # coordinator's line, so it belongs to the person, not to the team.
        "phone": "",
        "email": f"ztps{number}@example.org",
    }


TEAMS = [
    team(2, {"street_address": "ul. Średzka 42", "postal_code": "54-017", "city": "Wrocław"}),
    team(4, NO_ADDRESS),
    team(6, NO_ADDRESS),
]

LEJKAM = "Magdalena Lejkam"
ORSZULAK = "Jolanta Orszulak"
KOPYCKA = "Katarzyna Kopycka"
DEPUTY_MANAGER = "zastępca kierownika zespołu"

PEOPLE = [
    {
        "name": LEJKAM,
        "role": DEPUTY_MANAGER,
        "team": 2,
        "phone": "71 349 28 59",
        "email": "magdalena.lejkam@example.org",
    },
    {
        "name": ORSZULAK,
        "role": DEPUTY_MANAGER,
        "team": 4,
        "phone": "71 78 22 449",
        "email": "jolanta.orszulak@example.org",
    },
    {
        "name": KOPYCKA,
        "role": DEPUTY_MANAGER,
        "team": 6,
        "phone": "506 381 533",
        "email": "katarzyna.kopycka@example.org",
    },
]

# The partners of the Leśnica programme, as the source names them (only the spacing around
# hyphens and dashes is tidied). The source gives no websites.
LESNICA_PARTNERS = [
    "Centrum Kultury Zamek",
    "Centrum Rozwoju i Aktywności Dzieci i Młodzieży „Źródełko”",
    "Rada Osiedla Leśnica",
    "Szkoła Podstawowa Nr 51",
    "Szkoła Podstawowa Nr 22",
    "Szkoła Podstawowa Nr 95",
    "Przedszkole Nr 66",
    "Młodzieżowy Ośrodek Socjoterapii Nr 2",
    "Dolnośląski Specjalny Ośrodek Szkolno-Wychowawczy nr 13 dla Dzieci Niewidomych "
    "i Słabowidzących",
    "Środowiskowy Dom Samopomocy – Stowarzyszenia W Naszym Domu",
]
