"""In production, on PostgreSQL, the search page uses PostgreSQL's full-text search.

Wagtail's database backend picks its PostgreSQL flavour from the connection; the production
settings name it, with the "simple" configuration (no English stemming of Polish and Ukrainian
words). Checked without a database: the backend is chosen from the settings alone. The search
itself runs on PostgreSQL in the benchmark (bench/, `make bench-short`).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "mops_site.settings.production",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "mops.example.org",
    "DATABASE_URL": "postgres://mops@127.0.0.1:5432/mops",
    "WAGTAILADMIN_BASE_URL": "https://mops.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEFAULT_FROM_EMAIL": "MOPS <no-reply@mops.example.org>",
}
REPORT = """
import json
import django
django.setup()
from django.db import connection
from wagtail.search.backends import get_search_backend
backend = get_search_backend()
print(json.dumps({
    "vendor": connection.vendor,
    "backend": type(backend).__name__,
    "config": backend.config,
}))
"""


def test_production_on_postgresql_searches_with_postgresql_full_text_search():
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"vendor": "postgresql", "backend": "PostgresSearchBackend", "config": "simple"}
