"""`check`: a Dendron-doctor-like lint of a workspace. Reads, never writes."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
from .vault.fnames import fname_problem
from .vault.frontmatter import key_lines
from .workspace import Workspace


@dataclass(frozen=True, slots=True)
class CheckReport:
    errors: list[Finding]
    warnings: list[Finding]

    def to_json(self) -> dict[str, list[dict[str, object]]]:
        return {
            "errors": [f.to_json() for f in self.errors],
            "warnings": [f.to_json() for f in self.warnings],
        }


def _jobsearch_findings(ws: Workspace) -> list[Finding]:
    """In a workspace the tool runs in (it has `dendron-jobsearch.yml`): every bad line of
    the plan, and company and interview values that do not parse."""
    from .findings import JobSearchError
    from .jobsearch.model import load_jobsearch
    from .jobsearch.pipeline import load_pipeline
    from .settings import SETTINGS_FILE, load_settings

    if not (ws.root / SETTINGS_FILE).is_file():
        return []
    try:
        settings = load_settings(ws.root)
    except JobSearchError as err:
        return err.findings
    found = load_pipeline(ws, settings).findings
    try:
        load_jobsearch(ws, settings)
    except JobSearchError as err:  # unreadable notes are reading findings already
        found += [f for f in err.findings if f not in ws.findings]
    return found


def check(ws: Workspace) -> CheckReport:
    """Reading findings plus duplicate ids, invalid fnames and broken links."""
    found = list(ws.findings)
    for note_id, notes in ws.index.duplicate_ids().items():
        real = [n for n in notes if n.file is not None]
        if len(real) < 2:
            continue
        names = ", ".join(n.fname for n in real)
        for note in real:
            assert note.file is not None
            line = key_lines(note.file).get("id")
            msg = f"id {note_id!r} is used by {len(real)} notes ({names})"
            found.append(Finding("duplicate-id", note.rel, line, msg))
    for note in ws.notes:
        if note.file is None:
            continue
        problem = fname_problem(note.fname)
        if problem:
            found.append(Finding("invalid-fname", note.rel, None, problem))
    vault_names = {v.name for v in ws.config.vaults}
    for resolved in ws.links():
        link, source = resolved.link, resolved.source
        if resolved.resolved or source.file is None:
            continue
        if link.vault is not None and link.vault not in vault_names:
            continue  # a vault this workspace does not have: Dendron skips these too
        target = f"dendron://{link.vault}/{link.value}" if link.vault else link.value
        kind = {"ref": "note reference", "frontmatterTag": "tag"}.get(link.type, "link")
        msg = f"{kind} to {target!r}: no such note"
        found.append(Finding("broken-link", source.rel, link.line, msg))
    found.extend(_jobsearch_findings(ws))
    found.sort(key=lambda f: (f.path, f.line or 0, f.code))
    return CheckReport(
        [f for f in found if f.severity == "error"], [f for f in found if f.severity == "warning"]
    )


__all__ = ["CheckReport", "check"]
