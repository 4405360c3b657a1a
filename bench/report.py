"""Targets from the same run, and the results as JSON and a Markdown table in bench/results/."""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
# What a run may measure (bench/run.py --parts), in the order it runs them.
PARTS = ("pages", "burst", "opening")

# Targets of issue 7, as ratios of requests per second in the same run.
VARNISH_VS_NGINX = 0.50
PROGRAMME_PAGE_VS_FLOOR = 0.05
APPLICANTS_P95_MS = 1000
# Issue 16: each page rendered by gunicorn, as a share of the minimal view's requests per second.
GUNICORN_VS_FLOOR = {
    "home": 0.10,
    "programme index": 0.10,
    "programme page": 0.10,
    "search": 0.10,
    "form page": 0.08,
}
# Issue 16: an enrolment's opening.
OPENING_RATE = 50
OPENING_SECONDS = 60
OPENING_SEND_P95_MS = 1000
# The client keeps its schedule when it starts this share of the arrivals a second or more.
OPENING_RATE_KEPT = 0.95
OPENING_TARGET = (
    f"Enrolment opening: {OPENING_RATE} applicants a second for {OPENING_SECONDS} s with p95 of "
    "sending under 1 s, every application stored once, 0 × 5xx, every notification delivered"
)


def _ratio_targets(row):
    """(label, wanted ratio, notes) of each target a row of wrk's measurements is judged by."""
    page = row["page"]
    if row["target"] == "through Varnish":
        notes = ["never cached, by design"] if page == "form page" else []
        return [(f"{page} through Varnish ≥ 50 % of nginx static", VARNISH_VS_NGINX, notes)]
    if row["target"] != "gunicorn directly":
        return []
    found = []
    if page == "programme page":  # issue 7's, kept beside issue 16's
        found.append(
            ("programme page from gunicorn ≥ 5 % of the minimal view", PROGRAMME_PAGE_VS_FLOOR, [])
        )
    if page in GUNICORN_VS_FLOOR:
        wanted = GUNICORN_VS_FLOOR[page]
        found.append(
            (f"{page} from gunicorn ≥ {wanted * 100:.0f} % of the minimal view", wanted, [])
        )
    return found


def targets(results):
    """Each target: what was measured and whether it was reached. A ratio compares with its
    reference measured right before (bench/run.py)."""
    checks = []
    for row in results["measurements"]:
        reference = row.get("reference_requests_per_second")
        if not reference:
            continue
        connections = row["connections"]
        errors = row["non_2xx_3xx"] + row["socket_errors"]
        for label, wanted, notes in _ratio_targets(row):
            if errors:
                notes.append(f"{errors} requests failed")
            check = _check(
                f"{label}, {connections} connections",
                row["requests_per_second"] / reference,
                wanted,
                "; ".join(notes),
            )
            check["reached"] = check["reached"] and not errors
            checks.append(check)
    applicants = results.get("applicants")
    if applicants:
        stored = applicants["stored"]
        checks.append(
            {
                "target": f"{applicants['applicants']} applicants: every application stored",
                "measured": f"{stored} stored of {applicants['submitted']} sent",
                "reached": stored == applicants["submitted"] == applicants["applicants"],
                "note": "",
            }
        )
        checks.append(
            {
                "target": "no applicant answered with 5xx",
                "measured": f"{applicants['server_errors']} answers 5xx",
                "reached": applicants["server_errors"] == 0,
                "note": "",
            }
        )
        p95 = applicants["send_p95_ms"]
        checks.append(
            {
                "target": "sending the form: p95 under 1 s",
                "measured": f"p95 {p95} ms",
                "reached": p95 is not None and p95 < APPLICANTS_P95_MS,
                "note": "all applicants send at the same moment to 2 gunicorn workers",
            }
        )
    opening = results.get("opening")
    if opening:
        checks.append(opening_target(opening))
    return checks


