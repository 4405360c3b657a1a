"""The page nginx shows when Varnish does not answer (deploy/nginx/mops.conf), kept as a file.

Nothing behind nginx can be asked for it then, so it is written ahead of need, with the
centre's switchboard and name, and the moderators' "Leave this page" address, as the database
holds them now: at every start of the site (deploy/systemd/mops-web.service) and at every run of
the scheduler (SCHEDULED_COMMANDS: each minute in production), so that a number an editor
changes reaches it soon. The file is replaced whole, never left half-written, and only when
its words changed.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from wagtail.models import Site

from .models import Institution, InstitutionSettings, SafetySettings
from .models.safety import DEFAULT_QUICK_EXIT_URL


def offline_page_html():
    site = Site.objects.filter(is_default_site=True).first()
    institution_settings = InstitutionSettings.for_site(site) if site else None
    phone = getattr(institution_settings, "phone", "") or settings.FALLBACK_CONTACT_PHONE
    languages = _languages()
    names = dict(
        Institution.objects.filter(locale__language_code__in=languages).values_list(
            "locale__language_code", "name"
        )
    )
    sections = [(code, names.get(code, "")) for code in languages]
    safety = SafetySettings.for_site(site) if site else None
    quick_exit_url = getattr(safety, "quick_exit_url", "") or DEFAULT_QUICK_EXIT_URL
    return render_to_string(
        "offline.html", {"sections": sections, "phone": phone, "quick_exit_url": quick_exit_url}
    )


def write_offline_page(path=None):
    """Write the page to `path` (settings.OFFLINE_PAGE): a new file beside it, then renamed over
    it, readable by nginx; nothing is written when the file already says the same (the
    scheduler asks every minute). Returns the path."""
    path = Path(path or settings.OFFLINE_PAGE)
    html = offline_page_html()
    if path.is_file() and path.read_text(encoding="utf-8") == html:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".offline-", suffix=".html")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(html)
            file.flush()
            os.fsync(file.fileno())  # on disk before it takes the old one's name
        os.chmod(temporary, 0o644)  # nginx reads it as its own user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _languages():
    """The site's languages, the default (Polish) first."""
    codes = [code for code, _name in settings.LANGUAGES]
    return sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE)
