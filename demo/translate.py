"""Publish the Polish demo in the other site languages from the catalogues kept in the repository.

Runs after the Polish build has committed, never inside its transaction. For every language with
a catalogue (`demo/translations/{language}.po`) and every demo object, with wagtail-localize:
the object's translation source is brought up to date with the Polish content, the Polish strings
are looked up in the catalogue and stored as the translation's strings (the rows importing a PO
file would store), and the translation is saved and published.

Order and transactions: snippets first (pages refer to them), then pages top-down by path; each
object in its own transaction, and each page published at once rather than when the transaction
commits, so that no translated parent is saved with a stale child count (wagtail-localize issue
773). The page tree is checked at the end.

Nothing is half-translated: every Polish string must be in each catalogue before anything is
written (a language without a catalogue file is skipped with a warning), and every translation
is checked after saving, since wagtail-localize quietly falls back to Polish text and Polish
snippets. A second run writes nothing unless the Polish content or a catalogue changed.

What every object's translation reads (its Polish strings, the stored translations of each
language) is fetched once for all of them, and the search and reference indexes are updated once
per object (`index_updates`): the build does the same writes in far fewer queries.
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
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
from wagtail_localize.strings import StringValue, validate_translation_links

from .index_updates import indexes_updated_once
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
    polish = _SourceFacts(sources, objects)
    _check_catalogues(catalogues, sources, polish.strings)

    for code, catalogue in catalogues.items():
        locale = ensure_locale(code)
        stored = _StoredTranslations(locale, sources)
        for source in sources:
            outcome = translate_object(source, locale, catalogue, polish, stored)
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
    started = timezone.now()
    sources = [TranslationSource.update_or_create_from_instance(obj)[0] for obj in objects]
    # A source created or updated just now was extracted from the current model.
    kept = [
        (obj, source)
        for obj, source in zip(objects, sources, strict=True)
        if source.last_updated_at < started
    ]
    stored = _stored_segment_layouts([source for _obj, source in kept])
    for obj, source in kept:
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


@dataclass(frozen=True)
class _Segment:
    string_id: int
    text: str  # the Polish string
    context_id: int
    path: str


class _SourceFacts:
    """What every language's translation reads of the Polish sources, fetched once.

    `segments`: {source id: [_Segment]} in the order of `export_po`; `strings`: {source id:
    [(Polish text, context path)]} of those to translate (not the synchronised slugs);
    `related`: {source id: [RelatedObjectSegment]}; `parents`: {page's translation key:
    (depth, parent's translation key, parent's URL path)}.
    """

    def __init__(self, sources, objects):
        self.page_sources = {source.pk for source in sources if _is_page_source(source)}
        self.segments = defaultdict(list)
        self.strings = defaultdict(list)
        rows = (
            StringSegment.objects.filter(source__in=sources)
            .order_by("source_id", "order")
            .values_list("source_id", "string_id", "string__data", "context_id", "context__path")
        )
        for source_id, string_id, text, context_id, path in rows:
            self.segments[source_id].append(_Segment(string_id, text, context_id, path))
            if not self.untranslated(source_id, path):
                self.strings[source_id].append((text, path))
        self.related = defaultdict(list)
        for segment in RelatedObjectSegment.objects.filter(source__in=sources).select_related(
            "object__content_type"
        ):
            self.related[segment.source_id].append(segment)
        pages = {obj.path: obj for obj in objects if isinstance(obj, Page)}
        self.parents = {}
        for page in pages.values():
            if page.depth <= 2:  # the home page: its parent is the tree's root, never translated
                self.parents[page.translation_key] = (page.depth, None, None)
                continue
            parent = pages.get(page.path[: -Page.steplen]) or page.get_parent()
            self.parents[page.translation_key] = (
                page.depth,
                parent.translation_key,
                parent.url_path,
            )

    def untranslated(self, source_id, path):
        return source_id in self.page_sources and path in UNTRANSLATED_PAGE_PATHS


class _StoredTranslations:
    """The translations already stored for one language: the `Translation` of each source and
    every string's translation ({(string id, context id): StringTranslation}), fetched once."""

    def __init__(self, locale, sources):
        self.locale = locale
        self.translations = {
            translation.source_id: translation
            for translation in Translation.objects.filter(source__in=sources, target_locale=locale)
        }
        self.strings = {
            (row.translation_of_id, row.context_id): row
            for row in StringTranslation.objects.filter(
                locale=locale, context__object_id__in={source.object_id for source in sources}
            )
        }

    def translation(self, source):
        """As `Translation.objects.get_or_create(source=source, target_locale=locale)`."""
        if source.pk not in self.translations:
            self.translations[source.pk] = Translation.objects.create(
                source=source, target_locale=self.locale
            )
        return self.translations[source.pk]

    def text(self, segment):
        """The stored translation, broken or not, as `Translation.export_po()` gives it."""
        row = self.strings.get((segment.string_id, segment.context_id))
        return row.data if row is not None else ""

    def usable(self, segment):
        row = self.strings.get((segment.string_id, segment.context_id))
        return row is not None and not row.has_error


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


