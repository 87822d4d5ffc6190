"""Reading a job-search plan note: numbered stages with durations, their items, phases and the
expected total (`vault_templates/interviews.all-stages.md`, the bundled plan, is the
reference shape).

Everything comes from markdown-it tokens of the note body: the stages are the items of its
top-level numbered list, their items the nested bullets (with their own nesting), links the
same `dendron_link` tokens the vault reader uses.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Finding, JobSearchError
from ..vault.dialects.dendron import DENDRON
from ..vault.markdown import CHECKBOX, parser
from ..vault.model import Link, Note
from .durations import Duration, length_problem, parse_duration, read_duration

if TYPE_CHECKING:
    from markdown_it.token import Token

    from ..vault.dialects import Dialect

PLAN_INVALID = "plan-invalid"

_PARENS = re.compile(r"\((?P<inner>[^()]*)\)")
_BOLD = re.compile(r"\s*\*\*(?P<text>[^*]+)\*\*\s*")
_PHASE = re.compile(
    r"^\s*Steps?\s+(?P<first>\d+)\s*(?:-|\u2013|to)\s*(?P<last>\d+)\s*"
    r"(?:\(\s*\*\*(?P<name>[^*]+)\*\*\s*\))?",
    re.IGNORECASE,
)
_EXPECTED = re.compile(r"expected\s+(?:total\s+)?time[^:\n]*:\s*(?P<text>[^*\n]+)", re.IGNORECASE)


class PlanError(JobSearchError):
    """A plan that cannot be read: one `plan-invalid` finding per bad line, so a person fixes
    them all in one go. `PlanError(message, line, path)` is one problem;
    `PlanError(findings=...)` several. `line` and `path` are the first one's."""

    show_code = False

    def __init__(
        self,
        message: str = "",
        line: int | None = None,
        path: str | None = None,
        *,
        findings: Iterable[Finding] = (),
    ) -> None:
        found = list(findings) or [Finding(PLAN_INVALID, path or "", line, message)]
        super().__init__(*found)

    @property
    def line(self) -> int | None:
        return self.finding.line

    @property
    def path(self) -> str | None:
        return self.finding.path or None


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
    expected_line: int | None = None  # the line stating the expected total

    def stage(self, number: int) -> Stage:
        return next(s for s in self.stages if s.number == number)

    def phase_of(self, stage: Stage) -> Phase | None:
        return next((p for p in self.phases if stage.number in p), None)


@dataclass
class _Problems:
    """What is wrong with a plan, collected while reading it so that one error names every
    bad line (fixing one at a time and re-running is slow)."""

    path: str
    found: list[Finding] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.found.append(Finding(PLAN_INVALID, self.path, line, message))


def parse_plan(note: Note, body: str | None = None, dialect: Dialect = DENDRON) -> Plan:
    """The plan in `note` (its body read from disk unless given; its links read as
    `dialect` writes them). Raises PlanError naming every bad line at once, in file order."""
    text = note.body if body is None else body
    path = note.rel or f"{note.fname}.md"
    # `sync` and `watch` read the same plan several times a round: parse each text once
    key = (dialect.name, path, note.fname, note.body_line, repr(note.frontmatter), text)
    if key not in _PARSED:
        problems = _Problems(path)
        plan = _read_plan(note, text, problems, dialect)
        _PARSED[key] = (plan, sorted(problems.found, key=lambda f: f.line or 0))
        while len(_PARSED) > _PARSED_KEPT:
            del _PARSED[next(iter(_PARSED))]  # the oldest first
    plan, found = _PARSED[key]
    if found:
        raise PlanError(findings=found)
    return copy.deepcopy(plan)


# The last few plans parsed, by everything their reading depends on. Callers get a copy: a
# plan is theirs to change.
_PARSED: dict[tuple[str, str, str, int, str, str], tuple[Plan, list[Finding]]] = {}
_PARSED_KEPT = 4


def _read_plan(note: Note, text: str, problems: _Problems, dialect: Dialect) -> Plan:
    first_line = note.body_line
    env = {"fm": note.frontmatter}
    tokens = parser(dialect=dialect).parse(text, env)
    markdown_links = dialect.markdown_rules(True, True).markdown_links
    stages: list[Stage] = []
    phases: list[Phase] = []
    expected: Duration | None = None
    expected_line: int | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "ordered_list_open" and token.level == 0:
            index = _read_stages(
                tokens, index, first_line, note.fname, stages, problems, markdown_links
            )
            continue
        if token.type == "inline" and token.level == 1:
            line = first_line + (token.map[0] if token.map else 0)
            phase = _read_phase(token.content, line, problems)
            if phase is not None:
                phases.append(phase)
            elif expected is None and (match := _EXPECTED.search(token.content)):
                expected, expected_line = parse_duration(match.group("text")), line
                _check_length(expected, "the expected total", line, problems)
        index += 1
    if not stages:
        problems.add(
            first_line,
            "no stages: a plan needs a numbered list of stages such as "
            "'1. Preparation for interviews (**2 months**)'",
        )
    _check(stages, phases, problems)
    return Plan(note.fname, stages, phases, expected, expected_line)


