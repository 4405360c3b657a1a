"""A status change is checked against the application's status as stored when the change is
made, not as it was when the request loaded it: a change that freed the place meanwhile (another
coordinator's "withdrawn") does not let this one take a place the edition no longer has."""

import pytest
from django.urls import reverse

from enrolment.admin_views.views import ChangeStatusView
from enrolment.models import Application
from programmes.models import Edition

from .admin_helpers import make_application, make_coordinator
from .enrolment_world import an_edition

pytestmark = pytest.mark.django_db


def test_a_place_freed_meanwhile_is_not_taken_again_by_a_stale_status(client, monkeypatch):
    edition = an_edition()
    application = make_application(edition, status="new")
    Edition.objects.filter(pk=edition.pk).update(
        places=edition.applications.taking_a_place().count()
    )
    client.force_login(make_coordinator(edition.team))
    loaded = ChangeStatusView.get_object

    def loaded_before_another_coordinators_change(view, queryset=None):
        application = loaded(view, queryset)
        # Another coordinator withdraws it, and another applicant takes the freed place.
        Application.objects.filter(pk=application.pk).update(status="withdrawn")
        make_application(edition, status="new")
        return application

    monkeypatch.setattr(ChangeStatusView, "get_object", loaded_before_another_coordinators_change)
    url = reverse("enrolment_application:change_status", args=[application.pk])
    client.post(url, {"status": "qualified"})

    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert (
        edition.applications.taking_a_place().count() == Edition.objects.get(pk=edition.pk).places
    )
