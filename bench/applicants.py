"""Many applicants at once: each opens the enrolment form, then all send it at the same moment.

Threads of the standard library, one per applicant, each with its own cookies, against gunicorn
directly (a form post always goes to the application; Varnish only passes it on).
"""

import math
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from .web_client import answers_for, origin, request


def percentile(values, fraction):
    """The nearest-rank percentile: the smallest value with at least `fraction` of the values at
    or below it."""
    if not values:
        return None
    ordered = sorted(values)
    # The small margin keeps 0.95 × 100 (which floats may make 95.00000000000001) at rank 95.
    rank = math.ceil(fraction * len(ordered) - 1e-9)
    return ordered[min(len(ordered), max(1, rank)) - 1]


class Applicant:
    def __init__(self, number, port, form_path, ready):
        self.number = number
        self.port = port
        self.form_path = form_path
        self.ready = ready
        self.open_seconds = None
        self.send_seconds = None
        self.status = None
        self.error = None

    def apply(self):
        opened = None
        try:
            opened = self._open()
        except Exception as error:  # noqa: BLE001 (counted and reported, never hidden)
            self.error = f"opening: {type(error).__name__}: {error}"
        # Everyone sends at the same moment, also when someone could not open the form.
        try:
            self.ready.wait(timeout=300)
        except threading.BrokenBarrierError:
            self.error = self.error or "the other applicants never got ready"
            return
        if opened is None:
            return
        try:
            self._send(*opened)
        except Exception as error:  # noqa: BLE001 (counted and reported, never hidden)
            self.error = f"sending: {type(error).__name__}: {error}"

    def _open(self):
        started = time.perf_counter()
        page = request(self.port, self.form_path, timeout=120)
        self.open_seconds = time.perf_counter() - started
        if page.status != 200:
            self.status = page.status
            return None
        action, answers = answers_for(page.text, f"Kandydatka {self.number}")
        return action or self.form_path, answers, page.cookies

    def _send(self, action, answers, cookies):
        started = time.perf_counter()
        sent = request(
            self.port,
            action,
            method="POST",
            body=urlencode(answers),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin(),
                "Referer": origin() + self.form_path,
            },
            cookies=cookies,
            timeout=120,
        )
        self.send_seconds = time.perf_counter() - started
        self.status = sent.status


def run_applicants(port, form_path, count):
    """Returns what happened: latencies of sending, answers by status, errors."""
    ready = threading.Barrier(count)
    applicants = [Applicant(number, port, form_path, ready) for number in range(1, count + 1)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(lambda applicant: applicant.apply(), applicants))
    wall = time.perf_counter() - started
    sends = [a.send_seconds for a in applicants if a.send_seconds is not None]
    opens = [a.open_seconds for a in applicants if a.open_seconds is not None]
    statuses = {}
    for applicant in applicants:
        statuses[str(applicant.status)] = statuses.get(str(applicant.status), 0) + 1
    return {
        "applicants": count,
        "submitted": len(sends),
        # A successful application is answered with a redirect to its confirmation page.
        "accepted": statuses.get("302", 0),
        "answers_by_status": statuses,
        "server_errors": sum(n for status, n in statuses.items() if status.startswith("5")),
        "client_errors": [a.error for a in applicants if a.error][:5],
        "send_p50_ms": _ms(statistics.median(sends)) if sends else None,
        "send_p95_ms": _ms(percentile(sends, 0.95)),
        "send_max_ms": _ms(max(sends)) if sends else None,
        "open_p50_ms": _ms(statistics.median(opens)) if opens else None,
        "open_p95_ms": _ms(percentile(opens, 0.95)),
        "wall_seconds": round(wall, 2),
    }


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)
