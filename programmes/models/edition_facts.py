"""Editions as every reader sees them: facts from the source language, words from the reader's.

Dates, enrolment windows, places, the team and the responsible person are facts. An editor changes
them on the default-language (Polish) programme, and every language shows the change on the next
request, without a re-sync or re-publication of its translation. A translation supplies words
only: an edition's title, and the translated team and person snippets where the edition has been
translated. An edition added since the last sync shows with the source language's words.

A programme with no page in the source language (written in one other language only, or whose
Polish page was deleted) has no other facts than its own editions: those are shown.

The edition objects returned here are for display: their words may come from a translation, so
they are never saved.
"""

import copy

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from home.versioned_cache import is_visitor, keep, peek
from programmes.edition_annotations import PLACES_TAKEN, annotation_names, with_annotations

from .editions import Edition, ProgrammeStatus
from .snippets import Person, Team


def source_language_code():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def source_editions():
    """Editions of the programmes in the source language (one join; no Locale query)."""
    return Edition.objects.filter(programme__locale__language_code=source_language_code())


def source_editions_matching(programme_translation_key):
    """For subqueries: the source editions of the programme with this translation key."""
    return source_editions().filter(programme__translation_key=programme_translation_key)


def source_pages(translation_keys):
    return Page.objects.filter(
        translation_key__in=translation_keys, locale__language_code=source_language_code()
    )


def facts_of_programme():
    """For subqueries on programmes: the editions whose facts the programme shows (its source
    page's, or its own when it has no source page)."""
    has_source_page = Exists(
        Page.objects.filter(
            translation_key=OuterRef(OuterRef("translation_key")),
            locale__language_code=source_language_code(),
        )
    )
    return Edition.objects.filter(
        Q(
            programme__translation_key=OuterRef("translation_key"),
            programme__locale__language_code=source_language_code(),
        )
        | Q(Q(programme_id=OuterRef("pk")) & ~has_source_page)
    )


def editions_for_reader(request, programme, *, counted=True):
    """`editions_of(programme)` as a page shows them to `request`: the editions themselves,
    which change only when an edition, a team, a person or a page is saved, kept for a visitor
    (home.versioned_cache, forgotten by those saves), and what other apps count for each (the
    places taken) read afresh in one small query. Read with their counts in one query when
    they are not kept yet, and always for anyone else.

    A page that shows no count (the enrolment form: whoever applies is told on the confirmation
    whether a place was left) asks with `counted=False`: kept editions come without their
    counts, which read as unknown, and no query is made for them."""
    if not is_visitor(request):
        return editions_of(programme)
    key = ("editions-of", programme.pk)
    kept = peek(request, key)
    if kept is not None:
        return with_counts(kept) if counted else without_counts(kept)
    editions = editions_of(programme)
    keep(request, key, editions)
    return editions


def with_counts(editions, *, without_a_row=None):
    """The editions (of `editions_of`) with every registered annotation
    (programmes.edition_annotations) read afresh, in one query for them all. An edition with
    no row (a preview's, not saved yet) takes the values `without_a_row` gives (name: value),
    or None (unknown)."""
    names = annotation_names()
    if not names or not editions:
        return editions
    saved = [edition.pk for edition in editions if edition.pk is not None]
    counts = {}
    if saved:
        counted = with_annotations(Edition.objects.filter(pk__in=saved))
        counts = {row[0]: row[1:] for row in counted.values_list("pk", *names)}
    fallback = tuple((without_a_row or {}).get(name) for name in names)
    for edition in editions:
        for name, value in zip(names, counts.get(edition.pk, fallback), strict=True):
            setattr(edition, name, value)
    return editions


def without_counts(editions):
    """The kept editions with every registered annotation unknown (None): the counts they were
    kept with are of that moment, and must never be shown as today's."""
    names = annotation_names()
    for edition in editions:
        for name in names:
            setattr(edition, name, None)
    return editions


