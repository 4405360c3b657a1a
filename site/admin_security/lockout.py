"""The page django-axes shows instead of signing in, once an account is locked for this address
(AXES_LOCKOUT_CALLABLE): when to try again and whom to ask, in the admin's language."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    # Every attempt during the lockout starts the wait again (axes'
    # AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so it ends this long after this one.
    cool_off = get_cool_off(request)
    context = {
        "retry_at": timezone.localtime() + cool_off,
        "minutes": int(cool_off.total_seconds() // 60),
        "support_email": settings.ADMIN_SUPPORT_EMAIL,
    }
    return render(request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
