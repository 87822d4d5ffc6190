"""Dates as notes write them and as the tool writes them back."""

from __future__ import annotations

from datetime import date

from ..dates import EARLIEST, LATEST, in_range

__all__ = ["EARLIEST", "LATEST", "day", "in_range", "parse_day", "read_day"]


def parse_day(value: object) -> date | None:
    """A date from YAML (already a date) or text like `2027-01-10` / `2027.01.10`; None if
    it is neither. Raises ValueError for text that is not a date, or a day out of range."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return in_range(value)
    if isinstance(value, str):
        for candidate in (value.strip(), value.strip().replace(".", "-")):
            try:
                found = date.fromisoformat(candidate)
            except ValueError:
                continue
            return in_range(found)
    raise ValueError(f"{value!r} is not a date like 2027-01-10")


def read_day(value: object) -> date | None:
    """Like `parse_day`, but a value that is no date reads as no date (for keys the tool
    writes itself, such as a stage's `started` and `completed`)."""
    try:
        return parse_day(value)
    except ValueError:
        return None


def day(value: date | None) -> str:
    """`2027-01-10`, or nothing."""
    return value.isoformat() if value else ""
