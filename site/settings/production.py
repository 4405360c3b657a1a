"""Production: every secret and address comes from the environment; missing ones stop start-up.

deploy/production.env.example lists every variable. The site runs behind a proxy that ends TLS
and sends `X-Forwarded-Proto: https`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from . import cache, database
from .base import *  # noqa: F401
from .base import CONTENT_SECURITY_POLICY, MIDDLEWARE, environment

DEBUG = False
SECRET_KEY = environment.require("SECRET_KEY")
# Old keys, newest first: sessions and password-reset links signed with them stay valid while
# the key is rotated.
SECRET_KEY_FALLBACKS = environment.as_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = environment.require_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = environment.as_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {
    "default": database.with_options(
        dj_database_url.parse(
            environment.require("DATABASE_URL"),
            conn_max_age=int(environment.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}
# Shared by every worker and every application server: the per-address limit on enrolment
# forms counts here, and a per-process cache would multiply it by the number of processes.
# Sessions stay in the database.
CACHES = cache.redis_cache(environment.require("REDIS_URL"))
WAGTAILADMIN_BASE_URL = environment.require("WAGTAILADMIN_BASE_URL")
# The public address; the admin's, unless the site is served from another one.
SITE_BASE_URL = environment.get("SITE_BASE_URL") or WAGTAILADMIN_BASE_URL
# Every admin user confirms a second factor in each session; deliberately not read from the
# environment, so that no configuration can turn it off here.
ADMIN_REQUIRE_TWO_FACTOR = True

# Static files: collected, compressed (gzip, brotli) and fingerprinted by whitenoise and served
# by the application itself, right after SecurityMiddleware. Varnish caches them like pages
# (fingerprinted names are cached "forever"), so the proxy needs no copy of STATIC_ROOT and
# every application server of a release serves exactly its own files.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)


def media_storage(kind):
    """Uploads (images, documents) on local disk or in an S3-compatible bucket."""
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(
            f"The environment variable MEDIA_STORAGE must be local or s3, not {kind!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environment.require("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": environment.require("AWS_S3_ENDPOINT_URL"),
            "access_key": environment.require("AWS_S3_ACCESS_KEY_ID"),
            "secret_key": environment.require("AWS_S3_SECRET_ACCESS_KEY"),
            "region_name": environment.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": environment.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Image URLs end up in pages that Varnish keeps: they must not expire, so they are
            # not signed. Documents are still served through Wagtail's view (its permission
            # checks), which reads them with the keys; see deploy/README.md for the bucket policy.
            "querystring_auth": False,
            "addressing_style": "path",
            "file_overwrite": False,
            "default_acl": None,
        },
    }


def media_origin(storage):
    """Where browsers fetch uploaded images from, for the Content-Security-Policy."""
    options = storage.get("OPTIONS")
    if not options:
        return None
    if options["custom_domain"]:
        return f"https://{options['custom_domain']}"
    endpoint = urlsplit(options["endpoint_url"])
    return f"{endpoint.scheme}://{endpoint.netloc}"


# Beside the uploads, where every service may write (ReadWritePaths=/var/lib/mops); backed up
# with them, never restored over a newer copy (deploy/README.md, "Back up and restore").
ENROLMENT_ERASURE_LOG = Path(
    environment.get("ENROLMENT_ERASURE_LOG") or "/var/lib/mops/erasures.jsonl"
)
# Read by nginx (deploy/nginx/mops.conf), as the uploads beside it.
OFFLINE_PAGE = Path(environment.get("OFFLINE_PAGE") or "/var/lib/mops/offline.html")
MEDIA_STORAGE = environment.get("MEDIA_STORAGE", "local").strip().lower() or "local"
STORAGES = {
    "default": media_storage(MEDIA_STORAGE),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if media_origin(STORAGES["default"]):
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {
            **CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": [
                *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
                media_origin(STORAGES["default"]),
            ],
        },
    }

# Search: PostgreSQL's full-text search (Wagtail's database backend picks it on PostgreSQL; named
# here so that production cannot silently fall back to the slow generic backend). The "simple"
# configuration lower-cases words and does not stem them: PostgreSQL has no Polish or Ukrainian
# stemmer, and an English one would mangle Polish words. It matches SQLite's FTS5 in development.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database.postgres.postgres",
        "SEARCH_CONFIG": "simple",
    }
}

EMAIL_HOST = environment.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(environment.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = environment.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = environment.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = environment.as_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = environment.as_bool("EMAIL_USE_SSL")
# Notifications and confirmations are sent from it: a placeholder address would be refused or
# filed as spam by the recipients' servers.
DEFAULT_FROM_EMAIL = environment.require("DEFAULT_FROM_EMAIL")

# HTTPS only. The proxy ends TLS and says so in X-Forwarded-Proto; it must overwrite (never
# pass on) that header from clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# A year, for this host and its subdomains. Not preloaded: the preload list takes whole
# registrable domains (a municipality's, shared with its other services), is hard to leave,
# and is the domain owner's decision; so its check (security.W021) is silenced.
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
