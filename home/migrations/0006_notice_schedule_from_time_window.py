"""Notices' own time window (shown from / until) becomes Wagtail's go-live and expiry dates.

One scheduling mechanism remains: `publish_scheduled` publishes and withdraws notices as it does
pages. A notice whose window
- has ended is withdrawn (not live, expired);
- has begun is live, first published when its window began;
- lies in the future is not live yet, and gets a revision approved to go live at its start, which
  is what `publish_scheduled` looks for.
"""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def schedule_revision(apps, notice):
    """A revision of the notice as it stands, approved to go live at its start."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type, _created = ContentType.objects.get_or_create(app_label="home", model="notice")
    return Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(notice.pk),
        created_at=timezone.now(),
        object_str=notice.title,
        content=get_serializable_data_for_fields(notice),
        approved_go_live_at=notice.go_live_at,
    )


def window_to_schedule(apps, schema_editor):
    Notice = apps.get_model("home", "Notice")
    now = timezone.now()
    for notice in Notice.objects.all():
        notice.go_live_at = notice.starts_at
        notice.expire_at = notice.ends_at
        if notice.ends_at and notice.ends_at <= now:
            notice.live, notice.expired = False, True
        elif notice.starts_at > now:
            notice.live, notice.has_unpublished_changes = False, True
        if notice.starts_at <= now:
            notice.first_published_at = notice.last_published_at = notice.starts_at
        else:
            notice.latest_revision = schedule_revision(apps, notice)
        notice.save()


def schedule_to_window(apps, schema_editor):
    Notice = apps.get_model("home", "Notice")
    now = timezone.now()
    for notice in Notice.objects.all():
        notice.starts_at = notice.go_live_at or notice.first_published_at or now
        notice.ends_at = notice.expire_at
        if not notice.live and not notice.expire_at and not notice.go_live_at:
            # Withdrawn by hand: the old model said so with an end in the past.
            notice.ends_at = notice.last_published_at or now
        notice.save()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_notice_drafts_revisions_and_schedule"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(window_to_schedule, schedule_to_window)]
