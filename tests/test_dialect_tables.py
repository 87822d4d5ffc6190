"""The fixture tables of the Obsidian and Foam dialects: links as each app reads and
resolves them (`obsidian-links.md`, `foam-links.md`), and task lines as the Tasks plugin
reads them (`obsidian-tasks.md`). Each case cites the documented rule it follows.

A links case is a small vault: `=== path` starts a file (the first one is the note whose
links are listed); without any, the text is `This note.md` at the vault's root. Each link
is listed with what it resolves to (`-> path`, `-> file path` for an embedded attachment,
or `-> none`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dendron_jobsearch import open_workspace
from dendron_jobsearch.vault.model import ChecklistItem, Link

from .conftest import table


def make_vault(root: Path, marker: str, text: str) -> str:
    """Write the case's files under `root`; the fname of its first note."""
    (root / marker).mkdir(parents=True)
    files: list[tuple[str, list[str]]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("=== "):
            files.append((line[4:].strip(), []))
        elif not files:
            files.append(("This note.md", [line]))
        else:
            files[-1][1].append(line)
    for rel, lines in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(lines), encoding="utf-8")
    return files[0][0].removesuffix(".md")


def render(link: Link, targets: list[str]) -> str:
    parts = [link.type, repr(link.value)]
    for name in ("alias", "anchor"):
        value = getattr(link, name)
        if value is not None:
            parts.append(f"{name}={value!r}")
    parts.append(f"line={link.line}")
    parts.append("-> " + (", ".join(targets) if targets else "none"))
    return " ".join(parts)


def links_of(tmp_path: Path, marker: str, text: str) -> str:
    fname = make_vault(tmp_path, marker, text)
    ws = open_workspace(tmp_path, use_cache=False)
    note = ws.get(fname)
    assert note is not None, fname
    out = [
        render(r.link, [f"file {r.file}"] if r.file else [t.fname for t in r.targets])
        for r in ws.links()
        if r.source is note
    ]
    if note.tags:
        out.append("tags " + " ".join(note.tags))
    if note.aliases:
        out.append("aliases " + " | ".join(note.aliases))
    return "".join(line + "\n" for line in out)


@pytest.mark.parametrize(("text", "expected"), table("obsidian-links.md"))
def test_obsidian_links(tmp_path: Path, text: str, expected: str) -> None:
    assert links_of(tmp_path, ".obsidian", text) == expected


@pytest.mark.parametrize(("text", "expected"), table("foam-links.md"))
def test_foam_links(tmp_path: Path, text: str, expected: str) -> None:
    assert links_of(tmp_path, ".foam", text) == expected


def render_task(item: ChecklistItem, depth: int = 0) -> str:
    line = f"{'  ' * depth}[{item.status}] {item.status_type}"
    fields = item.fields
    if fields is None:
        line += f" (not a task) {item.text!r}"
    else:
        line += f" {fields.description!r}"
        for name in (
            "priority",
            "created",
            "start",
            "scheduled",
            "due",
            "done",
            "cancelled",
            "recurrence",
            "on_completion",
            "id",
            "depends_on",
            "block_link",
            "invalid_dates",
        ):
            value = getattr(fields, name)
            if value not in (None, (), "none"):
                shown = ",".join(value) if isinstance(value, tuple) else str(value)
                line += f" {name}={shown}"
    line += f" @{item.line}\n"
    return line + "".join(render_task(child, depth + 1) for child in item.children)


@pytest.mark.parametrize(("text", "expected"), table("obsidian-tasks.md"))
def test_obsidian_tasks(tmp_path: Path, text: str, expected: str) -> None:
    fname = make_vault(tmp_path, ".obsidian", text)
    note = open_workspace(tmp_path, use_cache=False).get(fname)
    assert note is not None
    assert "".join(render_task(item) for item in note.checklist) == expected
