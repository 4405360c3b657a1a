"""Building enrolment forms and sending applications the way a browser does."""

import datetime
import itertools

from django.core.cache import cache
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from enrolment.field_names import SYSTEM_FIELD_NAMES, question_key, system_field_name
from enrolment.models import EnrolmentFormField, EnrolmentFormPage
from enrolment.submission_tokens import FIELD_NAME as TOKEN_FIELD_NAME, new_token
from programmes.models import Edition, ProgrammePage

_slugs = itertools.count(1)

QUESTION_LABEL = "Dlaczego chcesz wziąć udział?"
QUESTION_NAME = "dlaczego_chcesz_wziac_udzial"


def programme(eu_project_name):
    return ProgrammePage.objects.get(locale__language_code="pl", eu_project__name=eu_project_name)


def edition(eu_project_name, number):
    return Edition.objects.get(programme=programme(eu_project_name), number=number)


def open_enrolment(*editions, today=None):
    """Open the editions' enrolment around today and close every other edition's."""
    today = today or timezone.localdate()
    programmes = {edition.programme_id for edition in editions}
    Edition.objects.filter(programme_id__in=programmes).update(
        enrolment_opens_on=None, enrolment_closes_on=None
    )
    for item in editions:
        Edition.objects.filter(pk=item.pk).update(
            enrolment_opens_on=today - datetime.timedelta(days=1),
            enrolment_closes_on=today + datetime.timedelta(days=30),
        )


def form_page(parent):
    """The programme's enrolment form; a test one with one question if the demo has none."""
    existing = EnrolmentFormPage.objects.child_of(parent).live().first()
    if existing:
        return existing
    page = EnrolmentFormPage(
        title="Zgłoszenie",
        slug=f"zgloszenie-test-{next(_slugs)}",
        next_steps="<p>Zadzwonimy w ciągu kilku dni.</p>",
    )
    page.form_fields = [
        EnrolmentFormField(label=QUESTION_LABEL, field_type="multiline", required=False)
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return EnrolmentFormPage.objects.get(pk=page.pk)


def valid_answers(page, edition, **overrides):
    """What a browser sends for an applicant who answers every required question, from a newly
    rendered form (its own one-time token). Overrides name system fields by their stored keys
    ("phone"), questions by their keys; None leaves a field out."""
    answers = {
        "edition": str(edition.pk),
        "applicant_name": "Anna Kowalska",
        "phone": "600 123 456",
        "privacy_consent": "on",
    }
    for field in page.get_form_fields():
        if field.required and question_key(field.clean_name) not in answers:
            answers[question_key(field.clean_name)] = _an_answer(field)
    answers.update(overrides)
    return as_sent({key: value for key, value in answers.items() if value is not None})


def as_sent(answers):
    """Answers keyed as stored, keyed as the form sends them, with a one-time token unless one
    is given."""
    sent = {
        system_field_name(key) if key in SYSTEM_FIELD_NAMES else key: value
        for key, value in answers.items()
    }
    sent.setdefault(TOKEN_FIELD_NAME, new_token()[1])
    return sent


def _an_answer(field):
    if field.field_type in {"dropdown", "radio", "checkboxes", "multiselect"}:
        first = field.choices.splitlines()[0].strip() if field.choices else ""
        return [first] if field.field_type in {"checkboxes", "multiselect"} else first
    if field.field_type == "checkbox":
        return "on"
    if field.field_type == "number":
        return "1"
    if field.field_type == "date":
        return "2030-01-01"
    if field.field_type == "email":
        return "odpowiedz@example.org"
    return "Odpowiedź"


def submit(client, page, answers):
    cache.clear()  # each submission starts outside the rate limit unless a test says otherwise
    return client.post(page.url, answers)


def run_queued_notifications():
    """Run the queued notification tasks as `db_worker` does, inside the test's transaction.

    The real command closes old connections between tasks, which would end a test
    transaction; the end-to-end test with a real mail server runs the command itself.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="notifications",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while task_result := DBTaskResult.objects.ready().filter(backend_name="notifications").first():
        task_result.claim("tests")
        worker.run_task(task_result)
        ran += 1
    return ran
