"""The leave-this-page address moves from the contact settings (editors) to the safety settings
(moderators, home.roles): each site keeps the address it had. An address that is not http(s),
which the new settings refuse, is replaced by the default."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import home.settings_audit

DEFAULT_QUICK_EXIT_URL = "https://www.google.com/"


def copy_quick_exit_urls(apps, schema_editor):
    """Every site gets its safety settings now, so that no page view has to create them (which
    would empty the site-wide cache, home.site_wide_parts)."""
    Site = apps.get_model("wagtailcore", "Site")
    InstitutionSettings = apps.get_model("home", "InstitutionSettings")
    SafetySettings = apps.get_model("home", "SafetySettings")
    addresses = dict(InstitutionSettings.objects.values_list("site_id", "quick_exit_url"))
    for site_id in Site.objects.values_list("pk", flat=True):
        address = addresses.get(site_id) or ""
        if not address.lower().startswith(("https://", "http://")):
            address = DEFAULT_QUICK_EXIT_URL
        SafetySettings.objects.update_or_create(
            site_id=site_id, defaults={"quick_exit_url": address}
        )


def copy_back(apps, schema_editor):
    InstitutionSettings = apps.get_model("home", "InstitutionSettings")
    SafetySettings = apps.get_model("home", "SafetySettings")
    for safety in SafetySettings.objects.all():
        InstitutionSettings.objects.filter(site_id=safety.site_id).update(
            quick_exit_url=safety.quick_exit_url
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_roles_and_moderation_workflow"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SafetySettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "quick_exit_url",
                    models.URLField(
                        default="https://www.google.com/",
                        help_text="A neutral page on another site (a search engine, the weather). The 'Leave this page' button on sensitive programmes opens it at once.",
                        validators=[django.core.validators.URLValidator(schemes=["http", "https"])],
                        verbose_name="page the exit button opens",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "safety settings",
                "verbose_name_plural": "safety settings",
            },
            bases=(home.settings_audit.AuditedSettingMixin, models.Model),
        ),
        migrations.RunPython(copy_quick_exit_urls, copy_back),
    ]
