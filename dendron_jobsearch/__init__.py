"""dendron-jobsearch: run a structured job search inside a Dendron workspace.

The public API, kept small:

    from dendron_jobsearch import open_workspace
    ws = open_workspace("path/to/workspace")
    ws.notes, ws.find("interviews.all-stages"), ws.links(), ws.graph(), ws.findings
    from dendron_jobsearch import check
    check(ws)  # the findings of `dendron-jobsearch check`
"""

from __future__ import annotations

__version__ = "0.1.0"

from .check import check
from .findings import Finding, WorkspaceError
from .vault.model import ChecklistItem, Heading, Link, Note
from .workspace import ResolvedLink, Workspace, open_workspace

__all__ = [
    "ChecklistItem",
    "Finding",
    "Heading",
    "Link",
    "Note",
    "ResolvedLink",
    "Workspace",
    "WorkspaceError",
    "__version__",
    "check",
    "open_workspace",
]
