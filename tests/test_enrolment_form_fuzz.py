"""Whatever is sent to the enrolment form (control characters, huge or foreign text, fields
missing, extra or repeated, forged editions and tokens), the answer is never a server error, and
every application that is accepted is stored exactly once, however often its form is sent."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from enrolment.field_names import SYSTEM_FIELD_NAMES, question_key, system_field_name
from enrolment.models import Application
from enrolment.submission_tokens import FIELD_NAME as TOKEN, token_from

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form, with_question

pytestmark = pytest.mark.django_db

# Every system field a browser sends (reCAPTCHA is off in the tests).
SYSTEM_KEYS = sorted(SYSTEM_FIELD_NAMES - {"captcha"})

text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=5),
    st.integers(min_value=1, max_value=40).map(lambda size: "ż\u202e" * (size * 1000)),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),  # forged ids, huge numbers
    st.sampled_from(["on", "off", "0", "", " ", "true", "null"]),
)
one_field = st.one_of(text, st.lists(text, min_size=2, max_size=4))  # lists: a repeated field


@pytest.fixture
def open_form():
    page, chosen = open_enrolment_form()
    # Choices beside the free text, as editors ask them: one required, one not.
    page = with_question(
        page,
        "Czy korzystasz ze wsparcia?",
        "radio",
        required=True,
        choices=["Tak", "Nie", "Nie wiem"],
    )
    page = with_question(page, "Czego potrzebujesz?", "checkboxes", choices=["Opieki", "Dojazdu"])
    names = [system_field_name(key) for key in SYSTEM_KEYS]
    names += [question_key(field.clean_name) for field in page.get_form_fields()]
    return page, chosen, names


@settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_makes_a_server_error_or_a_second_application(client, open_form, data):
    page, chosen, names = open_form
    sent = valid_answers(page, chosen)
    changes = data.draw(
        st.dictionaries(
            st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=12)),
            st.one_of(one_field, st.none()),  # None: the field is left out
            max_size=5,
        ),
        label="changes",
    )
    for name, value in changes.items():
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value
    token_kind = data.draw(st.sampled_from(["issued", "missing", "forged", "repeated"]))
    if token_kind == "missing":
        sent.pop(TOKEN, None)
    elif token_kind == "forged":
        sent[TOKEN] = data.draw(one_field, label="forged token")
    elif token_kind == "repeated":
        sent[TOKEN] = [sent[TOKEN], sent[TOKEN]]

    for _attempt in range(2):  # and once more, as after a double click
        response = submit(client, page, sent)
        assert response.status_code < 500, response.status_code
        if response.status_code == 302:
            token = token_from(
                {TOKEN: sent[TOKEN][-1] if token_kind == "repeated" else sent[TOKEN]}
            )
            assert Application.objects.filter(submission_token=token).count() == 1
