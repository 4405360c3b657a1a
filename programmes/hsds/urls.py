"""The HSDS API's addresses, under `api/hsds/` in each language (mops_site.urls): the paths
of the standard's OpenAPI, without a trailing slash."""

from django.urls import path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.api_root, name="root"),
    path("services", views.services, name="services"),
    path("services/<str:id>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:id>", views.organization_detail, name="organization"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>", views.service_at_location, name="service_at_location"),
    # Last: any other path under the API is the API's JSON 404, not a page of the site.
    path("<path:path>", views.unknown_path),
]
