"""Factories for the objects tests need, so that a test builds its own small world instead of
reading the demo's sentences and people (factory_boy, with wagtail-factories for pages).

`SmallSite.build()` gives a site of its own: a home page (the default site's root while the
test runs), the programme list, one programme with one edition whose enrolment is open, and its
enrolment form with one question. Everything is made inside the test's transaction and rolled
back with it, whether or not the demo is in the database.
"""

import datetime
from dataclasses import dataclass

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from enrolment.models import EnrolmentFormField, EnrolmentFormPage
from home.models import HomePage, Institution
from programmes.models import Edition, Person, ProgrammeIndexPage, ProgrammePage, TargetGroup, Team

QUESTION_LABEL = "Dlaczego chcesz wziąć udział?"


def polish():
    return Locale.objects.get_or_create(language_code="pl")[0]


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    number = factory.Sequence(lambda n: 500 + n)
    name = factory.LazyAttribute(lambda team: f"Zespół Terenowej Pracy Socjalnej nr {team.number}")
    short_name = factory.LazyAttribute(lambda team: f"ZTPS nr {team.number}")
    street_address = "ul. Testowa 1"
    postal_code = "50-001"
    city = "Wrocław"
    email = factory.LazyAttribute(lambda team: f"ztps{team.number}@example.org")
    locale = factory.LazyFunction(polish)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    team = factory.SubFactory(TeamFactory)
    name = "Anna Testowa"
    role = "koordynatorka"
    email = factory.LazyAttribute(lambda person: f"coordinator{person.team.number}@example.org")
    locale = factory.LazyFunction(polish)


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Grupa docelowa {n}")
    locale = factory.LazyFunction(polish)


class InstitutionFactory(DjangoModelFactory):
    """The centre, in Polish (one per language)."""

    class Meta:
        model = Institution
        django_get_or_create = ("locale",)

    name = "Ośrodek Pomocy Społecznej"
    short_name = "OPS"
    street_address = "ul. Testowa 1"
    postal_code = "50-001"
    city = "Wrocław"
    locale = factory.LazyFunction(polish)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Strona główna"
    slug = factory.Sequence(lambda n: f"strona-glowna-{n}")
    locale = factory.LazyFunction(polish)


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammeIndexPage

    title = "Programy"
    slug = "programy"
    show_in_menus = True
    locale = factory.LazyFunction(polish)


class ProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Program na próbę {n}")
    slug = factory.Sequence(lambda n: f"program-na-probe-{n}")
    programme_type = "social_activity"
    target_group = factory.SubFactory(TargetGroupFactory)
    lead = "Program do testów."
    locale = factory.LazyFunction(polish)


class EditionFactory(DjangoModelFactory):
    """An edition whose enrolment is open today (pass `enrolment_opens_on=None` and
    `enrolment_closes_on=None` for one without enrolment)."""

    class Meta:
        model = Edition

    programme = None  # required: the ProgrammePage
    number = factory.LazyAttribute(lambda edition: edition.programme.editions.count() + 1)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200))
    enrolment_opens_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=1)
    )
    enrolment_closes_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    places = 10
    responsible_person = factory.SubFactory(PersonFactory)
    team = factory.SelfAttribute("responsible_person.team")
    locale = factory.LazyFunction(polish)


class EnrolmentFormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EnrolmentFormPage
        skip_postgeneration_save = True  # the questions are rows of their own

    title = "Zgłoszenie"
    slug = factory.Sequence(lambda n: f"zgloszenie-{n}")
    next_steps = "<p>Zadzwonimy w ciągu kilku dni.</p>"
    locale = factory.LazyFunction(polish)

    @factory.post_generation
    def questions(page, create, labels, **kwargs):
        """`questions=[...]`: the labels of optional free-text questions (one by default)."""
        if not create:
            return
        for index, label in enumerate(labels if labels is not None else [QUESTION_LABEL]):
            EnrolmentFormField.objects.create(
                page=page, sort_order=index, label=label, field_type="multiline", required=False
            )


def publish(page):
    """Publish the page as an editor would (a revision), and return it fresh from the database."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@dataclass
class SmallSite:
    home: HomePage
    programme_index: ProgrammeIndexPage
    programme: ProgrammePage
    edition: Edition
    form: EnrolmentFormPage

    @classmethod
    def build(cls, *, places=10, sensitive=False):
        root = Page.get_first_root_node()
        home = publish(HomePageFactory(parent=root))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        index = publish(ProgrammeIndexPageFactory(parent=home))
        programme = ProgrammePageFactory(parent=index, is_sensitive=sensitive)
        edition = EditionFactory(programme=programme, places=places)
        programme = publish(programme)
        form = publish(EnrolmentFormPageFactory(parent=programme))
        return cls(home, index, programme, Edition.objects.get(pk=edition.pk), form)
