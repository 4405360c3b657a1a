from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import media_files, views as home_views
from home.sitemaps import MultilingualSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (the error pages, the admin): a
    # 404 there is an error in the console. Not permanent: the static file's name changes with it.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"))),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Development and tests, with no web server in front: image renditions only, never the original
# uploads nor documents' files (as nginx in production).
if getattr(settings, "SERVE_IMAGE_RENDITIONS", False):
    urlpatterns += media_files.rendition_urlpatterns()

# The benchmark's floor (bench/settings.py only): the cheapest Django response.
if getattr(settings, "BENCH_FLOOR_VIEW", False):
    from bench.floor_view import floor

    urlpatterns.append(path("bench/floor/", floor))

# Polish stays at /, English at /en/, Ukrainian at /uk/.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    # Open data: the programmes as an HSDS 3.0 API (programmes.hsds), before Wagtail's pages.
    path("api/hsds/", include("programmes.hsds.urls")),
    # Wagtail's own addresses, its pages served by home.views.serve (found without walking the
    # tree in the database: home.routing), under the same name and pattern.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, home_views.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

# Error pages that render without the database, in the visitor's language.
handler400 = "mops_site.error_views.bad_request"
handler500 = "mops_site.error_views.server_error"
