"""A form's one-time token belongs to the form page that rendered it: sent to another programme's
form, it neither shows the first form's confirmation (its reference, its programme) nor drops the
new application; the form is shown again with the answers and a token of its own."""

import pytest

from enrolment.models import Application
from enrolment.submission_tokens import FIELD_NAME as TOKEN

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import programme_with_form, small_site

pytestmark = pytest.mark.django_db


def test_a_token_used_on_one_form_page_is_not_accepted_by_another(client):
    site = small_site()
    first_page, first_edition = site.form, site.edition
    other_page, other_edition = programme_with_form(site.programme_index)

    first = valid_answers(first_page, first_edition)
    assert submit(client, first_page, first).status_code == 302
    stored = Application.objects.get()

    answers = valid_answers(
        other_page, other_edition, applicant_name="Beata Inna", **{TOKEN: first[TOKEN]}
    )
    response = submit(client, other_page, answers)

    assert response.status_code == 200
    html = response.content.decode()
    assert stored.reference not in html
    assert 'value="Beata Inna"' in html
    assert Application.objects.count() == 1

    resent = {**answers, TOKEN: response.context["form"].signed_submission_token}
    assert submit(client, other_page, resent).status_code == 302
    assert Application.objects.filter(page=other_page).count() == 1
