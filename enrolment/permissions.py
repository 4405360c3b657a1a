"""Who may do what with applications: a coordinator only with their own team's, superusers all.

Model permissions alone are not enough: a user must also belong to a team's coordinators' group,
and every instance-level check asks whether the application belongs to one of the user's teams.

"add" is recording an application taken by phone or in person (admin_views/record.py): allowed
to those who may change applications, for their own teams' editions only (superusers: all).
Applicants never add one in the admin; they apply through the website's forms.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from programmes.models import Team

from .models import Application

# Recording an application needs the right to handle applications; there is no separate
# "add" permission to give (coordinators' groups carry view, change and export).
RECORD = "add"
RECORD_NEEDS = "change"
SUPERUSER_ONLY = {"delete"}
_TEAMS_CACHE = "_enrolment_coordinated_team_ids"


def coordinated_team_ids(user):
    """Ids of the teams whose coordinators' group has the user, cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, _TEAMS_CACHE):
        ids = Team.objects.filter(coordinators_group__user=user).values_list("pk", flat=True)
        setattr(user, _TEAMS_CACHE, frozenset(ids))
    return getattr(user, _TEAMS_CACHE)


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model=Application):
        super().__init__(model)

    def user_has_permission(self, user, action):
        if user.is_active and user.is_superuser:
            return True
        if action in SUPERUSER_ONLY:
            return False
        if action == RECORD:
            action = RECORD_NEEDS
        return bool(coordinated_team_ids(user)) and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or instance.team_id in coordinated_team_ids(user)

    def user_may_record_for(self, user, edition):
        """Whether the user may record an application for the edition: one of their teams'."""
        return self.user_has_permission_for_instance(
            user, RECORD, Application(team_id=edition.team_id)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Application.objects.none()
        return Application.objects.for_user(user)

    def users_with_any_permission(self, actions):
        actions = {RECORD_NEEDS if action == RECORD else action for action in actions}
        if not actions:
            return super().users_with_any_permission([]).none()
        users = super().users_with_any_permission(actions)
        if actions <= SUPERUSER_ONLY:
            return users.filter(is_superuser=True)
        return users.filter(is_superuser=True) | users.filter(groups__teams__isnull=False)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        return users.filter(is_superuser=True) | users.filter(
            groups__teams=instance.team_id, is_superuser=False
        )


application_permission_policy = ApplicationPermissionPolicy()
