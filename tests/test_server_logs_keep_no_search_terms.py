"""What a resident searched for on the site, or a coordinator in the applications (a name, a
phone, "przemoc"), never reaches nginx's access log: addresses are logged without their queries
and without the page they came from, and the client by its network, not its address."""

import shutil
import subprocess

import pytest

from bench.processes import free_loopback_port

from .nginx_on_loopback import ACCESS_LOG, fetch, nginx_on_loopback, wait_for

SEARCHES = [
    "/szukaj/?query=przemoc+domowa",
    "/admin/applications/?q=Kowalska",
    "/media/images/zdjecie.width-800.jpg?q=600123456",
]


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_logs_addresses_without_their_queries(tmp_path):
    media_root = tmp_path / "media"
    (media_root / "images").mkdir(parents=True)
    (media_root / "images" / "zdjecie.width-800.jpg").write_bytes(b"file")
    port = free_loopback_port()
    config = nginx_on_loopback(tmp_path, media_root, port)
    nginx = subprocess.Popen(
        ["nginx", "-p", str(tmp_path), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base)
        for address in SEARCHES:
            # Varnish is not running here: the proxied ones answer 502, and are logged all the same.
            fetch(base + address)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)

    log = (tmp_path / ACCESS_LOG).read_text()
    for address in SEARCHES:
        path, query = address.split("?")
        assert f"GET {path} " in log, log
        assert query not in log and query.split("=")[1] not in log, log
    # Nor who sent them: the client's network, not its address.
    assert "127.0.0.0 [" in log and "127.0.0.1" not in log, log
