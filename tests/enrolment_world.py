"""A small world for the enrolment tests, built with tests/factories.py: a site of the test's own
whose programme takes applications, more editions and programmes beside it, and its form in
other languages. A test asserts on what it built here, so it passes with or without the demo in
the database."""

import datetime

from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from enrolment import submission
from enrolment.models import EnrolmentFormField
from programmes.models import Edition

from .admin_factories import translate
from .factories import (
    EditionFactory,
    EnrolmentFormPageFactory,
    PersonFactory,
    ProgrammePageFactory,
    SmallSite,
    publish,
)

NO_ENROLMENT = {"enrolment_opens_on": None, "enrolment_closes_on": None}


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def small_site(*, places=10, sensitive=True):
    """A site of the test's own (tests/factories.py); its programme is a sensitive one, as the
    violence-victims programme is, unless `sensitive=False`."""
    return SmallSite.build(places=places, sensitive=sensitive)


def programme_in_every_language(*, places=10):
    """A site of the test's own whose ordinary programme takes applications, and the programme
    in pl, en and uk (translated with wagtail-localize, as a translator does): (site, pages)."""
    site = small_site(places=places, sensitive=False)
    pages = [site.programme] + [translate(site.programme, code) for code in ["en", "uk"]]
    return site, pages


def hidden_programme(index, how):
    """A programme with an edition under `index` that readers cannot open: a "draft" never
    published, "withdrawn" (published, then unpublished), behind a "login" or a "password"."""
    titles = {
        "draft": "Program w szkicu",
        "withdrawn": "Program wycofany",
        "login": "Program tylko dla zalogowanych",
        "password": "Program za hasłem",
    }
    programme = ProgrammePageFactory(parent=index, live=False, title=titles[how])
    EditionFactory(programme=programme)
    if how == "draft":
        return programme
    programme = publish(programme)
    if how == "withdrawn":
        programme.unpublish()
    elif how == "login":
        PageViewRestriction.objects.create(page=programme, restriction_type="login")
    else:
        PageViewRestriction.objects.create(
            page=programme, restriction_type="password", password="tajne"
        )
    return programme


def stored_application(site):
    """An application to the site's edition, stored as the website's form stores one."""
    application, created = submission.store_application(
        edition=site.edition, page=site.form, form_data={"applicant_name": "Anna"}, language="pl"
    )
    assert created
    return application


def open_enrolment_form(**kwargs):
    """(the enrolment form, its one edition open for enrolment) of a new small site."""
    site = small_site(**kwargs)
    return site.form, site.edition


def an_edition(**kwargs):
    """An edition of a programme of the test's own, as applications and notifications need."""
    return small_site(**kwargs).edition


def programme_with_form(index, *, sensitive=False, places=10, **programme_fields):
    """Another published programme under the programme list, with one open edition (its own
    team and person) and its enrolment form: (form, edition)."""
    programme = ProgrammePageFactory(parent=index, is_sensitive=sensitive, **programme_fields)
    edition = EditionFactory(programme=programme, places=places)
    programme = publish(programme)
    form = publish(EnrolmentFormPageFactory(parent=programme))
    return form, Edition.objects.get(pk=edition.pk)


def finished_edition(programme, **kwargs):
    """An edition that ended a month ago (its person may have moved on), without enrolment."""
    return EditionFactory(
        programme=programme,
        **{
            "starts_on": days_from_today(-400),
            "ends_on": days_from_today(-30),
            **NO_ENROLMENT,
            **kwargs,
        },
    )


def upcoming_edition(programme, **kwargs):
    """An edition that starts in two months, open for enrolment unless told otherwise."""
    return EditionFactory(programme=programme, **kwargs)


def coordinator(name, phone, **kwargs):
    """A responsible person with a name and a phone the test can look for on a page."""
    return PersonFactory(name=name, phone=phone, **kwargs)


def with_question(
    form, label, field_type="singleline", *, required=False, choices=(), autocomplete=""
):
    """The form with one more question of the editor's (stored, as the admin stores it)."""
    EnrolmentFormField.objects.create(
        page=form,
        sort_order=form.form_fields.count(),
        label=label,
        field_type=field_type,
        required=required,
        choices="\n".join(choices),
        autocomplete=autocomplete,
    )
    return type(form).objects.get(pk=form.pk)


def translated(page, language_code):
    """The page's translation into the language (its parents translated too), published, as
    an editor's translation would be."""
    locale = Locale.objects.get_or_create(language_code=language_code)[0]
    translation = page.copy_for_translation(locale, copy_parents=True)
    for copy in [*translation.get_ancestors()[1:], translation]:
        if not copy.live:
            publish(copy.specific)
    return type(page).objects.get(pk=translation.pk)
