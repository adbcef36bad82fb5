"""When a server's digest is due, in its own timezone, across DST changes."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.digest.schedule import (
    ScheduleError,
    due_date,
    next_run,
    parse_time,
    parse_timezone,
    scheduled_instant,
    timezone_names,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09:00", dt.time(9)), ("9:05", dt.time(9, 5)), ("23:59", dt.time(23, 59)), (" 21.30 ", dt.time(21, 30))],
)
def test_parse_time_accepts_24_hour_times(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9", "9am", "12:60", "", "@everyone", "x" * 5000])
def test_parse_time_rejects_with_a_hint(text: str) -> None:
    with pytest.raises(ScheduleError, match="HH:MM"):
        parse_time(text)


def test_parse_timezone_is_case_insensitive_and_canonical() -> None:
    assert parse_timezone("asia/kolkata").key == "Asia/Kolkata"
    assert "Europe/London" in timezone_names()


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../../etc/passwd", "IST"])
def test_parse_timezone_rejects_unknown_names(name: str) -> None:
    with pytest.raises(ScheduleError, match="IANA"):
        parse_timezone(name)


def test_due_only_after_local_time_and_for_the_local_date() -> None:
    kolkata = parse_timezone("Asia/Kolkata")  # UTC+05:30
    at = dt.time(9, 0)
    assert due_date(dt.datetime(2026, 11, 25, 3, 29, tzinfo=UTC), at, kolkata) is None
    assert due_date(dt.datetime(2026, 11, 25, 3, 30, tzinfo=UTC), at, kolkata) == dt.date(2026, 11, 25)
    # 20:00 UTC is already the 26th in Kolkata, but before 09:00 there.
    assert due_date(dt.datetime(2026, 11, 25, 20, 0, tzinfo=UTC), at, kolkata) is None


def test_missed_time_is_caught_up_the_same_local_day() -> None:
    london = parse_timezone("Europe/London")
    assert due_date(dt.datetime(2026, 11, 25, 22, 0, tzinfo=UTC), dt.time(9, 0), london) == dt.date(2026, 11, 25)


def test_spring_forward_gap_posts_after_the_gap() -> None:
    new_york = parse_timezone("America/New_York")
    instant = scheduled_instant(dt.date(2026, 3, 8), dt.time(2, 30), new_york)
    assert instant == dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert instant.astimezone(new_york).time() == dt.time(3, 30)


def test_fall_back_posts_once_at_the_first_occurrence() -> None:
    new_york = parse_timezone("America/New_York")
    instant = scheduled_instant(dt.date(2026, 11, 1), dt.time(1, 30), new_york)
    assert instant == dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, not EST


def test_same_wall_clock_time_across_a_dst_change() -> None:
    london = parse_timezone("Europe/London")
    before = scheduled_instant(dt.date(2026, 3, 28), dt.time(9, 0), london)
    after = scheduled_instant(dt.date(2026, 3, 29), dt.time(9, 0), london)
    assert before.hour == 9
    assert after.hour == 8
    assert after - before == dt.timedelta(hours=23)


def test_next_run_today_or_tomorrow() -> None:
    utc = parse_timezone("UTC")
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert next_run(now, dt.time(9, 0), utc, done_today=False) == dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert next_run(now, dt.time(9, 0), utc, done_today=True) == dt.datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
