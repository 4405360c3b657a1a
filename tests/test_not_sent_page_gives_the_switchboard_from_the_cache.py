"""The not-sent page (503, shown when the database is unreachable) gives the centre's switchboard
as pages last read it from the cache, without asking the database; before any page has read it,
the configured fallback number."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings

from home.models import InstitutionSettings
from mops_site.error_views import service_unavailable

from .factories import SmallSite

pytestmark = pytest.mark.django_db


def not_sent_page():
    request = RequestFactory().post("/", {"imie": "Anna"})
    with CaptureQueriesContext(connection) as queries:
        content = service_unavailable(request).content.decode()
    assert len(queries) == 0, "the database is not asked"
    return content


@override_settings(FALLBACK_CONTACT_PHONE="71 000 00 00")
def test_the_switchboard_a_page_read_is_given_without_the_database(client):
    site = SmallSite.build()
    assert "71 000 00 00" in not_sent_page(), "nothing read yet: the fallback"
    setting = InstitutionSettings.for_site(site.home.get_site())
    setting.phone = "71 222 33 44"
    setting.save()
    assert client.get(site.home.url).status_code == 200  # a reader's page reads the setting

    assert "71 222 33 44" in not_sent_page()
