"""Changes to the site's settings, written to Wagtail's audit log with the value before and after.

Wagtail's settings screen logs only that a setting was "edited". What the leave-this-page button
opens, or which phone number the site gives, decides where a frightened reader lands or calls:
each changed value is kept, with who changed it, under Reports → Site history.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

SETTING_CHANGE = "home.setting_change"


class AuditedSettingMixin:
    """Put before BaseSiteSetting in the bases: every save that changes a value is logged, from
    the admin (with its user) as from a shell or a command (without one)."""

    def save(self, *args, **kwargs):
        before = self.stored_values()
        super().save(*args, **kwargs)
        if before is not None:
            changes = changed_values(before, self.stored_values())
            if changes:
                log(instance=self, action=SETTING_CHANGE, data={"changes": changes})

    def stored_values(self):
        """The audited values as the database holds them, or None before the first save."""
        if self.pk is None:
            return None
        return type(self)._default_manager.filter(pk=self.pk).values(*audited_fields(self)).first()


def audited_fields(setting):
    return [
        field.attname
        for field in setting._meta.concrete_fields
        if not field.primary_key and field.name != "site"
    ]


def changed_values(before, after):
    return [
        {"field": name, "from": _text(before[name]), "to": _text(after[name])}
        for name in after
        if before.get(name) != after[name]
    ]


def _text(value):
    return "" if value is None else str(value)


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        return name


class SettingChangeFormatter(LogFormatter):
    label = _("Change a site setting")

    def format_message(self, log_entry):
        model = log_entry.content_type.model_class() if log_entry.content_type_id else None
        changes = (log_entry.data or {}).get("changes", [])
        return "; ".join(
            _("Changed “%(setting)s” from “%(from)s” to “%(to)s”")
            % {
                "setting": _field_label(model, change["field"]) if model else change["field"],
                "from": change["from"],
                "to": change["to"],
            }
            for change in changes
        )


def register_log_actions(actions):
    actions.register_action(SETTING_CHANGE)(SettingChangeFormatter)
