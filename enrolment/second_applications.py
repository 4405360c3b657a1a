"""Applications to one edition that may be one person's second: the applicant's own e-mail or
phone number is that of an earlier application to the same edition which still holds a place or
waits for one (compared as the data rights search compares them, enrolment.data_rights: case
ignored; digits only, with or without +48).

Each is stored and takes its place as usual: a parent applying for two children gives the same
number twice, a form sent again days later is a person's real second try, and only the
coordinator can tell which. The later application carries a mark, in the list and on its page,
that names the earlier one; rejecting or withdrawing it frees its place for the waiting list
(enrolment.waiting_list). The applicant is never told: a form that said "you have already
applied" would tell anyone who knows a person's phone number that they applied, to a programme
for victims of violence too.
"""

from collections import defaultdict
from dataclasses import dataclass

from .data_rights import EMAIL, OWN_KEYS, PHONE, normalised_email, phone_digits
from .models import STATUSES_TAKING_A_PLACE, ApplicationStatus

# The earlier applications that count: those holding a place or waiting for one.
STILL_IN_THE_RUNNING = [*STATUSES_TAKING_A_PLACE, ApplicationStatus.WAITING_LIST]


@dataclass(frozen=True)
class EarlierApplication:
    pk: int
    reference: str
    same_email: bool
    same_phone: bool


def contact_of(form_data):
    """The applicant's own e-mail and phone number, as compared: ("", "") where not given."""
    if not isinstance(form_data, dict):
        return "", ""
    return normalised_email(form_data.get(OWN_KEYS[EMAIL])), phone_digits(
        form_data.get(OWN_KEYS[PHONE])
    )


def earlier_applications(applications, among):
    """{pk: [EarlierApplication, ...], oldest first} for those of `applications` that have any,
    in one query, however many applications and editions there are. Earlier applications are
    looked for only `among` those given (a queryset: the ones the user may see). An edition
    handed to another team keeps the applications sent before under the first team: the new
    team's coordinators must not learn, from a mark, that a number applied there before."""
    applications = [
        application
        for application in applications
        if application.edition_id and not application.is_anonymised
    ]
    editions = {application.edition_id for application in applications}
    if not editions:
        return {}
    in_the_running = defaultdict(list)
    rows = (
        among.filter(
            edition_id__in=editions,
            anonymised_at__isnull=True,
            status__in=STILL_IN_THE_RUNNING,
        )
        .order_by("submit_time", "pk")
        .values_list("pk", "reference", "edition_id", "submit_time", "form_data")
    )
    for pk, reference, edition_id, submit_time, form_data in rows:
        in_the_running[edition_id].append((submit_time, pk, reference, contact_of(form_data)))

    found = {}
    for application in applications:
        email, phone = contact_of(application.form_data)
        if not (email or phone):
            continue
        earlier = []
        for submit_time, pk, reference, (other_email, other_phone) in in_the_running[
            application.edition_id
        ]:
            if (submit_time, pk) >= (application.submit_time, application.pk):
                break
            same_email = bool(email) and email == other_email
            same_phone = bool(phone) and phone == other_phone
            if same_email or same_phone:
                earlier.append(EarlierApplication(pk, reference, same_email, same_phone))
        if earlier:
            found[application.pk] = earlier
    return found
