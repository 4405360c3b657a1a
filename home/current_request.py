"""The request being answered in this thread or task, for code that runs without it: form
widgets and template tags rendered without a request in their context, page methods Wagtail
calls without one (`get_view_restrictions`)."""

from contextvars import ContextVar

_current_request = ContextVar("mops_current_request", default=None)


def current_request():
    return _current_request.get()


class CurrentRequestMiddleware:
    # The request is kept in a context variable around a synchronous call; under ASGI Django
    # runs this middleware in a thread, which copies the context.
    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