def _read_stages(
    tokens: list[Token],
    index: int,
    first_line: int,
    fname: str,
    out: list[Stage],
    problems: _Problems,
    markdown_links: bool = False,
) -> int:
    """Stages from the numbered list opening at `index`; returns the index after it."""
    depth = 0
    current: Stage | None = None
    position = index
    while position < len(tokens):
        token = tokens[position]
        if token.type == "bullet_list_open" and depth == 1 and current is not None:
            items, position = _read_items(tokens, position, first_line, fname, markdown_links)
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
            current = _stage(number, title, line, problems)
            out.append(current)
        position += 1
    return position


def _stage(number: int, title: str, line: int, problems: _Problems) -> Stage:
    """A stage from its title line; its duration, once read, is no longer part of the title
    (so `(2 months)` and `(**2 months**)` name the same stage note)."""
    found = _title_duration(title)
    if found is None:
        return Stage(number, _tidy(title), line)
    match, text = found
    duration = parse_duration(text)
    if duration is None:
        problems.add(
            line,
            f"stage {number}: cannot read the duration {text!r} (write e.g. "
            "'3 days', '2 weeks', '2-3 days' or '1 to 2 months')",
        )
    _check_length(duration, f"stage {number}", line, problems)
    return Stage(number, _tidy(title[: match.start()] + title[match.end() :]), line, duration)


def _title_duration(title: str) -> tuple[re.Match[str], str] | None:
    """The parentheses of a title that give its duration, and their text: bold ones always
    (`(**2 months**)`, even unreadable: the person meant a duration), plain ones when they
    hold a duration and nothing else (`(~2 weeks)`, not `(with recruiters)`)."""
    for match in _PARENS.finditer(title):
        bold = _BOLD.fullmatch(match.group("inner"))
        if bold is not None:
            return match, bold.group("text")
        if read_duration(match.group("inner")) is not None:
            return match, match.group("inner").strip()
    return None


def _tidy(title: str) -> str:
    return title.strip().rstrip(" .:")


def _check_length(duration: Duration | None, what: str, line: int, problems: _Problems) -> None:
    """A duration of no time, or of more than two years, is a slip: say so, and where."""
    why = length_problem(duration) if duration is not None else None
    if why is not None:
        problems.add(line, f"{what}: {why}")


def _read_items(
    tokens: list[Token], index: int, first_line: int, fname: str, markdown_links: bool = False
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
                items.append(_item(inline, first_line, fname, markdown_links))
        elif token.type in ("bullet_list_open", "ordered_list_open") and items:
            children, position = _read_items(tokens, position, first_line, fname, markdown_links)
            items[-1].children.extend(children)
            continue
        position += 1
    return items, position


def _item(inline: Token, first_line: int, fname: str, markdown_links: bool = False) -> PlanItem:
    from ..vault.markdown import collect_links

    assert inline.map is not None
    text = inline.content.split("\n", 1)[0]
    done = False
    box = CHECKBOX.match(text)
    if box is not None:
        done = box.group(1).lower() == "x"
        text = text[box.end() :]
    links: list[Link] = []
    collect_links(inline, fname, first_line, set(), links, markdown_links)
    return PlanItem(text.strip(), first_line + inline.map[0], done, links)


def _read_phase(text: str, line: int, problems: _Problems) -> Phase | None:
    match = _PHASE.match(text)
    if match is None:
        return None
    first, last = int(match.group("first")), int(match.group("last"))
    if last < first:
        problems.add(line, f"phase 'Steps {first}-{last}': the last step comes before the first")
        return None
    duration = parse_duration(text[match.end() :])
    _check_length(duration, f"phase 'Steps {first}-{last}'", line, problems)
    return Phase(first, last, (match.group("name") or "").strip(), line, duration)


def _check(stages: list[Stage], phases: list[Phase], problems: _Problems) -> None:
    """Stage numbers that do not go up, and phases naming stages the plan lacks."""
    numbers = {s.number for s in stages}
    for stage, previous in zip(stages[1:], stages, strict=False):
        if stage.number <= previous.number:
            problems.add(
                stage.line,
                f"stage {stage.number} follows stage {previous.number}: numbers must go up",
            )
    for phase in phases:
        missing = [n for n in range(phase.first, phase.last + 1) if n not in numbers]
        if missing:
            problems.add(
                phase.line,
                f"phase 'Steps {phase.first}-{phase.last}' names stage {missing[0]}, "
                "which the plan does not have",
            )
