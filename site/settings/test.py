"""Tests: fast hashing, in-memory e-mail, no debug."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F401
from .base import DATABASES, INSTALLED_APPS, environment

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Admin tests sign in without a second factor; its own tests switch it on.
ADMIN_REQUIRE_TWO_FACTOR = False
# No web server in front: Django serves image renditions (never originals) itself.
SERVE_IMAGE_RENDITIONS = True
# Demo content and the local-only commands (build_demo_site, create_local_admin); never in
# production, where those commands do not exist.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Tests never touch a shared cache, whatever REDIS_URL the machine has.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if not environment.get("DATABASE_URL"):
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test database is thrown away: its commits need not wait for the disk (2.4 ms each here,
    # 0.25 ms without). Every test that commits (live servers, the outage and worker tests, the
    # copies put back after them) runs faster; what is committed and seen stays the same.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

# Erasures recorded by tests go to a file of the run's own, never to the checkout's var/; the
# tests that read it give each test a file of its own.
ENROLMENT_ERASURE_LOG = Path(tempfile.mkdtemp(prefix="mops-tests-")) / "erasures.jsonl"
OFFLINE_PAGE = ENROLMENT_ERASURE_LOG.parent / "offline.html"
