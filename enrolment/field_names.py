"""The names under which the form's fields are sent and their answers are stored.

Wagtail names an editor's question after its label (`get_field_clean_name`, i.e.
`safe_snake_case`): lower-case ASCII letters, digits and underscores, never a hyphen, in any
language. The fields the system adds are sent under names with a hyphen, so that no question can
ever take one. Their answers are stored under the plain keys that the detail view, the exports,
retention and the applicant's e-mail read. A question whose own key would be one of those (a page
stored before the admin refused such labels) is stored under a key with a hyphen instead.
"""

import re

SYSTEM_PREFIX = "system-"
QUESTION_PREFIX = "question-"

# The stored keys of the fields the system adds, in their order around the editor's questions;
# no question may take one of them.
LEADING_KEYS = ["edition"]
TRAILING_KEYS = [
    "applicant_name",
    "phone",
    "email",
    "safe_contact",
    "email_confirmation",
    "privacy_consent",
    "captcha",
    "website",
]
SYSTEM_FIELD_NAMES = frozenset([*LEADING_KEYS, *TRAILING_KEYS])
# Kept out of the stored application: they are checks, not answers.
NOT_STORED = frozenset({"edition", "website", "captcha"})

# What `safe_snake_case` can produce (an empty label produces nothing a browser can send).
_CLEAN_NAME = re.compile(r"[a-z0-9_]+")


def system_field_name(key):
    """The name a system field is sent under, e.g. "system-phone" for the key "phone"."""
    return SYSTEM_PREFIX + key


def question_key(clean_name):
    """The name under which a question is sent and its answer stored.

    A question's own name unless it is reserved or could not come from a label: then the name
    with a prefix. Prefixed keys hold a hyphen, so they never meet a plain name, and they start
    differently from system fields.
    """
    if clean_name in SYSTEM_FIELD_NAMES or not _CLEAN_NAME.fullmatch(clean_name or ""):
        return QUESTION_PREFIX + (clean_name or "")
    return clean_name


def is_reserved(clean_name):
    """True when a question with this name could not keep it (see `question_key`)."""
    return question_key(clean_name) != clean_name
