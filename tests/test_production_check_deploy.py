"""`manage.py check --deploy` passes, without a single warning, with the production settings and
a complete environment like deploy/production.env.example."""

import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "deploy" / "production.env.example"
# Fake values, never a real secret. The check does not connect to the database nor to Redis.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "mops_site.settings.production",
    "SECRET_KEY": "fake-5Hq9vZ2xR7mW4kT8pL3nB6cY1dF0gJ-not-used-anywhere-but-this-test",
    "SECRET_KEY_FALLBACKS": "",
    "ALLOWED_HOSTS": "mops.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://mops.example.org",
    "WAGTAILADMIN_BASE_URL": "https://mops.example.org",
    "SITE_BASE_URL": "",
    "DATABASE_URL": "postgres://mops:fake@127.0.0.1:5432/mops",
    "DATABASE_CONN_MAX_AGE": "60",
    "DATABASE_PREPARE_THRESHOLD": "5",
    "DATABASE_CONNECT_TIMEOUT": "5",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "REDIS_SOCKET_TIMEOUT": "0.5",
    "DEFAULT_FROM_EMAIL": "MOPS <no-reply@mops.example.org>",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_PORT": "587",
    "EMAIL_HOST_USER": "mops",
    "EMAIL_HOST_PASSWORD": "fake",
    "EMAIL_USE_TLS": "true",
    "EMAIL_USE_SSL": "false",
    "RECAPTCHA_PUBLIC_KEY": "fake-site-key",
    "RECAPTCHA_PRIVATE_KEY": "fake-secret-key",
    "MEDIA_STORAGE": "local",
    "MEDIA_ROOT": "/var/lib/mops/media",
    "AWS_STORAGE_BUCKET_NAME": "",
    "AWS_S3_ENDPOINT_URL": "",
    "AWS_S3_ACCESS_KEY_ID": "",
    "AWS_S3_SECRET_ACCESS_KEY": "",
    "AWS_S3_REGION_NAME": "",
    "AWS_S3_CUSTOM_DOMAIN": "",
    "ENROLMENT_RETENTION_MONTHS": "12",
    "ENROLMENT_RATE_LIMIT": "10/600",
    "DIGEST_HOUR": "7",
    "ENROLMENT_ERASURE_LOG": "/var/lib/mops/erasures.jsonl",
    "GUNICORN_BIND": "127.0.0.1:8000",
    "GUNICORN_WORKERS": "",
    "LIBRETRANSLATE_URL": "",
    "LIBRETRANSLATE_API_KEY": "",
    "TRUSTED_PROXY_COUNT": "2",
    "ADMIN_LOGIN_FAILURE_LIMIT": "5",
    "ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT": "20",
    "ADMIN_LOGIN_COOLOFF_MINUTES": "30",
    "ADMIN_SESSION_IDLE_MINUTES": "60",
    "ADMIN_SUPPORT_EMAIL": "it@mops.example.org",
    "FRONTEND_CACHE_URL": "http://127.0.0.1:6082",
    "FRONTEND_CACHE_TIMEOUT": "2",
    "NOTIFICATION_TASK_LEASE": "300",
    "NOTIFICATION_MAX_ATTEMPTS": "30",
    "FALLBACK_CONTACT_PHONE": "",
    "OFFLINE_PAGE": "/var/lib/mops/offline.html",
}


def production_environment(environment=ENVIRONMENT):
    """This process's environment with only the given production values; without the switch
    the browser tests set for themselves (async.E001 would rightly fail the check)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ENVIRONMENT and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(environment)
    return env


def run_manage(*arguments, environment=ENVIRONMENT):
    env = production_environment(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


def test_check_deploy_warns_without_recaptcha_keys():
    environment = {**ENVIRONMENT, "RECAPTCHA_PUBLIC_KEY": "", "RECAPTCHA_PRIVATE_KEY": ""}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert result.returncode != 0
    assert "enrolment.W001" in result.stderr


def test_example_environment_lists_every_variable_with_a_comment():
    lines = EXAMPLE.read_text().splitlines()
    listed = {}
    for number, line in enumerate(lines):
        match = re.match(r"^([A-Z][A-Z0-9_]*)=", line)
        if match:
            listed[match.group(1)] = lines[number - 1]
    assert set(listed) == set(ENVIRONMENT)
    for name, previous_line in listed.items():
        assert previous_line.startswith("# "), f"{name} has no comment above it"


def test_every_variable_the_settings_read_is_in_the_example():
    settings_dir = PROJECT / "site" / "settings"
    read = set()
    for path in settings_dir.glob("*.py"):
        read |= set(re.findall(r'environment\.\w+\("([A-Z][A-Z0-9_]*)"', path.read_text()))
    assert read <= set(ENVIRONMENT) - {"DJANGO_SETTINGS_MODULE"}, read - set(ENVIRONMENT)
