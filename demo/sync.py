"""Idempotent writes: find an object by its natural key, change only what differs, delete nothing
that the demo did not make.

Every helper reports whether it created, updated or left an object unchanged, so that a second
run of the demo command writes nothing and adds no page revisions.
"""

from collections import Counter

from django.db import models
from django.utils import translation
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable, TranslatableMixin

CREATED, UPDATED, UNCHANGED, DELETED = "created", "updated", "unchanged", "deleted"


class Tally:
    """What happened to each object, for the command's summary.

    An object touched twice in one run (the home page gets its links last) is reported once,
    with the strongest outcome.
    """

    PRECEDENCE = [UNCHANGED, UPDATED, CREATED, DELETED]

    def __init__(self):
        self.outcomes = {}
        # The lazy verbose names are translated only when the summary is printed.
        self.labels = {}

    def record(self, obj, outcome):
        model = obj._meta.label
        self.labels.setdefault(model, obj._meta.verbose_name)
        seen = self.outcomes.setdefault(model, {})
        previous = seen.get(obj.pk, UNCHANGED)
        seen[obj.pk] = max(previous, outcome, key=self.PRECEDENCE.index)

    def changed(self):
        return any(
            outcome != UNCHANGED for seen in self.outcomes.values() for outcome in seen.values()
        )

    def lines(self):
        """One line per kind of object, in English like the rest of the command's output."""
        with translation.override("en"):
            for model, seen in self.outcomes.items():
                counter = Counter(seen.values())
                parts = [
                    f"{counter[key]} {key}" for key in reversed(self.PRECEDENCE) if counter[key]
                ]
                yield f"{self.labels[model]}: " + ", ".join(parts)


# Which fields identify one of the demo's rows among a parent's children. A stored child whose
# key matches no row of the demo was added by an editor: it is kept, never deleted.
CHILD_KEYS = {
    "opening_hours": ("kind", "weekdays", "date"),
    "phones": ("number",),
    "goals": ("text",),
    "expected_results": ("text",),
    "accompanying_support": ("text",),
    "competence_groups": ("name",),
    "support_forms": ("name",),
    "partners": ("partner",),
    "editions": ("number", "title"),
    "form_fields": ("label",),
}


def stored_value(obj, name):
    """The field's value as stored: a foreign key as its id."""
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    return getattr(obj, name)


def wanted_value(model, name, value):
    """A value given for the field, comparable with `stored_value`."""
    if isinstance(model._meta.get_field(name), models.ForeignKey):
        return value.pk if value is not None else None
    return value


def assign(obj, values):
    """Set the given field values on `obj`; return True if any of them differed."""
    changed = False
    for name, value in values.items():
        if stored_value(obj, name) != wanted_value(type(obj), name, value):
            setattr(obj, name, value)
            changed = True
    return changed


def _parental_key_name(model):
    return next(field.name for field in model._meta.fields if isinstance(field, ParentalKey))


def _take_match(children, model, key, row):
    """Remove from `children` and return the first child whose key fields hold the row's values."""
    wanted = [wanted_value(model, name, row[name]) for name in key]
    for child in children:
        if [stored_value(child, name) for name in key] == wanted:
            children.remove(child)
            return child
    return None


def sync_children(instance, relation, rows, locale):
    """Bring the demo's children in the relation up to date: `rows` (dicts of field values).

    Each row is paired with the stored child that has the same key (`CHILD_KEYS`) and updated in
    place, so its id stays stable (applications point to editions); a row without one creates a
    child. Children that match no row are an editor's: they stay, after the demo's rows and in
    their own order. Nothing is deleted (modelcluster deletes what the new list lacks when the
    parent is saved, so the list always holds every child). Returns True if anything differed.
    """
    manager = getattr(instance, relation)
    model = manager.model
    parental_key = _parental_key_name(model)
    key = CHILD_KEYS[relation]
    others = list(manager.all())
    changed = False
    ours = []
    for row in rows:
        child = _take_match(others, model, key, row)
        if child is None:
            child = model()
            if issubclass(model, TranslatableMixin):
                child.locale = locale
            changed = True
        changed = assign(child, row) or changed
        child.full_clean(exclude=[parental_key], validate_unique=False)
        ours.append(child)
    children = [*ours, *others]
    if issubclass(model, Orderable):
        for position, child in enumerate(children):
            if child.sort_order != position:
                child.sort_order = position
                changed = True
    if changed:
        setattr(instance, relation, children)
    return changed


def sync_all_children(instance, children, locale):
    # Every relation must be synced, so no short-circuiting `any()` over a generator.
    results = [sync_children(instance, name, rows, locale) for name, rows in children.items()]
    return any(results)


def upsert(model, lookup, values, tally, *, children=None, locale=None):
    """Find the object by `lookup` (its natural key) or create it, then bring it up to date."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = assign(obj, values)
    if children:
        changed = sync_all_children(obj, children, locale or obj.locale) or changed
    if created or changed:
        obj.full_clean()
        obj.save()
    tally.record(obj, CREATED if created else UPDATED if changed else UNCHANGED)
    return obj


def _stream_without_ids(stream_value):
    return [(block["type"], block["value"]) for block in stream_value.raw_data]


def assign_streams(page, streams):
    """Set StreamFields given as raw JSON lists; block ids are ignored when comparing."""
    changed = False
    for name, raw in streams.items():
        wanted = [(block["type"], block["value"]) for block in raw]
        if _stream_without_ids(getattr(page, name)) != wanted:
            setattr(page, name, raw)
            changed = True
    return changed


def upsert_page(parent, page_class, slug, values, tally, *, streams=None, children=None):
    """Create or update the page with this slug under `parent`, and publish it if anything changed.

    An existing page is updated in place (stable id and URL); an unchanged, live page gets no
    new revision.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, page_class):
            raise TypeError(
                f"The page '{existing.url_path}' is a {type(page).__name__}, "
                f"not a {page_class.__name__}; move or rename it and run the command again."
            )
    else:
        page = page_class(slug=slug, locale=parent.locale)
    changed = assign(page, values)
    if streams:
        changed = assign_streams(page, streams) or changed
    if children:
        changed = sync_all_children(page, children, parent.locale) or changed

    if existing is None:
        parent.add_child(instance=page)
        page.save_revision().publish()
        tally.record(page, CREATED)
    elif changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        tally.record(page, UPDATED)
    else:
        tally.record(page, UNCHANGED)
    return page
