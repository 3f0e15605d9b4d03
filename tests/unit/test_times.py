"""Clock times: the forms transcripts, the bundle and "go to time" read and write."""

from __future__ import annotations

import pytest

from reader.core.times import (
    MAX_SECONDS,
    format_clock,
    format_timestamp,
    parse_time,
    time_problem,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("12:31", 751.0),
        ("0:04", 4.0),
        ("75:30", 4530.0),  # a leading minutes field may pass 59
        ("1:02:03", 3723.0),
        ("00:12:31,500", 751.5),
        ("00:12:31.500", 751.5),
        ("00:00:01.5", 1.5),
        ("12:31.25", 751.25),
        (" 01:00:00 ", 3600.0),
        ("100:00:00", 360000.0),
    ],
)
def test_parse_time_reads_clock_forms(text, seconds):
    assert parse_time(text) == pytest.approx(seconds)
    assert isinstance(parse_time(text), float)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12", "not a time"),
        ("12:3x", "not a time"),
        ("-0:05", "a negative time"),
        ("1:75:00", "75 minutes"),
        ("12:61", "61 seconds"),
        ("100:00:01", "over 100 hours"),
        ("", "not a time"),
    ],
)
def test_parse_time_says_what_is_wrong(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_time(text)


def test_plain_seconds_only_when_allowed():
    assert parse_time("751.5", allow_seconds=True) == 751.5
    assert parse_time("12:31", allow_seconds=True) == 751.0
    with pytest.raises(ValueError):
        parse_time("751.5")


@pytest.mark.parametrize(
    ("seconds", "clock"),
    [(0, "0:00"), (4.9, "0:04"), (751.5, "12:31"), (3599.99, "59:59"), (3723, "1:02:03")],
)
def test_format_clock_cuts_to_whole_seconds(seconds, clock):
    assert format_clock(seconds) == clock
    assert parse_time(clock) == int(seconds)


def test_format_clock_can_always_show_hours():
    assert format_clock(751, hours=True) == "0:12:31"


def test_format_timestamp_for_files():
    assert format_timestamp(751.5) == "00:12:31.500"
    assert format_timestamp(751.5, decimal=",") == "00:12:31,500"
    assert format_timestamp(3723.0004) == "01:02:03.000"
    assert parse_time(format_timestamp(4530.125)) == pytest.approx(4530.125)


@pytest.mark.parametrize(
    ("seconds", "problem"),
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (-1, "negative"),
        (MAX_SECONDS + 1, "100 hours"),
    ],
)
def test_time_problem(seconds, problem):
    assert problem in time_problem(seconds)


def test_time_problem_none_for_real_times():
    assert time_problem(0) is None
    assert time_problem(MAX_SECONDS) is None
