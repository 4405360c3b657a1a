"""Whether this application server can read its database, for Varnish's second probe
(deploy/varnish/default.vcl): while no server can, Varnish gives readers the last copy it kept
of a page instead of the 503 page, and stops refreshing copies that the 503 page would replace.

gunicorn's own probe (robots.txt) needs no database on purpose: forms still go to the
application while the database is out, and its 503 page keeps what an applicant typed.
"""

from django.db import DatabaseError
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Site

PLAIN = "text/plain; charset=utf-8"


@never_cache
@require_safe
def database_health(request):
    # The table every page is looked up by: a database that answers without the site's tables
    # (an empty file where the SQLite one was) serves no page either.
    try:
        Site.objects.exists()
    except DatabaseError:
        return HttpResponse("The database is out of reach.\n", status=503, content_type=PLAIN)
    return HttpResponse("The database answers.\n", content_type=PLAIN)
