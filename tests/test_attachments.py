"""Embedded attachments (`![[diagram.svg]]`, `![[photo.png|100]]`, `![alt](img/x.png)`) are
links to files: resolved as each app finds an attachment, nodes of kind `attachment` in the
graph, listed by `graph --format json`, and `missing-attachment` in `check` when the file is
not there. Dendron's `![[note]]` stays a note reference."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import check, open_workspace
from dendron_jobsearch.cli import main
from dendron_jobsearch.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
WORKSPACES = ROOT / "fixtures" / "workspaces"
CORPORA = ROOT.parent / "shared" / "corpora"


def opened(name: str) -> Workspace:
    return open_workspace(WORKSPACES / name, use_cache=False)


def embeds(ws: Workspace) -> list[tuple[str, int | None, str, str | None]]:
    """(linking note, line, as written, the file found) of every embedded attachment."""
    return [(r.source.rel, r.link.line, r.link.value, r.file) for r in ws.links() if r.attachment]


def cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["-w", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_obsidian_finds_attachments_as_it_finds_notes() -> None:
    """By name anywhere (`![[diagram.svg]]`), of two the shortest path, or the one in the
    note's own folder (`Archive/2023/Old.md`); a path from the root; nothing in code or on
    the web."""
    assert embeds(opened("obsidian-targets")) == [
        ("Archive/2023/Old.md", 1, "photo.png", "Archive/2023/photo.png"),
        ("Home.md", 13, "diagram.svg", "Attachments/diagram.svg"),
        ("Home.md", 13, "photo.png", "images/photo.png"),
        ("Home.md", 14, "images/photo.png", "images/photo.png"),
        ("Home.md", 14, "./gone.png", None),
        ("Home.md", 14, "gone.pdf", None),
    ]


def test_foam_finds_an_image_from_the_notes_folder() -> None:
    """An image's path is from the note's folder (foam-core `MarkdownResourceProvider`),
    `![[name]]` by the end of a path: `assets/chart.png` written in `notes/` is not there."""
    assert embeds(opened("foam-targets")) == [
        ("index.md", 10, "diagram.png", "assets/diagram.png"),
        ("index.md", 10, "assets/chart.png", "assets/chart.png"),
        ("index.md", 11, "gone.png", None),
        ("notes/meeting.md", 3, "../assets/chart.png", "assets/chart.png"),
        ("notes/meeting.md", 3, "assets/chart.png", None),
    ]


def test_dendron_images_are_attachments_and_note_references_are_not() -> None:
    ws = opened("dendron-targets")
    assert embeds(ws) == [
        ("vault/home.md", 22, "assets/images/diagram.png", "vault/assets/images/diagram.png"),
        ("vault/home.md", 22, "/assets/images/diagram.png", "vault/assets/images/diagram.png"),
        ("vault/home.md", 23, "assets/images/gone.png", None),
    ]
    [ref] = [r for r in ws.links() if r.link.value == "diagram.png"]
    assert (ref.link.type, ref.attachment, ref.resolved) == ("ref", False, False)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "obsidian-targets",
            [
                "warning Home.md:14 missing-attachment embed of './gone.png': no such file",
                "warning Home.md:14 missing-attachment embed of 'gone.pdf': no such file",
            ],
        ),
        (
            "foam-targets",
            [
                "warning index.md:11 missing-attachment embed of 'gone.png': no such file",
                "warning notes/meeting.md:3 missing-attachment embed of 'assets/chart.png':"
                " no such file",
            ],
        ),
        (
            "dendron-targets",
            [
                "warning vault/home.md:23 missing-attachment embed of"
                " 'assets/images/gone.png': no such file"
            ],
        ),
    ],
)
def test_check_reports_a_missing_attachment(name: str, expected: list[str]) -> None:
    out = cli(WORKSPACES / name, "check")
    assert [line for line in out.splitlines() if "missing-attachment" in line] == expected


def test_the_graph_has_attachment_nodes() -> None:
    graph = opened("obsidian-targets").graph()
    assert graph.nodes["Attachments/diagram.svg"] == {
        "fname": "Attachments/diagram.svg",
        "vault": "obsidian-targets",
        "title": "diagram.svg",
        "stub": False,
        "missing": False,
        "kind": "attachment",
    }
    assert graph.nodes["Home"]["kind"] == "note"
    assert graph.nodes["missing-file:gone.pdf"]["missing"] is True
    assert graph.nodes["missing-file:gone.pdf"]["kind"] == "attachment"
    # two embeds of one file: two edges, one node
    assert graph.number_of_edges("Home", "images/photo.png") == 2
    assert {e["type"] for _, _, e in graph.edges("Home", data=True) if e["kind"] == "link"} >= {
        "ref",
        "markdown",
    }


def test_graph_json_lists_attachments() -> None:
    graph = json.loads(cli(WORKSPACES / "obsidian-targets", "graph", "--format", "json"))
    assert graph["attachments"] == [
        {"path": "Archive/2023/photo.png", "vault": "obsidian-targets"},
        {"path": "Attachments/diagram.svg", "vault": "obsidian-targets"},
        {"path": "images/photo.png", "vault": "obsidian-targets"},
    ]
    [svg] = [link for link in graph["links"] if link["value"] == "diagram.svg"]
    assert svg == {
        "from": "Home",
        "from_vault": "obsidian-targets",
        "to": "Attachments/diagram.svg",
        "vault": None,
        "type": "ref",
        "value": "diagram.svg",
        "alias": None,
        "anchor": None,
        "line": 13,
        "resolved": True,
        "attachment": True,
    }
    assert not any(link["attachment"] for link in graph["links"] if link["value"] == "Plan")
    for fmt in ("dot", "mermaid", "graphml"):
        assert "diagram.svg" in cli(WORKSPACES / "obsidian-targets", "graph", "--format", fmt)


def test_an_attachment_added_later_is_found_once_the_note_is_read_again(tmp_path: Path) -> None:
    shutil.copytree(WORKSPACES / "obsidian-targets", tmp_path / "vault")
    ws = open_workspace(tmp_path / "vault", use_cache=False)
    assert [f.message for f in check(ws).warnings if "gone.pdf" in f.message]
    (tmp_path / "vault" / "gone.pdf").write_bytes(b"%PDF-1.4\n")
    ws.reload_file(tmp_path / "vault" / "Home.md")
    assert ("Home.md", 14, "gone.pdf", "gone.pdf") in embeds(ws)


def test_the_read_cache_keeps_the_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = WORKSPACES / "obsidian-targets"
    cold = embeds(open_workspace(root))
    assert embeds(open_workspace(root)) == cold == embeds(opened("obsidian-targets"))


def test_the_tasks_docs_embed_129_files() -> None:
    """Obsidian's Tasks docs embed 2 images as `![[...]]` and 127 as `![alt](...)` (one more
    sits in an HTML comment); the corpus keeps notes only (SOURCES.md), so none is there."""
    docs = CORPORA / "obsidian-tasks-docs" / "docs"
    if not docs.is_dir():
        pytest.skip(f"corpus not found: {docs}")
    found = [r for r in open_workspace(docs, use_cache=False).links() if r.attachment]
    assert [r.link.type for r in found].count("ref") == 2
    assert len(found) == 129 and not any(r.resolved for r in found)
