"""Who may do what in the admin: editors draft, moderators approve and publish, translators
translate, coordinators handle applications. Everything goes through the admin's own views."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    WorkflowPage,
)
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home import roles
from home.models import ContactPoint, Notice
from programmes.models import Team

from .admin_forms import form_data, page_form_data
from .admin_helpers import is_refused, make_coordinator, make_user

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


def member_of(role):
    return make_user(groups=[Group.objects.get(name=role)])


@pytest.fixture
def editor():
    return member_of(roles.EDITORS)


@pytest.fixture
def moderator():
    return member_of(roles.MODERATORS)


@pytest.fixture
def translator():
    return member_of(roles.TRANSLATORS)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def english(obj):
    return obj.get_translation(Locale.objects.get(language_code="en"))


def live_title(page):
    return Page.objects.get(pk=page.pk).title


def codenames(permissions):
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


# The roles, as every installation gets them from the migration.


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_exists_after_migrate_with_exactly_its_permissions(role):
    group = Group.objects.get(name=role)
    root = Page.get_first_root_node()
    assert codenames(group.permissions.all()) == set(roles.MODEL_PERMISSIONS[role])
    page_permissions = GroupPagePermission.objects.filter(group=group, page=root)
    assert {p.permission.codename for p in page_permissions} == set(roles.PAGE_PERMISSIONS[role])
    collection_permissions = GroupCollectionPermission.objects.filter(group=group)
    assert codenames(p.permission for p in collection_permissions) == set(
        roles.COLLECTION_PERMISSIONS[role]
    )


def test_only_moderators_may_publish():
    publishers = {
        role
        for role in roles.ROLES
        if GroupPagePermission.objects.filter(
            group__name=role, permission__codename="publish_page"
        ).exists()
    }
    assert publishers == {roles.MODERATORS}
    assert not Permission.objects.filter(
        group__name=roles.EDITORS, codename__startswith="publish_"
    ).exists()


def test_every_page_in_every_language_and_every_notice_needs_a_moderators_approval():
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert workflow.name == roles.MODERATION_WORKFLOW and workflow.active
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [roles.MODERATORS]
    assert Notice().get_workflow() == workflow
    for locale in Locale.objects.all():
        home = Page.objects.get(depth=2, locale=locale)
        assert home.get_workflow() == workflow


# Editors and moderators.


def test_an_editor_cannot_publish_a_page(client, editor, lesnica_programme):
    client.force_login(editor)
    url = edit_url(lesnica_programme)
    assert 'name="action-publish"' not in client.get(url).content.decode()

    data = page_form_data(client, url, title="Tytuł bez zgody", **PUBLISH)
    assert client.post(url, data).status_code == 302

    assert live_title(lesnica_programme) == lesnica_programme.title
    draft = Page.objects.get(pk=lesnica_programme.pk).get_latest_revision_as_object()
    assert draft.title == "Tytuł bez zgody"


def test_a_moderator_approves_what_an_editor_submitted_and_the_page_goes_live(
    client, editor, moderator, lesnica_programme
):
    url = edit_url(lesnica_programme)
    client.force_login(editor)
    data = page_form_data(client, url, title="PAL Leśnica – nowa edycja", **SUBMIT)
    assert client.post(url, data).status_code == 302

    page = Page.objects.get(pk=lesnica_programme.pk)
    assert page.workflow_in_progress
    client.logout()
    assert "PAL Leśnica – nowa edycja" not in client.get(lesnica_programme.url).content.decode()

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    awaiting_review = dashboard[dashboard.index('id="awaiting-review-section"') :]
    assert edit_url(lesnica_programme) in awaiting_review

    task_state = page.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code == 302

    assert live_title(lesnica_programme) == "PAL Leśnica – nowa edycja"
    client.logout()
    assert "PAL Leśnica – nowa edycja" in client.get(lesnica_programme.url).content.decode()


def test_an_editors_notice_goes_live_only_when_a_moderator_approves_it(client, editor, moderator):
    add_url = reverse("wagtailsnippets_home_notice:add")
    client.force_login(editor)
    html = client.get(add_url).content.decode()
    assert 'name="action-publish"' not in html
    data = form_data(html, "w-editor-form", title="Zmiana godzin kas", importance="2", **SUBMIT)
    assert client.post(add_url, data).status_code == 302
    notice = Notice.objects.get(title="Zmiana godzin kas")
    assert not notice.live and notice.workflow_in_progress

    client.force_login(moderator)
    task_state = notice.current_workflow_task_state
    approve = reverse(
        "wagtailsnippets_home_notice:workflow_action", args=[notice.pk, "approve", task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code == 302
    notice.refresh_from_db()
    assert notice.live
    assert "Zmiana godzin kas" in client.get("/").content.decode()


# Translators.


def test_a_translator_translates_the_english_page_and_a_moderator_publishes_it(
    client, translator, moderator, violence_programme
):
    page = english(violence_programme)
    translation = Translation.objects.get(
        source__object_id=violence_programme.translation_key, target_locale=page.locale
    )
    client.force_login(translator)
    assert "downloadPofile" in client.get(edit_url(page)).content.decode()

    segment = StringSegment.objects.get(
        source=translation.source, string__data=violence_programme.title
    )
    save = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        save, "value=Women+first", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    saved = StringTranslation.objects.get(
        translation_of=segment.string, locale=page.locale, context=segment.context
    )
    assert saved.data == "Women first"

    # Publishing is a moderator's, in every language.
    assert is_refused(client.post(edit_url(page), {"action": "publish"}))
    assert live_title(page) != "Women first"
    client.force_login(moderator)
    client.post(edit_url(page), {"action": "publish"})
    assert live_title(page) == "Women first"


def test_a_translator_is_refused_the_polish_page_editor(client, translator, violence_programme):
    client.force_login(translator)
    url = edit_url(violence_programme)
    assert is_refused(client.get(url))
    assert is_refused(client.post(url, {"title": "Zmiana", **SUBMIT}))
    assert live_title(violence_programme) == violence_programme.title


@pytest.mark.parametrize(
    "view",
    ["wagtailadmin_pages:delete", "wagtailadmin_pages:copy", "wagtailadmin_pages:move"],
)
def test_a_translator_cannot_delete_copy_or_move_pages(
    client, translator, violence_programme, view
):
    client.force_login(translator)
    for page in (violence_programme, english(violence_programme)):
        assert is_refused(client.get(reverse(view, args=[page.pk])))
    assert Page.objects.filter(pk=violence_programme.pk).exists()


def test_a_translator_cannot_create_pages(client, translator, moderator, programme_index):
    for parent in (programme_index, english(programme_index)):
        url = reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", parent.pk])
        client.force_login(moderator)
        assert client.get(url).status_code == 200  # a page that may be created there
        client.force_login(translator)
        assert is_refused(client.get(url))


def test_a_translator_edits_english_snippets_but_not_polish_ones(client, translator):
    client.force_login(translator)
    polish = Team.objects.get(number=4, locale__language_code="pl")
    for team, refused in ((polish, True), (english(polish), False)):
        url = reverse("wagtailsnippets_programmes_team:edit", args=[team.pk])
        assert is_refused(client.get(url)) is refused
    point = ContactPoint.objects.filter(locale__language_code="pl").first()
    url = reverse("wagtailsnippets_home_contactpoint:edit", args=[point.pk])
    assert is_refused(client.post(url, {"name": "Zmiana"}))
    assert ContactPoint.objects.get(pk=point.pk).name == point.name


def test_an_editor_who_also_translates_still_edits_polish_pages(client, violence_programme):
    both = make_user(groups=Group.objects.filter(name__in=[roles.EDITORS, roles.TRANSLATORS]))
    client.force_login(both)
    assert client.get(edit_url(violence_programme)).status_code == 200


# Coordinators.


def test_a_team_4_coordinator_cannot_open_the_page_editor_or_explorer(client, violence_programme):
    team = Team.objects.get(number=4, locale__language_code="pl")
    client.force_login(make_coordinator(team))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert is_refused(client.get(edit_url(violence_programme)))
    assert is_refused(client.get(reverse("wagtailadmin_explore", args=[violence_programme.pk])))
    assert is_refused(client.get(reverse("wagtailadmin_explore_root")))
