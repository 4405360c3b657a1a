"""The address the "Leave this page" button opens is a moderator's to change, never an editor's;
every change of it (and of the contact details editors change) is in the site history with the
value before and after, and the next reader's button opens the new address."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site

from home import roles
from home.models import InstitutionSettings, SafetySettings
from home.settings_audit import SETTING_CHANGE

from .admin_forms import form_data
from .admin_helpers import is_refused, make_superuser, make_user
from .factories import SmallSite

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "https://pogoda.example.net/dzis"


def member_of(role):
    return make_user(groups=[Group.objects.get(name=role)])


def site():
    return Site.objects.get(is_default_site=True)


def edit_url(model_name):
    return reverse("wagtailsettings:edit", args=["home", model_name, site().pk])


def stored_address():
    return SafetySettings.for_site(site()).quick_exit_url


def post_address(client, address):
    url = edit_url("safetysettings")
    data = form_data(client.get(url).content.decode(), "w-editor-form", quick_exit_url=address)
    return client.post(url, data)


def quick_exit_href(client, page):
    html = client.get(page.url).content.decode()
    assert "data-quick-exit" in html
    return html.split('class="quick-exit__link" href="', 1)[1].split('"', 1)[0]


def setting_changes(model):
    """Changes made by someone in the admin (building the demo site logs its own, userless)."""
    return ModelLogEntry.objects.filter(
        action=SETTING_CHANGE, content_type__model=model._meta.model_name, user__isnull=False
    )


def test_an_editor_can_neither_open_nor_save_the_safety_settings(client):
    before = stored_address()
    client.force_login(member_of(roles.EDITORS))
    url = edit_url("safetysettings")
    assert is_refused(client.get(url))
    assert is_refused(client.post(url, {"quick_exit_url": "https://attacker.example/"}))
    assert stored_address() == before
    # Nor does the settings menu offer them.
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_leave_this_page_address_is_not_among_the_editors_contact_settings(client):
    client.force_login(member_of(roles.EDITORS))
    response = client.get(edit_url("institutionsettings"))
    assert response.status_code == 200
    assert 'name="quick_exit_url"' not in response.content.decode()


def test_a_moderators_change_is_logged_with_both_addresses_and_reaches_the_next_reader(client):
    # A programme for people at risk shows the "Leave this page" button.
    programme = SmallSite.build(sensitive=True).programme
    old = stored_address()
    moderator = member_of(roles.MODERATORS)
    # Seen twice, so that the bar is kept as HTML (a new site's first view makes its settings'
    # row, which forgets what was kept before it).
    for _ in range(2):
        assert quick_exit_href(client, programme) == old

    client.force_login(moderator)
    response = post_address(client, NEW_ADDRESS)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored_address() == NEW_ADDRESS

    entry = setting_changes(SafetySettings).get()
    assert entry.user == moderator
    assert entry.data == {"changes": [{"field": "quick_exit_url", "from": old, "to": NEW_ADDRESS}]}
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert f"z „{old}” na „{NEW_ADDRESS}”" in history  # the admin speaks Polish

    client.logout()
    assert quick_exit_href(client, programme) == NEW_ADDRESS


def test_saving_without_a_change_logs_no_change(client):
    client.force_login(member_of(roles.MODERATORS))
    assert post_address(client, stored_address()).status_code == 302
    assert not setting_changes(SafetySettings).exists()


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.cookie)",
        "data:text/html,<h1>x</h1>",
        "ftp://files.example.net/",
        "not an address",
        # A page of this very site (the admin's host, a Wagtail site's host).
        "http://testserver/programy/",
        "https://localhost/",
        # Reads as google.com, opens attacker.example.
        "https://www.google.com@attacker.example/",
    ],
)
def test_addresses_that_do_not_lead_away_safely_are_refused(client, address):
    before = stored_address()
    client.force_login(make_superuser())
    response = post_address(client, address)
    assert response.status_code == 200
    assert response.context["form"].errors["quick_exit_url"]
    assert stored_address() == before
    assert not setting_changes(SafetySettings).exists()


def test_an_editors_change_of_the_contact_details_is_logged_with_both_values(client):
    editor = member_of(roles.EDITORS)
    client.force_login(editor)
    contact = InstitutionSettings.for_site(site())
    contact.phone = old_phone = "71 000 11 22"
    contact.save()
    url = edit_url("institutionsettings")
    data = form_data(client.get(url).content.decode(), "w-editor-form", phone="71 000 99 88")
    assert client.post(url, data).status_code == 302

    entry = setting_changes(InstitutionSettings).get()
    assert entry.user == editor
    assert entry.data == {"changes": [{"field": "phone", "from": old_phone, "to": "71 000 99 88"}]}
