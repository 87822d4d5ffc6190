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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .checks import check
    from .findings import Finding, WorkspaceError
    from .vault.model import ChecklistItem, Heading, Link, Note
    from .workspace import ResolvedLink, Workspace, open_workspace

# Exported names are imported on first use (PEP 562) so the command line starts fast.
_EXPORTS = {
    "check": "checks",
    "Finding": "findings",
    "WorkspaceError": "findings",
    "ChecklistItem": "vault.model",
    "Heading": "vault.model",
    "Link": "vault.model",
    "Note": "vault.model",
    "ResolvedLink": "workspace",
    "Workspace": "workspace",
    "open_workspace": "workspace",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
