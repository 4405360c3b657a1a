"""What the HSDS API publishes in the language asked for, read from the models.

A service is a programme page that a reader can open in this language: live, not under a view
restriction, not an alias of another language's page, and with no unpublished page above it.
Its editions come from programmes.models.edition_facts (facts from the source-language
editions, words from this language's), as on the page. The organization is the institution
with its contact points (home.site_wide_parts, the same cached copy the pages' footers read).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import InstitutionSettings
from home.site_lookup import site_for_request
from home.site_wide_parts import parts_for
from home.unpublished_branches import outside_unpublished_branches
from home.view_restrictions import public_only
from programmes.models import ProgrammePage, UpdatePage
from programmes.models.edition_facts import editions_of_each, source_language_code


@dataclass
class ProgrammeFacts:
    """A programme page and what its service record needs beyond the page's own fields."""

    page: ProgrammePage
    editions: list = field(default_factory=list)
    # The live, public enrolment form under the programme, or None.
    form_url: str = ""
    # Language codes of the programme's live, public pages (itself and its translations).
    languages: list = field(default_factory=list)
    last_modified: object = None  # a datetime, or None if never published

    @property
    def key(self):
        return str(self.page.translation_key)


class Directory:
    """The API's view of the site in the active language, for one request."""

    def __init__(self, request):
        self.request = request
        self.locale = Locale.get_active()
        self.language = self.locale.language_code
        self.today = timezone.localdate()

    # The institution ------------------------------------------------------------------------

    @cached_property
    def _parts(self):
        return parts_for(self.request, self.locale.pk)

    @cached_property
    def institution(self):
        return self._parts.institution

    @cached_property
    def contact_points(self):
        return self._parts.contact_points

    @cached_property
    def site(self):
        found = site_for_request(self.request) if self.request is not None else None
        return found or Site.objects.filter(is_default_site=True).first()

    @cached_property
    def institution_settings(self):
        return InstitutionSettings.for_site(self.site) if self.site else None

    @cached_property
    def home_page(self):
        """The site's home page in this language, if it is live."""
        if self.site is None:
            return None
        home = self.site.root_page.get_translation_or_none(self.locale)
        return home.specific if home is not None and home.live else None

    # The programmes -------------------------------------------------------------------------

    @cached_property
    def programmes(self):
        """The programme pages shown in this language, in the order of the page tree."""
        pages = outside_unpublished_branches(
            public_only(
                ProgrammePage.objects.live().filter(locale=self.locale, alias_of__isnull=True)
            )
        )
        return list(pages.select_related("target_group", "eu_project").order_by("path"))

    def programme(self, key):
        return next((page for page in self.programmes if str(page.translation_key) == key), None)

    def last_modified(self, programmes):
        """programme pk -> when the page or its source-language page (whose editions give the
        facts) was last published; one query for them all."""
        keys = {page.translation_key for page in programmes}
        source = dict(
            Page.objects.filter(
                translation_key__in=keys, locale__language_code=source_language_code()
            ).values_list("translation_key", "last_published_at")
        )
        result = {}
        for page in programmes:
            times = [t for t in (page.last_published_at, source.get(page.translation_key)) if t]
            result[page.pk] = max(times) if times else None
        return result

    def facts(self, programmes):
        """ProgrammeFacts of each programme, in the same order; the same few queries however
        many programmes there are."""
        programmes = list(programmes)
        if not programmes:
            return []
        modified = self.last_modified(programmes)
        languages = self._languages(programmes)
        editions = editions_of_each(programmes)
        forms = self._forms(programmes)
        for page in programmes:
            # What the page's status reads, as a listing sets it (ProgrammePage.editions_shown).
            page.editions_shown = editions[page.pk]
        return [
            ProgrammeFacts(
                page=page,
                editions=editions[page.pk],
                form_url=forms[page.pk].get_full_url(self.request) if page.pk in forms else "",
                languages=languages.get(page.translation_key, [self.language]),
                last_modified=modified[page.pk],
            )
            for page in programmes
        ]

    def _forms(self, programmes):
        """programme pk -> its enrolment form, as the programme page finds it: its first live,
        public child that is not an update; one query for them all."""
        children = Q()
        for programme in programmes:
            children |= Q(path__startswith=programme.path, depth=programme.depth + 1)
        candidates = public_only(Page.objects.live().filter(children)).not_type(UpdatePage)
        parent_of_path = {programme.path: programme.pk for programme in programmes}
        forms = {}
        for page in candidates.order_by("path"):
            forms.setdefault(parent_of_path[page.path[: -Page.steplen]], page)
        return forms

    def _languages(self, programmes):
        pages = outside_unpublished_branches(
            public_only(
                Page.objects.live().filter(
                    translation_key__in={page.translation_key for page in programmes},
                    alias_of__isnull=True,
                )
            )
        ).values_list("translation_key", "locale__language_code")
        found = {}
        for key, code in pages:
            found.setdefault(key, set()).add(code)
        order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
        return {
            key: sorted(codes, key=lambda code: order.get(code, len(order)))
            for key, codes in found.items()
        }
