"""What the applications list shows: its columns, the facts it sorts and filters by (read from
the stored answers in the database, so that sorting and filtering work on SQLite and PostgreSQL
alike), what its search finds, and what it says when it is empty."""

import re
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Lower
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy
from wagtail.admin.ui.tables import Column

from enrolment.data_rights import name_words, normalised_email, phone_digits
from enrolment.default_language import routing_sources
from enrolment.models import ApplicationStatus, Notification
from enrolment.permissions import coordinated_team_ids
from enrolment.references import ALPHABET
from programmes.models import Edition

# Names the list's queryset is annotated with (none of them is a field of Application).
NAME = "applicant_name"
NAME_SORT = "applicant_name_sort"
SAFE_CONTACT = "has_safe_contact"
STATUS_ORDER = "status_order"
UNDELIVERED = "has_undelivered_notifications"

# Sort keys of the columns whose order is not the plain order of one value.
ORDERINGS = {
    NAME: [F(NAME_SORT)],
    "programme": [F("programme__title"), F("edition_number")],
    "status": [F(STATUS_ORDER)],
    "team": [F("team__number")],
}


def undelivered_notifications():
    return Notification.objects.undelivered().filter(application=OuterRef("pk"))


def has_safe_contact_instructions():
    """True for an application of a sensitive programme whose applicant said how (or when) it
    is safe to make contact. Needs `safe_contact_text` (see `with_list_facts`)."""
    return Q(programme__is_sensitive=True) & Q(safe_contact_text__gt="")


def answer_text(key):
    """A stored answer as text (NULL where it was not given), compared as text, not JSON."""
    return Cast(KeyTextTransform(key, "form_data"), output_field=TextField())


