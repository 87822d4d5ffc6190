"""Exports: the plan for Jira's CSV importer, the search as a calendar feed, and the
applications record. Each is text made from the notes alone (the same workspace gives the
same bytes); the command line prints it or writes it with `write_file`, and `sync` keeps the
feed named by the `ics` setting current.

An export needs every note it is made from: while one cannot be read, it is an error naming
the note's file and line — never an export that silently leaves something out. (`sync`
then keeps the feed as it was and says why.)
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..findings import Finding, JobSearchError
from ..jobsearch.applications import load_applications
from ..jobsearch.model import JobSearch
from ..settings import Settings
from ..views.applications import applications_csv
from ..views.ics import ics_text
from ..views.jira import jira_csv
from ..workspace import Workspace
from ..write.writer import Writer

APPLICATION_FORMATS = ("csv", "json")


def _refuse(problems: list[Finding]) -> None:
    if problems:
        raise JobSearchError(*problems)


def _stage_problems(search: JobSearch) -> list[Finding]:
    return [f for state in search.stages for f in state.problems]


def export_jira(search: JobSearch) -> str:
    """The plan as CSV for Jira's importer (see `views.jira`)."""
    _refuse(_stage_problems(search))
    return jira_csv(search)


def export_ics(search: JobSearch) -> str:
    """Stages, interviews and offer deadlines as an iCalendar feed (see `views.ics`)."""
    _refuse(_stage_problems(search) + search.pipeline.problems)
    return ics_text(search)


def export_applications(
    ws: Workspace, settings: Settings, fmt: str = "csv", *, today: date | None = None
) -> str:
    """Every application with its dates, as CSV or JSON (`ApplicationsRecord.to_json`)."""
    if fmt not in APPLICATION_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(APPLICATION_FORMATS)}")
    record = load_applications(ws, settings, today)
    _refuse(record.problems)
    if fmt == "json":
        return json.dumps(record.to_json(), ensure_ascii=False, indent=2) + "\n"
    return applications_csv(record.applications)


def feed_path(root: Path, settings: Settings) -> Path | None:
    """Where the `ics` setting puts the feed (a path inside the workspace: the settings
    refuse any other, and the writer any link out of it), if it does."""
    return root / settings.ics if settings.ics else None


def write_feed(search: JobSearch, writer: Writer) -> None:
    """Rewrite the feed the settings name when its text changes; while a note it needs
    cannot be read it stays as it was (the skip says so)."""
    path = feed_path(search.ws.root, search.settings)
    if path is None:
        return
    try:
        text = export_ics(search)
    except JobSearchError as err:
        note = err.finding.path or "a note it needs"
        writer.skip(writer.rel(path), f"kept as it was while {note} cannot be read")
        return
    writer.export(path, text)


__all__ = [
    "APPLICATION_FORMATS",
    "export_applications",
    "export_ics",
    "export_jira",
    "feed_path",
    "write_feed",
]
