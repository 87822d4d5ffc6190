"""Findings: what reading (or checking) a workspace found wrong, each naming a file and a line.

A finding is data, not an exception: one unreadable note must never stop the rest of the vault
from loading, so readers collect findings and the CLI decides how to show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Every finding's code, with the severity `check` reports it with (README: `check`).
SEVERITY: dict[str, Severity] = {
    "config-invalid": "error",
    "frontmatter-invalid": "error",
    "frontmatter-missing": "warning",
    "duplicate-id": "error",
    "invalid-fname": "warning",
    "broken-link": "warning",
    "broken-anchor": "warning",
    "missing-attachment": "warning",
    "unreadable": "error",
    "root-missing": "error",
    "schema-missing": "error",
    "outside-vault": "warning",
    "not-loaded": "warning",
    "vault-missing": "error",
    "note-too-long": "warning",
    "cannot-use": "error",
    "tags-invalid": "warning",
    "config-legacy": "warning",
    "value-invalid": "warning",
    "plan-invalid": "error",
    "plan-inconsistent": "warning",
    "template-invalid": "error",
    "write-failed": "error",
    "write-refused": "error",
    "cannot-add": "error",
    "merge-conflict": "error",
    "workspace-missing": "error",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located: `path` is workspace-relative, `line` 1-based (None: whole file)."""

    code: str
    path: str
    line: int | None
    message: str

    @property
    def severity(self) -> Severity:
        return SEVERITY.get(self.code, "error")

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "path": self.path, "line": self.line, "message": self.message}

    def __str__(self) -> str:
        return self.text()

    def text(self, with_code: bool = True) -> str:
        """`path:line: code: message`, as much of the place as is known."""
        where = f"{self.path}:{self.line}" if self.path and self.line else self.path
        code = f"{self.code}: " if with_code else ""
        return f"{where}: {code}{self.message}" if where else f"{code}{self.message}"


class JobSearchError(Exception):
    """The one error type of the library: what went wrong, located (file and line) in one or
    more findings. The command line shows it once, one line per finding, and exits 1."""

    show_code = True  # errors people read as sentences (a plan, a template) leave it out

    def __init__(self, *findings: Finding) -> None:
        if not findings:
            raise ValueError("an error needs at least one finding")
        super().__init__(*findings)
        self.findings: list[Finding] = list(findings)

    def __str__(self) -> str:
        return "\n".join(f.text(self.show_code) for f in self.findings)

    @property
    def finding(self) -> Finding:
        return self.findings[0]

    def to_json(self) -> dict[str, object]:
        """`{"error": ..., "findings": [...]}`: what `--json` prints when a command fails."""
        return {"error": str(self), "findings": [f.to_json() for f in self.findings]}


class WorkspaceError(JobSearchError):
    """The workspace itself cannot be used (no dendron.yml, or one that does not parse)."""
