"""A photo uploaded in the admin keeps its picture, upright, and loses where, when and with what
it was taken: no EXIF (GPS included), XMP, IPTC or comment in the stored original nor in any
rendition made from it."""

import io
import struct

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image as PillowImage, ImageSequence, PngImagePlugin
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

CAMERA = "SecretCam 3000"
COMMENT = b"secret-comment-from-the-camera"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp-creator</x:xmpmeta>'
IPTC_CAPTION = b"secret-iptc-caption"
# Where the photo was taken: 51 deg 7 min N, 17 deg 2 min E (Wroclaw).
LATITUDE = (51.0, 7.0, 0.0)
LONGITUDE = (17.0, 2.0, 0.0)
SECRETS = [CAMERA.encode(), COMMENT, b"secret-xmp-creator", IPTC_CAPTION, b"Exif", b"8BIM"]
RENDITIONS = ["width-800", "fill-10x10", "original", "format-png", "format-webp"]


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def exif_with_gps(orientation):
    exif = PillowImage.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = LONGITUDE
    return exif


def with_iptc(jpeg):
    """The JPEG with an IPTC caption in a Photoshop (APP13) segment, as news cameras write."""
    dataset = b"\x1c\x02\x78" + struct.pack(">H", len(IPTC_CAPTION)) + IPTC_CAPTION
    payload = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def sideways_photo():
    """A 40x20 JPEG, red on the left and blue on the right, taken with the phone turned: the
    EXIF orientation 6 says to turn it a quarter clockwise, so upright it is 20x40, red on top."""
    picture = PillowImage.new("RGB", (40, 20), "blue")
    picture.paste("red", (0, 0, 20, 20))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95, exif=exif_with_gps(6), comment=COMMENT, xmp=XMP)
    photo = with_iptc(buffer.getvalue())
    for secret in SECRETS:
        assert secret in photo, secret  # the test photo carries what must go
    return photo


def png_with_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    PillowImage.new("RGBA", (12, 12), (0, 128, 0, 0)).save(
        buffer, "PNG", pnginfo=info, exif=exif_with_gps(1)
    )
    return buffer.getvalue()


def upload_one(client, name, content, content_type):
    response = client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )
    assert response.status_code == 302, response.context["form"].errors
    return Image.objects.get(title=name)


def upload_several(client, name, content, content_type):
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content, content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    return Image.objects.get(pk=response.json()["image_id"])


def stored_bytes(image):
    with image.file.storage.open(image.file.name, "rb") as stored:
        return stored.read()


def rendition_bytes(rendition):
    with rendition.file.storage.open(rendition.file.name, "rb") as stored:
        return stored.read()


def assert_carries_nothing(content, what):
    with PillowImage.open(io.BytesIO(content)) as picture:
        exif = picture.getexif()
        assert not dict(exif), f"{what}: EXIF {dict(exif)}"
        assert not dict(exif.get_ifd(ExifTags.IFD.GPSInfo)), f"{what}: GPS"
        assert not set(picture.info) & {"exif", "xmp", "comment", "photoshop", "XML:com.adobe.xmp"}
    for secret in SECRETS:
        assert secret not in content, f"{what}: {secret!r}"


@pytest.mark.parametrize("upload", [upload_one, upload_several], ids=["one", "several"])
def test_a_photo_with_gps_is_stored_upright_without_metadata_and_so_are_its_renditions(
    admin_client, upload
):
    image = upload(admin_client, "zdjecie.jpg", sideways_photo(), "image/jpeg")

    original = stored_bytes(image)
    assert_carries_nothing(original, "original")
    with PillowImage.open(io.BytesIO(original)) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (20, 40)
        top, bottom = picture.convert("RGB").getpixel((10, 5)), picture.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60, f"red on top once upright, not {top}"
    assert bottom[2] > 200 and bottom[0] < 60, f"blue below, not {bottom}"
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(original)

    for spec in RENDITIONS:
        assert_carries_nothing(rendition_bytes(image.get_rendition(spec)), spec)


def test_a_png_loses_its_text_chunks_and_keeps_its_transparency(admin_client):
    image = upload_one(admin_client, "grafika.png", png_with_text_chunks(), "image/png")

    original = stored_bytes(image)
    assert_carries_nothing(original, "original")
    with PillowImage.open(io.BytesIO(original)) as picture:
        assert picture.format == "PNG"
        assert picture.mode == "RGBA" and picture.getpixel((0, 0))[3] == 0
    for spec in RENDITIONS:
        assert_carries_nothing(rendition_bytes(image.get_rendition(spec)), spec)


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(admin_client):
    frames = [PillowImage.new("RGB", (8, 8), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        loop=0,
        comment=COMMENT,
    )
    assert COMMENT in buffer.getvalue()

    image = upload_one(admin_client, "animacja.gif", buffer.getvalue(), "image/gif")

    original = stored_bytes(image)
    assert COMMENT not in original
    with PillowImage.open(io.BytesIO(original)) as picture:
        assert len(list(ImageSequence.Iterator(picture))) == 3


def stored_originals(image):
    _folders, names = image.file.storage.listdir("original_images")
    return sorted(names)


def test_a_photo_stored_before_its_image_is_saved_leaves_no_copy_with_metadata():
    """As Wagtail's multiple upload does when an upload is completed later: the file is put in
    the storage first, then the image is saved."""
    image = Image(title="zdjecie")
    image.file.save("zdjecie.jpg", ContentFile(sideways_photo()), save=False)
    raw_name = image.file.name

    image.save()

    assert image.file.name != raw_name
    assert stored_originals(image) == [image.file.name.split("/")[-1]]
    assert_carries_nothing(stored_bytes(image), "original")


def test_saving_an_image_again_does_not_write_its_file_again(admin_client):
    image = upload_one(admin_client, "zdjecie.jpg", sideways_photo(), "image/jpeg")
    name, stored = image.file.name, stored_bytes(image)

    image.title = "Nowy tytuł"
    image.save()

    image.refresh_from_db()
    assert image.file.name == name
    assert stored_bytes(image) == stored
    assert len(stored_originals(image)) == 1
