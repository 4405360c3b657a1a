"""A password alone opens nothing. Until the second sign-in step is done in this session, a user
who must use it is an anonymous visitor everywhere outside the admin: pages for signed-in users
or for a group, private documents and the Wagtail user bar stay closed exactly as for someone
who never signed in; previews (in the admin) ask for the second step. Once it is done, the same
user sees them all."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import ContentPage

from .admin_helpers import make_user
from .security_factories import site_home
from .test_admin_requires_second_factor import VERIFY_URL, current_code

pytestmark = pytest.mark.django_db

USER_BAR = "wagtail-userbar"


@pytest.fixture(autouse=True)
def second_factor_required(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with override_settings(ADMIN_REQUIRE_TWO_FACTOR=True):
        yield


@pytest.fixture
def home():
    return site_home()


@pytest.fixture
def editors():
    return Group.objects.get(name="Editors")


@pytest.fixture
def editor(editors):
    user = make_user(groups=[editors])
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def restricted_page(home, restriction_type, groups=()):
    page = ContentPage(
        title=f"Dla zespołu ({restriction_type})", slug=f"dla-zespolu-{restriction_type}"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type)
    restriction.groups.set(groups)
    return page


def private_document():
    collection = Collection.get_first_root_node().add_child(name="Dla pracowników")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="Procedura", collection=collection)
    document.file.save("procedura.txt", ContentFile(b"tylko dla pracownikow"))
    return document


def half_signed_in(client, user):
    """Signed in with the password only, as after the first step of the sign-in form."""
    client.force_login(user)
    return client


def fully_signed_in(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert client.post(VERIFY_URL, {"code": current_code(device)}).status_code == 302
    return client


def same_answer(response, anonymous_response):
    return (response.status_code, response.get("Location")) == (
        anonymous_response.status_code,
        anonymous_response.get("Location"),
    )


@pytest.mark.parametrize("restriction_type", ["login", "groups"])
def test_a_restricted_page_stays_closed_to_a_password_only_session(
    client, home, editor, editors, restriction_type
):
    page = restricted_page(home, restriction_type, groups=[editors])
    anonymous = client.get(page.url)
    assert anonymous.status_code == 302, "closed to anonymous visitors"

    response = half_signed_in(client, editor).get(page.url)

    assert same_answer(response, anonymous)
    assert "Dla zespołu" not in response.content.decode()


@pytest.mark.parametrize("restriction_type", ["login", "groups"])
def test_the_same_page_opens_after_the_second_step(client, home, editor, editors, restriction_type):
    page = restricted_page(home, restriction_type, groups=[editors])

    response = fully_signed_in(client, editor).get(page.url)

    assert response.status_code == 200
    assert "Dla zespołu" in response.content.decode()


def test_the_sign_in_link_of_a_restricted_page_leads_through_the_second_step_back_to_it(
    client, home, editor
):
    page = restricted_page(home, "login")
    half_signed_in(client, editor)

    to_sign_in = client.get(page.url)["Location"]
    assert to_sign_in.startswith("/admin/login/")
    to_second_step = client.get(to_sign_in)["Location"]
    assert to_second_step.startswith(VERIFY_URL), "not back to the page, without end"
    device = TOTPDevice.objects.get(user=editor)
    after_code = client.post(to_second_step, {"code": current_code(device)})["Location"]
    back_to_page = client.get(after_code)["Location"]

    assert back_to_page == page.url
    assert client.get(back_to_page).status_code == 200


def test_a_private_document_stays_closed_to_a_password_only_session(client, editor):
    document = private_document()
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302

    response = half_signed_in(client, editor).get(document.url)

    assert same_answer(response, anonymous)
    assert b"tylko dla pracownikow" not in b"".join(getattr(response, "streaming_content", []))


def test_a_private_document_opens_after_the_second_step(client, editor):
    document = private_document()

    response = fully_signed_in(client, editor).get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"tylko dla pracownikow"


def test_previews_ask_for_the_second_step(client, home, editor):
    page = restricted_page(home, "login")
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    half_signed_in(client, editor)

    for url in [preview_url, f"/admin/pages/{page.pk}/view_draft/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY_URL), url


def test_the_user_bar_is_not_shown_to_a_password_only_session(client, home, editor):
    assert USER_BAR not in client.get(home.url).content.decode()

    assert USER_BAR not in half_signed_in(client, editor).get(home.url).content.decode()

    client.logout()
    assert USER_BAR in fully_signed_in(client, editor).get(home.url).content.decode()


def test_without_two_step_sign_in_a_password_opens_the_page(client, home, editor):
    """Development and tests sign in with a password: there it is enough."""
    page = restricted_page(home, "login")

    with override_settings(ADMIN_REQUIRE_TWO_FACTOR=False):
        assert half_signed_in(client, editor).get(page.url).status_code == 200
