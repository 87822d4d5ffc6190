"""`self-eval`: the post-offer self-evaluation of a search cycle (DESIGN §3, stage 10).

The note `<the plan's self-evaluation note>.<cycle start YYYY.MM.DD>` gathers what the vault
already knows — planned against actual time per stage, the funnel, the offers, every
interview by company, the plan items never done — and keeps two reflection sections for the
person. The gathered parts live in the tool's regions, so a refresh rewrites only those: what
the person wrote in the reflection sections (or anywhere else) is never lost. The plan's
self-evaluation note (created if missing) gets a region listing the cycles' notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..vault.fnames import clean_name
from ..vault.titles import gen_title
from ..write import notes as new_notes
from ..write import regions
from ..write.files import confined
from ..write.writer import Edit, Writer, WriteResult
from .companies import target_vault
from .model import JobSearch
from .pipeline import Company, read_day
from .progress import kind
from .render import day
from .render_pipeline import cell, funnel_line, offers_table
from .usable import note_problems

SUFFIX = "self-evaluation"  # the plan's link whose fname ends so (space == dash)
CYCLES_REGION = "self-evaluations"
REGIONS = ("selfeval-time", "selfeval-funnel", "selfeval-offers", "selfeval-companies",
           "selfeval-undone")  # fmt: skip
HEADINGS = ("Time per stage", "Funnel", "Offers", "Companies", "Items never done")
REFLECTION = ("What went well", "What to change next time")
FROM_NOTE = ("Mistakes", "Reject reason", "Their business")  # company-note sections
RETRIES = 3
_CYCLE = re.compile(r"\.\d{4}\.\d{2}\.\d{2}$")
_MARKER = re.compile(rf"<!--\s*{regions.MARK}:")


@dataclass
class SelfEvalResult(WriteResult):
    note: str = ""  # fname of the cycle's self-evaluation note

    def to_json(self) -> dict[str, Any]:
        return {"note": self.note, **super().to_json()}


def parent_fname(search: JobSearch) -> str:
    """The plan's self-evaluation note: the first link of the plan whose fname ends with
    `self evaluation` / `self-evaluation`; else `<hierarchy>.self-evaluation`."""
    for link in search.plan_note.links:
        if link.type in ("wiki", "ref") and clean_name(link.value).endswith(SUFFIX):
            found = search.ws.get(link.value)
            return found.fname if found else link.value
    return f"{search.settings.hierarchy}.{SUFFIX}"


def cycle_fname(search: JobSearch) -> str:
    return f"{parent_fname(search)}.{search.schedule.start.strftime('%Y.%m.%d')}"


def time_table(search: JobSearch) -> str:
    """Planned against actual days per stage (actual: `completed - started`)."""
    rows = [
        "| # | Stage | Planned days | Actual days | Difference | Started | Completed |",
        "|---|---|---|---|---|---|---|",
    ]
    for state in search.stages:
        fm = state.note.frontmatter if state.note else {}  # recorded days first
        started = read_day(fm.get("started")) or state.started
        completed = read_day(fm.get("completed")) or state.completed
        actual = (completed - started).days if started and completed else None
        difference = "" if actual is None else f"{actual - state.slot.days:+d}"
        rows.append(
            f"| {state.stage.number} | [[{state.fname}]] | {state.slot.days} "
            f"| {'' if actual is None else actual} | {difference} | {day(started)} "
            f"| {day(completed)} |"
        )
    return "\n".join(rows)


def funnel_text(search: JobSearch) -> str:
    pipeline = search.pipeline
    lines = [funnel_line(pipeline), ""]
    for company in pipeline.companies:
        lines.append(f"- [[{company.fname}]]: {company.pipeline or '?'}")
    return "\n".join(lines).strip() if pipeline.companies else "No companies."


def offers_text(search: JobSearch) -> str:
    pipeline = search.pipeline
    if not pipeline.offers:
        return "No offers."
    accepted = ", ".join(f"{c.name} ([[{c.fname}]])" for c in pipeline.accepted)
    return offers_table(pipeline) + "\n\nAccepted: " + (accepted or "none yet")


def note_sections(body: str) -> dict[str, str]:
    """Each heading's text (lower-cased name -> content up to the next heading of the same
    or a higher level); headings inside fenced code are not headings."""
    out: dict[str, str] = {}
    current: str | None = None
    level = 0
    lines: list[str] = []
    fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if match and (current is None or len(match.group(1)) <= level):
            if current is not None:
                out.setdefault(current, "\n".join(lines).strip())
            current, level, lines = match.group(2).strip().lower(), len(match.group(1)), []
            continue
        if current is not None and not _MARKER.search(line):
            lines.append(line)
    if current is not None:
        out.setdefault(current, "\n".join(lines).strip())
    return out


def _entry_line(label: str, content: str) -> list[str]:
    """`- Label: text`; several lines go indented under the item."""
    if not content:
        return [f"- {label}: (not written)"]
    first, *rest = content.splitlines()
    if not rest:
        return [f"- {label}: {first}"]
    return [f"- {label}:"] + [f"  {line}" if line.strip() else "" for line in content.splitlines()]


def _months(days: list[date]) -> str:
    if not days:
        return "(no dates)"
    first, last = min(days), max(days)
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')} to {last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')} to {last.strftime('%B %Y')}"


def company_entry(company: Company, today: date) -> str:
    """The entry people keep by hand for a company (DESIGN §3), and its interviews; the
    stage reached is the last interview held (not one still to come)."""
    sections = note_sections(company.note.body)
    interviews = company.interviews
    kinds = [i.kind for i in interviews]
    dates = [d for d in [company.applied, *(i.date for i in interviews)] if d]
    reached = company.pipeline or "?"
    held = [i for i in interviews if i.date is None or i.date <= today]
    if held:
        reached = f"{held[-1].kind} ({reached})"
    count = f"{len(kinds)} interview{'s' if len(kinds) != 1 else ''}"
    process = f"{', '.join(kinds)} ({count})" if kinds else "no interviews"
    lines = [
        f"### {company.name}",
        "",
        f"- Note: [[{company.fname}]]",
        f"- Position: {company.role or '(not set)'}",
        f"- Time: {_months(dates)}",
        f"- Reached stage: {reached}",
        f"- Process: {process}",
    ]
    for label in FROM_NOTE:
        lines += _entry_line(label, sections.get(label.lower(), ""))
    for interview in interviews:
        outcome = f" · {interview.outcome}" if interview.outcome else ""
        lines.append(
            f"- Interview {day(interview.date) or '(no date)'} · {interview.kind}{outcome} · "
            f"[[{interview.fname}]]"
        )
    return "\n".join(lines)


def companies_text(search: JobSearch) -> str:
    entries = [company_entry(c, search.today) for c in search.pipeline.companies]
    return "\n\n".join(entries) or "No companies."


def undone_text(search: JobSearch) -> str:
    """Plan items never ticked, stage by stage (plain bullets: not a checklist of its own)."""
    lines = []
    for state in search.stages:
        if state.note is None:
            continue
        open_items = [
            item
            for item in state.note.iter_checklist()
            if not item.children and kind(item.status) in ("todo", "in_progress")
        ]
        if open_items:
            lines.append(f"- [[{state.fname}]]")
            lines += [f"  - {cell(item.text)}" for item in open_items]
    return "\n".join(lines) or "Every item was done."


def region_contents(search: JobSearch) -> dict[str, str]:
    makers = (time_table, funnel_text, offers_text, companies_text, undone_text)
    return {name: make(search) for name, make in zip(REGIONS, makers, strict=True)}


def new_cycle_text(search: JobSearch, contents: dict[str, str]) -> str:
    start = day(search.schedule.start)
    intro = (
        f"The job search that started {start}, following [[{search.plan_note.fname}]]. "
        "`dendron-jobsearch self-eval` refreshes the parts between its markers; "
        "the reflection sections are yours and are never rewritten."
    )
    parts = [intro]
    for heading, name in zip(HEADINGS, REGIONS, strict=True):
        parts += [f"## {heading}", regions.block(name, contents[name])]
    parts += [f"## {heading}" for heading in REFLECTION]
    return new_notes.note_text(f"Self-evaluation {start}", "\n\n".join(parts))


def cycles_text(search: JobSearch, parent: str, current: str) -> str:
    prefix = clean_name(parent) + "."
    found = {current}
    for note in search.ws.notes:
        name = clean_name(note.fname)
        if not note.stub and name.startswith(prefix) and _CYCLE.search("." + name[len(prefix) :]):
            found.add(note.fname)
    return "### Cycles\n\n" + "\n".join(f"- [[{f}]]" for f in sorted(found, key=clean_name))


def _folder(search: JobSearch, fname: str) -> Path:
    """Beside the note if it exists, else in the vault new notes go to."""
    note = search.ws.get(fname)
    if note is not None and note.path is not None:
        return note.path.parent
    return target_vault(search.ws, search.settings)[1]


def _write(search: JobSearch, writer: Writer, fname: str, text: str, edit: Edit) -> bool:
    """Create the note with `text`, or apply `edit` to it; False when the person saved it
    meanwhile (their save wins: the caller recomputes)."""
    note = search.ws.get(fname)
    if note is None or note.path is None:
        writer.create(confined(_folder(search, fname), f"{fname}.md"), text)
        return True
    return writer.edit(note.path, edit)


def self_evaluate(search: JobSearch) -> SelfEvalResult:
    """Create or refresh the cycle's self-evaluation note and link it from its parent.
    Writes nothing while a note it sums up cannot be read (`result.findings` says which)."""
    parent = parent_fname(search)
    fname = cycle_fname(search)
    result = SelfEvalResult(note=fname)
    for finding in search.problems + [
        f for name in (fname, parent) for f in note_problems(search.ws, name)
    ]:
        result.problem(finding)
    if not result.ok:
        return result
    writer = Writer(search.ws.root, result)
    for _round in range(RETRIES):
        contents = region_contents(search)
        cycles = {CYCLES_REGION: cycles_text(search, parent, fname)}
        parent_text = new_notes.note_text(
            gen_title(parent), regions.block(CYCLES_REGION, cycles[CYCLES_REGION])
        )
        lost = [
            name
            for name, text, edit in (
                (fname, new_cycle_text(search, contents), Edit({}, contents)),
                (parent, parent_text, Edit({}, cycles, frozenset({CYCLES_REGION}))),
            )
            if not _write(search, writer, name, text, edit)
        ]
        if not lost:
            return result
        for name in lost:
            note = search.ws.get(name)
            if note is not None and note.path is not None:
                search.ws.reload_file(note.path)
    writer.skip(fname, "kept changing while the tool wrote")
    return result
