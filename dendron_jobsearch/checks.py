"""A Dendron-doctor-like lint of a vault: what reading found, duplicate ids, invalid names,
broken links. Reads, never writes; knows nothing of the job search (see `usecases.check`)."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
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


def lint_vault(ws: Workspace, more: list[Finding] | None = None) -> CheckReport:
    """Reading findings plus duplicate ids, invalid fnames and broken links (and `more`,
    findings of a higher layer), sorted and split by severity."""
    found = list(ws.findings)
    for note_id, notes in ws.index.duplicate_ids().items():
        real = [n for n in notes if n.file is not None]
        if len(real) < 2:
            continue
        names = ", ".join(n.fname for n in real)
        shown = ws.index.dialect.shown_duplicate(real, ws.notes)
        for note in real:
            assert note.file is not None
            line = key_lines(note.file).get("id")
            which = "this one" if note is shown else shown.rel
            msg = (
                f"id {note_id!r} is used by {len(real)} notes ({names}); "
                f"Dendron shows {which} and leaves the other{'s' if len(real) > 2 else ''} "
                "out of its index"
            )
            found.append(Finding("duplicate-id", note.rel, line, msg))
    for note in ws.notes:
        if note.file is None:
            continue
        problem = ws.dialect.fname_problem(note.fname)
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
    found.extend(more or [])
    found.sort(key=lambda f: (f.path, f.line or 0, f.code))
    return CheckReport(
        [f for f in found if f.severity == "error"], [f for f in found if f.severity == "warning"]
    )


__all__ = ["CheckReport", "lint_vault"]
