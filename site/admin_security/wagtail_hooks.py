from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import devices, views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path(
            "two-factor/set-up/",
            views.SetUpAuthenticatorView.as_view(),
            name="two_factor_set_up",
        ),
        path(
            "two-factor/set-up/send-code/",
            views.SendSetUpCodeView.as_view(),
            name="two_factor_send_code",
        ),
        path(
            "two-factor/verify/",
            views.VerifySecondFactorView.as_view(),
            name="two_factor_verify",
        ),
        path(
            "two-factor/backup-codes/",
            views.BackupCodesView.as_view(),
            name="two_factor_backup_codes",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    if devices.has_second_factor(request.user):
        return {
            "url": reverse("two_factor_backup_codes"),
            "label": _("Backup codes for signing in"),
            "help_text": _("See the one-time codes you have left, or make new ones."),
        }
    return {
        "url": reverse("two_factor_set_up"),
        "label": _("Two-step sign-in"),
        "help_text": _("Set up an authenticator app on your phone for signing in."),
    }
