"""`{% cached_html "name" part … %}…{% endcached_html %}`: rendered HTML kept in Django's cache.

Rendering the header, the footer and a programme's long sections costs more than everything
else a page does. What they show changes only when an editor publishes or edits something (then
home.versioned_cache forgets everything kept), with the language, the host (full addresses) and
the day (today's hours, enrolment status); the key holds all of these, plus the parts given,
which must name whatever else the fragment depends on (the page, its published revision).

Never kept: a preview, what a signed-in user sees (their state may show), or a fragment one of
whose parts is None or empty (the caller's way of saying "do not keep this", and what a
missing variable such as `page.pk` on a page-less view resolves to). A fragment must hold no
CSRF token nor CSP nonce: those are per response.

Why not Wagtail's `{% wagtailcache %}` / `{% wagtailpagecache %}`: they are Django's `{% cache %}`
that skips previews (the same `request.is_preview` test as here). They would keep a signed-in
user's fragment, and one whose part is None (as the text "None", shared by every page-less view),
and every template would have to pass the version, language, host, day and a timeout. A subclass
adding those would be no shorter than this tag, and could not read the version once per request
(home.versioned_cache) without reaching into it.
"""

from django import template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from home import versioned_cache

register = template.Library()


@register.tag("cached_html")
def cached_html(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    nodelist = parser.parse(("endcached_html",))
    parser.delete_first_token()
    return CachedHtmlNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class CachedHtmlNode(template.Node):
    def __init__(self, nodelist, key_parts):
        self.nodelist = nodelist
        self.key_parts = key_parts

    def render(self, context):
        request = context.get("request")
        parts = [part.resolve(context) for part in self.key_parts]
        if not may_keep(request) or any(part is None or part == "" for part in parts):
            return self.nodelist.render(context)
        key = (
            "html",
            translation.get_language(),
            request.get_host(),
            timezone.localdate().isoformat(),
            *parts,
        )
        html = versioned_cache.cached(request, key, lambda: self.nodelist.render(context))
        # The template's own output, escaped when it was rendered.
        return mark_safe(html)  # noqa: S308  # nosec


def may_keep(request):
    """Only for anonymous readers of a published page."""
    if request is None or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated
