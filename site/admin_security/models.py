from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SetUpCode(models.Model):
    """A one-time code without which a user cannot set up their first authenticator: issued by an
    administrator (`issue_two_factor_code`) or sent to the user's own e-mail address. Only its
    hash is stored; a new code replaces the previous one, and too many wrong tries void it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor_set_up_code",
        verbose_name=_("user"),
    )
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    wrong_tries = models.PositiveSmallIntegerField(default=0)
    sent_by_email = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("two-step sign-in set-up code")
        verbose_name_plural = _("two-step sign-in set-up codes")

    def __str__(self):
        return f"set-up code for user {self.user_id}"
