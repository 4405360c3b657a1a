"""An enrolment opening: applicants arrive at a steady rate, each opens the form and sends it.

Open loop: applicant n is due at `n / rate` seconds after the start, whether or not the earlier
ones have been answered (a district does not wait for the server). Each arrival runs in a thread
of a large pool, with its own cookies (a new session, its CSRF cookie) and the one-time token of
the form it opened, against gunicorn directly (Varnish only passes form pages and posts on).

Latencies are measured so that queueing shows: opening the form from the moment the applicant
was due (not from when a thread got round to it), sending from the moment the form was read.
When the client itself falls behind its schedule, the achieved arrival rate and the lateness of
the starts say so.

The functions under "Inside Django" run in `manage.py shell` (bench/run.py calls them), so that
the load itself needs no Django.
"""

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from .applicants import percentile
from .web_client import answers_for, origin, request

# Threads at most: arrivals beyond this wait for a thread, and their waiting counts in their
# latency (measured from the moment they were due).
MAX_THREADS = 1000
# The run is also reported by the arrivals of each 10 s: a slow start (cold processes, a cache
# filled on the first requests) reads differently from a queue that grows to the end.
WINDOW_SECONDS = 10
REQUEST_TIMEOUT = 120
# The form's one-time token (enrolment/submission_tokens.py) is signed by Django's Signer, which
# joins the value and its signature with ":"; the value is what the site stores.
TOKEN_FIELD = "system-submission_token"  # noqa: S105 (a field name, not a secret)
_SIGNATURE_SEPARATOR = ":"
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def arrival_offsets(rate, seconds):
    """When each applicant is due, in seconds from the start: `rate` a second for `seconds`."""
    if rate <= 0 or seconds <= 0:
        return []
    return [number / rate for number in range(round(rate * seconds))]


def achieved_rate(start_times):
    """Arrivals a second between the first start and the last, as the client managed them."""
    if len(start_times) < 2:
        return None
    span = max(start_times) - min(start_times)
    return (len(start_times) - 1) / span if span > 0 else None


def _hidden_inputs(html):
    """The hidden inputs of a page, in order: [(name, value)], without a full HTML parse."""
    found = []
    for tag in _INPUT.findall(html):
        attributes = {match[0].lower(): match[1] or match[2] for match in _ATTRIBUTE.findall(tag)}
        if attributes.get("type", "").lower() == "hidden" and attributes.get("name"):
            found.append((attributes["name"], _unescape(attributes.get("value", ""))))
    return found


def _unescape(value):
    return (
        value.replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


class FormFiller:
    """Fills the form as bench/web_client.answers_for does. The first page is read in full; on
    the next ones only the hidden inputs (CSRF token, one-time token) change, so only they are
    read, which keeps the client's share of the two cores small. A page whose hidden inputs are
    not the first one's is read in full again."""

    def __init__(self, html, name_of_applicant="Kandydatka"):
        self.action, self.answers = answers_for(html, name_of_applicant)
        self.hidden_names = [name for name, _value in _hidden_inputs(html)]

    def fill(self, html, name_of_applicant):
        hidden = _hidden_inputs(html)
        if [name for name, _value in hidden] != self.hidden_names:
            return answers_for(html, name_of_applicant)
        values = dict(hidden)
        answers = []
        for name, value in self.answers:
            if name in values:
                value = values[name]
            elif name == "system-applicant_name":
                value = name_of_applicant
            answers.append((name, value))
        return self.action, answers


def stored_token(answers):
    """The token the site stores for a form sent with these answers (its signed value unsigned
    without checking: the server checks it)."""
    for name, value in answers:
        if name == TOKEN_FIELD and _SIGNATURE_SEPARATOR in value:
            return value.rsplit(_SIGNATURE_SEPARATOR, 1)[0]
    return None


class Arrival:
    """One applicant: due at `due` (time.perf_counter), opens the form, then sends it."""

    def __init__(self, number, due, port, form_path, filler):
        self.number = number
        self.due = due
        self.port = port
        self.form_path = form_path
        self.filler = filler
        self.started = None
        self.open_seconds = None
        self.send_seconds = None
        self.open_status = None
        self.send_status = None
        self.token = None
        self.error = None

    def run(self):
        self.started = time.perf_counter()
        try:
            page = request(self.port, self.form_path, timeout=REQUEST_TIMEOUT)
            self.open_status = page.status
            self.open_seconds = time.perf_counter() - self.due
            if page.status != 200:
                return
            action, answers = self.filler.fill(page.text, f"Kandydatka {self.number}")
        except Exception as error:  # noqa: BLE001 (counted and reported, never hidden)
            self.error = f"opening: {type(error).__name__}: {error}"
            return
        self.token = stored_token(answers)
        ready = time.perf_counter()
        try:
            sent = request(
                self.port,
                action or self.form_path,
                method="POST",
                body=urlencode(answers),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin(),
                    "Referer": origin() + self.form_path,
                },
                cookies=page.cookies,
                timeout=REQUEST_TIMEOUT,
            )
        except Exception as error:  # noqa: BLE001 (counted and reported, never hidden)
            self.error = f"sending: {type(error).__name__}: {error}"
            return
        self.send_status = sent.status
        self.send_seconds = time.perf_counter() - ready


