"""Dates as notes write them and as the tool writes them back."""

from __future__ import annotations

from datetime import date


def parse_day(value: object) -> date | None:
    """A date from YAML (already a date) or text like `2027-01-10` / `2027.01.10`; None if
    it is neither. Raises ValueError for text that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for candidate in (value.strip(), value.strip().replace(".", "-")):
            try:
                return date.fromisoformat(candidate)
            except ValueError:
                continue
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
