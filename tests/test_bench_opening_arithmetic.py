"""The enrolment-opening benchmark (bench/opening.py) counts what it reports correctly: when
applicants are due, the percentiles it prints, which target it calls reached, and the form it
sends for each applicant."""

from bench.applicants import percentile
from bench.opening import (
    Arrival,
    FormFiller,
    achieved_rate,
    arrival_offsets,
    by_window,
    check_stored,
    stored_token,
)
from bench.report import faults, opening_target, window_lines


def test_applicants_are_due_at_a_steady_rate_for_the_whole_duration():
    offsets = arrival_offsets(50, 60)

    assert len(offsets) == 3000
    assert offsets[:3] == [0.0, 0.02, 0.04]
    assert offsets[-1] == 2999 / 50
    assert arrival_offsets(0, 60) == []


def test_the_achieved_rate_counts_the_intervals_between_starts():
    assert achieved_rate([10.0, 10.5, 11.0, 11.5, 12.0]) == 2.0
    assert achieved_rate([10.0]) is None


def answered(due, open_seconds, send_seconds):
    arrival = Arrival(number=1, due=due, port=0, form_path="/", filler=None)
    arrival.open_seconds, arrival.send_seconds = open_seconds, send_seconds
    return arrival


def test_a_slow_start_shows_in_the_first_ten_seconds_only():
    # A perf_counter reading whose sum with 10.0, less itself, comes to a little under 10.0.
    start = 32764.3308076813
    arrivals = [
        # Due in 0-10 s, slow: sending took 0.01 s to 1.00 s (p95 0.95 s).
        *[answered(start + n / 10, 0.5, (n + 1) / 100) for n in range(100)],
        # Due in 10-20 s (the first exactly at 10 s), fast; and some never answered: one whose
        # form opened but whose post got no answer, one that never had the form.
        *[answered(start + 10 + n / 10, 0.01, 0.02) for n in range(20)],
        answered(start + 12.5, 0.01, None),
        answered(start + 13, None, None),
        # Due in 20-25 s, the last seconds of a 25 s run: not one sent.
        answered(start + 24.98, 3.0, None),
    ]

    windows = by_window(arrivals, start, seconds=25)

    assert [(w["from_second"], w["to_second"], w["applicants"]) for w in windows] == [
        (0, 10, 100),
        (10, 20, 22),
        (20, 25, 1),
    ]
    assert [w["send_p95_ms"] for w in windows] == [950.0, 20.0, None]
    assert [w["open_p95_ms"] for w in windows] == [500.0, 10.0, 3000.0]
    assert window_lines(windows) == [
        "Sending p95 by when the applicants were due: 0–10 s: 950.0 ms; 10–20 s: 20.0 ms; "
        "20–25 s: none sent."
    ]


def test_percentiles_are_nearest_rank():
    hundred = list(range(1, 101))

    assert percentile(hundred, 0.50) == 50
    assert percentile(hundred, 0.95) == 95
    assert percentile(hundred, 0.99) == 99
    assert percentile(list(range(1, 21)), 0.95) == 19
    assert percentile([7], 0.99) == 7
    assert percentile([], 0.95) is None


FORM = """
<form method="post" action="/programmes/pas-ja/zapisy/">
  <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
  <input type="hidden" name="system-submission_token" value="{token}:signature">
  <select name="system-edition" required><option value="">---</option>
    <option value="7">Edition 3</option></select>
  <input type="text" name="system-applicant_name" required>
  <input type="tel" name="system-phone">
  <input type="checkbox" name="system-privacy_consent" value="yes" required>
  <input type="text" name="system-website">
</form>
"""


def test_each_applicant_sends_the_tokens_of_the_form_it_opened():
    filler = FormFiller(FORM.format(csrf="first", token="t1"))

    action, answers = filler.fill(FORM.format(csrf="second&amp;", token="t2"), "Kandydatka 2")

    assert action == "/programmes/pas-ja/zapisy/"
    assert answers == [
        ("csrfmiddlewaretoken", "second&"),
        ("system-submission_token", "t2:signature"),
        ("system-edition", "7"),
        ("system-applicant_name", "Kandydatka 2"),
        ("system-phone", "600 123 456"),
        ("system-privacy_consent", "yes"),
    ]
    assert stored_token(answers) == "t2"


def _opening(**changes):
    opening = {
        "rate": 50,
        "seconds": 60,
        "applicants": 3000,
        "achieved_rate": 49.9,
        "accepted": 3000,
        "send_p95_ms": 800.0,
        "server_errors": 0,
        "_tokens_confirmed": [f"t{n}" for n in range(3000)],
    }
    stored = {
        "stored": 3000,
        "distinct_tokens": 3000,
        "stored_by_status": {"new": 11, "waiting_list": 2989},
        "notifications_queued": 3000,
        "notifications_delivered": 3000,
        "tokens": [f"t{n}" for n in range(3000)],
    }
    for key, value in changes.items():
        (stored if key in stored else opening)[key] = value
    return check_stored(opening, stored)


def test_the_opening_target_is_reached_only_when_every_condition_holds():
    assert opening_target(_opening())["reached"]
    assert opening_target(_opening())["measured"] == "reached"

    slow = opening_target(_opening(send_p95_ms=1000.0))
    assert not slow["reached"]
    assert "sending p95" in slow["note"]
    assert "sending p95 1000.0 ms" in slow["measured"]

    undelivered = opening_target(_opening(notifications_delivered=2999))
    assert not undelivered["reached"]
    assert "notifications" in undelivered["note"]


def test_a_short_run_is_not_the_target_but_says_whether_the_rest_held():
    short = opening_target(_opening(seconds=10, applicants=500, accepted=500, stored=500))

    assert not short["reached"]
    assert "short run of 10 s" in short["note"]


def test_an_application_stored_twice_or_lost_is_a_fault():
    tokens = [f"t{n}" for n in range(3000)]
    doubled = _opening(tokens=[*tokens[:-1], "t0"], distinct_tokens=2999)
    lost = _opening(tokens=tokens[:-1], stored=2999, distinct_tokens=2999)

    assert doubled["stored_more_than_once"] == 1
    assert lost["confirmed_not_stored"] == 1
    assert faults({"opening": doubled}) == ["enrolment opening"]
    assert faults({"opening": lost}) == ["enrolment opening"]
    assert faults({"opening": _opening()}) == []