def run_opening(port, form_path, rate, seconds, max_threads=MAX_THREADS):
    """Applicants at `rate` a second for `seconds`. Returns what the client saw; bench/run.py
    adds what the database holds (`stored_after`) and what the worker delivered."""
    first = request(port, form_path, timeout=REQUEST_TIMEOUT)
    if first.status != 200:
        raise RuntimeError(f"the form page {form_path} answered {first.status}")
    filler = FormFiller(first.text)
    offsets = arrival_offsets(rate, seconds)
    start = time.perf_counter() + 0.5
    arrivals = [
        Arrival(number, start + offset, port, form_path, filler)
        for number, offset in enumerate(offsets, start=1)
    ]
    with ThreadPoolExecutor(max_workers=min(max_threads, max(1, len(arrivals)))) as pool:
        for arrival in arrivals:
            delay = arrival.due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(arrival.run)
        scheduled_until = time.perf_counter()
    finished = time.perf_counter()
    return summary(arrivals, rate, seconds, start, scheduled_until, finished)


def summary(arrivals, rate, seconds, start, scheduled_until, finished):
    opens = _answered(arrivals, "open_seconds")
    sends = _answered(arrivals, "send_seconds")
    lateness = [a.started - a.due for a in arrivals if a.started is not None]
    statuses = {"opening": {}, "sending": {}}
    for arrival in arrivals:
        for step, status in (("opening", arrival.open_status), ("sending", arrival.send_status)):
            if status is not None:
                statuses[step][str(status)] = statuses[step].get(str(status), 0) + 1
    errors = [a.error for a in arrivals if a.error]
    server_errors = sum(
        count
        for answers in statuses.values()
        for status, count in answers.items()
        if status.startswith("5")
    )
    achieved = achieved_rate([a.started for a in arrivals if a.started is not None])
    return {
        "rate": rate,
        "seconds": seconds,
        "applicants": len(arrivals),
        "achieved_rate": None if achieved is None else round(achieved, 2),
        "arrivals_seconds": round(scheduled_until - start, 2),
        "wall_seconds": round(finished - start, 2),
        "start_late_p95_ms": _ms(percentile(lateness, 0.95)),
        "start_late_max_ms": _ms(max(lateness)) if lateness else None,
        "sent": len(sends),
        # A stored application is answered with a redirect to its confirmation page.
        "accepted": statuses["sending"].get("302", 0),
        "answers_by_status": statuses,
        "server_errors": server_errors,
        "client_errors": len(errors),
        "client_error_examples": errors[:5],
        "open_p50_ms": _ms(percentile(opens, 0.50)),
        "open_p95_ms": _ms(percentile(opens, 0.95)),
        "open_p99_ms": _ms(percentile(opens, 0.99)),
        "send_p50_ms": _ms(percentile(sends, 0.50)),
        "send_p95_ms": _ms(percentile(sends, 0.95)),
        "send_p99_ms": _ms(percentile(sends, 0.99)),
        "by_window": by_window(arrivals, start, seconds),
        # Not in the JSON results: compared with the stored tokens by `check_stored`.
        "_tokens_confirmed": [a.token for a in arrivals if a.send_status == 302 and a.token],
    }


def by_window(arrivals, start, seconds, window=WINDOW_SECONDS):
    """For the applicants due in each `window` seconds of a run of `seconds`: how many, and the
    p95 of opening the form and of sending it (None where none was answered)."""
    windows = {}
    for arrival in arrivals:
        # Rounded to the microsecond: `due` is start + offset, and the sum's last bits would put
        # an applicant due exactly at 10 s into the window before.
        offset = round(arrival.due - start, 6)
        windows.setdefault(int(offset // window), []).append(arrival)
    return [
        {
            "from_second": number * window,
            "to_second": min((number + 1) * window, seconds),
            "applicants": len(due),
            "open_p95_ms": _ms(percentile(_answered(due, "open_seconds"), 0.95)),
            "send_p95_ms": _ms(percentile(_answered(due, "send_seconds"), 0.95)),
        }
        for number, due in sorted(windows.items())
    ]


def _answered(arrivals, step):
    return [getattr(a, step) for a in arrivals if getattr(a, step) is not None]


def check_stored(opening, stored):
    """What the database holds (`stored_after`) against what the applicants were told: every
    confirmed application stored once, nothing stored twice. Adds the counts to `opening`."""
    confirmed = opening.pop("_tokens_confirmed")
    tokens = stored.pop("tokens")
    counts = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    opening.update(stored)
    opening["confirmed_not_stored"] = sum(1 for token in confirmed if token not in counts)
    opening["stored_more_than_once"] = sum(1 for count in counts.values() if count > 1)
    # Stored although the applicant saw no confirmation (e.g. the client gave up waiting), or
    # without a token at all: not lost, but not what the applicant was told.
    opening["stored_without_confirmation"] = len(
        set(counts) - set(confirmed) - {None}
    ) + counts.get(None, 0)
    return opening


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


# Inside Django (`manage.py shell -c`): the run's applications are those after the last one
# stored before it.


def last_application_id():
    from enrolment.models import Application

    return Application.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def stored_after(last_id):
    from django.db.models import Count, Q

    from enrolment.models import Application, Notification

    applications = Application.objects.filter(pk__gt=last_id)
    by_status = dict(
        applications.order_by().values_list("status").annotate(count=Count("pk")).order_by()
    )
    notifications = Notification.objects.filter(application__pk__gt=last_id).aggregate(
        queued=Count("pk"), delivered=Count("pk", filter=Q(delivered_at__isnull=False))
    )
    return {
        "stored": applications.count(),
        "distinct_tokens": applications.values("submission_token").distinct().count(),
        "stored_by_status": by_status,
        "notifications_queued": notifications["queued"],
        "notifications_delivered": notifications["delivered"],
        "tokens": list(applications.values_list("submission_token", flat=True)),
    }


def print_last_application_id():
    print(json.dumps(last_application_id()))  # noqa: T201


def print_stored_after(last_id):
    print(json.dumps(stored_after(int(last_id))))  # noqa: T201
