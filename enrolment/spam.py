"""What stands in front of the enrolment form: a per-address rate limit and reCAPTCHA.

Request bodies are never logged: they hold special-category personal data.
"""

import hashlib
import logging
from http import HTTPStatus
from urllib.error import HTTPError

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField

# Behind the proxy, REMOTE_ADDR is the proxy's: every applicant would share one rate limit.
from home.client_address import client_network

logger = logging.getLogger(__name__)

# Google's tokens are some hundreds of characters; a browser never sends one this long.
MAX_TOKEN_LENGTH = 4000


def recaptcha_is_configured():
    return bool(getattr(settings, "RECAPTCHA_PUBLIC_KEY", "")) and bool(
        getattr(settings, "RECAPTCHA_PRIVATE_KEY", "")
    )


class ResilientReCaptchaField(ReCaptchaField):
    """If Google cannot give a clear answer, the application is accepted and marked, never lost.

    A reply that says `"success": false` refuses the form (a form error, answers kept), and so
    do what no browser sends: a token longer than Google issues, or one Google refuses to read
    (HTTP 400; otherwise a bot could send a token that makes Google fail, and pass as
    "unavailable").
    Anything else that goes wrong while asking is "check unavailable": django-recaptcha turns
    only an HTTP error into a form error, and a refused connection, a timeout, a reply that is
    not JSON or has no `success` (its client raises KeyError on `{}`) would otherwise be a
    server error that loses the application. The honeypot and the rate limit still stand in
    front of the form meanwhile. This is the v2 checkbox: no score or action to compare.
    """

    spam_check_skipped = False

    def validate(self, value):
        # The field's own "required" check, without django-recaptcha's call to Google.
        super(ReCaptchaField, self).validate(value)
        if len(value) > MAX_TOKEN_LENGTH:
            logger.warning("reCAPTCHA token of %d characters refused unasked.", len(value))
            raise ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
        try:
            reply = client.submit(
                recaptcha_response=value,
                private_key=self.private_key,
                remoteip=self.get_remote_ip(),
            )
            passed = _verdict(reply)
        except HTTPError as error:
            # 400: Google could not read what was sent. Its throttling (429), a proxy's refusal
            # (403, 407) or a timeout (408) say nothing of the applicant: unavailable.
            if error.code == HTTPStatus.BAD_REQUEST:
                logger.warning("reCAPTCHA refused to read a submission (HTTP %s).", error.code)
                raise ValidationError(
                    self.error_messages["captcha_invalid"], code="captcha_invalid"
                ) from error
            self._skip(error)
            return
        except Exception as error:  # noqa: BLE001
            # Whatever failed, the check is unavailable: the application must not be lost.
            self._skip(error)
            return
        if not passed:
            logger.warning("reCAPTCHA refused a submission: %s", reply.error_codes)
            raise ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")

    def _skip(self, error):
        self.spam_check_skipped = True
        logger.warning(
            "reCAPTCHA could not be checked (%s); the application is accepted and marked.",
            type(error).__name__,
        )


class MalformedReply(ValueError):
    """Google's reply does not say plainly whether the check passed."""


def _verdict(reply):
    if reply.is_valid is True:
        return True
    if reply.is_valid is False:
        return False
    raise MalformedReply(f"success is {type(reply.is_valid).__name__}")


def _rate_limit_key(request):
    # Counted per network: an IPv6 client changing address within its /64 still counts once.
    digest = hashlib.sha256(client_network(request).encode()).hexdigest()[:32]
    return f"enrolment-rate:{digest}"


def is_rate_limited(request):
    """Count this POST; True once an address has sent more than the limit in the window."""
    limit, window_seconds = settings.ENROLMENT_RATE_LIMIT
    key = _rate_limit_key(request)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    if count is None:
        # The cache server is out of reach (mops_site.settings.cache): an applicant is not
        # refused for it; the honeypot and reCAPTCHA still stand.
        logger.warning("Enrolment rate limit not counted: the cache server is out of reach.")
        return False
    return count > limit


def reject_if_rate_limited(page, request):
    """The form again, with what was typed and a clear message, when an address sends too much."""
    if request.method != "POST" or not is_rate_limited(request):
        return None
    logger.warning("Enrolment rate limit reached on page %s; the submission was refused.", page.pk)
    form = page.get_form(request.POST, page=page, user=request.user)
    form.add_error(
        None,
        _(
            "Too many applications were sent from your connection in a short time. Your "
            "application has not been sent yet; what you typed is still in the form. Please wait "
            "a few minutes and send it again, or call us."
        ),
    )
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=429)
