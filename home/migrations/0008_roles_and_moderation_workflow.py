"""The admin's roles and the moderation workflow, on every installation.

Editors, Moderators and Translators get exactly the permissions listed in `home.roles`: model
permissions, page permissions on the root page and image/document permissions on the root
collection. One workflow, "Moderator approval" (a moderators' approval task), is set on the root
page, so every page in every language needs a moderator's approval before it goes live, and on
notices. Wagtail's own first migration made a "Moderators approval" workflow for the same group:
it is taken over and renamed rather than duplicated.

Runs before `post_migrate` has created the permissions of a fresh database, so it creates the
ones it needs (the names are the same as those Django and Wagtail give them).
"""

from django.db import migrations

from home import roles

# Permissions not named "<action>_<model name>".
SPECIAL_PERMISSIONS = {
    "wagtailadmin.access_admin": ("admin", "Can access Wagtail admin"),
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def get_permission(apps, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = name.split(".")
    if name in SPECIAL_PERMISSIONS:
        model_name, verbose = SPECIAL_PERMISSIONS[name]
    else:
        action, model_name = codename.split("_", 1)
        try:
            model_verbose = apps.get_model(app_label, model_name)._meta.verbose_name_raw
        except LookupError:
            model_verbose = model_name
        verbose = f"Can {action} {model_verbose}"
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": verbose[:255]}
    )
    return permission


def root_page(apps):
    return apps.get_model("wagtailcore", "Page").objects.filter(depth=1).order_by("path").first()


def root_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).order_by("path").first()


def sync_group(apps, name):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.set(
        [get_permission(apps, permission) for permission in roles.MODEL_PERMISSIONS[name]]
    )

    root = root_page(apps)
    if root is not None:
        wanted = [
            get_permission(apps, f"wagtailcore.{codename}")
            for codename in roles.PAGE_PERMISSIONS[name]
        ]
        GroupPagePermission.objects.filter(group=group, page=root).exclude(
            permission__in=wanted
        ).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    collection = root_collection(apps)
    if collection is not None:
        wanted = [get_permission(apps, name) for name in roles.COLLECTION_PERMISSIONS[name]]
        GroupCollectionPermission.objects.filter(group=group, collection=collection).exclude(
            permission__in=wanted
        ).delete()
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group


def find_by_names(model, *names):
    for name in names:
        found = model.objects.filter(name=name).order_by("pk").first()
        if found is not None:
            return found
    return None


def sync_moderation_workflow(apps, moderators):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    task = find_by_names(GroupApprovalTask, roles.MODERATION_TASK, WAGTAIL_DEFAULT_WORKFLOW)
    if task is None:
        task_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=roles.MODERATION_TASK, content_type=task_type, active=True
        )
    task.name, task.active = roles.MODERATION_TASK, True
    task.save()
    task.groups.set([moderators])

    workflow = find_by_names(Workflow, roles.MODERATION_WORKFLOW, WAGTAIL_DEFAULT_WORKFLOW)
    if workflow is None:
        workflow = Workflow.objects.create(name=roles.MODERATION_WORKFLOW, active=True)
    workflow.name, workflow.active = roles.MODERATION_WORKFLOW, True
    workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    root = root_page(apps)
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for label in roles.MODERATED_SNIPPETS:
        app_label, model = label.split(".")
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def create_roles(apps, schema_editor):
    groups = {name: sync_group(apps, name) for name in roles.ROLES}
    sync_moderation_workflow(apps, groups[roles.MODERATORS])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_notice_without_its_own_time_window"),
        ("programmes", "0001_initial"),
        ("enrolment", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    # Groups and a workflow that people may have been given or used are never removed.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
