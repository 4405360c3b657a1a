"""The HSDS API's views: read-only JSON, open to every origin, kept by the caching proxy.

Paths, query parameters and the paginated envelope follow the standard's OpenAPI (schema/
openapi.json of HSDS 3.0): `page` (from 1), `per_page` (1 to MAX_PER_PAGE), `full` on lists,
`full_service` and `search` on organizations, `organization_id`, `modified_after` and `search`
on the services and services at locations, `format` (json only). A page past the end is an empty
page; a bad parameter, or one the address does not take (the OpenAPI's `taxonomy_id`,
`postcode`…), is a 400 naming it; an unknown id or path a 404, all in JSON.

Only GET, HEAD and OPTIONS are answered (405 with `Allow` otherwise; the views change nothing,
so they need no CSRF check). Every answer carries `Access-Control-Allow-Origin: *`; OPTIONS is
the CORS preflight. Answers to readers without a session say `public` with the pages' lifetimes
(CACHE_CONTROL_MAX_AGE, CACHE_CONTROL_SHARED_MAX_AGE): the proxy keeps them until publishing
purges them (programmes.hsds.purging); a listing with a query string (another page, a filter)
is not purged, it lives CACHE_CONTROL_SHARED_MAX_AGE seconds in the proxy, as search results.
"""

import datetime
import math
import re
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import conditional_page

from .directory import Directory
from .ids import key_of, parse_id
from .records import SERVICE_FIELDS, ServiceRecords, only, organization

HSDS_VERSION = "3.0"
# The standard this API follows, without a profile of its own, and the OpenAPI it implements
# (its paths for services, organizations and services at locations).
PROFILE_URL = "https://github.com/openreferral/specification/tree/3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# Nobody reads a billionth page: a longer number is refused before Python converts it.
MAX_DIGITS = 9
TRUE_WORDS = {"true", "1", "yes"}
FALSE_WORDS = {"false", "0", "no"}
# What a preflight may ask to send (header names only; the API reads none of them).
HEADER_NAMES = re.compile(r"^[A-Za-z0-9\-]+(\s*,\s*[A-Za-z0-9\-]+)*$")


