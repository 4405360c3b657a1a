"""wrk against one URL: requests per second, p50 and p99 latency and bytes per response."""

import json
import subprocess
from pathlib import Path

from .site_environment import HEADERS

REPORT_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
# What a browser sends: pages come compressed where the server compresses them.
ACCEPT_ENCODING = "gzip, deflate, br"


def measure(port, path, connections, seconds, threads=2):
    headers = {**HEADERS, "Accept-Encoding": ACCEPT_ENCODING}
    argv = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
    ]
    argv += ["--timeout", "10s", "-s", str(REPORT_SCRIPT)]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    argv.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(  # noqa: S603 (our own argv, no shell)
        argv, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    line = next(
        (line for line in result.stdout.splitlines() if line.startswith("BENCH-JSON ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{result.stdout}\n{result.stderr}")
    raw = json.loads(line.removeprefix("BENCH-JSON "))
    seconds_run = raw["duration_us"] / 1e6
    requests = raw["requests"]
    errors = sum(raw[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    return {
        "connections": connections,
        "seconds": round(seconds_run, 2),
        "requests": requests,
        "requests_per_second": round(requests / seconds_run, 1) if seconds_run else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "bytes_per_response": round(raw["bytes"] / requests) if requests else 0,
        "non_2xx_3xx": raw["status_errors"],
        "socket_errors": errors,
    }
