"""Which demo objects are translated, in an order in which each one's references already exist.

Snippets come first, each model after the translatable models it points to (a person after
their team), so that a page's references to snippets (an edition's team, a programme's target
group) can be translated when the page is. Pages follow top-down by tree path: a page's
translated parent must exist before the page is translated under it.
"""

from django.apps import apps
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, TranslatableMixin

TRANSLATED_APPS = ("home", "programmes", "enrolment")


def is_child_model(model):
    """An orderable or other child object: translated with its parent, never on its own."""
    return any(isinstance(field, ParentalKey) for field in model._meta.fields)


def snippet_models():
    """Top-level translatable models of the demo's apps, each after those it refers to."""
    candidates = [
        model
        for app_label in TRANSLATED_APPS
        for model in apps.get_app_config(app_label).get_models()
        if issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and not is_child_model(model)
    ]
    return _in_dependency_order(candidates)


def translatable_references(model, seen=None):
    """Translatable non-page models that `model` (or its child objects) points to by foreign key."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    references = set()
    for field in model._meta.fields:
        if isinstance(field, ParentalKey) or not isinstance(field, models.ForeignKey):
            continue
        related = field.related_model
        if issubclass(related, TranslatableMixin) and not issubclass(related, Page):
            references.add(related)
    for relation in get_all_child_relations(model):
        references |= translatable_references(relation.related_model, seen)
    return references


def _in_dependency_order(candidates):
    """A stable topological order: apps' own order wherever references allow it."""
    remaining = list(candidates)
    ordered = []
    while remaining:
        placed = [model for model in remaining if _ready(model, remaining)]
        if not placed:
            names = ", ".join(model._meta.label for model in remaining)
            raise RuntimeError(f"Translatable models refer to each other in a cycle: {names}.")
        ordered.extend(placed)
        remaining = [model for model in remaining if model not in placed]
    return ordered


def _ready(model, remaining):
    pending = {other for other in remaining if other is not model}
    return not (translatable_references(model) & pending)


def snippets_to_translate(locale):
    for model in snippet_models():
        yield from model.objects.filter(locale=locale).order_by("pk")


def pages_to_translate(locale):
    """Live pages below the root in the default locale, parents before children."""
    return list(
        Page.objects.filter(locale=locale, depth__gte=2, alias_of__isnull=True)
        .live()
        .order_by("path")
        .specific()
    )
