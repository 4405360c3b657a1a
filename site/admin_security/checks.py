from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def admin_sign_in_is_protected(app_configs, **kwargs):
    warnings = []
    if not settings.ADMIN_REQUIRE_TWO_FACTOR:
        warnings.append(
            Warning(
                "Admin users can sign in without a second factor.",
                hint="Set ADMIN_REQUIRE_TWO_FACTOR = True (the production settings do).",
                id="admin_security.W001",
            )
        )
    if settings.SECURE_PROXY_SSL_HEADER and settings.TRUSTED_PROXY_COUNT < 1:
        warnings.append(
            Warning(
                "The site runs behind a proxy, but TRUSTED_PROXY_COUNT is 0: every client has "
                "the proxy's address, so one attacker's failed sign-ins lock an account out for "
                "everyone.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to "
                "X-Forwarded-For (deploy/production.env.example).",
                id="admin_security.W002",
            )
        )
    return warnings
