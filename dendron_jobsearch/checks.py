"""A Dendron-doctor-like lint of a vault: what reading found, duplicate ids, invalid names,
broken links, anchors and attachments. Reads, never writes; knows nothing of the job search
(see `usecases.check`)."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
from .vault.anchors import Anchors
from .vault.frontmatter import key_lines
from .workspace import ResolvedLink, Workspace


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
    found += link_findings(ws)
    found.extend(more or [])
    found.sort(key=lambda f: (f.path, f.line or 0, f.code))
    return CheckReport(
        [f for f in found if f.severity == "error"], [f for f in found if f.severity == "warning"]
    )


def link_findings(ws: Workspace) -> list[Finding]:
    """`broken-link` (no such note), `missing-attachment` (an embedded file that is not
    there) and `broken-anchor` (the note is there, the heading or block is not): each link
    is told one thing at most."""
    found = []
    vault_names = {v.name for v in ws.config.vaults}
    anchors = Anchors()
    for resolved in ws.links():
        link, source = resolved.link, resolved.source
        if source.file is None:
            continue
        if resolved.attachment:
            if resolved.file is None:
                msg = f"embed of {link.value!r}: no such file"
                found.append(Finding("missing-attachment", source.rel, link.line, msg))
            continue
        target = f"dendron://{link.vault}/{link.value}" if link.vault else link.value
        kind = {"ref": "note reference", "frontmatterTag": "tag"}.get(link.type, "link")
        if resolved.resolved:
            missing = _missing_anchor(resolved, anchors)
            if missing is not None:
                msg = f"{kind} to {f'{target}#{link.anchor}'!r}: no {missing}"
                found.append(Finding("broken-anchor", source.rel, link.line, msg))
            continue
        if link.vault is not None and link.vault not in vault_names:
            continue  # a vault this workspace does not have: Dendron skips these too
        msg = f"{kind} to {target!r}: no such note"
        found.append(Finding("broken-link", source.rel, link.line, msg))
    return found


def _missing_anchor(resolved: ResolvedLink, anchors: Anchors) -> str | None:
    """What the anchor names that the target lacks (`heading 'X' in a.md`, `block '^x' in
    a.md`), None when it has it, or when there is nothing to look in (a stub, a `prefix.*`
    reference to several notes)."""
    link = resolved.link
    notes = [n for n in resolved.targets if n.file is not None]
    if not link.anchor or not notes or link.value.endswith("*"):
        return None
    part = anchors.missing(link.anchor, notes)
    if part is None:
        return None
    what = "block" if part.startswith("^") else "heading"
    return f"{what} {part!r} in {notes[0].rel}"


__all__ = ["CheckReport", "link_findings", "lint_vault"]
