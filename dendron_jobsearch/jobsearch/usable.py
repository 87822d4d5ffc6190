"""Which notes the job search can use: a note that did not read, or read with an error (a
merge conflict, frontmatter that is no mapping), or is over Dendron's maxNoteLength (Dendron
does not parse it, so its checklist would count as empty) is one the tool neither counts nor
writes. Callers ask before they count, so an unreadable note is never taken for a missing
one and never shown as 0/0."""

from __future__ import annotations

from ..findings import Finding
from ..workspace import Workspace

# Warnings for `check` (Dendron loads a note over maxNoteLength; a link out of the vault is
# simply not read) that keep the job search from using a note it needs, and what to do.
UNUSABLE_WARNINGS = {
    "note-too-long": "shorten it, or raise workspace.maxNoteLength",
    "outside-vault": "keep the note itself inside the vault",
}


def unusable(findings: list[Finding]) -> list[Finding]:
    """The findings that keep the tool from using a note. Those `check` only warns of are
    errors here (`cannot-use`): the command exits 1 rather than show a figure without it."""
    found = []
    for f in findings:
        if f.code in UNUSABLE_WARNINGS:
            todo = UNUSABLE_WARNINGS[f.code]
            message = f"{f.message}; the tool neither counts nor writes it ({todo})"
            found.append(Finding("cannot-use", f.path, f.line, message))
        elif f.severity == "error" and f.code != "duplicate-id":
            found.append(f)
    return found


def note_problems(ws: Workspace, fname: str) -> list[Finding]:
    """Why the note `fname` cannot be used, if it cannot (empty: it can, or it is absent)."""
    return unusable(ws.file_findings(fname))


def unusable_files(ws: Workspace, prefix: str) -> dict[str, list[Finding]]:
    """Unusable note files whose fname starts with `prefix` (case-insensitive): fname ->
    findings. Finds the files that did not read at all, which no hierarchy lookup shows."""
    dialect = ws.index.dialect
    key = dialect.clean_name(prefix)
    found: dict[str, list[Finding]] = {}
    for finding in unusable(ws.findings_under(prefix)):
        if not finding.path.endswith(".md"):
            continue
        fname = dialect.fname_of_path(finding.path)
        if dialect.clean_name(fname).startswith(key):
            found.setdefault(fname, []).append(finding)
    return found
