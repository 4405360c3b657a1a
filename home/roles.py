"""The admin's roles: which groups exist and exactly what each may do.

Plain data, read by the data migration that creates the groups and the moderation workflow on
every installation (`home/migrations/0008_roles_and_moderation_workflow.py`), and by the tests.
A change here reaches existing installations only through a new migration that runs that
migration's `create_roles` again. Permissions are "app_label.codename". Each team's
coordinators' group is made with the team (see `enrolment.signals`).

Editors and Moderators keep the names Wagtail gave the groups it creates, so that an existing
installation keeps its groups, their members and the code that finds them by name.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"

# Who may change content at all; a user in none of these (but in Translators) translates only.
CONTENT_ROLES = (EDITORS, MODERATORS)

# Names are data shown in the Polish admin: the submit button reads "Wyślij do <workflow>", so
# the workflow's name is in the case that sentence needs.
MODERATION_WORKFLOW = "akceptacji przez moderatora"
MODERATION_TASK = "Akceptacja przez moderatora"
# Besides pages (the workflow is set on the root page, so every language), what needs approval.
MODERATED_SNIPPETS = ["home.notice"]

# Page permissions, given on the root page so that they hold for every page in every language.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    # A translation is edited in wagtail-localize's editor, which is the translated page's edit
    # view. Polish pages are refused by a hook (home.translators).
    TRANSLATORS: ["change_page"],
}

# Image and document permissions, given for the whole site and on the root collection.
_MEDIA = ["wagtailimages.{}_image", "wagtaildocs.{}_document"]


def _media(*actions):
    return [pattern.format(action) for pattern in _MEDIA for action in actions]


def _change(label):
    app_label, model_name = label.split(".")
    return f"{app_label}.change_{model_name}"


# Snippets whose translations translators edit (every translatable snippet of the site).
TRANSLATABLE_SNIPPETS = [
    "home.notice",
    "home.institution",
    "home.contactpoint",
    "programmes.team",
    "programmes.person",
    "programmes.partner",
    "programmes.targetgroup",
    "programmes.euproject",
    "enrolment.privacynotice",
]

_EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    *_media("add", "change", "choose"),
    # Notices are drafted and submitted to moderators; publishing them is a moderator's.
    "home.add_notice",
    "home.change_notice",
    "home.add_contactpoint",
    "home.change_contactpoint",
    # One institution per language and the site's settings: changed, never added or removed.
    "home.change_institution",
    "home.change_institutionsettings",
    "programmes.add_person",
    "programmes.change_person",
    "programmes.add_partner",
    "programmes.change_partner",
    "programmes.add_targetgroup",
    "programmes.change_targetgroup",
    "programmes.add_euproject",
    "programmes.change_euproject",
    # Teams route applications and own coordinators' groups; the privacy notice is a legal
    # text. Editors read them (and choose teams for editions).
    "programmes.view_team",
    "enrolment.view_privacynotice",
]

MODEL_PERMISSIONS = {
    EDITORS: _EDITOR_PERMISSIONS,
    MODERATORS: [
        *[name for name in _EDITOR_PERMISSIONS if name != "programmes.view_team"],
        *_media("delete"),
        "home.delete_notice",
        "home.publish_notice",
        "home.lock_notice",
        "home.unlock_notice",
        "home.delete_contactpoint",
        "programmes.delete_person",
        "programmes.delete_partner",
        "programmes.delete_targetgroup",
        "programmes.delete_euproject",
        "programmes.add_team",
        "programmes.change_team",
        "enrolment.change_privacynotice",
        # What the "Leave this page" button opens: a reader's safety depends on it.
        "home.change_safetysettings",
        # Which pages the footer links as privacy, cookies and "how to hide a visit": a change
        # goes live at once, and the last of them matters for a reader's safety.
        "home.change_legallinkssettings",
    ],
    TRANSLATORS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        *_media("choose"),
        *[_change(label) for label in TRANSLATABLE_SNIPPETS],
    ],
}

# Collection permissions on the root collection (images and documents).
COLLECTION_PERMISSIONS = {
    EDITORS: _media("add", "change", "choose"),
    MODERATORS: _media("add", "change", "choose", "delete"),
    TRANSLATORS: _media("choose"),
}

ROLES = (EDITORS, MODERATORS, TRANSLATORS)
