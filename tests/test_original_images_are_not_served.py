"""Pages show renditions of uploaded images; the original files are never served: not by the
development and test server, not by nginx in production."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

from bench.processes import free_loopback_port

from .nginx_on_loopback import NGINX_CONFIG, fetch, nginx_on_loopback, wait_for
from .security_factories import EUProjectFactory, ImageFactory, small_site, with_eu_project


def jpeg_bytes():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (30, 20), "green").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_server_gives_renditions_and_refuses_original_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image(title="zdjęcie", file=ContentFile(jpeg_bytes(), name="zdjecie.jpg"))
    image.save()
    rendition = image.get_rendition("width-800")
    assert image.file.url.startswith("/media/original_images/")
    assert rendition.url.startswith("/media/images/")

    served = client.get(rendition.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"

    original_name = image.file.name.split("/")[-1]
    for address in [
        image.file.url,
        f"/media/images/../original_images/{original_name}",
        f"/media/images/%2e%2e/original_images/{original_name}",
        "/media/documents/",
    ]:
        assert client.get(address).status_code in (400, 404), address


@pytest.mark.django_db
def test_pages_show_renditions_never_original_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    logo_strip = ImageFactory(title="Logotypy")
    eu_project = EUProjectFactory(logo_strip=logo_strip, logo_strip_alt_text="Fundusze Europejskie")
    programme = with_eu_project(small_site().programme, eu_project)

    html = client.get(programme.url).content.decode()

    assert re.search(r'<img [^>]*src="/media/images/', html), "the logo strip is shown"
    assert "original_images" not in html


def location_blocks(config):
    """{prefix: body} of nginx's `location` blocks (none of ours nests braces)."""
    return dict(re.findall(r"location\s+(\S+)\s*\{([^}]*)\}", config))


def test_nginx_serves_only_renditions_from_the_media_folder():
    locations = location_blocks(NGINX_CONFIG.read_text())

    media = {prefix: body for prefix, body in locations.items() if prefix.startswith("/media/")}
    assert "alias /var/lib/mops/media/images/;" in media["/media/images/"]
    assert "return 404;" in media["/media/"], "everything else under /media/, originals included"
    served = [prefix for prefix, body in media.items() if "alias" in body or "root" in body]
    assert served == ["/media/images/"]
    # The longest matching prefix wins: nothing else may cover the originals' folder.
    assert not [prefix for prefix in locations if prefix.startswith("/media/original")]


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_serves_renditions_and_refuses_original_files(tmp_path):
    media_root = tmp_path / "media"
    for name in ("images/zdjecie.width-800.jpg", "original_images/zdjecie.jpg", "documents/a.pdf"):
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(b"file " + name.encode())
    port = free_loopback_port()
    config = nginx_on_loopback(tmp_path, media_root, port)
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr

    nginx = subprocess.Popen(
        ["nginx", "-p", str(tmp_path), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base)
        assert fetch(base + "/media/images/zdjecie.width-800.jpg") == (
            200,
            b"file images/zdjecie.width-800.jpg",
        )
        for address in (
            "/media/original_images/zdjecie.jpg",
            "/media//original_images/zdjecie.jpg",
            "/media/images/../original_images/zdjecie.jpg",
            "/media/%6Friginal_images/zdjecie.jpg",
            "/media/documents/a.pdf",
        ):
            status, body = fetch(base + address)
            assert status == 404 and b"file " not in body, address
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
