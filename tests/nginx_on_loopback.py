"""deploy/nginx/mops.conf run by a real nginx on a loopback port, for tests of what nginx does."""

import http.client
import re
import time
import urllib.parse
from pathlib import Path

from bench.processes import free_loopback_port

PROJECT = Path(__file__).resolve().parent.parent
NGINX_CONFIG = PROJECT / "deploy" / "nginx" / "mops.conf"
ACCESS_LOG = "access.log"


def nginx_on_loopback(folder, media_root, port, varnish_port=None):
    """deploy/nginx/mops.conf as it is, but plain HTTP on a loopback port (its certificates
    exist only on the server), the media folder, the offline page (offline.html) and the access
    log in `folder`, in one foreground process; Varnish at `varnish_port` (by default a port
    nothing listens on)."""
    server = NGINX_CONFIG.read_text()
    if varnish_port is None:
        varnish_port = free_loopback_port()
        while varnish_port == port:  # nginx would proxy to itself
            varnish_port = free_loopback_port()
    server = server.replace("127.0.0.1:6081", f"127.0.0.1:{varnish_port}")
    server = server.replace("root /var/lib/mops;", f"root {folder};")
    server = re.sub(r"^\s*ssl_[a-z_]+ .*;\n", "", server, flags=re.MULTILINE)
    server = re.sub(r"^\s*listen .*;\n", "", server, flags=re.MULTILINE)
    # The first server block only redirects to HTTPS: the second one, on our port, is tested.
    server = server.replace("server_name mops.example.org;", "server_name localhost;", 1)
    server = server.replace(
        "server_name mops.example.org;", f"listen 127.0.0.1:{port};\n    server_name _;"
    )
    server = server.replace("/var/lib/mops/media/", f"{media_root}/")
    server = server.replace("/var/log/nginx/access.log", f"{folder}/{ACCESS_LOG}")
    temp_paths = "".join(
        f"{kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"daemon off;\nmaster_process off;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\n{temp_paths}{server}\n}}\n"
    )
    return config


def wait_for(base, seconds=10):
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(base + "/media/")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def fetch(url):
    # http.client sends the path as given: no client-side normalisation of `..` or `//`.
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
