"""Publish the Polish demo in the other site languages from the catalogues kept in the repository.

Runs after the Polish build has committed, never inside its transaction. For every language with
a catalogue (`demo/translations/{language}.po`) and every demo object, with wagtail-localize:
the object's translation source is brought up to date with the Polish content, the Polish strings
are looked up in the catalogue and imported as a PO file, and the translation is saved and
published.

Order and transactions: snippets first (pages refer to them), then pages top-down by path; each
object in its own transaction, and each page published at once rather than when the transaction
commits, so that no translated parent is saved with a stale child count (wagtail-localize issue
773). The page tree is checked at the end.

Nothing is half-translated: every Polish string must be in each catalogue before anything is
written (a language without a catalogue file is skipped with a warning), and every translation
is checked after saving, since wagtail-localize quietly falls back to Polish text and Polish
snippets. A second run writes nothing unless the Polish content or a catalogue changed.
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

from .translate_catalogue import (
    BrokenLinks,
    DemoTranslationError,
    MissingTranslations,
    load_catalogues,
)
from .translate_objects import pages_to_translate, snippets_to_translate
from .translate_tree import PageTreeError, check_page_tree

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# Page fields that wagtail-localize may offer for translation but that the demo keeps Polish:
# URLs stay in Latin letters and identical in every language.
UNTRANSLATED_PAGE_PATHS = {"slug"}


@dataclass
class TranslationReport:
    """What the translate step did, for the command's summary."""

    outcomes: dict = field(default_factory=dict)  # language -> Counter of outcomes
    warnings: list = field(default_factory=list)
    repaired: list = field(default_factory=list)
    seconds: float = 0.0

    def record(self, language_code, outcome):
        self.outcomes.setdefault(language_code, Counter())[outcome] += 1

    def changed(self):
        return bool(self.repaired) or any(
            counter[CREATED] or counter[UPDATED] for counter in self.outcomes.values()
        )

    def lines(self):
        for code, counter in self.outcomes.items():
            parts = [
                f"{counter[key]} {key}" for key in (CREATED, UPDATED, UNCHANGED) if counter[key]
            ]
            yield f"translations into {code}: " + ", ".join(parts)
        for line in self.repaired:
            yield f"page tree repaired: {line}"
        if self.outcomes:
            yield f"translating took {self.seconds:.1f} s"


def other_languages():
    default = Locale.get_default().language_code
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default]


def translate_demo_site(languages=None, catalogue_dir=None, warn=None):
    """Translate the whole demo into `languages` (default: every other site language).

    `catalogue_dir` defaults to `translate_catalogue.CATALOGUE_DIR`; `warn`, if given, is
    called with each warning at once (they are also in the report). Raises
    `DemoTranslationError` (with every missing string listed) rather than publish a language
    partly in Polish.
    """
    started = time.monotonic()
    report = TranslationReport()
    default_locale = Locale.get_default()
    codes = other_languages() if languages is None else list(languages)
    catalogues, report.warnings = load_catalogues(codes, catalogue_dir)
    for warning in report.warnings if warn is not None else []:
        warn(warning)
    if not catalogues:
        return report

    objects = [*snippets_to_translate(default_locale), *pages_to_translate(default_locale)]
    sources = update_sources(objects)
    strings = _strings_by_source(sources)
    _check_catalogues(catalogues, sources, strings)

    for code, catalogue in catalogues.items():
        locale = ensure_locale(code)
        for source in sources:
            outcome = translate_object(source, locale, catalogue)
            report.record(code, outcome)
    try:
        report.repaired = check_page_tree()
    except PageTreeError as error:
        raise DemoTranslationError(str(error)) from error
    report.seconds = time.monotonic() - started
    return report


def update_sources(objects):
    """Bring each object's translation source up to date with the Polish content.

    wagtail-localize compares only the content: a model whose fields became synchronised or
    translatable since the last run (`override_translatable_fields`) would keep its old
    segments, so those are compared too, and such a source is extracted again.
    """
    sources = [TranslationSource.update_or_create_from_instance(obj)[0] for obj in objects]
    stored = _stored_segment_layouts(sources)
    for obj, source in zip(objects, sources, strict=True):
        if _segment_layout(obj) != stored[source.pk]:
            source.update_from_db()
    return sources


SEGMENT_MODELS = {
    StringSegmentValue: StringSegment,
    TemplateSegmentValue: TemplateSegment,
    RelatedObjectSegmentValue: RelatedObjectSegment,
    OverridableSegmentValue: OverridableSegment,
}


def _segment_layout(instance):
    """Which kinds of segment the model's fields give now, and where."""
    return Counter(
        (SEGMENT_MODELS[type(segment)].__name__, segment.path)
        for segment in extract_segments(instance)
    )


def _stored_segment_layouts(sources):
    layouts = defaultdict(Counter)
    for model in SEGMENT_MODELS.values():
        rows = model.objects.filter(source__in=sources).values_list("source_id", "context__path")
        for source_id, path in rows:
            layouts[source_id][(model.__name__, path)] += 1
    return layouts


def ensure_locale(language_code):
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    return locale


def _is_page_source(source):
    return issubclass(source.specific_content_type.model_class(), Page)


def _strings_by_source(sources):
    """{source id: [(Polish text, context path)]} for the strings to translate, in one query."""
    page_sources = {source.pk for source in sources if _is_page_source(source)}
    strings = defaultdict(list)
    segments = (
        StringSegment.objects.filter(source__in=sources)
        .order_by("source_id", "order")
        .values_list("source_id", "string__data", "context__path")
    )
    for source_id, text, path in segments:
        if source_id in page_sources and path in UNTRANSLATED_PAGE_PATHS:
            continue
        strings[source_id].append((text, path))
    return strings


