"""The search and reference indexes brought up to date once per object, not once per save.

Wagtail updates both indexes on every save, each time reading the object again; building a page
saves it three to five times (added, revised, published, translated). Inside
`indexes_updated_once()` those updates are held back and each object saved is indexed once
when the block ends, inside the caller's transaction, as Wagtail's own tasks would
(`modelsearch.tasks.insert_or_update_object_task`, `wagtail.tasks.update_reference_index_task`):
only the objects whose saves would have been indexed, read again from the database. Deletions
still update the indexes at once.

A new object still enters the search index when it is created: the database backends weigh a
title by the average title length at the moment its entry is made (`title_norm`), so the
ranking of search results stays what it was with an update on every save.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


class _SavedObjects:
    """(model, pk) of each object saved in the block whose save Wagtail would have indexed."""

    def __init__(self, search_models):
        self.search_models = search_models
        self.for_search = {}
        self.for_references = {}

    def saved(self, sender, instance, created=False, raw=False, **kwargs):
        if raw:
            return
        key = (sender, instance.pk)
        if sender in self.search_models:
            if created:
                _update_search_index([key])
            else:
                self.for_search.setdefault(key, None)
        # Wagtail tracks models as their admin registers them: only those saves count.
        if sender in ReferenceIndex.tracked_models:
            self.for_references.setdefault(_reference_key(sender, instance), None)

    def deleted(self, sender, instance, **kwargs):
        # What Wagtail's handler does, which `disable_reference_index_auto_update` holds back.
        if sender in ReferenceIndex.tracked_models:
            with transaction.atomic():
                ReferenceIndex.remove_for_object(instance)
                ReferenceIndex.remove_references_to(instance)


def _auto_updated_search_models():
    return [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def indexes_updated_once():
    """Hold back per-save index updates; index every object saved, once, when the block ends.

    Not to be nested: leaving an inner block would switch the reference index's updates back on.
    """
    search_models = _auto_updated_search_models()
    saved = _SavedObjects(set(search_models))
    # Only what was connected is connected again afterwards.
    held_back = [
        model
        for model in search_models
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    post_save.connect(saved.saved, weak=False)
    post_delete.connect(saved.deleted, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(saved.saved)
        post_delete.disconnect(saved.deleted)
        for model in held_back:
            post_save.connect(post_save_signal_handler, sender=model)
    # Not on an error: the caller's transaction is rolled back anyway.
    _update_reference_index(saved.for_references)
    _update_search_index(saved.for_search)


def _parental_key(model):
    return next(
        (field for field in model._meta.get_fields() if isinstance(field, ParentalKey)), None
    )


def _reference_key(model, instance):
    """(model, pk, whether it is a child's parent): a child object (an orderable) is indexed as
    part of its parent, as Wagtail's task does; its siblings then need no reading again."""
    parental_key = _parental_key(model)
    if parental_key is None:
        return (model, instance.pk, False)
    return (parental_key.related_model, getattr(instance, parental_key.attname), True)


def _update_reference_index(keys):
    done = set()
    for model, pk, is_parent in keys:
        manager = model._base_manager if is_parent else model.objects
        instance = _outermost_parent(manager.filter(pk=pk).first())
        if instance is None or (type(instance), instance.pk) in done:
            continue
        done.add((type(instance), instance.pk))
        if ReferenceIndex.is_indexed(instance._meta.model):
            with transaction.atomic():
                ReferenceIndex.create_or_update_for_object(instance)


def _outermost_parent(instance):
    while instance is not None:
        parental_key = _parental_key(type(instance))
        if parental_key is None:
            return instance
        instance = getattr(instance, parental_key.name)
    return None


def _update_search_index(keys):
    for model, pk in keys:
        instance = model.objects.filter(pk=pk).first()
        if instance is not None:
            index.insert_or_update_object(instance)