def editions_of(programme, *, with_people=True):
    """The programme's editions for a reader of its language, oldest first: the source
    programme's editions and the words of this page's own, read in one query, with what other
    apps count for each edition in the same query (programmes.edition_annotations: the places
    taken, counted on the source edition that applications point at)."""
    return editions_of_each([programme], with_people=with_people)[programme.pk]


def editions_of_each(programmes, *, with_people=True):
    """programme pk -> `editions_of(programme)`, for many programmes in one query (a second
    only when one of them has no source-language editions)."""
    programmes = list({page.pk: page for page in programmes}.values())  # each page once
    if not programmes:
        return {}
    source_language = source_language_code()
    editions = (
        Edition.objects.filter(
            Q(
                programme__translation_key__in={page.translation_key for page in programmes},
                programme__locale__language_code=source_language,
            )
            | Q(programme_id__in=[page.pk for page in programmes])
        )
        .annotate(
            source_page_id=F("programme_id"),
            programme_key=F("programme__translation_key"),
            programme_language=F("programme__locale__language_code"),
        )
        .order_by("starts_on", "number")
    )
    if with_people:
        editions = editions.select_related("team", "responsible_person")
    found = {page.pk: [] for page in programmes}
    own = {page.pk: [] for page in programmes}
    pages_of_key = {}
    for page in programmes:
        pages_of_key.setdefault(page.translation_key, []).append(page.pk)
    for edition in with_annotations(editions):
        if edition.programme_id in own:
            own[edition.programme_id].append(edition)
        if edition.programme_language == source_language:
            for number, page_pk in enumerate(pages_of_key.get(edition.programme_key, ())):
                # A copy for each further page: each may take other words (_use_words_of).
                found[page_pk].append(copy.copy(edition) if number else edition)
    without_source_editions = [page for page in programmes if not found[page.pk]]
    with_source_page = set(
        source_pages({page.translation_key for page in without_source_editions}).values_list(
            "translation_key", flat=True
        )
        if without_source_editions
        else ()
    )
    result = {}
    for page in programmes:
        if not found[page.pk] and page.translation_key not in with_source_page:
            result[page.pk] = own[page.pk]
            continue
        if found[page.pk] and found[page.pk][0].source_page_id != page.pk:
            _use_words_of(own[page.pk], found[page.pk], with_people)
        result[page.pk] = found[page.pk]
    return result


def editions_previewed(programme):
    """`editions_of(programme)` for a preview of it (the editor's preview, or a revision's): the
    editions as edited there, which the Edition table holds only once the page is published.

    Where the programme's own editions are the facts (a source-language page, or a page with
    no source page), these are the previewed page's editions, held in memory (edited inline:
    its form's, or its revision's), in the shape `editions_of` gives: oldest first, with their
    team and person and every registered annotation (programmes.edition_annotations) read
    afresh. An edition not saved yet has no applications: its places taken are 0, so all its
    places are left.

    A translation's preview shows the source page's published editions, with this page's
    published words, as a reader would see them: its facts are the source page's, which this
    preview does not edit (their draft is previewed on the source page), and the words of its
    own editions change only on a re-sync.

    Previews only: several queries, nothing kept."""
    if source_pages([programme.translation_key]).exclude(pk=programme.pk).exists():
        return editions_of(programme)
    editions = sorted(
        programme.editions.all(), key=lambda edition: (edition.starts_on, edition.number)
    )
    teams = Team.objects.in_bulk({edition.team_id for edition in editions})
    people = Person.objects.in_bulk({edition.responsible_person_id for edition in editions})
    language = programme.locale.language_code
    for edition in editions:
        # (A team or person deleted since a revision was saved raises as a live page would.)
        edition.team = teams.get(edition.team_id) or edition.team
        edition.responsible_person = (
            people.get(edition.responsible_person_id) or edition.responsible_person
        )
        edition.source_page_id = programme.pk
        edition.programme_language = language
    return with_counts(editions, without_a_row={PLACES_TAKEN: 0})


