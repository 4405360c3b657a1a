"""A neutral page on another origin (loopback only), standing in for the site the exit opens."""

import http.server
import threading
from functools import partial

NEUTRAL_PAGE = b"<!DOCTYPE html><html lang='pl'><title>Pogoda</title><h1>Pogoda na dzis</h1></html>"


class _NeutralHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(NEUTRAL_PAGE)

    def log_message(self, *args):
        pass


class NeutralSite:
    def __enter__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NeutralHandler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/pogoda"
        self.thread = threading.Thread(target=partial(self.server.serve_forever, 0.1), daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
