"""Editors at the centre get the Wagtail admin in Polish without changing any setting."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_login_page_is_in_polish(client):
    html = client.get("/admin/login/").content.decode()
    assert '<html lang="pl"' in html
    assert "Zaloguj się" in html


def test_an_editor_without_a_language_preference_sees_the_dashboard_in_polish(
    client, django_user_model
):
    editor = django_user_model.objects.create_superuser("redaktorka", "r@example.org", "x")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert '<html lang="pl"' in html
    assert "Strony" in html
