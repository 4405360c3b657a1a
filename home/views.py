from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from .languages import active_locale_id
from .recent_searches import recent_answer
from .routing import route_for_request
from .search_ranking import RankedMatches, ranked_ids
from .unpublished_branches import outside_unpublished_branches
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
    # Runs of spaces are one space to the search backends: every spacing of the same words is
    # one search (home.recent_searches).
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
    first; a visitor's repeated search is answered from home.recent_searches."""
    locale_id = active_locale_id(request)

    def run_search():
        pages = outside_unpublished_branches(
            public_only(Page.objects.live().filter(locale_id=locale_id).exclude(depth__lte=1))
        )
        return ranked_ids(pages, query)

    return recent_answer(request, locale_id, query, run_search)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
