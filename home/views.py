import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from .languages import active_locale_id
from .routing import route_for_request
from .search_ranking import RankedMatches, ranked_ids
from .unpublished_branches import outside_unpublished_branches
from .versioned_cache import read_for_visitor
from .view_restrictions import public_only

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def serve(request, path):
    """Wagtail's `serve` view (wagtail.views.serve), with the page found by home.routing: the
    same hooks run around the page's own `serve`, in the same order."""
    route = route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


@require_GET
def search(request):
    # Runs of spaces are one space to the search backends; one key for each way of typing it.
    query = " ".join(request.GET.get("query", "").split())[:MAX_QUERY_LENGTH]
    results = RankedMatches(matching_ids(request, query)) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "search_query": query,
        "results": page,
        # base.html keeps the header of a view without a page per view, with its menu's mark.
        "view_without_page": "search",
    }
    return TemplateResponse(request, "search/search.html", context)


def matching_ids(request, query):
    """The ids of the live public pages in the request's language that match `query`, best
    first. The full-text search is most of a search's time, and its answer changes only when a
    page is published, moved or unpublished: for visitors it is kept in the versioned cache,
    which those changes refresh. Only on the cache server: every query typed is a key of its
    own, and this process's copies are for what every page reads. The key holds a digest of the
    words, so that what residents searched for is not listed in plain text among the keys."""
    locale_id = active_locale_id(request)

    def search():
        pages = outside_unpublished_branches(
            public_only(Page.objects.live().filter(locale_id=locale_id).exclude(depth__lte=1))
        )
        return ranked_ids(pages, query)

    digest = hashlib.sha256(query.encode()).hexdigest()
    return read_for_visitor(request, ("search", locale_id, digest), search, local=False)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
