"""The applications record: every company applied to, with the day each pipeline stage was
first seen — what unemployment offices ask for.

The record lives in the company note, in the tool's region `applications` (appended at the
end of the note the first time there is something to record):

    <!-- dendron-jobsearch:begin applications -->
    ## Applications

    - 2027-01-05 applied
    - 2027-01-20 screening
    <!-- dendron-jobsearch:end applications -->

Each stage is recorded once, the first day `sync` (or `watch`) sees the company's `pipeline`
at it (`wishlist` is not an application and is not recorded). Dates the person set win: a
line they wrote or changed in the region is kept as it is (a stage already on a line is never
recorded again), and the `applied:` key, when set, is the applied line's date. Any other
line in the region is theirs too and stays. As for stages, the state here is the *final*
one — today's change included — so what `sync` writes is what the next run computes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..findings import Finding
from ..settings import Settings
from ..workspace import Workspace
from ..write import regions
from .days import day as day_text
from .days import in_range
from .pipeline import STAGES, Company, Interview, load_pipeline

REGION = "applications"
HEADING = "## Applications"
RECORDED = tuple(s for s in STAGES if s != "wishlist")  # the stages a record line can name
OUTCOMES = ("accepted", "declined", "rejected", "withdrawn", "ghosted")
_LINE = re.compile(r"^(?P<lead>\s*[-*+]\s+)(?P<day>\d{4}[-.]\d{2}[-.]\d{2})(?P<rest>\s+.*)?$")


@dataclass(frozen=True)
class Step:
    """One dated line of the record: the day, the stage it names ('' for another line the
    person wrote, such as `- 2027-01-12 called the recruiter`), and its text after the day."""

    day: date
    stage: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "stage": self.stage or None, "text": self.text}


def read_step(line: str) -> Step | None:
    """The step a line of the region holds, if it holds one."""
    match = _LINE.match(line)
    if match is None:
        return None
    try:
        when = in_range(date.fromisoformat(match.group("day").replace(".", "-")))
    except ValueError:
        return None
    text = (match.group("rest") or "").strip()
    word = text.split(maxsplit=1)[0].lower().rstrip(".,:;") if text else ""
    return Step(when, word if word in RECORDED else "", text)


@dataclass
class Application:
    """A company's application as the record has it (today's change included)."""

    company: Company
    steps: list[Step]
    # the region's content the tool wants written, or None when the note needs no change
    region: str | None = None

    @property
    def applied(self) -> date | None:
        """The `applied:` key, else the record's applied line."""
        return self.company.applied or self.first("applied")

    def first(self, stage: str) -> date | None:
        return next((s.day for s in self.steps if s.stage == stage), None)

    @property
    def outcome(self) -> str | None:
        """How it ended (accepted, declined, rejected, withdrawn, ghosted); None while open."""
        return self.company.pipeline if self.company.pipeline in OUTCOMES else None

    @property
    def interviews(self) -> list[Interview]:
        return self.company.interviews

    def to_json(self, today: date) -> dict[str, Any]:
        company = self.company
        return {
            "fname": company.fname,
            "name": company.name,
            "role": company.role,
            "source": company.source,
            "referrer": company.referrer,
            "applied": day_text(self.applied) or None,
            "pipeline": company.pipeline,
            "stages": [s.to_json() for s in self.steps],
            "interviews": [
                {
                    "fname": i.fname,
                    "date": day_text(i.date) or None,
                    "kind": i.kind,
                    "outcome": i.outcome,
                }
                for i in company.interviews
            ],
            "outcome": self.outcome,
            "offer": company.offer.to_json(today) if company.offer else None,
        }


def _with_applied(lines: list[str], applied: date) -> list[str]:
    """`lines` with the applied line on the `applied:` key's day (changed in place, or
    added before the first later step)."""
    out = list(lines)
    for position, line in enumerate(out):
        step = read_step(line)
        if step is not None and step.stage == "applied":
            if step.day != applied:
                match = _LINE.match(line)
                assert match is not None
                out[position] = f"{match.group('lead')}{applied.isoformat()}{match.group('rest')}"
            return out
    new = f"- {applied.isoformat()} applied"
    for position, line in enumerate(out):
        step = read_step(line)
        if step is not None and step.day > applied:
            out.insert(position, new)
            return out
    return regions.appended(out, new)


def application(company: Company, today: date) -> Application:
    """The company's record as it should stand today (see the module doc). A region whose
    markers are broken records nothing (its steps are unknown); its edit is still wanted,
    so the writer names the note and the markers to fix."""
    existing, broken = regions.region_lines(company.note.path, REGION)
    lines = _recorded(company, list(existing or []), today)
    if broken:
        return Application(company, [], "\n".join([HEADING, "", *lines]) if lines else None)
    steps = [s for s in map(read_step, lines) if s is not None]
    wanted: str | None = None
    if lines != (existing or []):
        wanted = "\n".join(lines if existing is not None else [HEADING, "", *lines])
    return Application(company, steps, wanted)


def _recorded(company: Company, lines: list[str], today: date) -> list[str]:
    """`lines` with the `applied:` key's day and today's stage, if not recorded yet."""
    if company.applied is not None:
        lines = _with_applied(lines, company.applied)
    stage = company.pipeline
    seen = {s.stage for s in map(read_step, lines) if s is not None}
    if stage in RECORDED and stage not in seen:
        lines = regions.appended(lines, f"- {today.isoformat()} {stage}")
    return lines


def applied_to(record: Application) -> bool:
    """Whether the company is an application at all (not only on the wish list)."""
    return bool(record.steps) or record.company.reached >= 0


def applications(companies: list[Company], today: date) -> list[Application]:
    """Every company applied to, earliest application first (unknown dates last)."""
    found = [r for r in (application(c, today) for c in companies) if applied_to(r)]
    return sorted(found, key=lambda r: (r.applied or date.max, r.company.name.lower()))


@dataclass
class ApplicationsRecord:
    """Every application of the search, as `export applications` lists them. `problems`
    are the company and interview notes that cannot be read (their figures unknown);
    `findings` the values that do not parse (the rest of the note still counts)."""

    applications: list[Application]
    today: date
    problems: list[Finding]
    findings: list[Finding]

    def to_json(self) -> dict[str, Any]:
        return {
            "applications": [a.to_json(self.today) for a in self.applications],
            "findings": [f.to_json() for f in self.problems + self.findings],
        }


def load_applications(
    ws: Workspace, settings: Settings, today: date | None = None
) -> ApplicationsRecord:
    """The applications record of the workspace's companies (no plan needed)."""
    pipeline = load_pipeline(ws, settings, today)
    found = applications(pipeline.companies, pipeline.today)
    return ApplicationsRecord(found, pipeline.today, pipeline.problems, pipeline.findings)


__all__ = [
    "REGION",
    "Application",
    "ApplicationsRecord",
    "Step",
    "application",
    "applications",
    "load_applications",
    "read_step",
]
