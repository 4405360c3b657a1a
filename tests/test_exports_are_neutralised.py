"""A coordinator's CSV and XLSX exports hold whatever an applicant typed as plain text: no answer
runs as a formula (also behind blanks or invisible marks, or in a CSV after a separator that a
spreadsheet splits at), control characters never break the export, and every other character
(emoji, right-to-left text) arrives unchanged. Through the admin's export address, as a
coordinator."""

import re

import pytest
from django.db import connection

from enrolment.exports import neutralise

from .admin_factories import add_questions
from .admin_helpers import export_rows, make_application, make_coordinator
from .factories import SmallSite
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]

# Answer -> what the cell must hold.
FORMULAS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "  =1+1": "'  =1+1",
    "\u00a0+1": "'\u00a0+1",
    '\u200f=HYPERLINK("http://x")': '\'\u200f=HYPERLINK("http://x")',
    "\ufeff@SUM(A1)": "'\ufeff@SUM(A1)",
    "\u200b-2": "'\u200b-2",
    "\uff1dSUM(A1)": "'\uff1dSUM(A1)",
    # A phone number with its country code stays text rather than becoming a sum.
    "+48 600 123 456": "'+48 600 123 456",
    # A control character before the formula is replaced, and the formula still neutralised.
    "\x01=1+1": "\ufffd=1+1",
}
PLAIN = {
    "emoji": "Dziękuję 🙂👍🏽 👩‍👧",
    "rtl": "\u202bשלום עולם\u202c \u200fمرحبا",
    "e_mail": "jan.kowalski@example.org",
}


def control_characters():
    # PostgreSQL stores no NUL in a text or JSON value (such input is refused before storing).
    first = 0 if connection.vendor == "sqlite" else 1
    return [chr(code) for code in range(first, 0x20) if chr(code) not in "\t\n\r"]


def build_world():
    """A site of the module's own and a coordinator of its edition's team."""
    site = SmallSite.build()
    return {"site": site, "coordinator": make_coordinator(site.edition.team)}


kept_world, world = built_once(build_world)


@pytest.fixture
def site(world):
    return world["site"]


@pytest.fixture
def edition(site):
    return site.edition


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world["coordinator"])
    return client


def exported_row(client, export_format, application):
    rows = export_rows(client, export_format)
    heading = rows[0]
    row = next(row for row in rows[1:] if row[0] == application.reference)
    return dict(zip(heading, row, strict=True))


@pytest.mark.parametrize("export_format", FORMATS)
def test_formulas_are_text_even_behind_blanks_and_invisible_marks(
    coordinator_client, edition, export_format
):
    answers = {f"q{index}": answer for index, answer in enumerate(FORMULAS)}
    application = make_application(edition, form_data=answers)
    row = exported_row(coordinator_client, export_format, application)
    for name, answer in answers.items():
        assert row[name] == FORMULAS[answer], repr(answer)


def test_in_the_csv_no_part_after_a_separator_reads_as_a_formula(coordinator_client, site, edition):
    # Written unquoted, and split into cells at ";" by Excel in Polish, at tabs by an import.
    page = add_questions(
        site.form, {"label": "Imię;=1+1", "field_type": "singleline", "clean_name": "etykieta"}
    )
    answers = {"semicolon": "Anna;=1+1;", "tab": "ok\t=1+1", "etykieta": "tak"}
    application = make_application(edition, page=page, form_data=answers)
    rows = export_rows(coordinator_client, "csv")
    row = next(row for row in rows[1:] if row[0] == application.reference)
    for cell in [*rows[0], *row]:
        for part in re.split(r"[;\t]", cell):
            assert not part.lstrip().startswith(("=", "+", "-", "@")), (cell, part)
    xlsx_row = exported_row(coordinator_client, "xlsx", application)
    assert xlsx_row["semicolon"] == "Anna;=1+1;"  # one cell each: as typed
    assert xlsx_row["tab"] == "ok\t=1+1"


def test_a_comma_in_an_answer_is_left_alone_the_csv_quotes_the_cell(coordinator_client, edition):
    answer = "po 18:00, +48 600 123 456"
    application = make_application(edition, form_data={"when": answer})
    assert exported_row(coordinator_client, "csv", application)["when"] == answer


@pytest.mark.parametrize("export_format", FORMATS)
def test_control_characters_are_replaced_and_the_rest_of_the_answer_kept(
    coordinator_client, edition, export_format
):
    answers = {f"c{ord(char):02x}": f"przed{char}po" for char in control_characters()}
    answers["tab_inside"] = "a\tb"
    answers["lines"] = "pierwsza\ndruga"
    application = make_application(edition, form_data=answers)
    row = exported_row(coordinator_client, export_format, application)
    for name in answers:
        if name.startswith("c"):
            assert row[name] == "przed\ufffdpo", name
    assert row["tab_inside"] == "a\tb"
    assert row["lines"] == "pierwsza\ndruga"


@pytest.mark.parametrize("export_format", FORMATS)
def test_emoji_and_right_to_left_text_arrive_unchanged(coordinator_client, edition, export_format):
    application = make_application(edition, form_data=dict(PLAIN))
    row = exported_row(coordinator_client, export_format, application)
    for name, answer in PLAIN.items():
        assert row[name] == answer, name


def test_a_question_label_with_a_control_character_and_a_formula_makes_a_safe_heading(
    coordinator_client, site, edition
):
    page = add_questions(
        site.form,
        {"label": "\x07=cmd|' /C calc'!A0", "field_type": "singleline", "clean_name": "pytanie"},
    )
    make_application(edition, page=page, form_data={"pytanie": "tak"})
    for export_format in FORMATS:
        heading = export_rows(coordinator_client, export_format)[0]
        assert "\ufffd=cmd|' /C calc'!A0" in heading, export_format


def test_characters_no_workbook_can_hold_are_replaced_not_refused():
    # Lone surrogates and the XML non-characters cannot be stored in every database, so the
    # function that every exported cell goes through is asked directly.
    assert neutralise("a\ud800b\ufffec\uffff") == "a\ufffdb\ufffdc\ufffd"
    assert neutralise("\ud83d=1") == "\ufffd=1"
    assert neutralise(3) == 3
