"""Editors can use a self-hosted LibreTranslate in the translation editor; nothing else."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
READ_SETTING = (
    "import django, json; django.setup(); from django.conf import settings;"
    "print(json.dumps(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
)


def machine_translator_setting(**environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith("LIBRETRANSLATE")}
    env.update(environment, DJANGO_SETTINGS_MODULE="mops_site.settings.dev")
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTING],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_machine_translation_is_off_by_default():
    assert machine_translator_setting() is None


def test_a_self_hosted_libretranslate_can_be_configured():
    setting = machine_translator_setting(
        LIBRETRANSLATE_URL="http://127.0.0.1:5000", LIBRETRANSLATE_API_KEY="key"
    )
    assert setting["CLASS"].endswith("libretranslate.LibreTranslator")
    assert setting["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://127.0.0.1:5000"
