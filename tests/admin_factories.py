"""What the admin and coordinator tests build beyond tests/factories.py: more editions and
programmes, each run by a team of its own; questions added to a form; translations made the way
the admin makes them (wagtail-localize); someone who manages one collection of images. So no
admin or coordinator test needs the demo's people, teams, languages or images."""

import itertools

import factory
import wagtail_factories
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from wagtail.models import Collection, GroupCollectionPermission, Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from enrolment.models import EnrolmentFormField
from programmes.models import Edition

from .admin_helpers import make_user
from .factories import EditionFactory, ProgrammePageFactory, publish

_collections = itertools.count(1)


def another_edition(programme, **kwargs):
    """One more edition of the programme, run by a team and a person of its own."""
    return Edition.objects.select_related("team", "responsible_person").get(
        pk=EditionFactory(programme=programme, **kwargs).pk
    )


def another_programme(index, **kwargs):
    """A second published programme in the list, with one edition (of a team of its own)
    whose enrolment is open; returns that edition."""
    programme = ProgrammePageFactory(parent=index, **kwargs)
    edition = EditionFactory(programme=programme)
    publish(programme)
    return Edition.objects.select_related("team", "programme").get(pk=edition.pk)


def add_questions(form, *questions):
    """Add questions (dicts of EnrolmentFormField values) after the form's own, and publish it
    again, as an editor adding them in the page editor would."""
    start = form.form_fields.count()
    for index, question in enumerate(questions, start=start):
        EnrolmentFormField.objects.create(page=form, sort_order=index, **question)
    form.save_revision().publish()
    return type(form).objects.get(pk=form.pk)


def language(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def translate(obj, code, strings=None):
    """The object's translation into the language `code`, as a translator makes it in the
    admin: submitted for translation (its parent pages first), the Polish texts in `strings`
    (a question's choices one line each) replaced by their translations, saved and published.
    Texts missing from `strings` stay Polish, as wagtail-localize leaves them until someone
    translates them."""
    locale = language(code)
    if isinstance(obj, Page):
        for ancestor in obj.get_ancestors().filter(depth__gte=2).specific():
            if not ancestor.has_translation(locale):
                _translate_one(ancestor, locale, {})
    _translate_one(obj, locale, strings or {})
    translated = obj.get_translation(locale)
    return translated.specific if isinstance(translated, Page) else translated


def _translate_one(obj, locale, strings):
    # wagtail-localize publishes a translated page when the transaction commits; a test's
    # transaction never does, so the callbacks run here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(None, [locale]).create_translations(obj)
        if strings:
            source = TranslationSource.objects.get_for_instance(obj)
            translation = Translation.objects.get(source=source, target_locale=locale)
            po = translation.export_po()
            for entry in po:
                # A multi-line text (a question's choices) is one string, its lines joined
                # with <br/>.
                text = entry.msgid.replace("<br/>", "\n")
                if text in strings:
                    entry.msgstr = strings[text].replace("\n", "<br/>")
            translation.import_po(po, translation_type="manual", tool_name="tests")
            translation.save_target(publish=True)


class ImageFactory(wagtail_factories.ImageFactory):
    """An uploaded image (the session's MEDIA_ROOT is a temporary folder, tests/conftest.py)."""

    title = factory.Sequence(lambda n: f"Zdjęcie {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=60, height=20, color="green", filename="zdjecie.jpg")


def keeper_of_one_collection(images):
    """Someone who manages the images and documents of one collection of their own, which holds
    `images` images and no document: the admin counts for them only what is theirs, whatever
    else the database holds."""
    collection = Collection.get_first_root_node().add_child(name=f"Zbiór {next(_collections)}")
    ImageFactory.create_batch(images, collection=collection)
    group = Group.objects.create(name=f"Opiekunowie zbioru {collection.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "change", "choose"):
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                ),
            )
    return make_user(groups=[group])
