"""The benchmark: `.venv/bin/python -m bench.run` (`make bench`; `make bench-short` in CI).

Builds the demo on a PostgreSQL database of its own (mops_bench), starts gunicorn (2 workers)
with the production settings, the notification worker, Varnish with deploy/varnish/default.vcl
in front of gunicorn, and nginx serving a saved copy of the programme page; measures each with
wrk; sends the enrolment form from many applicants at once, then from applicants arriving at a
steady rate (an enrolment's opening); writes bench/results/. Everything listens on 127.0.0.1
and is stopped at the end, also after an error or Ctrl-C.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.smtp_server import LoopbackSMTPServer

from . import report
from .applicants import run_applicants
from .load import measure
from .opening import check_stored, run_opening
from .processes import MANAGE, Processes, ProcessFailed, free_loopback_port, run, stop_on_sigterm
from .servers import (
    build_demo,
    require_tools,
    start_gunicorn,
    start_nginx,
    start_varnish,
    start_worker,
)
from .site_environment import (
    create_database,
    drop_database,
    flush_redis,
    production_environment,
)
from .web_client import request

DATABASE = "mops_bench"
REDIS_DATABASE = 13
PARTS = report.PARTS


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="a few seconds per URL (CI)")
    parser.add_argument("--seconds", type=int, help="seconds per URL (15; short: 2)")
    parser.add_argument("--connections", default="16,64", help="wrk connections (16,64)")
    parser.add_argument("--applicants", type=int, default=200, help="at once (200)")
    parser.add_argument(
        "--opening-rate", type=float, default=50, help="applicants a second at the opening (50)"
    )
    parser.add_argument(
        "--opening-seconds", type=float, help="how long applicants arrive (60; short: 10)"
    )
    parser.add_argument(
        "--delivery-wait",
        type=int,
        default=300,
        help="seconds to wait at most for the worker's deliveries after the opening (300)",
    )
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="what to run: pages (wrk), burst (applicants at once), opening (pages,burst,opening)",
    )
    parser.add_argument("--keep-database", action="store_true", help="leave mops_bench behind")
    return parser.parse_args()


def django_value(env, function, *arguments, module="bench.pages"):
    """What `function` of `module` prints as JSON, run inside Django on the run's database."""
    listed = ", ".join(repr(str(argument)) for argument in arguments)
    command = f"from {module} import {function}; {function}({listed})"
    return json.loads(run([*MANAGE, "shell", "-c", command], env=env).strip().splitlines()[-1])


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        kilobytes = int(meminfo.readline().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": f"{kilobytes / 1024 / 1024:.0f} GiB",
        "system": f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        "tools": ", ".join(_version(argv) for argv in _TOOL_VERSIONS),
    }


_TOOL_VERSIONS = [
    ["varnishd", "-V"],
    ["nginx", "-v"],
    ["wrk", "-v"],
    [str(MANAGE[0]), "-c", "import gunicorn; print('gunicorn', gunicorn.__version__)"],
    ["psql", "--version"],
]


def _version(argv):
    result = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    text = (result.stdout + result.stderr).strip().splitlines()
    return text[0].strip() if text else argv[0]


def check_pages(pages, gunicorn_port, varnish_port):
    """Every page answers 200 from gunicorn; through Varnish the second view is a hit, and the
    form page is passed. Returns what Varnish said for each."""
    seen = {}
    for name, path in pages.items():
        direct = request(gunicorn_port, path)
        if direct.status != 200:
            raise ProcessFailed(f"{name} ({path}) answered {direct.status} from gunicorn")
        request(varnish_port, path)
        seen[name] = request(varnish_port, path).headers.get("x-cache", "?")
    if seen["form page"] != "PASS":
        raise ProcessFailed(f"Varnish did not pass the form page: {seen['form page']}")
    return seen


def save_static_copy(gunicorn_port, path, root):
    """The programme page as gunicorn renders it, as a file nginx serves (with a gzip copy)."""
    page = request(gunicorn_port, path, headers={"Accept-Encoding": "identity"})
    folder = Path(root) / path.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_bytes(page.body)
    (folder / "index.html.gz").write_bytes(gzip.compress(page.body, 6))
    for item in [Path(root), *Path(root).rglob("*")]:
        item.chmod(0o755 if item.is_dir() else 0o644)


