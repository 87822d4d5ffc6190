"""Reading a job-search plan note: numbered stages with durations, their items, phases and the
expected total (DESIGN §3; `seed/interviews.all-stages.md` is the reference shape).

Everything comes from markdown-it tokens of the note body: the stages are the items of its
top-level numbered list, their items the nested bullets (with their own nesting), links the
same `dendron_link` tokens the vault reader uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..vault.markdown import CHECKBOX, parser
from ..vault.model import Link, Note
from .durations import Duration, parse_duration

if TYPE_CHECKING:
    from markdown_it.token import Token

_BOLD_DURATION = re.compile(r"\(\s*\*\*(?P<text>[^*]+)\*\*\s*\)")
_PHASE = re.compile(
    r"^\s*Steps?\s+(?P<first>\d+)\s*(?:-|\u2013|to)\s*(?P<last>\d+)\s*"
    r"(?:\(\s*\*\*(?P<name>[^*]+)\*\*\s*\))?",
    re.IGNORECASE,
)
_EXPECTED = re.compile(r"expected\s+(?:total\s+)?time[^:\n]*:\s*(?P<text>[^.*\n]+)", re.IGNORECASE)


class PlanError(ValueError):
    """A plan that cannot be read; `line` is the 1-based line in the plan note's file."""

    def __init__(self, message: str, line: int | None, path: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path and self.line else ""
        where = where or (f"{self.path}: " if self.path else "")
        return f"{where}{self.args[0]}"


@dataclass
class PlanItem:
    """One bullet of a stage: its text (Markdown, links kept), whether the plan ticks it."""

    text: str
    line: int
    done: bool = False
    links: list[Link] = field(default_factory=list)
    children: list[PlanItem] = field(default_factory=list)


@dataclass
class Stage:
    number: int
    title: str
    line: int
    duration: Duration | None = None
    items: list[PlanItem] = field(default_factory=list)

    @property
    def links(self) -> list[Link]:
        """Every link in the stage's items, nested ones included, in reading order."""
        out: list[Link] = []
        stack = list(reversed(self.items))
        while stack:
            item = stack.pop()
            out.extend(item.links)
            stack.extend(reversed(item.children))
        return out


@dataclass(frozen=True)
class Phase:
    """`Steps 1-2 (**core preparation**) take ... (2-months)`: a group of stages and its time."""

    first: int
    last: int
    name: str
    line: int
    duration: Duration | None = None

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.first <= number <= self.last


@dataclass
class Plan:
    fname: str
    stages: list[Stage]
    phases: list[Phase] = field(default_factory=list)
    expected_total: Duration | None = None

    def stage(self, number: int) -> Stage:
        return next(s for s in self.stages if s.number == number)

    def phase_of(self, stage: Stage) -> Phase | None:
        return next((p for p in self.phases if stage.number in p), None)


def parse_plan(note: Note, body: str | None = None) -> Plan:
    """The plan in `note` (its body read from disk unless given). Raises PlanError."""
    try:
        return _parse_plan(note, body)
    except PlanError as err:
        err.path = err.path or note.rel or f"{note.fname}.md"
        raise


def _parse_plan(note: Note, body: str | None) -> Plan:
    text = note.body if body is None else body
    first_line = note.body_line
    env = {"fm": note.frontmatter}
    tokens = parser().parse(text, env)
    stages: list[Stage] = []
    phases: list[Phase] = []
    expected: Duration | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "ordered_list_open" and token.level == 0:
            index = _read_stages(tokens, index, first_line, note.fname, stages)
            continue
        if token.type == "inline" and token.level == 1:
            line = first_line + (token.map[0] if token.map else 0)
            phase = _read_phase(token.content, line)
            if phase is not None:
                phases.append(phase)
            elif expected is None and (match := _EXPECTED.search(token.content)):
                expected = parse_duration(match.group("text"))
        index += 1
    if not stages:
        raise PlanError(
            "no stages: a plan needs a numbered list of stages such as "
            "'1. Preparation for interviews (**2 months**)'",
            first_line,
        )
    _check(stages, phases)
    return Plan(note.fname, stages, phases, expected)


def _read_stages(
    tokens: list[Token], index: int, first_line: int, fname: str, out: list[Stage]
) -> int:
    """Stages from the numbered list opening at `index`; returns the index after it."""
    depth = 0
    current: Stage | None = None
    position = index
    while position < len(tokens):
        token = tokens[position]
        if token.type == "bullet_list_open" and depth == 1 and current is not None:
            items, position = _read_items(tokens, position, first_line, fname)
            current.items.extend(items)
            continue
        if token.type in ("ordered_list_open", "bullet_list_open"):
            depth += 1
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            depth -= 1
            if depth == 0:
                return position + 1
        elif token.type == "list_item_open" and depth == 1:
            inline = tokens[position + 2] if position + 2 < len(tokens) else None
            title = inline.content.split("\n", 1)[0] if inline and inline.type == "inline" else ""
            assert token.map is not None
            line = first_line + token.map[0]
            number = int(token.info) if token.info.isdigit() else len(out) + 1
            current = _stage(number, title, line)
            out.append(current)
        position += 1
    return position


def _stage(number: int, title: str, line: int) -> Stage:
    duration = None
    match = _BOLD_DURATION.search(title)
    if match is not None:
        duration = parse_duration(match.group("text"))
        if duration is None:
            raise PlanError(
                f"stage {number}: cannot read the duration {match.group('text')!r} "
                "(write e.g. '3 days', '2 weeks', '2-3 days' or '1 to 2 months')",
                line,
            )
        title = (title[: match.start()] + title[match.end() :]).strip()
    return Stage(number, title.rstrip(" .:"), line, duration)


def _read_items(
    tokens: list[Token], index: int, first_line: int, fname: str
) -> tuple[list[PlanItem], int]:
    """Items of the bullet list opening at `index` (nested lists become children)."""
    items: list[PlanItem] = []
    position = index + 1
    while position < len(tokens):
        token = tokens[position]
        if token.type == "bullet_list_close":
            return items, position + 1
        if token.type == "list_item_open":
            inline = tokens[position + 2] if position + 2 < len(tokens) else None
            if inline is not None and inline.type == "inline":
                items.append(_item(inline, first_line, fname))
        elif token.type in ("bullet_list_open", "ordered_list_open") and items:
            children, position = _read_items(tokens, position, first_line, fname)
            items[-1].children.extend(children)
            continue
        position += 1
    return items, position


def _item(inline: Token, first_line: int, fname: str) -> PlanItem:
    from ..vault.markdown import collect_links

    assert inline.map is not None
    text = inline.content.split("\n", 1)[0]
    done = False
    box = CHECKBOX.match(text)
    if box is not None:
        done = box.group(1).lower() == "x"
        text = text[box.end() :]
    links: list[Link] = []
    collect_links(inline, fname, first_line, set(), links)
    return PlanItem(text.strip(), first_line + inline.map[0], done, links)


def _read_phase(text: str, line: int) -> Phase | None:
    match = _PHASE.match(text)
    if match is None:
        return None
    first, last = int(match.group("first")), int(match.group("last"))
    if last < first:
        raise PlanError(f"phase 'Steps {first}-{last}': the last step comes before the first", line)
    rest = text[match.end() :]
    return Phase(first, last, (match.group("name") or "").strip(), line, parse_duration(rest))


def _check(stages: list[Stage], phases: list[Phase]) -> None:
    numbers = [s.number for s in stages]
    for stage, previous in zip(stages[1:], stages, strict=False):
        if stage.number <= previous.number:
            raise PlanError(
                f"stage {stage.number} follows stage {previous.number}: numbers must go up",
                stage.line,
            )
    for phase in phases:
        missing = [n for n in range(phase.first, phase.last + 1) if n not in numbers]
        if missing:
            raise PlanError(
                f"phase 'Steps {phase.first}-{phase.last}' names stage {missing[0]}, "
                "which the plan does not have",
                phase.line,
            )
