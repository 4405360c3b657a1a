"""Editors cannot publish an image without alternative text unless they mark it decorative, and
a decorative image is rendered with an empty `alt`, so that screen readers pass it by."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from home.models import ContentPage

from .security_factories import EUProjectFactory, ImageFactory, site_home

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["home", "programmes", "enrolment"]


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return ImageFactory(title="Logotypy funduszy")


def figure(image, alt_text="", decorative=False, caption=""):
    """A content page body with one image, as the page editor sends it."""
    body = ContentPage._meta.get_field("body").stream_block
    return body, body.to_python(
        [
            {
                "type": "figure",
                "value": {
                    "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
                    "caption": caption,
                },
            }
        ]
    )


def test_an_image_without_alternative_text_that_is_not_decorative_cannot_be_published(image):
    body, value = figure(image, alt_text="", decorative=False)
    with pytest.raises(ValidationError) as error:
        body.clean(value)
    image_errors = error.value.as_json_data()["blockErrors"][0]["blockErrors"]["image"]
    assert set(image_errors["blockErrors"]) == {"alt_text"}


def test_an_image_with_alternative_text_is_accepted_and_rendered_with_it(image):
    body, value = figure(image, alt_text="Grupa kobiet na zajęciach WenDo")
    rendered = body.render(body.clean(value))
    assert re.search(r'<img [^>]*alt="Grupa kobiet na zajęciach WenDo"', rendered)


def test_a_decorative_image_is_accepted_and_rendered_with_an_empty_alt(image):
    body, value = figure(image, alt_text="", decorative=True)
    rendered = body.render(body.clean(value))
    assert re.search(r'<img [^>]*alt=""', rendered)
    assert image.title not in rendered  # not the file's title in place of a description


def test_a_published_content_page_shows_the_decorative_image_with_an_empty_alt(client, image):
    home = site_home()
    _, value = figure(image, alt_text="", decorative=True)
    page = ContentPage(title="Z obrazkiem", slug="z-obrazkiem", body=value)
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert re.search(r'<img [^>]*alt=""', html)


def test_the_eu_logo_strip_needs_its_alternative_text(image):
    project = EUProjectFactory()
    project.logo_strip = image
    project.logo_strip_alt_text = ""
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "logo_strip_alt_text" in error.value.message_dict

    project.logo_strip_alt_text = "Fundusze Europejskie, Rzeczpospolita Polska, Dolny Śląsk, UE"
    project.full_clean()
    project.logo_strip = None
    project.logo_strip_alt_text = ""
    project.full_clean()  # no logos, nothing to describe


def _project_models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models()


def test_every_image_chosen_on_a_model_has_a_field_for_its_alternative_text():
    """An image chosen in a model's own field (not in a StreamField) is described in a sibling
    `<field>_alt_text`, which the model's `clean` requires when an image is chosen."""
    image_model = get_image_model()
    missing = [
        f"{model.__name__}.{field.name}"
        for model in _project_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and field.related_model is image_model
        and not any(other.name == f"{field.name}_alt_text" for other in model._meta.get_fields())
    ]
    assert not missing, f"Images without a field for their alternative text: {missing}"


def _bare_image_choosers(block, path):
    """Image choosers that are not the `image` of an ImageBlock, which asks for alt text."""
    if isinstance(block, ImageBlock):
        return []
    if isinstance(block, ImageChooserBlock):
        return [path]
    children = getattr(block, "child_blocks", None) or {}
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    found = []
    for name, child in children.items():
        found += _bare_image_choosers(child, f"{path}.{name}")
    return found


def test_every_image_in_a_streamfield_is_an_image_block_with_alternative_text():
    bare = []
    for model in _project_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                bare += _bare_image_choosers(field.stream_block, f"{model.__name__}.{field.name}")
    assert not bare, f"Use wagtail.images.blocks.ImageBlock (alt text or decorative): {bare}"
