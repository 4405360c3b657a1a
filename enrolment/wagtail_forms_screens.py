"""Wagtail's own form-submission screens (`/admin/forms/…`) are closed to everyone.

The only form page is the enrolment form, whose submissions are applications: the applications
section shows them to the coordinators of their team only, writes every view and export to the
audit log and neutralises its exports (enrolment.exports). Wagtail's screens have none of that
(its CSV passes formulas through, its XLSX fails on control characters), so even superusers use
the applications section. Registered in enrolment.wagtail_hooks.
"""

from django.http import Http404
from django.urls import re_path

# Wagtail's forms screens live under this admin path (wagtail.contrib.forms.wagtail_hooks).
WAGTAIL_FORMS_PREFIX = "forms/"


def no_form_submissions_for_anyone(user, editable_forms):
    """For the `filter_form_submissions_for_user` hook: hides Wagtail's "Forms" menu item and
    makes its views refuse every form page, should they be reached some other way."""
    return editable_forms.none()


def refuse(request, *args, **kwargs):
    raise Http404


def closed_forms_urls():
    """For the `register_admin_urls` hook, ordered before Wagtail's own: every address under the
    forms screens (list, submissions, their CSV and XLSX exports, delete) answers 404."""
    return [re_path(rf"^{WAGTAIL_FORMS_PREFIX}", refuse, name="wagtailforms_closed")]
