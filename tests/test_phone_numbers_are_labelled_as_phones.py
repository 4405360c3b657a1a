"""A phone number on a page is labelled "Telefon" ("Телефон"), and an application taken by phone
says "Telefonicznie" ("Телефоном"): the same English word, two meanings, each with its own
translation."""

import re

import pytest
from django.utils import translation

from enrolment.models import ApplicationChannel

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def labels_of_numbers(html):
    return re.findall(r"<dt>([^<]*)</dt><dd><a [^>]*href=\"tel:", html)


@pytest.mark.parametrize(
    ("prefix", "label", "channel"),
    [("", "Telefon", "Telefonicznie"), ("/uk", "Телефон", "Телефоном")],
)
def test_numbers_are_labelled_phone_and_the_channel_by_phone(client, prefix, label, channel):
    html = client.get(prefix + "/").content.decode()

    labels = labels_of_numbers(html)
    assert labels and set(labels) == {label}
    with translation.override(prefix.strip("/") or "pl"):
        assert str(ApplicationChannel.PHONE.label) == channel
