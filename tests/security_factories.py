"""Factories the security tests need beyond tests/factories.py: a home page of the test's own,
pages of text, uploaded images and an EU project, so that they read nothing from the demo site."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from home.models import ContentPage
from programmes.models import EUProject, ProgrammePage

from .factories import HomePageFactory, ProgrammePageFactory, SmallSite, polish, publish


def site_home():
    """A published home page of the test's own, the default site's root while the test runs
    (rolled back with it), so that "/" shows it whether or not the demo is in the database."""
    home = publish(HomePageFactory(parent=Page.get_first_root_node()))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


def small_site(**kwargs):
    """SmallSite.build(**kwargs): pages link only the news list of their own site, so they open
    whether or not the demo is in the database."""
    return SmallSite.build(**kwargs)


class ContentPageFactory(wagtail_factories.PageFactory):
    """A page of text (pass its `parent`, a home page or another page of text)."""

    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Strona z treścią {n}")
    slug = factory.Sequence(lambda n: f"strona-z-trescia-{n}")
    locale = factory.LazyFunction(polish)


def sensitive_programme(programme_index):
    """A published programme for people at risk (`is_sensitive`) in the given programme list."""
    return publish(ProgrammePageFactory(parent=programme_index, is_sensitive=True))


class ImageFactory(wagtail_factories.ImageFactory):
    """An uploaded image in the root collection (set MEDIA_ROOT to a temporary folder)."""

    title = factory.Sequence(lambda n: f"Zdjęcie {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=60, height=20, color="green", filename="zdjecie.jpg")


class EUProjectFactory(DjangoModelFactory):
    class Meta:
        model = EUProject

    name = factory.Sequence(lambda n: f"Projekt testowy {n}")
    fund = "Europejski Fundusz Społeczny"
    operational_programme = "Regionalny Program Operacyjny na próbę"
    funding_statement = "<p>Projekt współfinansowany ze środków Unii Europejskiej.</p>"
    locale = factory.LazyFunction(polish)


def with_eu_project(programme, eu_project):
    """The programme published again with the project (and its logo strip) it runs under."""
    programme = ProgrammePage.objects.get(pk=programme.pk)
    programme.eu_project = eu_project
    return publish(programme)
