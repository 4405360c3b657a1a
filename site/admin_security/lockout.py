"""When django-axes pauses signing in, and the page it shows then.

Two counts, each with its own limit: wrong passwords for one account from one client
(ADMIN_LOGIN_FAILURE_LIMIT), and wrong passwords for any accounts from one client
(ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT, higher: an office behind one address). The second stops
password spraying, one password tried on every account. A client is an IPv4 address or an IPv6
/64 (home.client_address.client_network).
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone


def failure_limit(request, credentials=None):
    """AXES_FAILURE_LIMIT. With AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"],
    "ip_address"], axes compares the larger of the two counts, which is always the address-alone
    one, with this single limit. So the limit depends on the account's own count: once that has
    reached the per-account limit, so has the larger one and signing in is paused; until then
    only the address-wide limit can pause it."""
    if account_failures(request, credentials) >= settings.ADMIN_LOGIN_FAILURE_LIMIT:
        return settings.ADMIN_LOGIN_FAILURE_LIMIT
    return settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT


def account_failures(request, credentials=None):
    """Recent wrong passwords for this account from this client, as axes counts them."""
    attempts = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


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


@receiver(user_logged_in, dispatch_uid="admin_security_reset_own_failures")
def reset_own_failures_on_success(sender, request, user, **kwargs):
    """A right password clears that account's wrong ones from this client, and nothing else.
    (axes' own AXES_RESET_ON_SUCCESS deletes every record matching any lockout parameter,
    including the address alone: signing in to one's own account would clear the failures
    for every other account from that address, and the count for password spraying.)"""
    ip_address = getattr(request, "axes_ip_address", None)
    if ip_address is not None:
        AccessAttempt.objects.filter(username=user.get_username(), ip_address=ip_address).delete()
