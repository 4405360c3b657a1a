"""Settings shared by every environment. Environment variables are read through `environment`."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from . import cache, database, environment
from .cache import DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS  # noqa: F401  (a setting)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "programmes",
    "enrolment",
    "mops_site.admin_security",
    # wagtail_localize.locales replaces wagtail.locales (same app label).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_recaptcha",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "taggit",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's own form templates, for FORM_RENDERER below; last, so that apps override them.
    "django.forms",
]

MIDDLEWARE = [
    # Varnish's probe of the database, whatever its Host line (mops_site.health_check).
    "mops_site.health_check.DatabaseHealthMiddleware",
    # The request, for code that runs without one (home.current_request).
    "home.current_request.CurrentRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the session and CSP middleware: it reads the cookies and the policy they add.
    "mops_site.cache_headers.CacheControlMiddleware",
    "mops_site.middleware.ContentSecurityPolicyMiddleware",
    # The PERMISSIONS_POLICY header (django-permissions-policy).
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Refuses control characters and non-UTF-8 bodies with a 400 in the address's language,
    # before the session, CSRF check and views read cookies and forms (mops_site.request_checks).
    "mops_site.request_checks.RequestChecksMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session has done the second sign-in step; idle signed-in sessions ending;
    # every admin page requiring the second step, and the user anonymous elsewhere until then.
    "django_otp.middleware.OTPMiddleware",
    "mops_site.admin_security.idle_sessions.IdleSessionMiddleware",
    "mops_site.admin_security.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out sign-in before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "mops_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "libraries": {"csp_tags": "mops_site.csp_tags"},
        },
    },
]

# Form widgets are rendered with the templates above, so that templates/django_recaptcha/
# (the reCAPTCHA widget with CSP nonces) overrides the package's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "mops_site.wsgi.application"

# SQLite by default, so that a fresh machine needs nothing else; PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        environment.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(environment.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
database.with_options(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent applicants on the embedded default: readers do not wait for the writer (WAL),
    # a transaction takes the write lock when it begins, so that it cannot fail half-way on
    # "database is locked" (IMMEDIATE), and a writer waits its turn for up to 20 s.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long readers' browsers (max-age) and the caching proxy (s-maxage) may keep a page read
# without a session; mops_site.cache_headers. Publishing purges the proxy's copy at once.
CACHE_CONTROL_MAX_AGE = 60
CACHE_CONTROL_SHARED_MAX_AGE = 300
# Wagtail purges the pages a change shows on from the caching proxy (home.frontend_cache), when
# there is one: FRONTEND_CACHE_URL is Varnish's purge address, e.g. http://127.0.0.1:6082.
# Wagtail's HTTP backend with a time limit (home.purge_backend): a proxy that hangs costs a
# purge FRONTEND_CACHE_TIMEOUT seconds, not the request that sends it.
FRONTEND_CACHE_TIMEOUT = float(environment.get("FRONTEND_CACHE_TIMEOUT", "2"))
if environment.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.purge_backend.TimedHTTPBackend",
            "LOCATION": environment.get("FRONTEND_CACHE_URL"),
        }
    }
# Each translation's own address is purged, not guessed by swapping the language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

if environment.get("REDIS_URL"):
    CACHES = cache.redis_cache(environment.get("REDIS_URL"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Polish is the default and must be set before the first migrate: the first Locale
# is created from it.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Machine translation in the translation editor, only from a self-hosted LibreTranslate: the
# centre's texts are not sent to a third-party cloud. Off unless LIBRETRANSLATE_URL is set.
if environment.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": environment.get("LIBRETRANSLATE_URL"),
            "API_KEY": environment.get("LIBRETRANSLATE_API_KEY"),
            "TIMEOUT": 10,
        },
    }
# Our catalogue first (makemessages writes into it), then corrections to Wagtail's and Django's
# own catalogues, kept apart so that `makemessages --no-obsolete` never drops them.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(environment.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")

WAGTAIL_SITE_NAME = "MOPS"
WAGTAILADMIN_BASE_URL = environment.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The address readers reach the site at; every `migrate` gives the default Site its host name and
# port (home.site_address), so absolute links (canonical, hreflang, the language switcher, feeds,
# the sitemap) are right. Unset: the Site is left as it is.
SITE_BASE_URL = environment.get("SITE_BASE_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads. Documents are always served through Wagtail's view (its permission checks, and its
# `Content-Security-Policy: default-src 'none'` with nosniff, so an uploaded file cannot run a
# script on the site), also from S3. Only these formats: no HTML, SVG, executables, archives, nor
# the old Office formats that carry macros.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "rtf", "txt", "xlsx", "ods", "csv", "pptx", "odp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Raster formats only: SVG uploads could carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Refuses an upload that cannot be stored without its metadata (a damaged file) with a message.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
# Form fields other than files, per request, fitted to the largest real form: the page editor of
# the demo's biggest programme page posts 223 fields in 30 KB (measured December 2026). About 9
# times the fields and 80 times the size leave room for much longer programmes; files are
# limited above and by the proxy (client_max_body_size). A request over a limit gets the 400 page
# (mops_site.error_views).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"


EMAIL_SUBJECT_PREFIX = "[MOPS] "
# A slow mail server must not hold a worker (or a database lock) for long.
EMAIL_TIMEOUT = 15

# Wagtail's own background work (search and reference index) runs at once; notifications of
# applications go to a queue in the database, delivered by `manage.py db_worker`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# A notification task RUNNING longer than this (seconds) lost its worker (killed, rebooted): the
# recovery step takes it back and queues the notification again. Far above EMAIL_TIMEOUT, so
# that a slow but living worker is never overtaken.
NOTIFICATION_TASK_LEASE = int(environment.get("NOTIFICATION_TASK_LEASE", "300"))
# Attempts (1, 2, 4 … minutes apart, then hourly: about a day for 30) before a notification is
# marked failed and waits for a coordinator to send it again.
NOTIFICATION_MAX_ATTEMPTS = int(environment.get("NOTIFICATION_MAX_ATTEMPTS", "30"))

# What `manage.py run_scheduler` runs (make run, make worker; production's timer runs it with
# --once): management commands, each every so many seconds, with their arguments.
SCHEDULED_COMMANDS = [
    ("publish_scheduled", 60, []),
    ("recover_notifications", 60, []),
    # Sends each team's digest once a day from DIGEST_HOUR; every other run finds it recorded.
    # Under an hour, so that production's every-minute timer runs it (the daily one is at night).
    ("send_team_digests", 15 * 60, []),
    ("clearsessions", 24 * 3600, []),
    # The page nginx shows while Varnish does not answer, with the switchboard as it is now
    # (each minute in production, whose timer runs everything under an hour at every run).
    ("write_offline_page", 10 * 60, []),
    # Finished task results older than a day; waiting and running tasks are never pruned.
    (
        "prune_db_task_results",
        24 * 3600,
        ["--backend", "notifications", "--queue-name", "*", "--min-age-days", "1"],
    ),
]

# From this hour (Warsaw time) on, each team's coordinators get the day's digest of its
# applications (manage.py send_team_digests, run by run_scheduler).
DIGEST_HOUR = int(environment.get("DIGEST_HOUR", "7"))

# reCAPTCHA protects enrolment forms when both keys are set.
RECAPTCHA_PUBLIC_KEY = environment.get("RECAPTCHA_PUBLIC_KEY")
RECAPTCHA_PRIVATE_KEY = environment.get("RECAPTCHA_PRIVATE_KEY")
RECAPTCHA_REQUIRED_SCORE = None

# At most this many form submissions from one address in this many seconds ("10/600"). Raise it
# where many applicants share one address (a kiosk in the office) and for the benchmark.
ENROLMENT_RATE_LIMIT = tuple(
    int(part) for part in environment.get("ENROLMENT_RATE_LIMIT", "10/600").split("/", 1)
)
# Applications are anonymised this many months after their edition ends.
ENROLMENT_RETENTION_MONTHS = int(environment.get("ENROLMENT_RETENTION_MONTHS", "12"))
# Erasures at a person's request, one JSON line each ({"reference", "erased_at"}), appended and
# never rewritten. Kept outside the database and backed up on its own, never restored over a
# newer copy: after a restore of the database, `purge_applications --replay` erases again what
# the restored copy still holds.
ENROLMENT_ERASURE_LOG = Path(
    environment.get("ENROLMENT_ERASURE_LOG") or BASE_DIR / "var" / "erasures.jsonl"
)
DEFAULT_FROM_EMAIL = environment.get("DEFAULT_FROM_EMAIL", "MOPS <no-reply@example.org>")
# The number the "database unavailable" page gives when the centre's switchboard (site settings)
# is not in the cache either, e.g. "71 782 23 00". Empty: the page only asks to call the centre.
FALLBACK_CONTACT_PHONE = environment.get("FALLBACK_CONTACT_PHONE", "")
# The page nginx shows while Varnish does not answer (home.offline_page, deploy/nginx/mops.conf).
OFFLINE_PAGE = Path(environment.get("OFFLINE_PAGE") or BASE_DIR / "var" / "offline.html")

# Security headers on every response. HSTS, HTTPS redirects and secure cookies are in
# production.py; these hold in every environment.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Pages that must not name themselves to other sites (sensitive programmes, enrolment forms)
# set a stricter value themselves; SecurityMiddleware does not replace a header a view has set.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The admin's JavaScript reads the CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
# A refused form gets a page in the visitor's language, with the exit and the phone.
CSRF_FAILURE_VIEW = "mops_site.error_views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# Editors' avatars are not fetched from Gravatar: no third party learns who works in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Admin sign-in. django-axes pauses signing in from one client (an IPv4 address, or an IPv6 /64)
# for ADMIN_LOGIN_COOLOFF_MINUTES after the last attempt, once it has sent either
# ADMIN_LOGIN_FAILURE_LIMIT wrong passwords for one account, or ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT
# for any accounts (password spraying: one password tried on every account). The first count is
# per account *and* client, so an attacker elsewhere cannot lock a colleague out; the second is
# higher, for an office behind one address. mops_site.admin_security.lockout applies both.
ADMIN_LOGIN_FAILURE_LIMIT = int(environment.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT = int(environment.get("ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = "mops_site.admin_security.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(environment.get("ADMIN_LOGIN_COOLOFF_MINUTES", "30")))
# A right password clears only that account's failures from that client
# (mops_site.admin_security.lockout): axes' own reset deletes every record matching any lockout
# parameter, the address alone included, which would let one working account wipe the count.
AXES_RESET_ON_SUCCESS = False
# Only failed attempts are kept (they expire with the cool-off); successful sign-ins, with staff
# members' addresses, are not recorded. `manage.py axes_reset_username NAME` lifts a lockout.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "mops_site.admin_security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_network"
# Wagtail's sign-in form, with a labelled password field and a grammatical placeholder.
WAGTAILADMIN_USER_LOGIN_FORM = "mops_site.admin_security.login_form.AdminLoginForm"
# Proxies in front of the application that append to X-Forwarded-For (nginx, Varnish). With 0
# the header is ignored: a client reaching the application directly could write anything there.
TRUSTED_PROXY_COUNT = int(environment.get("TRUSTED_PROXY_COUNT", "0"))
# Every admin user confirms a second factor (an authenticator app's code or a backup code) in
# each session; mops_site.admin_security. Production forces it on.
ADMIN_REQUIRE_TWO_FACTOR = True
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Restricted pages and documents send visitors to the admin's sign-in, which has both steps.
WAGTAIL_FRONTEND_LOGIN_URL = "wagtailadmin_login"
# A signed-in user who sends no request for this long is signed out at their next one.
ADMIN_SESSION_IDLE_MINUTES = int(environment.get("ADMIN_SESSION_IDLE_MINUTES", "60"))
# Shown on the lockout and two-step pages: whom to write to about a locked account or lost phone.
ADMIN_SUPPORT_EMAIL = environment.get("ADMIN_SUPPORT_EMAIL")

# Content-Security-Policy (django-csp 4). No inline styles, no eval and no inline scripts
# without this response's nonce (`{% load csp_tags %}<script nonce="{% csp_nonce %}">`; only
# the reCAPTCHA widget has one). mops_site.middleware relaxes it in the admin for signed-in
# users, and lets the pages that render the reCAPTCHA widget load Google's scripts and frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses; nothing it embeds may use them either (an empty list is
# "feature=()"). django-permissions-policy refuses an unknown feature name at start-up.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "home": {"level": "INFO"},
        "programmes": {"level": "INFO"},
        "enrolment": {"level": "INFO"},
    },
}
