"""`check`: the vault's lint (`checks.lint_vault`) and, in a workspace the tool runs in (it
has `dendron-jobsearch.yml`), every bad line of the plan, the times it states that its
stages miss (`plan-inconsistent`), and company and interview values that do not parse.
Reads, never writes."""

from __future__ import annotations

from ..checks import CheckReport, lint_vault
from ..findings import Finding, JobSearchError
from ..jobsearch.model import load_jobsearch
from ..jobsearch.pipeline import load_pipeline
from ..settings import SETTINGS_FILE, load_settings
from ..workspace import Workspace


def jobsearch_findings(ws: Workspace) -> list[Finding]:
    """Company and interview values that do not parse; the plan's bad lines and its
    inconsistent times only where the tool runs (a vault with no `dendron-jobsearch.yml` has
    no plan of the tool's)."""
    try:
        settings = load_settings(ws.root)
    except JobSearchError as err:
        return err.findings
    found = load_pipeline(ws, settings).findings
    if not (ws.root / SETTINGS_FILE).is_file():
        return found
    try:
        search = load_jobsearch(ws, settings)
    except JobSearchError as err:  # unreadable notes are reading findings already
        return found + [f for f in err.findings if f not in ws.findings]
    return found + search.plan_findings


def check(ws: Workspace) -> CheckReport:
    """Everything `dendron-jobsearch check` reports."""
    return lint_vault(ws, jobsearch_findings(ws))
