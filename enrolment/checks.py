from django.core.checks import Warning, register

from .spam import recaptcha_is_configured


@register()
def recaptcha_keys_configured(app_configs, **kwargs):
    if recaptcha_is_configured():
        return []
    return [
        Warning(
            "reCAPTCHA keys are not configured: enrolment forms are protected only by the "
            "honeypot and the per-address rate limit.",
            hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY in the environment.",
            id="enrolment.W001",
        )
    ]
