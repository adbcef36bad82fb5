"""Pure time arithmetic for daily posts in a server's own timezone, DST included."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


class ScheduleError(ValueError):
    """A time or timezone a server admin typed that we cannot use; the message says why."""


def parse_time(text: str) -> dt.time:
    """`HH:MM` on a 24-hour clock (09:00, 9:00, 21.30 are accepted)."""
    match = _TIME.match(text or "")
    if not match:
        raise ScheduleError(f"`{text[:20]}` is not a time: use HH:MM on a 24-hour clock, e.g. 09:00")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_timezone(name: str) -> ZoneInfo:
    """An IANA timezone name such as Asia/Kolkata; case-insensitive."""
    canonical = _canonical_zones().get((name or "").strip().casefold())
    if canonical is None:
        raise ScheduleError(f"`{name[:40]}` is not an IANA timezone: use a name such as Asia/Kolkata or Europe/London")
    try:
        return ZoneInfo(canonical)
    except ZoneInfoNotFoundError as exc:  # pragma: no cover - tzdata lists what it can load
        raise ScheduleError(f"timezone `{canonical}` is not available on this system") from exc


@lru_cache(maxsize=1)
def _canonical_zones() -> dict[str, str]:
    return {zone.casefold(): zone for zone in available_timezones()}


def timezone_names() -> list[str]:
    return sorted(_canonical_zones().values())


def scheduled_instant(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of `at` on local `day`.

    With fold=0 (PEP 495) a time skipped by a spring-forward gap lands after the gap (02:30
    becomes 03:30) and a time repeated at fall-back runs at its first occurrence.
    """
    return dt.datetime.combine(day, at, tzinfo=zone).astimezone(dt.UTC)


def local_date(now: dt.datetime, zone: ZoneInfo) -> dt.date:
    return now.astimezone(zone).date()


def due_date(now: dt.datetime, at: dt.time, zone: ZoneInfo) -> dt.date | None:
    """The local date whose digest is due at `now`, or None before today's time.

    Anything after today's scheduled instant is due, so a time missed while the bot was down is
    caught up the same local day; the store makes sure it is posted only once.
    """
    today = local_date(now, zone)
    return today if now >= scheduled_instant(today, at, zone) else None


def next_run(now: dt.datetime, at: dt.time, zone: ZoneInfo, *, done_today: bool) -> dt.datetime:
    """When the next digest goes out; a past instant means it is due now."""
    today = local_date(now, zone)
    if done_today:
        return scheduled_instant(today + dt.timedelta(days=1), at, zone)
    return scheduled_instant(today, at, zone)
