"""Durations as people write them in plans: `3 days`, `1.5 months`, `a week and a half`,
`2-3 days`, `1 to 2 weeks`, `2-months`, `2 months and 1 week`, `3d`, `2 wks`, `~2 weeks`.

A duration is a range of days (a month counts 30 days, a week 7, a year 365; fractions of a
day round up); a single value is a range of one, and a compound (`2 months and 1 week`,
`1 month, 2 weeks`, `1 month + 3 days`) is the sum of its parts. Schedules plan with the
upper bound: the plan's durations read as "at most".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
MAX_DAYS = 2 * UNIT_DAYS["year"]  # longer is a slip of the unit, not a job-search stage
_SMALLER = {"year": "month", "month": "week", "week": "day", "day": "day"}

_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve"]  # fmt: skip
NUMBER_WORDS = {"a": 1, "an": 1} | {word: n for n, word in enumerate(_WORDS, start=1)}

_HALF = r"\s+and\s+a\s+half\b"
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_QUANTITY = rf"(?<![\w.])(?:half\s+an?|(?:{_NUMBER})(?:{_HALF})?)"
_TO = r"\s*(?:-|\u2013|\u2014|to\b)\s*"
# Digits may touch their unit (`3d`, `2wks`); a word needs a space (`a week`, never `Amos`).
_GAP = r"(?:(?<=\d)[\s-]*|[\s-]+)"
_UNIT = r"(?:days?|(?<=\d)d|weeks?|wks?|(?<=\d)w|months?|mos?|mths?|years?|yrs?|(?<=\d)y)\b"
_PART = rf"{_QUANTITY}(?:{_TO}{_QUANTITY})?{_GAP}{_UNIT}(?:{_HALF})?"
_JOIN = r"(?:\s*[,+&]\s*(?:and\s+)?|\s+(?:and|plus)\s+)"
_ABOUT = r"(?:~\s*|(?:about|around|roughly|approximately|approx\.?|up\s+to|at\s+most)\s+)"

DURATION = re.compile(rf"{_ABOUT}?{_PART}(?:{_JOIN}{_PART})*", re.IGNORECASE)
# One part of a matched DURATION, its pieces named.
PART = re.compile(
    rf"(?P<low>{_QUANTITY})(?:{_TO}(?P<high>{_QUANTITY}))?{_GAP}(?P<unit>{_UNIT})"
    rf"(?P<half>{_HALF})?",
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


@dataclass(frozen=True)
class _Amount:
    """One part of a duration: `2-3 weeks` is low 2, high 3, unit week."""

    low: Fraction
    high: Fraction
    unit: str


def parse_duration(text: str) -> Duration | None:
    """The first duration in `text` (prose around it is fine), or None."""
    match = DURATION.search(text)
    return _duration(match.group(0)) if match else None


def read_duration(text: str) -> Duration | None:
    """`text` as a duration when it holds nothing else, or None: `(2 months)` in a stage
    title is its duration, `(with recruiters)` stays part of the title."""
    match = DURATION.fullmatch(text.strip())
    return _duration(match.group(0)) if match else None


def length_problem(duration: Duration) -> str | None:
    """Why `duration` cannot be a stage's (or a phase's, or the whole search's), or None."""
    if duration.high_days < 1:
        return f"{duration.text!r} is no time: a stage takes at least one day"
    if duration.high_days > MAX_DAYS:
        return (
            f"{duration.text!r} is over the 2-year limit for a job-search stage; "
            f"{_suggestion(_amounts(duration.text))}"
        )
    return None


def _duration(text: str) -> Duration:
    low, high = _days(_amounts(text))
    return Duration(low, high, text)


def _amounts(text: str) -> list[_Amount]:
    """The parts of a duration's text, each with its bounds in order."""
    out = []
    for part in PART.finditer(text):
        low = _quantity(part.group("low"))
        high = _quantity(part.group("high")) if part.group("high") else low
        half = Fraction(1, 2) if part.group("half") else Fraction(0)
        unit = _unit(part.group("unit"))
        out.append(_Amount(min(low, high) + half, max(low, high) + half, unit))
    return out


def _quantity(text: str) -> Fraction:
    """`2`, `1.5`, `two`, `a`, `half a`, `one and a half` as a number."""
    words = text.lower().split()
    if words[0] == "half":
        return Fraction(1, 2)
    number = Fraction(NUMBER_WORDS.get(words[0]) or words[0])
    return number + (Fraction(1, 2) if "half" in words else 0)


def _unit(text: str) -> str:
    """The unit an abbreviation or plural stands for: every one starts with its letter."""
    letter = text[0].lower()
    return next(unit for unit in UNIT_DAYS if unit[0] == letter)


def _days(amounts: list[_Amount]) -> tuple[int, int]:
    """Low and high days of a sum of parts; a fraction of a day counts as a whole one."""
    low = sum((a.low * UNIT_DAYS[a.unit] for a in amounts), Fraction(0))
    high = sum((a.high * UNIT_DAYS[a.unit] for a in amounts), Fraction(0))
    return math.ceil(low), math.ceil(high)


def _suggestion(amounts: list[_Amount]) -> str:
    """What a too-long duration most likely meant: the same numbers in a smaller unit."""
    for _ in range(len(UNIT_DAYS) - 1):
        amounts = [replace(a, unit=_SMALLER[a.unit]) for a in amounts]
        if _days(amounts)[1] <= MAX_DAYS:
            return f"did you mean {_wording(amounts)!r}?"
    return "write at most '2 years'"


def _wording(amounts: list[_Amount]) -> str:
    """`2-3 weeks and 1 day`: amounts written the plain way."""
    parts = []
    for a in amounts:
        numbers = _number(a.low) + (f"-{_number(a.high)}" if a.high != a.low else "")
        parts.append(f"{numbers} {a.unit}{'' if a.high == 1 else 's'}")
    return " and ".join(parts)


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
