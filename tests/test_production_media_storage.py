"""Uploads on local disk or in an S3-compatible bucket, chosen by MEDIA_STORAGE; with s3, every
variable it needs is named at start-up when missing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "mops.example.org",
    "DATABASE_URL": "postgres://mops@127.0.0.1:5432/mops",
    "WAGTAILADMIN_BASE_URL": "https://mops.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEFAULT_FROM_EMAIL": "MOPS <no-reply@mops.example.org>",
}
S3 = {
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "mops-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_S3_ACCESS_KEY_ID": "fake-access-key",
    "AWS_S3_SECRET_ACCESS_KEY": "fake-secret-key",
}
# Where an uploaded image is served from, and what the page's policy allows; nothing is sent to
# the bucket to find out.
REPORT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "storage": type(storage).__module__ + "." + type(storage).__name__,
    "image_url": storage.url("original_images/lesnica.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "location": str(getattr(storage, "location", "")),
}))
"""


def start_production(environment):
    names = set(REQUIRED) | set(S3) | {"AWS_S3_REGION_NAME", "AWS_S3_CUSTOM_DOMAIN", "MEDIA_ROOT"}
    env = {key: value for key, value in os.environ.items() if key not in names}
    env.update(REQUIRED, DJANGO_SETTINGS_MODULE="mops_site.settings.production")
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def report(environment):
    result = start_production(environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_uploads_stay_on_local_disk_unless_told_otherwise():
    seen = report({"MEDIA_ROOT": "/var/lib/mops/media"})
    assert seen["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert seen["location"] == "/var/lib/mops/media"
    assert seen["image_url"] == "/media/original_images/lesnica.jpg"


@pytest.mark.parametrize(
    "missing",
    [
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_ACCESS_KEY_ID",
        "AWS_S3_SECRET_ACCESS_KEY",
    ],
)
def test_s3_storage_refuses_to_start_without(missing):
    result = start_production({**S3, missing: ""})
    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


def test_an_unknown_storage_is_named_at_start_up():
    result = start_production({"MEDIA_STORAGE": "ftp"})
    assert result.returncode != 0
    assert "MEDIA_STORAGE must be local or s3" in result.stderr


def test_images_in_s3_have_lasting_addresses_the_policy_allows():
    seen = report(S3)
    assert seen["storage"] == "storages.backends.s3.S3Storage"
    # Unsigned: a page kept by Varnish must not point at an address that expires.
    assert seen["image_url"] == "https://s3.example.net/mops-media/original_images/lesnica.jpg"
    assert "https://s3.example.net" in seen["img_src"]


def test_images_in_s3_can_be_served_from_a_domain_of_their_own():
    seen = report({**S3, "AWS_S3_CUSTOM_DOMAIN": "media.mops.example.org"})
    assert seen["image_url"] == "https://media.mops.example.org/original_images/lesnica.jpg"
    assert "https://media.mops.example.org" in seen["img_src"]
    assert "https://s3.example.net" not in seen["img_src"]
