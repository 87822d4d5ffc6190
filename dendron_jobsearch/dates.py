"""The days a job search can name. Python's dates end at 9999-12-31, so a day near it
(`9999-12-30`, a typo) would overflow the first week added to it; no real plan needs one."""

from __future__ import annotations

from datetime import date

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def in_range(day: date) -> date:
    """`day`, when a job search can name it; ValueError (saying which days can) otherwise."""
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{day.isoformat()} is not a day of a job search (1900 to 2999)")
    return day
