"""Where the time of each anonymous page goes: `.venv/bin/python -m bench.profile` (`make profile`).

Builds the demo on a PostgreSQL database of its own (`mops_profile`, dropped at the end) with the
production settings as the benchmark runs them (bench/settings.py: Redis as the cache, database
12 here, emptied before and after; whitenoise, the security middleware, gzip), then, inside one
Django process and without any server, asks for every anonymous page type in Polish, English and
Ukrainian as the TLS proxy would. Each page is asked for twice to warm the caches, then once
with every SQL query and every cache round trip counted (bench/counting.py, the same counting as
tests/test_anonymous_pages_stay_within_their_budgets.py), then once under cProfile. Last, one
application is sent through the Polish form, counting the statements run inside transactions.

Counts are exact whatever else the machine is doing; the profiles' times are not (other work
weighs on them), only their proportions are worth reading.

Writes bench/results/profile-<date>.md (with the machine), profile-<date>-cprofile.txt (the 25
functions with the largest cumulative time, per page), and profile-latest.md. Starts no server
and leaves nothing running: the measuring process is a child that ends with its work.
"""

import argparse
import contextlib
import cProfile
import datetime
import gc
import gzip
import io
import json
import pstats
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from .counting import TransactionStatements, anonymous_pages, counting
from .processes import PROJECT, PYTHON, free_loopback_port, run
from .run import machine
from .servers import build_demo
from .site_environment import (
    HEADERS,
    POSTGRES_SERVER,
    database_url,
    flush_redis,
    production_environment,
)
from .web_client import answers_for

DATABASE = "mops_profile"
REDIS_DATABASE = 12
RESULTS = PROJECT / "bench" / "results"
TOP_FUNCTIONS = 25
# The applicant of the profile's one application (the demo's people are @example.org too).
APPLICANT = "Anna Profilowa"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-database", action="store_true", help="leave mops_profile behind")
    # Internal: the child process that measures, with Django set up on the profile's database.
    parser.add_argument("--measure", metavar="JSON", help=argparse.SUPPRESS)
    parser.add_argument("--profiles", metavar="TXT", help=argparse.SUPPRESS)
    return parser.parse_args()


# The run (no Django here) -------------------------------------------------------------------


def _server_connection():
    return psycopg.connect(database_url("postgres", POSTGRES_SERVER), autocommit=True)


def _drop_database():
    with _server_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _create_database():
    _drop_database()
    with _server_connection() as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def main():
    args = arguments()
    if args.measure:
        return measure(Path(args.measure), Path(args.profiles))
    today = datetime.date.today().isoformat()
    work = Path(tempfile.mkdtemp(prefix="mops-profile-"))
    log = work / "profile.log"
    finished = False
    try:
        print(f"Building the demo on {DATABASE} (log: {log})…", flush=True)  # noqa: T201
        _create_database()
        flush_redis(REDIS_DATABASE)
        env = production_environment(
            DATABASE,
            REDIS_DATABASE,
            static_root=work / "static",
            media_root=work / "media",
            smtp_port=free_loopback_port(),  # nothing is delivered: no worker runs
        )
        build_demo(env, log)
        flush_redis(REDIS_DATABASE)  # the pages are measured from an empty cache, then warmed
        counts_file = work / "counts.json"
        profiles_file = RESULTS / f"profile-{today}-cprofile.txt"
        print("Measuring every page in pl, en and uk…", flush=True)  # noqa: T201
        command = [PYTHON, "-m", "bench.profile", "--measure", counts_file]
        run([*command, "--profiles", profiles_file], env=env, log=log)
        counts = json.loads(counts_file.read_text())
        report = markdown(counts, today, profiles_file.name)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"profile-{today}.md").write_text(report)
        (RESULTS / "profile-latest.md").write_text(report)
        print(report)  # noqa: T201
        finished = True
    finally:
        if not args.keep_database:
            with contextlib.suppress(Exception):
                _drop_database()
        with contextlib.suppress(Exception):
            flush_redis(REDIS_DATABASE)
        if finished:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"The run failed; its log is in {work}", file=sys.stderr)  # noqa: T201
    return 0


