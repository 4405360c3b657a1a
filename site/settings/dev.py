"""Local development: debug on, a throw-away secret, e-mail to files unless a server is set."""

from .base import *  # noqa: F401
from .base import BASE_DIR, INSTALLED_APPS, environment

DEBUG = True
SECRET_KEY = "local-development-only-not-secret"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Where `make run` serves the site (it passes its ADDRESS), so that the demo's links work.
SITE_BASE_URL = environment.get("SITE_BASE_URL", "http://127.0.0.1:8000")
# The local admin account (create_local_admin) signs in without a phone; production requires it.
ADMIN_REQUIRE_TWO_FACTOR = False
# No web server in front: Django serves image renditions (never originals) itself.
SERVE_IMAGE_RENDITIONS = True
# Demo content and the local-only commands (build_demo_site, create_local_admin); never in
# production, where those commands do not exist.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

if environment.get("EMAIL_HOST"):
    EMAIL_HOST = environment.get("EMAIL_HOST")
    EMAIL_PORT = int(environment.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = environment.get("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = environment.get("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = environment.as_bool("EMAIL_USE_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
