"""The Content-Security-Policy (django-csp), with the two relaxations this site needs.
(The Permissions-Policy comes from django-permissions-policy, configured in the settings.)

The policy is `CONTENT_SECURITY_POLICY` in the settings. This module relaxes it only:

- in the Wagtail admin (`/admin/`, page previews included), for a signed-in user. Wagtail 7.4's
  admin is not ready for a strict policy: its templates carry inline scripts and its JavaScript
  adds `<style>` elements (Wagtail issues 1288, 7053). There scripts and styles may be inline,
  images may come from blob: URLs (previews of uploads) and the admin may frame itself (the
  preview panel). No eval, no other sites, no plugins: checked in Chromium, the dashboard, page
  editor and explorer run without a violation. The admin's pages for visitors who are not
  signed in (login, password reset), the only ones an attacker without an account reaches, keep
  the strict policy.
- on a response that renders the reCAPTCHA widget (its template says so with
  `{% csp_allow_recaptcha %}`): Google's reCAPTCHA scripts and frames, on that response only.

Public pages keep the strict policy also for a signed-in editor: the Wagtail user bar loads its
scripts and styles from files (checked in Chromium: no violation).
"""

from functools import cache

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

RECAPTCHA_FLAG = "_csp_allow_recaptcha"

# Everything else in the admin stays as strict as on public pages (default-src, object-src,
# base-uri, form-action). 'unsafe-inline' is ignored by browsers next to a nonce, so the
# admin's script-src carries none.
ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    # Uploaded images are previewed from blob: URLs before they are saved.
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
    # The dashboard tells superusers about new Wagtail releases, read from wagtail.org.
    "connect-src": [SELF, "https://releases.wagtail.org/latest.txt"],
}


def recaptcha_sources():
    """Google's documented sources for the reCAPTCHA widget, under the configured domain."""
    domain = getattr(settings, "RECAPTCHA_DOMAIN", "www.google.com")
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    }


@cache
def admin_prefix():
    """Where Wagtail's admin starts (\"/admin/\"); the URLconf does not change while running."""
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        update = dict(parts.update or {})
        if request.path_info.startswith(admin_prefix()) and _signed_in(request):
            parts.replace = {**ADMIN_REPLACE, **(parts.replace or {})}
        if getattr(request, RECAPTCHA_FLAG, False):
            _merge(update, recaptcha_sources())
        parts.update = update or None
        return parts


def _signed_in(request):
    return getattr(getattr(request, "user", None), "is_authenticated", False)


def _merge(update, extra):
    for directive, sources in extra.items():
        update[directive] = [*update.get(directive, []), *sources]
