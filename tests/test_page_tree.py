"""Editors can only create each page type where it belongs."""

import pytest
from wagtail.models import Page

from home.models import (
    AccessibilityStatementPage,
    ContentPage,
    EasyReadPage,
    HomePage,
    SignLanguagePage,
)
from programmes.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def allowed_parents(model):
    return set(model.allowed_parent_page_models())


def allowed_children(model):
    return set(model.allowed_subpage_models())


def test_home_page_sits_at_the_root_and_holds_the_sections():
    assert allowed_parents(HomePage) == {Page}
    assert allowed_children(HomePage) == {
        ProgrammeIndexPage,
        NewsIndexPage,
        ContentPage,
        AccessibilityStatementPage,
        EasyReadPage,
        SignLanguagePage,
    }


def test_programme_list_sits_under_the_home_page_and_holds_programmes():
    assert allowed_parents(ProgrammeIndexPage) == {HomePage}
    assert allowed_children(ProgrammeIndexPage) == {ProgrammePage}


def test_programme_pages_live_only_in_the_programme_list():
    assert allowed_parents(ProgrammePage) == {ProgrammeIndexPage}


def test_content_pages_nest_under_home_and_each_other():
    assert allowed_parents(ContentPage) == {HomePage, ContentPage}
    assert allowed_children(ContentPage) == {ContentPage}


def test_a_second_home_page_cannot_be_created(root_page):
    assert not HomePage.can_create_at(root_page)


def test_a_second_programme_list_cannot_be_created_under_the_home_page(home_page):
    assert not ProgrammeIndexPage.can_create_at(home_page)
