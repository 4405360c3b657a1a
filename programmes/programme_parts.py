"""The parts of a programme page that change only when it is published or a snippet it shows is
edited, kept in Django's cache: a programme page costs the same few queries however long it is.

Kept: the lists (partners, forms of support, competences, goals, expected results, accompanying
support), the target group and the EU project with its logo. Not kept here: the editions (kept
apart, their places taken counted afresh: programmes.models.edition_facts.editions_for_reader),
nor the enrolment form and the updates under the programme.

The key names the published version of the page (its live revision and when it was published)
and today's date, inside home.versioned_cache, whose version changes whenever a page is
published, unpublished, moved or deleted, or one of `MODELS` is saved or deleted (connected in
programmes.apps). A preview shows the parts of the revision being previewed, never kept.
The programme's template keeps the HTML of the sections built from these parts and the page's
own text under the same key (`published_version`).
"""

from functools import partial

from django.utils import timezone

from home.lazy_context import lazy_entries
from home.versioned_cache import cached

from .models.snippets import EUProject, TargetGroup

# Saving or deleting one of these changes what a programme page shows (an image, such as the
# EU project's logo, forgets every kept page: home.site_wide_parts).
MODELS = [
    "programmes.ProgrammePartner",
    "programmes.Partner",
    "programmes.SupportForm",
    "programmes.CompetenceGroup",
    "programmes.ProgrammeGoal",
    "programmes.ExpectedResult",
    "programmes.AccompanyingSupportItem",
    "programmes.TargetGroup",
    "programmes.EUProject",
    # The programme list keeps its programmes with their editions for visitors (home.routing).
    "programmes.Edition",
    # The editions' teams and people: a programme page keeps its editions and contacts as HTML
    # (named by their places taken: programmes.edition_annotations.live_state).
    "programmes.Team",
    "programmes.Person",
]


# What `parts_of` gives, each a name in the programme template's context, and how it is read.
_READERS = {
    "partners": lambda programme: [
        item.partner for item in programme.partners.select_related("partner")
    ],
    "support_forms": lambda programme: list(programme.support_forms.all()),
    "competence_groups": lambda programme: list(programme.competence_groups.all()),
    "goals": lambda programme: list(programme.goals.all()),
    "expected_results": lambda programme: list(programme.expected_results.all()),
    "accompanying_support": lambda programme: list(programme.accompanying_support.all()),
    "target_group": lambda programme: TargetGroup.objects.filter(
        pk=programme.target_group_id
    ).first(),
    "eu_project": lambda programme: (
        EUProject.objects.select_related("logo_strip").filter(pk=programme.eu_project_id).first()
    ),
}


def lazy_parts_of(request, programme):
    """`parts_of`, read when the template first uses one of them: a page whose sections are
    kept as HTML uses none, and would otherwise unpickle them all on every view."""
    return lazy_entries(partial(parts_of, request, programme), _READERS)


def parts_of(request, programme):
    """A dict of the programme's parts, for its template's context."""
    key = published_version(request, programme)
    if key is None:
        return _load(programme)
    return cached(request, ("programme-parts", key), lambda: _load(programme))


def published_version(request, programme):
    """A string naming the published version of the programme and today's date, or None for a
    preview or an unpublished page: also the key of its sections' HTML kept by its template
    (home.templatetags.fragment_cache), which adds the language and the versioned cache's
    version."""
    if getattr(request, "is_preview", False) or not programme.live:
        return None
    return ":".join(
        [
            str(programme.pk),
            str(programme.live_revision_id),
            programme.last_published_at.isoformat() if programme.last_published_at else "",
            timezone.localdate().isoformat(),
        ]
    )


def _load(programme):
    return {name: read(programme) for name, read in _READERS.items()}
