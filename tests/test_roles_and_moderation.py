"""Who may do what in the admin: editors draft, moderators approve and publish, translators
translate, coordinators handle applications. Everything goes through the admin's own views."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home import roles
from home.models import ContactPoint, Notice
from programmes.models import Partner

from .admin_factories import translate
from .admin_forms import form_data, page_form_data
from .admin_helpers import is_refused, make_coordinator, make_user
from .builders import make_contact_point
from .factories import PersonFactory, SmallSite, TeamFactory
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


def member_of(role):
    return make_user(groups=[Group.objects.get(name=role)])


def build_world():
    """A small site in Polish only (tests translate what they need), and one member of each of
    the editors, the moderators and the translators."""
    return {
        "site": SmallSite.build(),
        "editor": member_of(roles.EDITORS),
        "moderator": member_of(roles.MODERATORS),
        "translator": member_of(roles.TRANSLATORS),
    }


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def editor(copied):
    return copied["editor"]


@pytest.fixture
def moderator(copied):
    return copied["moderator"]


@pytest.fixture
def translator(copied):
    return copied["translator"]


@pytest.fixture
def site(copied):
    return copied["site"]


@pytest.fixture
def programme(site):
    return site.programme


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def english(obj):
    """The object's English translation, made (with wagtail-localize) if there is none yet."""
    return translate(obj, "en")


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


def test_every_page_in_every_language_and_every_notice_needs_a_moderators_approval(site):
    for language in ("en", "uk"):
        translate(site.form, language)
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert workflow.name == roles.MODERATION_WORKFLOW and workflow.active
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [roles.MODERATORS]
    assert Notice().get_workflow() == workflow
    pages = Page.objects.filter(depth__gte=2)
    assert {"pl", "en", "uk"} <= set(pages.values_list("locale__language_code", flat=True))
    for page in pages:
        assert page.get_workflow() == workflow, page


# Editors and moderators.


def test_an_editor_cannot_publish_a_page(client, editor, programme):
    client.force_login(editor)
    url = edit_url(programme)
    assert 'name="action-publish"' not in client.get(url).content.decode()

    data = page_form_data(client, url, title="Tytuł bez zgody", **PUBLISH)
    assert client.post(url, data).status_code == 302

    assert live_title(programme) == programme.title
    draft = Page.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert draft.title == "Tytuł bez zgody"


def test_a_moderator_approves_what_an_editor_submitted_and_the_page_goes_live(
    client, editor, moderator, programme
):
    url = edit_url(programme)
    client.force_login(editor)
    data = page_form_data(client, url, title="Program – nowa edycja", **SUBMIT)
    assert client.post(url, data).status_code == 302

    page = Page.objects.get(pk=programme.pk)
    assert page.workflow_in_progress
    client.logout()
    assert "Program – nowa edycja" not in client.get(programme.url).content.decode()

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    awaiting_review = dashboard[dashboard.index('id="awaiting-review-section"') :]
    assert edit_url(programme) in awaiting_review

    task_state = page.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code == 302

    assert live_title(programme) == "Program – nowa edycja"
    client.logout()
    assert "Program – nowa edycja" in client.get(programme.url).content.decode()


def test_an_editors_notice_goes_live_only_when_a_moderator_approves_it(
    client, editor, moderator, site
):
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
    # Notices show on every page of the site.
    assert "Zmiana godzin kas" in client.get(site.programme.url).content.decode()


# Translators.


def test_a_translator_translates_the_english_page_and_a_moderator_publishes_it(
    client, translator, moderator, programme
):
    page = translate(programme, "en", {programme.title: "A programme on trial"})
    translation = Translation.objects.get(
        source__object_id=programme.translation_key, target_locale=page.locale
    )
    client.force_login(translator)
    assert "downloadPofile" in client.get(edit_url(page)).content.decode()

    segment = StringSegment.objects.get(source=translation.source, string__data=programme.title)
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


def test_syncing_translations_publishes_them_only_for_a_moderator(
    client, translator, moderator, programme, django_capture_on_commit_callbacks
):
    page = english(programme)
    source = TranslationSource.objects.get_for_instance(programme)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    published = Page.objects.get(pk=page.pk).live_revision_id

    def sync_and_publish(user):
        client.force_login(user)
        # wagtail-localize publishes once the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"publish_translations": "on"}).status_code == 302
        return Page.objects.get(pk=page.pk).live_revision_id

    # "Publish immediately" ticked by a translator: the translation is updated as a draft.
    assert sync_and_publish(translator) == published
    assert sync_and_publish(moderator) != published


def test_a_translator_is_refused_the_polish_page_editor(client, translator, programme):
    client.force_login(translator)
    url = edit_url(programme)
    assert is_refused(client.get(url))
    assert is_refused(client.post(url, {"title": "Zmiana", **SUBMIT}))
    assert live_title(programme) == programme.title


@pytest.mark.parametrize(
    "view",
    ["wagtailadmin_pages:delete", "wagtailadmin_pages:copy", "wagtailadmin_pages:move"],
)
def test_a_translator_cannot_delete_copy_or_move_pages(client, translator, programme, view):
    client.force_login(translator)
    for page in (programme, english(programme)):
        assert is_refused(client.get(reverse(view, args=[page.pk])))
    assert Page.objects.filter(pk=programme.pk).exists()


def test_a_translator_cannot_create_pages(client, translator, moderator, site):
    for parent in (site.programme_index, english(site.programme_index)):
        url = reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", parent.pk])
        client.force_login(moderator)
        assert client.get(url).status_code == 200  # a page that may be created there
        client.force_login(translator)
        assert is_refused(client.get(url))


def test_a_translator_edits_english_snippets_but_not_polish_ones(client, translator):
    client.force_login(translator)
    polish = TeamFactory()
    for team, refused in ((polish, True), (english(polish), False)):
        url = reverse("wagtailsnippets_programmes_team:edit", args=[team.pk])
        assert is_refused(client.get(url)) is refused
    point = make_contact_point()
    assert point.locale.language_code == "pl"
    url = reverse("wagtailsnippets_home_contactpoint:edit", args=[point.pk])
    assert is_refused(client.post(url, {"name": "Zmiana"}))
    assert ContactPoint.objects.get(pk=point.pk).name == point.name


def test_an_editor_who_also_translates_still_edits_polish_pages(client, programme):
    both = make_user(groups=Group.objects.filter(name__in=[roles.EDITORS, roles.TRANSLATORS]))
    client.force_login(both)
    assert client.get(edit_url(programme)).status_code == 200


# Coordinators.


def test_a_teams_coordinator_cannot_open_the_page_editor_or_explorer(client, site, programme):
    client.force_login(make_coordinator(site.edition.team))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert is_refused(client.get(edit_url(programme)))
    assert is_refused(client.get(reverse("wagtailadmin_explore", args=[programme.pk])))
    assert is_refused(client.get(reverse("wagtailadmin_explore_root")))


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: PersonFactory(email="koordynatorka@example.org"), "email"),
        (lambda: TeamFactory(email="zespol@example.org"), "email"),
        (lambda: make_contact_point(email="kasa@example.org"), "email"),
        (lambda: Partner.objects.create(name="Szkoła", url="https://szkola.example.org/"), "url"),
    ],
    ids=["person", "team", "contact point", "partner"],
)
def test_a_translator_cannot_give_a_translation_another_address(make, field):
    polish = make()
    english(polish)
    source = TranslationSource.objects.get_for_instance(polish)
    overridable = set(
        OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True)
    )
    # The translation editor offers to override only these; the address is copied on each sync.
    assert field not in overridable
