"""Production stops at start-up, naming the variable, when a required value is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
COMPLETE = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "mops.example.org",
    "DATABASE_URL": "postgres://mops@127.0.0.1:5432/mops",
    "WAGTAILADMIN_BASE_URL": "https://mops.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEFAULT_FROM_EMAIL": "MOPS <no-reply@mops.example.org>",
}


def load_production_settings(environment):
    env = {key: value for key, value in os.environ.items() if key not in COMPLETE}
    env.update(environment, DJANGO_SETTINGS_MODULE="mops_site.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(COMPLETE))
def test_production_refuses_to_start_without(missing):
    environment = {key: value for key, value in COMPLETE.items() if key != missing}
    result = load_production_settings(environment)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


def test_production_starts_with_every_required_value():
    result = load_production_settings(COMPLETE)
    assert result.returncode == 0, result.stderr