def _check_catalogues(catalogues, sources, strings):
    """Fail before writing anything if a catalogue lacks a Polish string or breaks a link."""
    texts = {text for source in sources for text, _path in strings[source.pk]}
    missing = {}
    broken = {}
    for catalogue in catalogues.values():
        if lacking := catalogue.missing(texts):
            missing[catalogue.path] = lacking
        if pairs := catalogue.broken_links(texts):
            broken[catalogue.path] = pairs
    if missing:
        raise MissingTranslations(missing)
    if broken:
        raise BrokenLinks(broken)


def translate_object(source, locale, catalogue):
    """Bring one object's translation into `locale` up to date; return the outcome."""
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    is_page = _is_page_source(source)
    po = translation.export_po()
    # Obsolete entries (strings the Polish content no longer has) are left alone.
    for entry in list(po):
        if entry.obsolete:
            po.remove(entry)
    strings_changed = False
    for entry in po:
        if is_page and entry.msgctxt in UNTRANSLATED_PAGE_PATHS:
            text = entry.msgid
        else:
            text = catalogue.get(entry.msgid)
        if text is None:  # checked before anything was written; the source changed since?
            raise MissingTranslations({catalogue.path: [entry.msgid]})
        if entry.msgstr != text:
            entry.msgstr = text
            strings_changed = True

    target = _translated_instance_or_none(source, locale)
    if not strings_changed and target is not None and _up_to_date(source, locale, target):
        _check_strings(translation, source, locale)
        return UNCHANGED

    label = f"{source.object_repr!r} ({source.specific_content_type.model_class()._meta.label})"
    # Saving a page and its orderables would update the reference index once per row saved;
    # it is updated once per object instead, after the save.
    with transaction.atomic(), disable_reference_index_auto_update():
        if strings_changed:
            warnings = translation.import_po(po, translation_type="manual", tool_name="demo")
            if warnings:
                raise DemoTranslationError(
                    f"Importing the {locale.language_code} strings of {label} failed: {warnings}"
                )
        _check_strings(translation, source, locale)
        _check_related_objects(source, locale, label)
        try:
            _save_and_publish(translation, source, locale)
        except ValidationError as error:
            raise DemoTranslationError(
                f"The {locale.language_code} translation of {label} is not valid: {error}"
            ) from error
        saved = _check_saved(source, locale, label)
        if ReferenceIndex.is_indexed(type(saved)):
            ReferenceIndex.create_or_update_for_object(saved)
    return CREATED if target is None else UPDATED


def _translated_instance_or_none(source, locale):
    model = source.specific_content_type.model_class()
    return model.objects.filter(translation_key=source.object_id, locale=locale).first()


def _up_to_date(source, locale, target):
    """Saved from the current source, and (for pages) live with nothing left unpublished."""
    last_saved = (
        TranslationLog.objects.filter(source=source, locale=locale)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last_saved is None or last_saved < source.last_updated_at:
        return False
    if isinstance(target, Page):
        return target.live and not target.has_unpublished_changes
    return True


def _check_strings(translation, source, locale):
    """Every string must have a usable translation: wagtail-localize would show Polish instead."""
    total, translated = translation.get_progress()
    if translated == total:
        return
    broken = (
        StringTranslation.objects.filter(
            translation_of__segments__source=source,
            context__object_id=source.object_id,
            locale=locale,
            has_error=True,
        )
        .values_list("translation_of__data", "data")
        .distinct()
    )
    details = "\n".join(f"  - {polish!r} -> {text!r}" for polish, text in broken)
    raise DemoTranslationError(
        f"{total - translated} of {total} strings of {source.object_repr!r} have no usable "
        f'{locale.language_code} translation (a broken tag such as <a id="a1"> or <br/>?):\n'
        f"{details}"
    )


def _check_related_objects(source, locale, label):
    """Snippets the object refers to must be translated first, or it would point to Polish ones."""
    missing = [
        str(segment.object)
        for segment in RelatedObjectSegment.objects.filter(source=source).select_related(
            "object__content_type"
        )
        if not segment.object.has_translation(locale)
    ]
    if missing:
        raise DemoTranslationError(
            f"{label} refers to objects not yet translated into {locale.language_code}: "
            f"{', '.join(missing)}."
        )


def _save_and_publish(translation, source, locale):
    if not _is_page_source(source):
        translation.save_target(publish=True)
        return
    # Publish now, inside this page's transaction: `publish=True` would publish when the
    # outermost transaction commits, from a copy of the page whose child count may be stale by
    # then (wagtail-localize issue 773), and never at all inside a test's transaction.
    translation.save_target(publish=False)
    page = Page.objects.get(translation_key=source.object_id, locale=locale)
    page.get_latest_revision().publish()


def _check_saved(source, locale, label):
    target = _translated_instance_or_none(source, locale)
    if target is None:
        raise DemoTranslationError(f"{label} was not translated into {locale.language_code}.")
    if not isinstance(target, Page):
        return target
    if not target.live or target.has_unpublished_changes:
        raise DemoTranslationError(f"The {locale.language_code} page of {label} is not published.")
    original = source.get_source_instance()
    parent = target.get_parent()
    original_parent = original.get_parent()
    if original.depth > 2 and (
        parent.translation_key != original_parent.translation_key or parent.locale_id != locale.pk
    ):
        raise DemoTranslationError(
            f"The {locale.language_code} page of {label} is not under the translation of its "
            f"Polish parent ({original_parent.url_path})."
        )
    return target