def markdown(counts, today, profiles_name):
    described = machine()
    lines = [
        f"# Profile of the anonymous pages, {today}",
        "",
        f"Machine: {described['cpu']}, {described['cores']} cores, {described['memory']}; "
        f"{described['system']}.",
        "",
        "Production settings (bench/settings.py) on PostgreSQL and Redis, the demo site, one "
        "Django process asking as the TLS proxy does. Counts on a warm cache are exact; the "
        "biggest costs are the functions with the most time of their own in one profiled "
        f"render (share of that render; full profiles in `{profiles_name}`). The issue's "
        "target: at most 2 queries and 2 cache round trips per page.",
        "",
        "| page | language | SQL queries | cache round trips | biggest costs (own time) |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for row in counts["pages"]:
        lines.append(
            f"| {row['page']} | {row['language']} | {row['queries']} | "
            f"{row['cache_round_trips']} | {row['costs']} |"
        )
    submission = counts["submission"]
    lines += [
        "",
        "## One stored application (the Polish form, sent once)",
        "",
        f"- Answer: {submission['status']}.",
        f"- SQL statements of the request: {submission['statements']}, of which "
        f"{submission['inside_transactions']} inside transactions (the issue's target: "
        "at most 6 per stored application).",
        f"- Cache round trips of the request: {submission['cache_round_trips']}.",
        "",
        "Statements inside transactions, in order:",
        "",
        *[f"1. `{sql}`" for sql in submission["inside"]],
        "",
    ]
    return "\n".join(lines)


# The measuring child (Django set up on the profile's database) ----------------------------


def measure(counts_file, profiles_file):
    # Django is set up here only, in the child: the parent runs without it.
    import django

    django.setup()
    from django.test import Client

    client = Client(**_wsgi_headers(), HTTP_ACCEPT_ENCODING="gzip")
    rows, profiles = [], []
    for (kind, language), address in sorted(anonymous_pages().items(), key=_page_order):
        for _ in range(2):
            _expect_ok(client.get(address), address)
        with counting() as cost:
            _expect_ok(client.get(address), address)
        # A garbage collection due from earlier requests (about 0.1 s on this heap) would be
        # billed to whichever page it fell in: collect first.
        gc.collect()
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(address)
        profiler.disable()
        stats = pstats.Stats(profiler)
        rows.append(
            {
                "page": kind,
                "language": language,
                "address": address,
                "queries": cost.query_count,
                "cache_round_trips": cost.cache_round_trips,
                "costs": _biggest_costs(stats),
            }
        )
        profiles.append(_profile_text(kind, language, address, cost, stats))
    profiles_file.parent.mkdir(parents=True, exist_ok=True)
    profiles_file.write_text("\n".join(profiles))
    submission = _one_application(Client(**_wsgi_headers()), anonymous_pages())
    counts_file.write_text(json.dumps({"pages": rows, "submission": submission}, indent=1))
    return 0


_KINDS = ["home", "programme list", "programme page", "search", "form page", "news list"]


def _page_order(item):
    (kind, language), _address = item
    known = _KINDS.index(kind) if kind in _KINDS else len(_KINDS)
    return (known, kind, ["pl", "en", "uk"].index(language))


def _wsgi_headers():
    return {"HTTP_" + name.upper().replace("-", "_"): value for name, value in HEADERS.items()}


def _expect_ok(response, address):
    if response.status_code != 200:
        raise RuntimeError(f"{address} answered {response.status_code}")


def _biggest_costs(stats, count=3):
    total = stats.total_tt or 1
    own = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:count]
    return "; ".join(
        f"{_function_name(function)} {100 * values[2] / total:.0f} %" for function, values in own
    )


def _function_name(function):
    filename, line, name = function
    if filename == "~":
        return name.strip("<>").replace("built-in method ", "")
    path = filename.split("site-packages/")[-1].replace(str(PROJECT) + "/", "")
    return f"{name} ({path}:{line})"


def _profile_text(kind, language, address, cost, stats):
    output = io.StringIO()
    stats.stream = output
    stats.sort_stats("cumulative").print_stats(TOP_FUNCTIONS)
    cache_calls = "\n".join(f"  {name} {key}" for _alias, name, key in cost.cache_calls)
    queries = "\n".join(f"  {query['sql'][:200]}" for query in cost.queries)
    return (
        f"=== {kind}, {language}: {address}\n"
        f"SQL queries ({cost.query_count}):\n{queries}\n"
        f"Cache round trips ({cost.cache_round_trips}):\n{cache_calls}\n"
        f"{output.getvalue()}"
    )


def _one_application(client, pages):
    address = pages[("form page", "pl")]
    page = client.get(address)
    _expect_ok(page, address)
    action, answers = answers_for(_text(page), APPLICANT)
    body = urlencode(answers)
    with TransactionStatements() as statements, counting() as cost:
        response = client.post(
            action or address, body, content_type="application/x-www-form-urlencoded"
        )
    if response.status_code != 302:
        raise RuntimeError(f"the application was not stored: {response.status_code}")
    return {
        "status": f"{response.status_code} to {response['Location']}",
        "statements": len(statements.statements),
        "inside_transactions": len(statements.inside),
        "inside": [_short(sql) for sql in statements.inside],
        "cache_round_trips": cost.cache_round_trips,
    }


def _text(response):
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def _short(sql, length=140):
    sql = " ".join(sql.split())
    return sql if len(sql) <= length else sql[:length] + "…"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(1)
