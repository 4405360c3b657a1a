"""The centre's identity, contact details, desks and notices, from both source pages.

Where the two pages differ, the newer one (001, the KomPAS page) wins; the older one (000) adds
the secretariat, the helpline and the payments line, and its pandemic notices become withdrawn
notices. Real e-mail addresses are replaced by addresses on the reserved domain example.org.
"""

import datetime
from zoneinfo import ZoneInfo

from home.models import HoursRuleKind, NoticeImportance

from .markup import paragraphs

WARSAW = ZoneInfo("Europe/Warsaw")
MONDAY_TO_FRIDAY = [0, 1, 2, 3, 4]

SETTINGS = {
    "phone": "71 78 22 322",
    "fax": "71 78 22 405",
    "email": "sekretariat@example.org",
    # The seed pages show the BIP logo without its address; the centre's public BIP is at
    # bip.mops.wroclaw.pl. The Facebook page's address is not known: left empty.
    "bip_url": "https://bip.mops.wroclaw.pl/",
    "facebook_url": "",
    # The sources name no data protection officer; a reserved-domain address stands in, so that
    # the privacy notice can say where to write. Replace it with the real one before going live.
    "data_protection_officer_email": "iod@example.org",
    "data_protection_officer_phone": "",
}

INSTITUTION = {
    "name": "Miejski Ośrodek Pomocy Społecznej we Wrocławiu",
    "short_name": "MOPS",
    "street_address": "ul. Strzegomska 6",
    "postal_code": "53-611",
    "city": "Wrocław",
    "hours_note": "Część biur może pracować w innych godzinach.",
}


def weekly(days, opens, closes):
    return {
        "kind": HoursRuleKind.WEEKLY,
        "weekdays": list(days),
        "date": None,
        "opens": datetime.time(*opens),
        "closes": datetime.time(*closes),
    }


def last_day_of_month(opens, closes):
    return {
        "kind": HoursRuleKind.LAST_DAY_OF_MONTH,
        "weekdays": [],
        "date": None,
        "opens": datetime.time(*opens),
        "closes": datetime.time(*closes),
    }


def phone(number, label=""):
    return {"number": number, "label": label}


INSTITUTION_HOURS = [weekly(MONDAY_TO_FRIDAY, (7, 30), (15, 30))]

# In the order they are shown. Numbers are written in one style ("71 78 22 346"); the older page
# writes some of the same numbers differently ("71 782 23 46").
CONTACT_POINTS = [
    {
        "name": "Sekretariat",
        # The older page gives "(071) 78-22-300 do 03": the numbers 300 to 303.
        "phones": [phone("71 78 22 300", "także numery do 71 78 22 303")],
        "email": "sekretariat@example.org",
    },
    {
        "name": "Infolinia",
        "phones": [phone("71 78 22 322")],
    },
    {
        "name": "Kasy",
        "street_address": "ul. Strzegomska 6",
        "hours": [
            weekly(MONDAY_TO_FRIDAY, (10, 0), (14, 0)),
            last_day_of_month((10, 0), (12, 0)),
        ],
    },
    {
        "name": "Świadczenia rodzinne i alimentacyjne",
        "phones": [phone("71 79 99 274"), phone("71 78 22 326", "wypłaty")],
    },
    {
        "name": "Dodatki mieszkaniowe",
        "phones": [phone("71 78 22 346"), phone("71 78 22 348")],
    },
    {
        "name": "Karta Rodzina Plus i Karta Dużej Rodziny",
        "phones": [phone("71 78 23 595"), phone("71 78 23 594")],
        "street_address": "ul. Namysłowska 8",
        "hours": [weekly([0, 1, 2, 4], (8, 0), (15, 0)), weekly([3], (8, 0), (16, 30))],
    },
    {
        "name": "Powiatowy Zespół ds. Orzekania o Niepełnosprawności",
        "phones": [phone("71 78 22 360"), phone("71 78 22 362"), phone("71 78 22 363")],
        "email": "zon@example.org",
        "street_address": "pl. Solidarności 1/3/5, 53-661 Wrocław",
        "room": "III piętro, pokój 316",
        "hours": [weekly(MONDAY_TO_FRIDAY, (8, 0), (15, 0))],
    },
]


def warsaw(year, month, day):
    return datetime.datetime(year, month, day, tzinfo=WARSAW)


# The older page's pandemic notices, kept as withdrawn notices so that the demo shows how a notice
# is published and withdrawn. The page gives no dates: these fixed dates stand in (the start and
# end of the state of epidemic in Poland) and only need to lie in the past.
PANDEMIC_STARTS_AT = warsaw(2020, 3, 16)
PANDEMIC_ENDS_AT = warsaw(2022, 5, 16)

NOTICES = [
    {
        "title": "Sekretariat odbiera telefony do 19:00",
        "body": paragraphs(
            "W czasie pandemii sekretariat MOPS odbiera telefony dłużej: od poniedziałku "
            "do piątku do godziny 19:00, pod numerem 71 78 22 300 (oraz kolejnymi do 303)."
        ),
        "importance": NoticeImportance.IMPORTANT,
        # Over: withdrawn, as the scheduler leaves a notice after its expiry date.
        "go_live_at": PANDEMIC_STARTS_AT,
        "expire_at": PANDEMIC_ENDS_AT,
        "live": False,
        "expired": True,
    },
    {
        "title": "Karta Rodzina Plus i Karta Dużej Rodziny: obsługa w czasie pandemii",
        "body": paragraphs(
            "W czasie pandemii sprawy Karty Rodzina Plus i Karty Dużej Rodziny załatwisz "
            "od poniedziałku do piątku w godzinach 8:00–15:00, przy ul. Strzegomskiej 6 "
            "w pokoju 26. Telefony: 71 78 23 595 i 71 78 23 594."
        ),
        "importance": NoticeImportance.IMPORTANT,
        # Over: withdrawn, as the scheduler leaves a notice after its expiry date.
        "go_live_at": PANDEMIC_STARTS_AT,
        "expire_at": PANDEMIC_ENDS_AT,
        "live": False,
        "expired": True,
    },
    {
        "title": "Informacje o programach",
        "body": paragraphs(
            "Na stronie każdego programu podajemy, dla kogo jest, kiedy trwają jego edycje, "
            "ile jest miejsc i z kim można się skontaktować."
        ),
        "importance": NoticeImportance.INFORMATION,
        # A fixed start keeps the command idempotent; no end, so the notice stays active.
        "go_live_at": warsaw(2025, 1, 1),
        "expire_at": None,
    },
]