def translate_object(source, locale, catalogue, polish, stored):
    """Bring one object's translation into `locale` up to date; return the outcome."""
    translation = stored.translation(source)
    # (segment, translation) for each of the source's strings, as in its PO file.
    wanted = []
    for segment in polish.segments[source.pk]:
        if polish.untranslated(source.pk, segment.path):
            text = segment.text
        else:
            text = catalogue.get(segment.text)
        if text is None:  # checked before anything was written; the source changed since?
            raise MissingTranslations({catalogue.path: [segment.text]})
        wanted.append((segment, text))
    strings_changed = any(stored.text(segment) != text for segment, text in wanted)

    target = _translated_instance_or_none(source, locale)
    if not strings_changed and target is not None and _up_to_date(source, locale, target):
        _check_strings(source, locale, polish, stored)
        return UNCHANGED

    label = f"{source.object_repr!r} ({source.specific_content_type.model_class()._meta.label})"
    # Saving a page and its orderables would update the search and reference indexes once per
    # row saved; they are updated once per object instead, after the save.
    with transaction.atomic(), indexes_updated_once():
        if strings_changed:
            store_strings(stored, wanted)
        _check_strings(source, locale, polish, stored)
        _check_related_objects(source, locale, label, polish)
        try:
            _save_and_publish(translation, source, locale)
        except ValidationError as error:
            raise DemoTranslationError(
                f"The {locale.language_code} translation of {label} is not valid: {error}"
            ) from error
        _check_saved(source, locale, label, polish)
    return CREATED if target is None else UPDATED


def store_strings(stored, wanted):
    """Store one object's translations as `Translation.import_po(po, translation_type="manual",
    tool_name="demo")` does with its PO file, in two queries rather than several per string.

    `wanted`: (segment, translation) for each of the object's string segments, in the order of
    its PO file (`Translation.export_po()`), so the rows are created in the order and with the
    values `import_po` gives them. `stored` is kept up to date.
    """
    created, changed = [], {}
    now = timezone.now()
    for segment, text in wanted:
        if not text:
            continue
        key = (segment.string_id, segment.context_id)
        row = stored.strings.get(key)
        if row is None:
            row = StringTranslation(
                translation_of_id=segment.string_id,
                locale_id=stored.locale.pk,
                context_id=segment.context_id,
                data=text,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name="demo",
                last_translated_by=None,
                has_error=_has_error(segment.text, text),
                field_error="",
                updated_at=now,
            )
            stored.strings[key] = row
            created.append(row)
        elif row.data != text:
            row.data = text
            row.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            row.tool_name = "demo"
            row.last_translated_by = None
            row.updated_at = now
            row.has_error = _has_error(segment.text, text)
            if row.pk is not None:
                changed[row.pk] = row
    StringTranslation.objects.bulk_create(created)
    StringTranslation.objects.bulk_update(
        changed.values(),
        ["data", "translation_type", "tool_name", "last_translated_by", "updated_at", "has_error"],
    )


def _has_error(polish, text):
    """What `StringTranslation.save()` flags: broken HTML, or a link the Polish string lacks."""
    try:
        StringValue.from_translated_html(text)
        validate_translation_links(polish, text)
    except ValueError:
        return True
    return False


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


def _check_strings(source, locale, polish, stored):
    """Every string must have a usable translation: wagtail-localize would show Polish instead.

    As `Translation.get_progress()` counts, from the rows `stored` holds.
    """
    segments = polish.segments[source.pk]
    total = len(segments)
    translated = sum(1 for segment in segments if stored.usable(segment))
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
    details = "\n".join(f"  - {original!r} -> {text!r}" for original, text in broken)
    raise DemoTranslationError(
        f"{total - translated} of {total} strings of {source.object_repr!r} have no usable "
        f'{locale.language_code} translation (a broken tag such as <a id="a1"> or <br/>?):\n'
        f"{details}"
    )


def _check_related_objects(source, locale, label, polish):
    """Snippets the object refers to must be translated first, or it would point to Polish ones."""
    missing = [
        str(segment.object)
        for segment in polish.related[source.pk]
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


def _check_saved(source, locale, label, polish):
    target = _translated_instance_or_none(source, locale)
    if target is None:
        raise DemoTranslationError(f"{label} was not translated into {locale.language_code}.")
    if not isinstance(target, Page):
        return target
    if not target.live or target.has_unpublished_changes:
        raise DemoTranslationError(f"The {locale.language_code} page of {label} is not published.")
    depth, parent_key, parent_url_path = polish.parents[source.object_id]
    if depth > 2:
        parent = target.get_parent()
        if parent.translation_key != parent_key or parent.locale_id != locale.pk:
            raise DemoTranslationError(
                f"The {locale.language_code} page of {label} is not under the translation of "
                f"its Polish parent ({parent_url_path})."
            )
    return target
