"""Answers to choice questions stored as the source-language (Polish) choice, whatever the form's
language, with the answer as the applicant saw it kept beside them.

A translated form's questions are translations of the Polish ones: the same `clean_name`
(synchronised), their choices translated line by line. So the choice at a position of the
translated list means the choice at the same position of the Polish list, and storing that one
lets every application say "Tak" for yes: a coordinator filters one column by one value.

When the two lists differ in length (the translation is out of date), a position proves nothing:
the applicant's answer is stored as it is and marked unmatched, never guessed.

Stored in the application's `form_data`, under AS_ANSWERED (a key with a hyphen that is not a
question's prefix, so no question can take it, see `field_names`):
`{question key: {"value": the answer as sent, "matched": bool}}`, only for answers that differ
from what is stored in the question's place, or could not be matched. Anonymisation empties
`form_data`, and this with it.
"""

from .field_names import question_key
from .forms import EnrolmentFormBuilder

__all__ = ["AS_ANSWERED", "CHOICE_FIELD_TYPES", "choice_values", "in_source_language"]

AS_ANSWERED = "as-answered"
CHOICE_FIELD_TYPES = frozenset({"dropdown", "radio", "checkboxes", "multiselect"})


def choice_values(field):
    """A question's choices, split exactly as the form that offered them splits them."""
    return [value for value, _label in EnrolmentFormBuilder(()).get_formatted_field_choices(field)]


def in_source_language(answers, fields, source_fields):
    """`answers` to a form with `fields`, as stored: each choice as the source form's choice.

    `source_fields` are the questions of the source-language form (the same as `fields` for a
    Polish application, which is then stored unchanged).
    """
    source_by_name = {field.clean_name: field for field in source_fields}
    stored = dict(answers)
    as_answered = {}
    for field in fields:
        key = question_key(field.clean_name)
        value = answers.get(key)
        if field.field_type not in CHOICE_FIELD_TYPES or value in (None, "", []):
            continue
        source = source_by_name.get(field.clean_name)
        translated = _translate(value, choice_values(field), source and choice_values(source))
        if translated is None:
            as_answered[key] = {"value": value, "matched": False}
        elif translated != value:
            stored[key] = translated
            as_answered[key] = {"value": value, "matched": True}
    if as_answered:
        stored[AS_ANSWERED] = as_answered
    return stored


def _translate(value, choices, source_choices):
    """The source choice(s) at the position(s) of `value` in `choices`; None if unmatched."""
    if not source_choices or len(source_choices) != len(choices):
        return None
    # The first position of each choice, as a browser's first matching option.
    positions = {}
    for position, choice in enumerate(choices):
        positions.setdefault(choice, position)
    values = value if isinstance(value, list) else [value]
    if any(item not in positions for item in values):
        return None
    translated = [source_choices[positions[item]] for item in values]
    return translated if isinstance(value, list) else translated[0]
