"""The enrolment form under each programme, the privacy notice, and the coordinators' groups."""

import importlib

from wagtail.contrib.forms.utils import get_field_clean_name

from enrolment.forms import SYSTEM_FIELD_NAMES
from enrolment.models import EnrolmentFormPage, PrivacyNotice

from .privacy_notice import privacy_notice
from .sync import upsert, upsert_page

FORM_SLUG = "zgloszenie"


def build_enrolment_form(programme_page, programme, tally):
    """`programme` is a data module with an `ENROLMENT_FORM`; the page is published."""
    form = programme.ENROLMENT_FORM
    check_question_names(form["questions"])
    values = {
        "title": form["title"],
        "intro": form["intro"],
        "next_steps": form["next_steps"],
        "closed_text": form["closed_text"],
    }
    return upsert_page(
        programme_page,
        EnrolmentFormPage,
        FORM_SLUG,
        values,
        tally,
        children={"form_fields": form["questions"]},
    )


def check_question_names(questions):
    """An editor's question must not take the name of a field the system adds to every form."""
    names = [get_field_clean_name(row["label"]) for row in questions]
    taken = sorted(set(names) & SYSTEM_FIELD_NAMES)
    if taken:
        raise ValueError(f"Demo questions take the names of system fields: {', '.join(taken)}.")
    if len(set(names)) != len(names):
        raise ValueError("Two demo questions on one form have the same name.")


def build_privacy_notice(locale, tally):
    return upsert(PrivacyNotice, {"locale": locale}, privacy_notice(), tally)


def ensure_coordinator_groups():
    """Give each team its coordinators' group, once `enrolment.signals` provides the function.

    Returns whether it ran.
    """
    try:
        signals = importlib.import_module("enrolment.signals")
    except ModuleNotFoundError as error:
        if error.name != "enrolment.signals":
            raise
        return False
    ensure = getattr(signals, "ensure_coordinator_groups", None)
    if ensure is None:
        return False
    ensure()
    return True
