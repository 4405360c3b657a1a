"""A stand-in for the caching proxy: a small HTTP server on loopback that records the PURGE
requests Wagtail's frontend cache sends (a real Varnish gets the same requests); the `proxy`
fixture (tests/conftest.py) points Wagtail at it for one test."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class RecordingProxy(ThreadingHTTPServer):
    """Answers every PURGE with 200 and remembers the address purged."""

    def __init__(self):
        self.purged = []
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(handler):  # noqa: N802, N805 - the method name is http.server's
                with self.lock:
                    self.purged.append((handler.headers["Host"], handler.path))
                handler.send_response(200)
                handler.end_headers()

            def log_message(handler, *args):  # noqa: N805
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    def paths(self):
        with self.lock:
            return {path for _host, path in self.purged}
