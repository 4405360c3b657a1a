"""Production: every secret and address comes from the environment; missing ones stop start-up."""

import dj_database_url

from .base import *  # noqa: F401
from .base import environment

DEBUG = False
SECRET_KEY = environment.require("SECRET_KEY")
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
WAGTAILADMIN_BASE_URL = environment.require("WAGTAILADMIN_BASE_URL")

EMAIL_HOST = environment.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(environment.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = environment.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = environment.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = environment.as_bool("EMAIL_USE_TLS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
