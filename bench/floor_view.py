"""The framework's floor: the cheapest response Django can give through the same middleware."""

from django.http import HttpResponse


def floor(request):
    return HttpResponse(b"floor\n", content_type="text/plain")
