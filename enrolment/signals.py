"""Every team has a group of coordinators: its members see and handle that team's applications.

The group is created with the team and linked through `Team.coordinators_group`; an
administrator then only adds people to it. Translations of a team share their source's group,
because applications are always routed to the default-language team.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from programmes.models import Team

# Group names are stored data in the institution's language, not interface text.
GROUP_NAME = "Koordynatorzy – {team}"

# (app label, model, codename, name): what a coordinator needs and nothing more.
COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("enrolment", "application", "view_application", "Can view application"),
    ("enrolment", "application", "change_application", "Can change application"),
    ("enrolment", "application", "export_application", "Can export applications"),
]


def coordinator_permissions():
    """The permissions, created if `migrate` has not made them yet (e.g. inside a migration)."""
    permissions = []
    for app_label, model, codename, name in COORDINATOR_PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    return permissions


def _free_group_name(team):
    """The group's name; a name already used by another team's group gets the team's id."""
    name = GROUP_NAME.format(team=team.short_name or team.name)[:150]
    taken = Team.objects.filter(coordinators_group__name=name).exclude(
        translation_key=team.translation_key
    )
    if taken.exists():
        name = f"{name[:140]} ({team.pk})"
    return name


def ensure_coordinator_group(team):
    """Give a team (and its translations) a coordinators' group; return the group."""
    source = team
    default_locale = Locale.get_default()
    if team.locale_id != default_locale.pk:
        source = (
            Team.objects.filter(translation_key=team.translation_key, locale=default_locale).first()
            or team
        )
    group = source.coordinators_group
    if group is None:
        with transaction.atomic():
            group, created = Group.objects.get_or_create(name=_free_group_name(source))
            if created:
                group.permissions.set(coordinator_permissions())
            else:
                group.permissions.add(*coordinator_permissions())
    # .update() rather than save(): saving would send post_save again.
    Team.objects.filter(
        translation_key=team.translation_key, coordinators_group__isnull=True
    ).update(coordinators_group=group)
    # Keep the caller's instance in step, so that saving it again does not unlink the group.
    team.coordinators_group = group
    return group


def ensure_coordinator_groups():
    """Groups for teams that existed before this code, e.g. called by the demo command."""
    teams = Team.objects.filter(coordinators_group__isnull=True).order_by("locale_id", "pk")
    return [ensure_coordinator_group(team) for team in teams]


@receiver(post_save, sender=Team, dispatch_uid="enrolment_team_coordinators_group")
def create_coordinators_group(sender, instance, raw=False, **kwargs):
    if raw or instance.coordinators_group_id:
        return
    ensure_coordinator_group(instance)
