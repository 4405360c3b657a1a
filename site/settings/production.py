"""Production: every secret and address comes from the environment; missing ones stop start-up.

deploy/production.env.example lists every variable. The site runs behind a proxy that ends TLS
and sends `X-Forwarded-Proto: https`.
"""

import dj_database_url

from .base import *  # noqa: F401
from .base import environment

DEBUG = False
SECRET_KEY = environment.require("SECRET_KEY")
# Old keys, newest first: sessions and password-reset links signed with them stay valid while
# the key is rotated.
SECRET_KEY_FALLBACKS = environment.as_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = environment.require_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = environment.as_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {
    "default": dj_database_url.parse(
        environment.require("DATABASE_URL"),
        conn_max_age=int(environment.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Shared by every worker and every application server: the per-address limit on enrolment
# forms counts here, and a per-process cache would multiply it by the number of processes.
# Sessions stay in the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": environment.require("REDIS_URL"),
    }
}
WAGTAILADMIN_BASE_URL = environment.require("WAGTAILADMIN_BASE_URL")

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
