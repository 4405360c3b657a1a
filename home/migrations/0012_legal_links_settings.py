"""The setting in which editors choose the privacy, cookies and "how to hide a visit" pages
linked from every page's footer (0013 fills it from the pages linked until now)."""

import django.db.models.deletion
from django.db import migrations, models

import home.cached_settings
import home.settings_audit


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_safety_settings_for_moderators"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="LegalLinksSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "cookies_page",
                    models.ForeignKey(
                        blank=True,
                        help_text="The page on the cookies this site stores.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="cookies page",
                    ),
                ),
                (
                    "hide_visit_page",
                    models.ForeignKey(
                        blank=True,
                        help_text="The page that tells a reader in danger how to leave no trace of their visit in the browser.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="how to hide a visit",
                    ),
                ),
                (
                    "privacy_page",
                    models.ForeignKey(
                        blank=True,
                        help_text="The page on how the centre processes personal data.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="privacy policy",
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
                "verbose_name": "legal links",
                "verbose_name_plural": "legal links",
            },
            bases=(
                home.cached_settings.CachedSiteSettingMixin,
                home.settings_audit.AuditedSettingMixin,
                models.Model,
            ),
        ),
    ]
