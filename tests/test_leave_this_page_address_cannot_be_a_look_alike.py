"""The leave-this-page address cannot lead back to this site under a look-alike spelling of its
name: browsers read full-width letters, a soft hyphen or circled letters as the plain name."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from home.models.safety import SafetySettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def safety_settings(settings):
    settings.ALLOWED_HOSTS = ["mops.example.org", ".mops-wroclaw.pl"]
    return SafetySettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.parametrize(
    "address",
    [
        "https://ｍｏｐｓ.example.org/",  # full-width letters
        "https://mops.exam\u00adple.org/",  # a soft hyphen, which browsers drop
        "https://ⓜops.example.org/",  # a circled letter
        "https://www.ｍｏｐｓ-ｗｒｏｃｌａｗ.pl/",  # a subdomain of a domain the site answers to
    ],
)
def test_a_look_alike_of_the_sites_own_name_is_refused(safety_settings, address):
    safety_settings.quick_exit_url = address
    with pytest.raises(ValidationError) as refused:
        safety_settings.full_clean()
    assert "quick_exit_url" in refused.value.message_dict


@pytest.mark.parametrize("address", ["https://www.google.com/", "https://bücher.de/"])
def test_another_site_is_accepted(safety_settings, address):
    safety_settings.quick_exit_url = address
    safety_settings.full_clean()
