"""Whether this application server can read its database, for Varnish's second probe
(deploy/varnish/default.vcl): while no server can, Varnish gives readers the last copy it kept
of a page instead of the 503 page, and sends requests to the servers that can.

Answered by a middleware first in line, before Django checks the Host header and redirects to
HTTPS: a probe whose Host line was not edited to one of ALLOWED_HOSTS would otherwise fail for
ever, and the site would look to Varnish as if its database were always out. Visitors never
reach it (Varnish answers 404 to /health/). gunicorn's own probe (robots.txt) needs no
database on purpose: forms still reach the application while the database is out, and its 503
page keeps what an applicant typed.
"""

from django.apps import apps
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

DATABASE_HEALTH_PATH = "/health/database/"
PLAIN = "text/plain; charset=utf-8"


class DatabaseHealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != DATABASE_HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = database_health()
        add_never_cache_headers(response)
        return response


def database_health():
    # The table every page is looked up by: a database that answers without the site's tables
    # (an empty file where the SQLite one was) serves no page either.
    try:
        apps.get_model("wagtailcore", "Site").objects.exists()
    except DatabaseError:
        return HttpResponse("The database is out of reach.\n", status=503, content_type=PLAIN)
    return HttpResponse("The database answers.\n", content_type=PLAIN)
