"""The second step of signing in to the admin: set up an authenticator app (once, with a
one-time set-up code), type a code from it (in every session), and see or renew the one-time
backup codes.

Wagtail mounts these under /admin/ (wagtail_hooks.py) behind its own check that the user may use
the admin. They are rendered like Wagtail's sign-in page, without the admin's menu: until the
second step is done, nothing else in the admin opens (middleware.py).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView, View
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import account_mail, devices, set_up_codes
from .forms import SET_UP_CODE_REFUSED, AuthenticatorSetUpForm, SecondFactorForm

_private = [never_cache, sensitive_post_parameters("code")]
# In the second step's address: a backup code is typed, not the app's digits.
BACKUP_CODE_PARAMETER = "backup-code"


def next_url(request):
    """Where the user was going, if it is on this site; the dashboard otherwise."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def url_with_next(name, next_to):
    return f"{reverse(name)}?{urlencode({'next': next_to})}"


class SecondStepContextMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next=next_url(self.request), support_email=settings.ADMIN_SUPPORT_EMAIL, **kwargs
        )


@method_decorator(_private, name="dispatch")
class SetUpAuthenticatorView(SecondStepContextMixin, FormView):
    template_name = "two_factor/set_up.html"
    form_class = AuthenticatorSetUpForm

    def dispatch(self, request, *args, **kwargs):
        if devices.has_second_factor(request.user):
            # Replacing a confirmed app is done by an administrator (reset_two_factor): a
            # stolen password alone must not be enough to add the thief's phone.
            return redirect(url_with_next("two_factor_verify", next_url(request)))
        self.device = devices.pending_authenticator(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            qr_code=devices.qr_code_data_uri(self.device),
            secret=devices.secret_for_typing(self.device),
            **kwargs,
        )

    def form_valid(self, form):
        with transaction.atomic():
            # Spent here, with the app confirmed: a second request with the same code, sent at
            # the same moment, finds it gone.
            spent = set_up_codes.use(self.request.user, form.cleaned_data["set_up_code"])
            if spent:
                devices.confirm_authenticator(self.device)
        if not spent:
            form.add_error("set_up_code", SET_UP_CODE_REFUSED)
            return self.form_invalid(form)
        otp_login(self.request, self.device)
        return redirect(url_with_next("two_factor_backup_codes", next_url(self.request)))


@method_decorator(never_cache, name="dispatch")
class SendSetUpCodeView(View):
    """Sends a set-up code to the user's own e-mail address: reading it proves the mailbox is
    theirs, which a stolen password alone does not."""

    http_method_names = ["post"]

    def post(self, request):
        user = request.user
        if devices.has_second_factor(user):
            return redirect(url_with_next("two_factor_verify", next_url(request)))
        if not user.email:
            messages.error(
                request,
                _(
                    "Your account has no e-mail address. Ask the person who manages accounts "
                    "for a set-up code."
                ),
            )
        elif set_up_codes.recently_emailed(user):
            messages.info(
                request,
                _(
                    "A code was sent less than a minute ago. Look for it in your mailbox (and "
                    "in the spam folder) before asking for another."
                ),
            )
        else:
            code = set_up_codes.issue(
                user, lifetime=set_up_codes.EMAILED_CODE_LIFETIME, sent_by_email=True
            )
            if account_mail.send_set_up_code(user, code):
                messages.success(
                    request,
                    _(
                        "A set-up code is on its way to your e-mail address. It works for 30 "
                        "minutes."
                    ),
                )
            else:
                set_up_codes.discard(user)
                messages.error(
                    request,
                    _(
                        "The e-mail could not be sent. Try again later, or ask the person who "
                        "manages accounts for a set-up code."
                    ),
                )
        return redirect(url_with_next("two_factor_set_up", next_url(request)))


@method_decorator(_private, name="dispatch")
class VerifySecondFactorView(SecondStepContextMixin, FormView):
    template_name = "two_factor/verify.html"
    form_class = SecondFactorForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not devices.has_second_factor(request.user):
            return redirect(url_with_next("two_factor_set_up", next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "backup_code": BACKUP_CODE_PARAMETER in self.request.GET,
        }

    def get_context_data(self, **kwargs):
        backup_code = BACKUP_CODE_PARAMETER in self.request.GET
        query = {"next": next_url(self.request)}
        if not backup_code:
            query[BACKUP_CODE_PARAMETER] = "1"
        return {
            **super().get_context_data(**kwargs),
            "backup_code": backup_code,
            # The other way of typing the code: the app's six digits, or a backup code.
            "other_way_url": f"{self.request.path}?{urlencode(query)}",
        }

    def form_valid(self, form):
        otp_login(self.request, form.device)
        if isinstance(form.device, StaticDevice):
            messages.warning(
                self.request,
                _(
                    "You signed in with a backup code; it will not work again. Your account "
                    "menu shows the codes you have left and can make new ones."
                ),
            )
        return redirect(next_url(self.request))


@method_decorator(never_cache, name="dispatch")
class BackupCodesView(SecondStepContextMixin, TemplateView):
    """The remaining backup codes; a POST replaces them all with new ones."""

    template_name = "two_factor/backup_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if not devices.has_second_factor(request.user):
            return redirect(url_with_next("two_factor_set_up", next_url(request)))
        # The middleware already asks for the second step; this page shows codes that stand in
        # for it, so it checks again, whatever the settings say.
        if not request.user.is_verified():
            return redirect(url_with_next("two_factor_verify", request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(codes=devices.backup_codes(self.request.user), **kwargs)

    def post(self, request):
        devices.replace_backup_codes(request.user)
        messages.success(
            request, _("New backup codes are ready. The previous ones no longer work.")
        )
        return redirect(url_with_next("two_factor_backup_codes", next_url(request)))
