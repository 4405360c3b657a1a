"""Renditions of uploaded images where no web server stands in front of Django: development and
tests. Production's nginx serves the same folder (deploy/nginx/mops.conf).

Only renditions, the resized copies that pages show, are served. Original images are never
served as files: they are what editors uploaded, and pages never link to them. Documents' files
go through Wagtail's view, which checks who may read them.
"""

from pathlib import Path

from django.conf import settings
from django.urls import path
from django.views.static import serve

# Wagtail writes renditions to this folder of the media storage (Rendition.get_upload_to).
RENDITIONS_FOLDER = "images"


def serve_rendition(request, name):
    # MEDIA_ROOT is read on each request: tests put uploads in a temporary folder.
    return serve(request, name, document_root=Path(settings.MEDIA_ROOT) / RENDITIONS_FOLDER)


def rendition_urlpatterns():
    prefix = settings.MEDIA_URL.strip("/")
    return [path(f"{prefix}/{RENDITIONS_FOLDER}/<path:name>", serve_rendition)]
