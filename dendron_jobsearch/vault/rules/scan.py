"""What the inline rules remember about the text of one inline state.

markdown-it tries every rule at every position a construct could start at, again in
silent mode for each link label it looks through. A rule that looked ahead (or back) to
the end of the line each time, as a `[[` that never closes would have a regular expression
do, makes a line cost the square of its length: a pasted line of 200 KB took minutes. So
each rule asks this record instead: where the next (or last) character of a kind is, found
by one pass over the text and a binary search, and what a rule derived from the text once.
markdown-it's own rules remember the same way (`state.cache`, `state.backticks`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from typing import TypeVar, cast

from markdown_it.rules_inline import StateInline

T = TypeVar("T")
# the characters that start or end a bracket group `[...]`, which holds none of them
BRACKETS = r"[\[\]\n]"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class Scan:
    """One inline state's text, and what the rules found in it."""

    __slots__ = ("_chains", "_derived", "_positions", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self._positions: dict[str, list[int]] = {}
        self._derived: dict[Callable[[str], object], object] = {}
        self._chains: dict[str | None, dict[int, tuple[int, int]]] = {}

    def positions(self, pattern: str) -> list[int]:
        """Where `pattern` matches in the text, in order (a lookahead finds overlaps)."""
        found = self._positions.get(pattern)
        if found is None:
            found = [match.start() for match in _compiled(pattern).finditer(self.src)]
            self._positions[pattern] = found
        return found

    def next_at(self, pattern: str, start: int) -> int:
        """The first match of `pattern` at or after `start`, or the text's length."""
        found = self.positions(pattern)
        index = bisect_left(found, start)
        return found[index] if index < len(found) else len(self.src)

    def last_before(self, pattern: str, end: int) -> int:
        """The last match of `pattern` before `end`, or -1."""
        found = self.positions(pattern)
        index = bisect_left(found, end)
        return found[index - 1] if index else -1

    def derived(self, make: Callable[[str], T]) -> T:
        """What `make` finds in the text, found once."""
        if make not in self._derived:
            self._derived[make] = make(self.src)
        return cast(T, self._derived[make])

    def groups_before(self, end: int, spaces: str | None) -> tuple[int, int]:
        """The bracket groups `[...]` (no brackets or line breaks inside) in a row that ends
        at `end`, with only `spaces` (None: any white space) between them and before `end`:
        how many, and where the first starts (`end` when none). Each row is walked once."""
        known = self._chains.setdefault(spaces, {})
        src, walked, at = self.src, [], end
        while at not in known:
            close = at
            while close > 0 and _is_space(src[close - 1], spaces):
                close -= 1
            opening = -1
            if close and src[close - 1] == "]":
                opening = self.last_before(BRACKETS, close - 1)
            if opening < 0 or src[opening] != "[":
                known[at] = (0, at)
                break
            walked.append(at)
            at = opening
        count, first = known[at]
        for position in reversed(walked):
            count += 1
            known[position] = (count, first)
        return known[end]


def _is_space(char: str, spaces: str | None) -> bool:
    return char.isspace() if spaces is None else char in spaces


def scan_of(state: StateInline) -> Scan:
    """The record of `state`'s text, made on first use (a state lives for one inline parse)."""
    scan = getattr(state, "dendron_scan", None)
    if not isinstance(scan, Scan):
        scan = Scan(state.src)
        state.dendron_scan = scan  # type: ignore[attr-defined]
    return scan
