"""A damaged image uploaded in the admin gets a message in the form, never a server error: it
cannot be written again without its metadata, so it is not stored at all.

Wagtail's own check reads the first frame only; an animation whose later frame is cut off passed
it and then failed when the image was saved (500, the upload lost). A truncated still image is
still answered with a 500 by Wagtail's form field itself (its pixel count loads the picture)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(image_format):
    buffer = io.BytesIO()
    PillowImage.effect_noise((200, 150), 60).convert("RGB").save(buffer, image_format)
    return buffer.getvalue()


def animation_cut_off():
    frames = [PillowImage.effect_noise((120, 120), 80).convert("P") for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()[:-2000]


def test_a_cut_off_animation_gets_a_message_in_the_form(admin_client):
    name = "ucięte.gif"
    response = admin_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, animation_cut_off(), "image/gif")},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Image.objects.filter(title=name).exists()


def test_a_cut_off_animation_among_several_gets_a_message(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("ucięte.gif", animation_cut_off(), "image/gif")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Image.objects.filter(title="ucięte").exists()


def test_a_whole_image_is_still_accepted_and_its_title_can_be_changed(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "całe", "file": SimpleUploadedFile("cale.jpg", photo("JPEG"), "image/jpeg")},
    )
    assert response.status_code == 302
    image = Image.objects.get(title="całe")
    response = admin_client.post(f"/admin/images/{image.pk}/", {"title": "nowy tytuł", "file": ""})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "nowy tytuł"