def with_list_facts(queryset):
    """The applications with what the list shows, sorts and filters by."""
    statuses = [value for value, _label in ApplicationStatus.choices]
    return queryset.annotate(
        **{
            NAME: answer_text("applicant_name"),
            "safe_contact_text": answer_text("safe_contact"),
        }
    ).annotate(
        **{
            NAME_SORT: Lower(NAME),
            SAFE_CONTACT: Case(
                When(has_safe_contact_instructions(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            # Statuses in the order a coordinator works through them, not alphabetically.
            STATUS_ORDER: Case(
                *[When(status=status, then=Value(index)) for index, status in enumerate(statuses)],
                default=Value(len(statuses)),
            ),
            UNDELIVERED: Exists(undelivered_notifications()),
        }
    )


def ordered(queryset, ordering):
    """The queryset in a column's order (`ordering` is a sort key, "-" first for descending),
    ties (and applications without the value, e.g. anonymised ones) after, newest first."""
    descending = ordering.startswith("-")
    key = ordering.removeprefix("-")
    expressions = [
        expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        for expression in ORDERINGS.get(key, [F(key)])
    ]
    return queryset.order_by(*expressions, "-submit_time", "-pk")


# Search.

SEARCH_PLACEHOLDER = gettext_lazy("Search: reference, name, phone, e-mail")
# Letters a reference never holds because they are read like digits (enrolment.references): one
# read out or typed is taken for the digit.
READ_AS_DIGITS = str.maketrans(
    {
        letter: digit
        for letter, digit in {"O": "0", "I": "1", "L": "1"}.items()
        if letter not in ALPHABET
    }
)
# Shorter parts of a reference, a phone number or an address would find too many applications.
MIN_REFERENCE_CHARACTERS = 3
MIN_PHONE_DIGITS = 3
MIN_EMAIL_CHARACTERS = 3
_PHONE_LIKE = re.compile(r"[\d\s+().\-/]+")


def reference_key(value):
    """A reference as it is read out or typed: "mz8w jh62", "MZ8W–JH62" and "MZ8W-JH62" alike."""
    return re.sub(r"[\W_]+", "", value or "").upper().translate(READ_AS_DIGITS)


@dataclass(frozen=True)
class SearchTerms:
    """What a coordinator typed, read as a part of a reference, of the applicant's phone number
    (digits only, with or without +48), of their e-mail address, and as words of their name (in
    any order, case and Polish letters ignored: "elzbieta nowak" finds "Nowak Elżbieta")."""

    reference: str = ""
    digits: str = ""
    email: str = ""
    words: frozenset = frozenset()

    @classmethod
    def of(cls, query):
        reference = reference_key(query)
        digits = phone_digits(query) if _PHONE_LIKE.fullmatch(query.strip() or "-") else ""
        email = normalised_email(query)
        return cls(
            reference=reference if len(reference) >= MIN_REFERENCE_CHARACTERS else "",
            digits=digits if len(digits) >= MIN_PHONE_DIGITS else "",
            email=email if len(email) >= MIN_EMAIL_CHARACTERS else "",
            words=name_words(query),
        )

    def __bool__(self):
        return bool(self.reference or self.digits or self.email or self.words)

    def match(self, reference, answers):
        if self.reference and self.reference in reference_key(reference):
            return True
        if not isinstance(answers, dict):
            return False
        if self.digits and self.digits in phone_digits(answers.get("phone")):
            return True
        if self.email and self.email in normalised_email(answers.get("email")):
            return True
        if self.words:
            name = name_words(answers.get("applicant_name"))
            return all(any(word in part for part in name) for word in self.words)
        return False


def search(queryset, query):
    """The applications of `queryset` that `query` finds (see SearchTerms).

    The answers are JSON whose text SQLite cannot fold (Polish letters, Cyrillic case), so they
    are compared here, as the personal data requests compare them (enrolment.data_rights): one
    query reads the references and answers of the applications the user may see, whatever the
    number of rows, and the list then shows those found.
    """
    terms = SearchTerms.of(query)
    if not terms:
        return queryset.none()
    rows = queryset.prefetch_related(None).order_by().values_list("pk", "reference", "form_data")
    found = [
        pk
        for pk, reference, answers in rows.iterator(chunk_size=500)
        if terms.match(reference, answers)
    ]
    return queryset.filter(pk__in=found)


def edition_name(programme_title, number):
    if not programme_title:
        return _("Edition %(number)s") % {"number": number}
    return _("%(programme)s, edition %(number)s") % {
        "programme": programme_title,
        "number": number,
    }


class EditionColumn(Column):
    """The programme and the edition, e.g. "KomPAS, edition 3"."""

    def get_value(self, instance):
        title = instance.programme.title if instance.programme else ""
        return edition_name(title, instance.edition_number)


class NameColumn(Column):
    """The name, and the earlier applications that this one may repeat (given to the page's
    applications by the index view: `earlier_applications`)."""

    cell_template_name = "enrolment/admin/application_name_cell.html"


class StatusColumn(Column):
    """The status, with the day a place was offered from the waiting list."""

    cell_template_name = "enrolment/admin/application_status_cell.html"


class SafeContactColumn(Column):
    """A mark (an icon and words, not a colour alone) on applications whose applicant said how
    it is safe to contact them."""

    cell_template_name = "enrolment/admin/application_safe_contact_cell.html"

    def get_value(self, instance):
        return getattr(instance, SAFE_CONTACT, False)


@dataclass
class EnrolmentOutlook:
    """When the user's teams take applications: what an empty list tells a coordinator."""

    open_editions: list = field(default_factory=list)
    next_edition: Edition | None = None


def teams_editions(user):
    """Editions of the user's teams (of every team for a superuser), with their programmes."""
    editions = routing_sources(Edition.objects.all()).select_related("programme")
    if not user.is_superuser:
        editions = editions.filter(team_id__in=coordinated_team_ids(user))
    return editions


def enrolment_outlook(user, today=None):
    today = today or timezone.localdate()
    editions = teams_editions(user)
    open_editions = list(
        editions.enrolment_open(today).order_by("enrolment_closes_on", "programme__title", "number")
    )
    if open_editions:
        return EnrolmentOutlook(open_editions=open_editions)
    return EnrolmentOutlook(
        next_edition=editions.filter(enrolment_opens_on__gt=today)
        .order_by("enrolment_opens_on", "programme__title", "number")
        .first()
    )