def wait_for_deliveries(inbox, expected_at_least, settle_seconds=3, timeout=120):
    """Messages the worker delivered, once their number stops growing."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        count = len(inbox.messages)
        if count != last:
            last, since = count, time.monotonic()
        else:
            quiet = time.monotonic() - since
            # All expected arrived and nothing more for a while, or nothing at all for long.
            if (count >= expected_at_least and quiet >= settle_seconds) or quiet >= 30:
                break
        time.sleep(0.2)
    return len(inbox.messages)


def warm_up(port, path, requests=6, timeout=60):
    """A few requests before measuring: every gunicorn worker has loaded its templates, and
    Varnish has seen its application server answer again after the previous run loaded it."""
    deadline = time.monotonic() + timeout
    answered = 0
    while answered < requests:
        if request(port, path).status == 200:
            answered += 1
        elif time.monotonic() > deadline:
            raise ProcessFailed(f"{path} on port {port} does not answer 200 after {timeout} s")
        else:
            time.sleep(0.5)


def drain(gunicorn_port):
    """Wait until gunicorn has answered what the previous run left queued: wrk closes its
    connections when its time is up, but requests already accepted are still answered, and
    would slow the next run down."""
    for _ in range(2):
        request(gunicorn_port, "/bench/floor/", timeout=120)


def run_burst(env, ports, form_path, count, inbox):
    """`count` applicants open the form, then all send it at the same moment."""
    print(f"{count} applicants at once …", flush=True)  # noqa: T201
    before = django_value(env, "print_application_count")
    sent_mail = len(inbox.messages)
    applicants = run_applicants(ports["gunicorn"], form_path, count)
    applicants["stored"] = django_value(env, "print_application_count") - before
    applicants["notifications_delivered"] = (
        wait_for_deliveries(inbox, sent_mail + applicants["stored"]) - sent_mail
    )
    return applicants


def run_enrolment_opening(env, ports, form_path, rate, seconds, inbox, delivery_wait):
    """Applicants arriving at `rate` a second for `seconds`, each opening the form and sending
    it; then what the database holds and what the worker delivered (waited for up to
    `delivery_wait` seconds)."""
    print(  # noqa: T201
        f"Enrolment opening: {rate:g} applicants a second for {seconds:g} s …", flush=True
    )
    last_id = django_value(env, "print_last_application_id", module="bench.opening")
    sent_mail = len(inbox.messages)
    opening = run_opening(ports["gunicorn"], form_path, rate, seconds)
    print(  # noqa: T201
        f"  {opening['applicants']} applicants, {opening['accepted']} confirmed; waiting for "
        "the worker's deliveries …",
        flush=True,
    )
    stored = django_value(env, "print_stored_after", last_id, module="bench.opening")
    waited = time.monotonic()
    wait_for_deliveries(inbox, sent_mail + stored["stored"], timeout=delivery_wait)
    opening["delivery_wait_seconds"] = round(time.monotonic() - waited, 1)
    # Counted again: the database says exactly which of the run's notifications were delivered.
    stored = django_value(env, "print_stored_after", last_id, module="bench.opening")
    opening["messages_received"] = len(inbox.messages) - sent_mail
    return check_stored(opening, stored)


def measure_all(pages, ports, connection_counts, seconds):
    """Every target at every number of connections. The machine may be busy with other work
    too, so each ratio's reference (nginx static for Varnish, the floor for a page from
    gunicorn) is measured again right before what is compared with it."""
    static = ("nginx static", "programme page", ports["nginx"], pages["programme page"])
    floor = ("minimal Django view", "floor", ports["gunicorn"], "/bench/floor/")
    plan = [(static, None), (floor, None)]
    for name, path in pages.items():
        plan.append((("through Varnish", name, ports["varnish"], path), static))
        plan.append((("gunicorn directly", name, ports["gunicorn"], path), floor))
    rows = []
    for (target, page, port, path), reference in plan:
        warm_up(port, path)
        for connections in connection_counts:
            row = {"target": target, "page": page, "path": path}
            if reference:
                drain(ports["gunicorn"])
                row["reference_requests_per_second"] = measure(
                    reference[2], reference[3], connections, seconds
                )["requests_per_second"]
            drain(ports["gunicorn"])
            row.update(measure(port, path, connections, seconds))
            print(  # noqa: T201
                f"{target:20} {page:16} {connections:3} conn. {row['requests_per_second']:9.1f} "
                f"req/s  p50 {row['p50_ms']:8} ms  p99 {row['p99_ms']:8} ms  "
                f"{row['bytes_per_response']} B",
                flush=True,
            )
            rows.append(row)
    return rows


def main():
    options = arguments()
    stop_on_sigterm()
    require_tools("varnishd", "nginx", "wrk")
    seconds = options.seconds or (2 if options.short else 15)
    opening_seconds = options.opening_seconds or (10 if options.short else 60)
    parts = {part.strip() for part in options.parts.split(",") if part.strip()}
    if not parts or parts - set(PARTS):
        raise SystemExit(f"--parts: choose among {', '.join(PARTS)}")
    connection_counts = [int(n) for n in options.connections.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="mops-bench-"))
    workdir.chmod(0o755)
    print(f"Benchmark in {workdir} (logs there)", flush=True)  # noqa: T201
    smtp = LoopbackSMTPServer(free_loopback_port())
    smtp.start()
    ports = {name: free_loopback_port() for name in ("gunicorn", "varnish", "purge", "nginx")}
    env = production_environment(
        DATABASE, REDIS_DATABASE, workdir / "static", workdir / "media", smtp.port
    )
    create_database(DATABASE)
    flush_redis(REDIS_DATABASE)
    try:
        with Processes(workdir / "logs") as processes:
            print("Building the demo on PostgreSQL …", flush=True)  # noqa: T201
            build_demo(env, workdir / "logs" / "build.log")
            pages = django_value(env, "print_pages")
            start_gunicorn(processes, env, ports["gunicorn"])
            start_worker(processes, env)
            start_varnish(processes, workdir, [ports["gunicorn"]], ports["varnish"], ports["purge"])
            cache_states = check_pages(pages, ports["gunicorn"], ports["varnish"])
            save_static_copy(ports["gunicorn"], pages["programme page"], workdir / "www")
            start_nginx(processes, workdir, workdir / "www", ports["nginx"])

            load_before = os.getloadavg()[0]
            rows = []
            if "pages" in parts:
                rows = measure_all(pages, ports, connection_counts, seconds)
            load_after = os.getloadavg()[0]

            applicants = opening = None
            if "burst" in parts:
                applicants = run_burst(
                    env, ports, pages["form page"], options.applicants, smtp.inbox
                )
            if "opening" in parts:
                load_before_opening = os.getloadavg()[0]
                opening = run_enrolment_opening(
                    env,
                    ports,
                    pages["form page"],
                    options.opening_rate,
                    opening_seconds,
                    smtp.inbox,
                    options.delivery_wait,
                )
                opening["load_average"] = [
                    round(load_before_opening, 2),
                    round(os.getloadavg()[0], 2),
                ]
    finally:
        smtp.stop()
        if not options.keep_database:
            drop_database(DATABASE)
        flush_redis(REDIS_DATABASE)

    results = {
        "date": datetime.date.today().isoformat(),
        "short": options.short,
        "parts": [part for part in PARTS if part in parts],
        "seconds": seconds,
        "connections": connection_counts,
        "machine": machine(),
        # Other work on the machine weighs on the numbers: the 1-minute load around the runs.
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "pages": pages,
        "varnish_second_view": cache_states,
        "measurements": rows,
        "applicants": applicants,
        "opening": opening,
    }
    results["targets"] = report.targets(results)
    print(report.write(results))  # noqa: T201
    shutil.rmtree(workdir, ignore_errors=True)
    # Speed targets are reported, not enforced (they depend on the machine); a lost or doubled
    # application or a server error is a fault, and fails the run.
    found = report.faults(results)
    if found:
        print(  # noqa: T201
            f"Applications were lost, stored twice or answered with 5xx ({', '.join(found)}): "
            "see above."
        )
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