def opening_conditions(opening):
    """Each condition of the opening's target: (what it says, measured, held)."""
    rate, achieved = opening["rate"], opening["achieved_rate"] or 0
    p95 = opening["send_p95_ms"]
    everyone = opening["applicants"]
    stored_once = (
        opening["stored"] == opening["distinct_tokens"] == opening["accepted"] == everyone
        and not opening["stored_more_than_once"]
        and not opening["confirmed_not_stored"]
    )
    return [
        (
            "arrival rate",
            f"arrivals {achieved:g}/s of {rate:g}/s for {opening['seconds']:g} s",
            rate >= OPENING_RATE
            and achieved >= OPENING_RATE_KEPT * OPENING_RATE
            and opening["seconds"] >= OPENING_SECONDS,
        ),
        ("sending p95", f"sending p95 {p95} ms", p95 is not None and p95 < OPENING_SEND_P95_MS),
        (
            "stored once",
            f"{opening['stored']} stored ({opening['distinct_tokens']} distinct tokens) of "
            f"{everyone} applicants, {opening['accepted']} confirmed",
            stored_once,
        ),
        ("5xx", f"{opening['server_errors']} × 5xx", opening["server_errors"] == 0),
        (
            "notifications",
            f"{opening['notifications_delivered']} of {opening['notifications_queued']} "
            "notifications delivered",
            opening["notifications_queued"] == opening["notifications_delivered"]
            and opening["notifications_queued"] >= opening["stored"],
        ),
    ]


def opening_target(opening):
    conditions = opening_conditions(opening)
    missed = [name for name, _measured, held in conditions if not held]
    notes = []
    if opening["seconds"] < OPENING_SECONDS:
        others = [name for name in missed if name != "arrival rate"]
        notes.append(
            f"short run of {opening['seconds']:g} s"
            + (f"; not held: {', '.join(others)}" if others else "; every other condition held")
        )
    elif missed:
        notes.append(f"not held: {', '.join(missed)}")
    return {
        "target": OPENING_TARGET,
        "measured": "reached"
        if not missed
        else "; ".join(measured for _name, measured, _held in conditions),
        "reached": not missed,
        "note": "; ".join(notes),
    }


def faults(results):
    """Lost or doubled applications and server errors: faults of the software, whatever the
    machine (unlike speed, which is reported, not enforced)."""
    found = []
    applicants = results.get("applicants")
    if applicants and (
        applicants["stored"] != applicants["submitted"] or applicants["server_errors"]
    ):
        found.append("applicants at once")
    opening = results.get("opening")
    if opening and (
        opening["server_errors"]
        or opening["stored_more_than_once"]
        or opening["confirmed_not_stored"]
        or opening["stored"] != opening["distinct_tokens"]
    ):
        found.append("enrolment opening")
    return found


def _check(label, ratio, wanted, note=""):
    return {
        "target": label,
        "measured": f"{ratio:.1%}",
        "reached": ratio >= wanted,
        "note": note,
    }


