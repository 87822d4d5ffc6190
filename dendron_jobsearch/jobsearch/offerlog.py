"""An offer's history: each figure and deadline with the day it was first seen, kept in the
company note in the tool's region `offer` (appended at the end of the note the first time
an offer key is set):

    <!-- dendron-jobsearch:begin offer -->
    ## Offer history

    - 2027-03-04 base 165,000
    - 2027-03-04 currency GBP
    - 2027-03-04 deadline 2027-05-10
    - 2027-03-09 base 180,000
    - 2027-03-09 deadline 2027-05-17
    <!-- dendron-jobsearch:end offer -->

`sync` (and `offer set`, `offer extend`) add a line when `offer_base`, `offer_bonus`,
`offer_equity`, `offer_currency` or `offer_deadline` holds a value that differs from the
last line for that key: the day is the day it was seen. Lines are only ever added: a line
the person wrote or corrected stays as it is and counts (their dates win), and any other
line in the region is theirs too. The first `deadline` line is the first deadline seen,
from which the offer-alignment plan counts its window. As for the applications record, the
history here is the *final* one, today's change included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..write import regions
from .days import day as day_text
from .days import in_range
from .money import parse_amount

REGION = "offer"
HEADING = "## Offer history"
_CODE = re.compile(r"[A-Z]{3}")  # a currency code, as ISO 4217 writes it
KEYS = ("base", "bonus", "equity", "currency", "deadline")  # each is `offer_<key>`
_LINE = re.compile(
    r"^\s*[-*+]\s+(?P<day>\d{4}-\d{2}-\d{2})\s+(?P<key>base|bonus|equity|currency|deadline)"
    r"\b:?(?P<value>.*)$",  # the value is stripped in code: no backtracking over spaces
    re.I,
)


@dataclass(frozen=True)
class Change:
    """One line of the history: the day, the key (`base` … `deadline`) and its value."""

    day: date
    key: str
    value: float | str | date

    @property
    def text(self) -> str:
        return f"{self.key} {shown(self.value)}"

    def to_json(self) -> dict[str, Any]:
        value = self.value.isoformat() if isinstance(self.value, date) else self.value
        return {"date": self.day.isoformat(), "key": self.key, "value": value}


def shown(value: float | str | date) -> str:
    """A value as a history line (and `status`) writes it: `165,000`, `2027-05-10`, `GBP`."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return value


def read_change(line: str) -> Change | None:
    """The change a line of the region holds, if it holds one that reads."""
    match = _LINE.match(line)
    if match is None:
        return None
    key, raw = match.group("key").lower(), match.group("value").strip()
    try:
        when = in_range(date.fromisoformat(match.group("day")))
        value: float | str | date
        if key == "deadline":
            value = in_range(date.fromisoformat(raw))
        elif key == "currency":
            value = raw.upper()
        else:
            amount = parse_amount(raw)
            if amount is None:
                return None
            value = amount
    except ValueError:
        return None
    return Change(when, key, value) if value != "" else None


@dataclass(frozen=True)
class History:
    """An offer's changes, oldest first (today's included), and the region content the
    tool wants written (None: the note needs no change)."""

    changes: tuple[Change, ...]
    region: str | None = None

    def of(self, key: str) -> list[Change]:
        return [c for c in self.changes if c.key == key]

    @property
    def first_deadline(self) -> date | None:
        found = self.of("deadline")
        value = found[0].value if found else None
        return value if isinstance(value, date) else None

    def moves(self, key: str) -> list[str]:
        """The values a key went through, each once in a row: `165,000`, `180,000`."""
        out: list[str] = []
        for change in self.of(key):
            text = shown(change.value)
            if not out or out[-1] != text:
                out.append(text)
        return out

    @property
    def summary(self) -> str:
        """`base 165,000 → 180,000, deadline 2027-05-10 → 2027-05-17`: the keys that
        changed ('' when none did)."""
        parts = []
        for key in KEYS:
            moves = self.moves(key)
            if len(moves) > 1:
                parts.append(f"{key} {' → '.join(moves)}")
        return ", ".join(parts)


Values = dict[str, float | str | date | None]


def history(path: Path | None, current: Values, today: date, seen: Values | None = None) -> History:
    """The offer's history as it should stand today: the region's lines, and a line for
    each key in `current` (key -> value read, None when unset or unreadable) whose value
    differs from its last line. `seen`: the values the note held before a command changes
    them, recorded first when the region lacks them (so the first deadline is never lost
    to the extension that replaces it)."""
    existing, broken = regions.region_lines(path, REGION)
    lines = list(existing or [])
    # by day (a line the person dated earlier comes first), else in the order written
    changes = sorted((c for c in map(read_change, lines) if c is not None), key=lambda c: c.day)
    added = []
    steps = [(key, seen) for key in KEYS] if seen else []
    for key, values in [*steps, *((key, current) for key in KEYS)]:
        value = values.get(key)
        if value is None or value == "":
            continue
        if key == "currency" and not _CODE.fullmatch(str(value)):
            continue  # free text (`pounds`, a pasted line) is shown, never written here
        last = next((c.value for c in reversed(changes) if c.key == key), None)
        if last != value:
            change = Change(today, key, value)
            changes.append(change)
            added.append(f"- {day_text(today)} {change.text}")
    if not added:
        return History(tuple(changes), None)
    lines = regions.appended(lines, *added)
    if broken:
        return History((), "\n".join([HEADING, "", *added]))
    return History(
        tuple(changes), "\n".join(lines if existing is not None else [HEADING, "", *lines])
    )


__all__ = ["HEADING", "KEYS", "REGION", "Change", "History", "history", "read_change", "shown"]