class ApiError(Exception):
    def __init__(self, status, message, parameter=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def not_found():
    return ApiError(404, gettext("Nothing with this id is published here."))


def error_response(status, message, parameter=None):
    body = {"status": status, "message": message}
    if parameter:
        body["parameter"] = parameter
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def api_view(view):
    """A view returning a dict (or raising ApiError) made into the API's JSON response, with an
    ETag: a directory polling the API gets a 304, not the whole answer, while nothing changed
    (Django's conditional_page)."""

    @csrf_exempt
    @wraps(view)
    def respond(request, *args, **kwargs):
        response = answer(request, *args, **kwargs)
        # Also on a 304: a browser's cross-origin request checks it there too.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @conditional_page
    def answer(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = _preflight(request)
        elif request.method not in ("GET", "HEAD"):
            response = error_response(
                405, gettext("This API only reads: use GET, HEAD or OPTIONS.")
            )
            response["Allow"] = ALLOWED_METHODS
        else:
            try:
                response = JsonResponse(
                    view(request, *args, **kwargs), json_dumps_params={"ensure_ascii": False}
                )
            except ApiError as error:
                response = error_response(error.status, error.message, error.parameter)
            # Cache-Control as for pages (mops_site.cache_headers): public for a visitor
            # without a session, also a 404 (a new programme's address is purged on publishing).
        return response

    return respond


def _preflight(request):
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    asked = request.headers.get("Access-Control-Request-Headers", "").strip()
    if asked and HEADER_NAMES.match(asked):
        # Any header may be sent: the API reads none, and no credentials are allowed.
        response["Access-Control-Allow-Headers"] = asked
        patch_vary_headers(response, ["Access-Control-Request-Headers"])
    response["Access-Control-Max-Age"] = "86400"
    return response


# Query parameters ---------------------------------------------------------------------------


def whole_number(request, name, default, maximum):
    raw = request.GET.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS and 1 <= int(raw) <= maximum:
        return int(raw)
    raise ApiError(
        400,
        gettext("“%(name)s” must be a whole number from 1 to %(maximum)s.")
        % {"name": name, "maximum": maximum},
        name,
    )


def yes_or_no(request, name):
    raw = request.GET.get(name)
    if raw is None or raw.strip().lower() in FALSE_WORDS:
        return False
    if raw.strip().lower() in TRUE_WORDS:
        return True
    raise ApiError(400, gettext("“%(name)s” must be true or false.") % {"name": name}, name)


def moment(request, name):
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        value = None
    if value is None:
        raise ApiError(
            400,
            gettext(
                "“%(name)s” must be a date or a date and time in ISO 8601, for example "
                "2026-12-01 or 2026-12-01T08:00:00+01:00."
            )
            % {"name": name},
            name,
        )
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def only_parameters(request, names):
    """Refuses a parameter the address does not read: answering as if it were not there would
    pass every record off as the ones asked for (a filter by taxonomy, a misspelt `serach`)."""
    for name in request.GET:
        if name not in names:
            raise ApiError(
                400,
                gettext("“%(name)s” is not a parameter of this address: it takes %(names)s.")
                % {"name": name, "names": ", ".join(names)},
                name,
            )


def json_format(request):
    raw = request.GET.get("format")
    if raw is not None and raw.strip().lower() != "json":
        raise ApiError(400, gettext("Only the json format is offered."), "format")


class Listing:
    """A list's query parameters, read before anything else, and its paginated envelope."""

    PARAMETERS = ("format", "page", "per_page", "full")

    def __init__(self, request, *other_parameters):
        only_parameters(request, self.PARAMETERS + other_parameters)
        json_format(request)
        self.page = whole_number(request, "page", 1, 10**MAX_DIGITS - 1)
        self.per_page = whole_number(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
        self.full = yes_or_no(request, "full")

    def window(self, items):
        start = (self.page - 1) * self.per_page
        return items[start : start + self.per_page]

    def envelope(self, total, contents):
        total_pages = math.ceil(total / self.per_page)
        return {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": self.page,
            "size": len(contents),
            "first_page": self.page == 1,
            "last_page": self.page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }


class ServiceFilters:
    """`organization_id`, `modified_after` and `search`, as the OpenAPI names them. Not its
    `taxonomy_term_id` and `taxonomy_id`: the site publishes no taxonomy, and an empty list
    would tell a directory that no programme is of the kind asked for, where a 400 tells it
    that it must sort them itself. Nor `postcode`, `proximity` (no coordinates) or `minimal`."""

    PARAMETERS = ("organization_id", "modified_after", "search")

    def __init__(self, request):
        self.organization_id = (request.GET.get("organization_id") or "").strip().lower()
        self.modified_after = moment(request, "modified_after")
        self.search = search_words(request)

    def apply(self, directory):
        programmes = directory.programmes
        if self.organization_id:
            institution = directory.institution
            if institution is None or key_of(institution) != self.organization_id:
                return []
        if self.search:
            programmes = [page for page in programmes if self.search in _words_of(page)]
        if self.modified_after:
            modified = directory.last_modified(programmes)
            programmes = [
                page
                for page in programmes
                if modified[page.pk] and modified[page.pk] >= self.modified_after
            ]
        return programmes


def search_words(request):
    return (request.GET.get("search") or "").strip().casefold()


def _words_of(programme):
    words = [programme.title, programme.lead, programme.district, programme.target_group.name]
    return " ".join(word for word in words if word).casefold()


# Views --------------------------------------------------------------------------------------


@api_view
def api_root(request):
    only_parameters(request, ["format"])
    json_format(request)
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


@api_view
def services(request):
    listing = Listing(request, *ServiceFilters.PARAMETERS)
    filters = ServiceFilters(request)
    directory = Directory(request)
    programmes = filters.apply(directory)
    contents = [
        ServiceRecords(directory, facts).service(full=listing.full)
        for facts in directory.facts(listing.window(programmes))
    ]
    return listing.envelope(len(programmes), contents)


@api_view
def service(request, id):
    only_parameters(request, ["format"])
    json_format(request)
    directory = Directory(request)
    key = parse_id(id)
    programme = directory.programme(key) if key else None
    if programme is None:
        raise not_found()
    return ServiceRecords(directory, directory.facts([programme])[0]).service()


@api_view
def organizations(request):
    listing = Listing(request, "full_service", "search")
    full_service = yes_or_no(request, "full_service")
    search = search_words(request)
    directory = Directory(request)
    records = []
    if directory.institution:
        records = [_organization(directory, full=listing.full, full_service=full_service)]
    # The one institution's record, searched in what it says of itself.
    found = [record for record in records if search in _words_of_organization(record)]
    return listing.envelope(len(found), listing.window(found))


@api_view
def organization_detail(request, id):
    only_parameters(request, ["format", "full_service"])
    json_format(request)
    full_service = yes_or_no(request, "full_service")
    directory = Directory(request)
    key = parse_id(id)
    if directory.institution is None or key != key_of(directory.institution):
        raise not_found()
    return _organization(directory, full=True, full_service=full_service)


def _words_of_organization(record):
    """What a search of organizations reads: the record's name, short name and description."""
    words = [record.get(name) for name in ("name", "alternate_name", "description")]
    return " ".join(word for word in words if word).casefold()


def _organization(directory, *, full, full_service):
    if not full:
        return organization(directory, full=False)
    records = [ServiceRecords(directory, facts) for facts in directory.facts(directory.programmes)]
    if full_service:
        services = [record.service() for record in records]
    else:
        services = [only(record.service(full=False), SERVICE_FIELDS) for record in records]
    return organization(directory, full=True, services=services)


@api_view
def service_at_locations(request):
    listing = Listing(request, *ServiceFilters.PARAMETERS)
    filters = ServiceFilters(request)
    directory = Directory(request)
    at_locations = [
        (records, team)
        for records in _all_records(directory, filters.apply(directory))
        for team in records.teams
    ]
    contents = [
        records.at_location(team, full=listing.full, with_service=True)
        for records, team in listing.window(at_locations)
    ]
    return listing.envelope(len(at_locations), contents)


@api_view
def service_at_location(request, id):
    only_parameters(request, ["format"])
    json_format(request)
    directory = Directory(request)
    key = parse_id(id)
    if key:
        for records in _all_records(directory, directory.programmes):
            for team in records.teams:
                if records.at_location_id(team) == key:
                    return records.at_location(team, with_service=True)
    raise not_found()


def _all_records(directory, programmes):
    return [ServiceRecords(directory, facts) for facts in directory.facts(programmes)]


@api_view
def unknown_path(request, path):
    """Any other address under the API: its JSON 404, open to every origin, rather than the
    site's HTML page or a redirect adding a slash."""
    raise ApiError(
        404,
        gettext(
            "This API has no such path: its paths are those of the HSDS OpenAPI, without a "
            "slash at the end."
        ),
    )
