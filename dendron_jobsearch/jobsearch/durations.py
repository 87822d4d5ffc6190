"""Durations as plans write them: `3 days`, `2 weeks`, `2-months`, `2-4 weeks`, `1 to 2 months`.

A duration is a range of days (a month counts 30 days, a week 7); a single value is a range
of one. Schedules plan with the upper bound: the plan's durations read as "at most".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

DURATION = re.compile(
    r"(?P<low>\d+)(?:\s*(?:-|\u2013|to)\s*(?P<high>\d+))?[\s-]*(?P<unit>day|week|month|year)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration:
    low_days: int
    high_days: int
    text: str

    @property
    def days(self) -> int:
        """The days a schedule gives it: the upper bound."""
        return self.high_days

    def __str__(self) -> str:
        return self.text


def parse_duration(text: str) -> Duration | None:
    """The first duration in `text`, or None."""
    match = DURATION.search(text)
    if match is None:
        return None
    unit = UNIT_DAYS[match.group("unit").lower()]
    low = int(match.group("low"))
    high = int(match.group("high") or low)
    if high < low:
        low, high = high, low
    return Duration(low * unit, high * unit, match.group(0))