def attach_editions(programmes):
    """Give each programme of a listing its `editions_shown`, in two queries for them all."""
    by_key = {}
    for programme in programmes:
        programme.editions_shown = []
        by_key.setdefault(programme.translation_key, []).append(programme)
    if not by_key:
        return programmes
    editions = (
        source_editions()
        .filter(programme__translation_key__in=by_key)
        .annotate(programme_key=F("programme__translation_key"), source_page_id=F("programme_id"))
        .order_by("starts_on", "number")
    )
    translated_titles = {}
    for edition in editions:
        for programme in by_key[edition.programme_key]:
            if programme.pk != edition.source_page_id:
                # A copy per translated programme: each may carry other words.
                translated_titles.setdefault(programme.pk, [])
                edition = copy.copy(edition)
                translated_titles[programme.pk].append(edition)
            programme.editions_shown.append(edition)
    if translated_titles:
        _use_titles_of(translated_titles)
    _own_editions_where_alone([p for p in programmes if not p.editions_shown])
    return programmes


def _own_editions_where_alone(programmes):
    """Programmes without a source page show their own editions (two queries at most)."""
    if not programmes:
        return
    with_source = set(
        source_pages({p.translation_key for p in programmes}).values_list(
            "translation_key", flat=True
        )
    )
    alone = {p.pk: p for p in programmes if p.translation_key not in with_source}
    if not alone:
        return
    for edition in Edition.objects.filter(programme_id__in=alone).order_by("starts_on", "number"):
        alone[edition.programme_id].editions_shown.append(edition)


def _use_words_of(translated, editions, with_people):
    words = {edition.translation_key: edition for edition in translated}
    for edition in editions:
        translation = words.get(edition.translation_key)
        if translation is None:
            continue
        edition.title = translation.title
        if with_people:
            # The translated snippets, but only while they are the same team and person.
            if translation.team.translation_key == edition.team.translation_key:
                edition.team = translation.team
            if (
                translation.responsible_person.translation_key
                == edition.responsible_person.translation_key
            ):
                edition.responsible_person = translation.responsible_person


def _use_titles_of(editions_by_page):
    keys = {
        edition.translation_key for editions in editions_by_page.values() for edition in editions
    }
    titles = {
        (page_id, key): title
        for page_id, key, title in Edition.objects.filter(
            programme_id__in=editions_by_page, translation_key__in=keys
        ).values_list("programme_id", "translation_key", "title")
    }
    for page_id, editions in editions_by_page.items():
        for edition in editions:
            edition.title = titles.get((page_id, edition.translation_key), edition.title)


def status_of(editions, today=None):
    """The most useful status to a reader across the programme's editions."""
    statuses = {edition.status(today) for edition in editions}
    for status in ProgrammeStatus.values:
        if status in statuses:
            return ProgrammeStatus(status)
    return None


def editions_ahead(editions, today=None):
    """Editions not yet finished (running, open for enrolment or upcoming)."""
    today = today or timezone.localdate()
    return [edition for edition in editions if edition.ends_on >= today]


def current_or_latest(editions, today=None):
    """Editions not yet over; the latest one when all are (what cards and contacts name)."""
    return editions_ahead(editions, today) or editions[-1:]


def past_editions(editions, today=None):
    today = today or timezone.localdate()
    return [edition for edition in editions if edition.ends_on < today]


def edition_in_focus(editions, today=None):
    """The edition a reader asks about: open for enrolment, else running, else the next one;
    the latest one when all are over."""
    today = today or timezone.localdate()
    for status in (
        ProgrammeStatus.ENROLMENT_OPEN,
        ProgrammeStatus.RUNNING,
        ProgrammeStatus.UPCOMING,
    ):
        for edition in editions:
            if edition.status(today) == status:
                return edition
    return editions[-1] if editions else None
