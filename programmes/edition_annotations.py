"""What the apps above `programmes` know about an edition, read with the editions themselves.

`programmes` cannot import `enrolment` (the layers point down), yet a programme page shows how
many of an edition's places are left, which only the applications know. So an app above
registers an annotation for the editions' queryset here, from its AppConfig.ready(), and
`programmes.models.edition_facts` adds every registered annotation to the query that reads the
editions: the counts come in the same query, none more.

`PLACES_TAKEN` is the count of applications holding a place in the edition (enrolment registers
it: enrolment.places_left). Without it (enrolment not installed) the places left are unknown and
nothing about them is shown or published.
"""

from django.utils import timezone

# The annotation's name, as the editions carry it.
PLACES_TAKEN = "places_taken"

# name -> a function returning a fresh expression (an expression is not shared between queries).
_ANNOTATIONS = {}


def annotate_editions_with(name, expression):
    """Add `name` to every query reading editions for readers: `expression()` gives the
    expression (a Subquery or aggregate over rows pointing at the edition's `pk`)."""
    _ANNOTATIONS[name] = expression


def annotation_names():
    """The names of the registered annotations, in the order they were registered."""
    return list(_ANNOTATIONS)


def with_annotations(editions):
    """The editions' queryset with every registered annotation."""
    if not _ANNOTATIONS:
        return editions
    return editions.annotate(**{name: expression() for name, expression in _ANNOTATIONS.items()})


def places_left(edition):
    """How many of the edition's places are free (never below 0), or None when unknown."""
    taken = getattr(edition, PLACES_TAKEN, None)
    if taken is None:
        return None
    return max(edition.places - taken, 0)


def places_left_shown(edition, today=None):
    """The places left as a reader is told them: only while enrolment is open or yet to open
    (afterwards the number would say nothing a reader can act on); None otherwise, or when
    unknown."""
    left = places_left(edition)
    if left is None or not edition.enrolment_closes_on:
        return None
    today = today or timezone.localdate()
    if edition.enrolment_closes_on < today:
        return None
    return left


def live_state(editions, today=None):
    """A string naming what a page showing these editions says that changes with no editor's
    save: each edition's places taken, and the minute "as of" which places left are shown
    (templates/programmes/includes/places_left.html). The page's kept HTML names it
    (home.templatetags.fragment_cache); everything else the editions show changes only when
    an edition is saved, which forgets all kept HTML (programmes.programme_parts.MODELS)."""
    today = today or timezone.localdate()
    state = ",".join(f"{edition.pk}:{getattr(edition, PLACES_TAKEN, '-')}" for edition in editions)
    if any(places_left_shown(edition, today) is not None for edition in editions):
        state += "@" + timezone.localtime().strftime("%H:%M")
    return state or "no-editions"