def markdown(results):
    machine = results["machine"]
    lines = [
        f"# Benchmark {results['date']}{' (short mode)' if results['short'] else ''}",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}; "
        f"{machine['system']}. {machine['tools']}. Load average (1 min) before and after "
        f"the wrk runs: {results['load_average'][0]}, {results['load_average'][1]}.",
        f"wrk for {results['seconds']} s per URL, 2 threads; gunicorn with 2 sync workers and "
        "the production settings on PostgreSQL and Redis; requests as from a browser (gzip "
        "accepted). Bytes per response as sent, headers included. *Reference*: nginx static "
        "(for Varnish) or the minimal view (for gunicorn), measured again right before the row "
        "(the ratios use it).",
    ]
    if results["measurements"]:
        lines += [
            "",
            "| target | page | conn. | req/s | p50 ms | p99 ms | bytes | errors "
            "| reference req/s |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
    for row in results["measurements"]:
        errors = row["non_2xx_3xx"] + row["socket_errors"]
        reference = row.get("reference_requests_per_second")
        lines.append(
            f"| {row['target']} | {row['page']} | {row['connections']} | "
            f"{row['requests_per_second']:.0f} | {row['p50_ms']} | {row['p99_ms']} | "
            f"{row['bytes_per_response']} | {errors} | "
            f"{'' if reference is None else f'{reference:.0f}'} |"
        )
    applicants = results.get("applicants")
    if applicants:
        lines += [
            "",
            f"{applicants['applicants']} applicants at once (gunicorn directly): "
            f"{applicants['accepted']} accepted, {applicants['stored']} stored, "
            f"{applicants['server_errors']} answered 5xx; sending p50 "
            f"{applicants['send_p50_ms']} ms, p95 {applicants['send_p95_ms']} ms, max "
            f"{applicants['send_max_ms']} ms; opening the form p50 {applicants['open_p50_ms']} "
            f"ms, p95 {applicants['open_p95_ms']} ms; notifications delivered by the worker: "
            f"{applicants['notifications_delivered']}.",
        ]
    opening = results.get("opening")
    if opening:
        lines += ["", *opening_markdown(opening)]
    lines += ["", "| target | measured | reached |", "| --- | --- | --- |"]
    for check in results["targets"]:
        note = f" ({check['note']})" if check["note"] else ""
        reached = "yes" if check["reached"] else "**no**"
        lines.append(f"| {check['target']} | {check['measured']} | {reached}{note} |")
    return "\n".join(lines) + "\n"


def opening_markdown(opening):
    statuses = opening["answers_by_status"]

    def answers(step):
        return (
            ", ".join(f"{n} × {status}" for status, n in sorted(statuses[step].items())) or "none"
        )

    by_status = ", ".join(
        f"{n} {status.replace('_', ' ')}"
        for status, n in sorted(opening["stored_by_status"].items())
    )
    return [
        f"Enrolment opening (gunicorn directly): {opening['applicants']} applicants due at "
        f"{opening['rate']:g} a second for {opening['seconds']:g} s, each opening the form and "
        "sending it (open loop: latencies from the moment the applicant was due, so queueing "
        "shows). Load average (1 min) before and after: "
        f"{opening['load_average'][0]}, {opening['load_average'][1]}.",
        "",
        "| step | p50 ms | p95 ms | p99 ms | answers |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| opening the form | {opening['open_p50_ms']} | {opening['open_p95_ms']} | "
        f"{opening['open_p99_ms']} | {answers('opening')} |",
        f"| sending it | {opening['send_p50_ms']} | {opening['send_p95_ms']} | "
        f"{opening['send_p99_ms']} | {answers('sending')} |",
        "",
        f"Arrival rate achieved: {opening['achieved_rate']} a second (arrivals started over "
        f"{opening['arrivals_seconds']} s; started late by p95 {opening['start_late_p95_ms']} ms, "
        f"at most {opening['start_late_max_ms']} ms); all answered after "
        f"{opening['wall_seconds']} s. Client errors (no answer): {opening['client_errors']}"
        + (f", e.g. {opening['client_error_examples'][0]}" if opening["client_errors"] else "")
        + ".",
        f"Stored: {opening['stored']} applications ({by_status or 'none'}), "
        f"{opening['distinct_tokens']} distinct one-time tokens; confirmed but not stored: "
        f"{opening['confirmed_not_stored']}; stored more than once: "
        f"{opening['stored_more_than_once']}; stored without the applicant seeing a "
        f"confirmation: {opening['stored_without_confirmation']}.",
        f"Notifications: {opening['notifications_queued']} queued, "
        f"{opening['notifications_delivered']} delivered by the worker "
        f"({opening['messages_received']} messages received by the mail server; waited "
        f"{opening['delivery_wait_seconds']} s after the last answer).",
        *window_lines(opening.get("by_window")),
    ]


def window_lines(windows):
    """The p95 of sending for the applicants due in each part of the run."""
    if not windows:
        return []
    parts = [
        f"{w['from_second']:g}–{w['to_second']:g} s: "
        + ("none sent" if w["send_p95_ms"] is None else f"{w['send_p95_ms']} ms")
        for w in windows
    ]
    return [f"Sending p95 by when the applicants were due: {'; '.join(parts)}."]


def write(results):
    """bench/results/<date>[-short].json and .md, and latest[-short].md. A run of some parts only
    (`--parts`) is named after them and leaves the latest full run's files alone."""
    RESULTS.mkdir(exist_ok=True)
    stem = results["date"] + ("-short" if results["short"] else "")
    partial = results.get("parts") and len(results["parts"]) < len(PARTS)
    if partial:
        stem += "-" + "-".join(part for part in PARTS if part in results["parts"])
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    text = markdown(results)
    (RESULTS / f"{stem}.md").write_text(text)
    if not partial:
        (RESULTS / ("latest-short.md" if results["short"] else "latest.md")).write_text(text)
    return text
