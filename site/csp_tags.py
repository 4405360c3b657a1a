"""Template tags for the Content-Security-Policy (registered as the `csp_tags` library).

`{% csp_nonce %}` is this response's nonce, also where the template is rendered without the
request in its context (form widgets are). `{% csp_allow_recaptcha %}` lets this response load
Google's reCAPTCHA scripts and frames; only the templates that render the widget use it.
"""

from django import template

from home.current_request import current_request

from .middleware import RECAPTCHA_FLAG

register = template.Library()


def _request(context):
    return context.get("request") or current_request()


@register.simple_tag(takes_context=True)
def csp_nonce(context):
    request = _request(context)
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


@register.simple_tag(takes_context=True)
def csp_allow_recaptcha(context):
    request = _request(context)
    if request is not None:
        setattr(request, RECAPTCHA_FLAG, True)
    return ""
