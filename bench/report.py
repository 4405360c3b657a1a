"""Targets from the same run, and the results as JSON and a Markdown table in bench/results/."""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

# Targets of issue 7, as ratios of requests per second in the same run.
VARNISH_VS_NGINX = 0.50
PROGRAMME_PAGE_VS_FLOOR = 0.05
APPLICANTS_P95_MS = 1000


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
        if row["target"] == "through Varnish":
            notes = ["never cached, by design"] if row["page"] == "form page" else []
            label = f"{row['page']} through Varnish ≥ 50 % of nginx static"
            wanted = VARNISH_VS_NGINX
        elif row["page"] == "programme page":
            notes = []
            label = "programme page from gunicorn ≥ 5 % of the minimal view"
            wanted = PROGRAMME_PAGE_VS_FLOOR
        else:
            continue
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
    return checks


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
        "",
        "| target | page | conn. | req/s | p50 ms | p99 ms | bytes | errors | reference req/s |",
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
    lines += ["", "| target | measured | reached |", "| --- | --- | --- |"]
    for check in results["targets"]:
        note = f" ({check['note']})" if check["note"] else ""
        reached = "yes" if check["reached"] else "**no**"
        lines.append(f"| {check['target']} | {check['measured']} | {reached}{note} |")
    return "\n".join(lines) + "\n"


def write(results):
    RESULTS.mkdir(exist_ok=True)
    stem = results["date"] + ("-short" if results["short"] else "")
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    text = markdown(results)
    (RESULTS / f"{stem}.md").write_text(text)
    (RESULTS / ("latest-short.md" if results["short"] else "latest.md")).write_text(text)
    return text
