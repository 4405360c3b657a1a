"""Uploads cannot carry scripts onto the site: no SVG images, documents only in the allowed
formats and sizes, and every document served through Wagtail's view with a policy that lets it
run nothing and a type the browser may not second-guess."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("xss")</script><rect width="10" height="10"/></svg>'
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_bytes(size=(20, 20)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )


def upload_document(client, name, content, content_type="application/octet-stream"):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )


def file_errors(response):
    assert response.status_code == 200, "the form comes back instead of a redirect"
    return " ".join(response.context["form"].errors["file"])


def test_an_svg_image_is_refused_with_the_formats_allowed(admin_client):
    response = upload_image(admin_client, "logo.svg", SVG, "image/svg+xml")

    message = file_errors(response)
    assert "PNG" in message and "SVG" not in message, message
    assert not Image.objects.filter(title="logo.svg").exists()


def test_an_svg_renamed_to_png_is_refused(admin_client):
    response = upload_image(admin_client, "logo.png", SVG, "image/png")

    assert file_errors(response)
    assert not Image.objects.filter(title="logo.png").exists()


def test_a_png_image_is_accepted(admin_client):
    response = upload_image(admin_client, "photo.png", png_bytes(), "image/png")

    assert response.status_code == 302
    assert Image.objects.filter(title="photo.png").exists()


def test_an_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100

    response = upload_image(admin_client, "photo.png", png_bytes((200, 200)), "image/png")

    assert file_errors(response)
    assert not Image.objects.filter(title="photo.png").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00"),
        ("page.html", b"<script>alert(1)</script>"),
        ("drawing.svg", SVG),
        ("form.docm", b"PK\x03\x04"),
        ("archive.zip", b"PK\x03\x04"),
    ],
)
def test_a_document_of_another_kind_is_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)

    message = file_errors(response)
    assert "pdf" in message, "the message lists the formats allowed"
    assert not Document.objects.filter(title=name).exists()


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 50

    response = upload_document(admin_client, "report.pdf", PDF + b" " * 100, "application/pdf")

    assert file_errors(response)
    assert not Document.objects.filter(title="report.pdf").exists()


def test_a_pdf_is_served_through_wagtail_with_its_policy(admin_client, client):
    assert upload_document(admin_client, "report.pdf", PDF, "application/pdf").status_code == 302
    document = Document.objects.get(title="report.pdf")
    assert document.url == f"/documents/{document.pk}/{document.filename}"

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    # PDFs open in the browser's viewer; everything else is downloaded.
    assert response["Content-Disposition"].startswith("inline")


def test_an_office_document_is_downloaded_not_opened(admin_client, client):
    assert upload_document(admin_client, "plan.docx", b"PK\x03\x04").status_code == 302
    document = Document.objects.get(title="plan.docx")

    response = client.get(document.url)

    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
