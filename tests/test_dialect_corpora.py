"""The public Obsidian and Foam corpora (`../shared/corpora/`): the Tasks plugin's docs and
sample vault, Foam's own documentation. Every note reads, `check` finds only the links the
corpora really leave broken, links resolve as the apps resolve them (spot-checked by hand,
below), every task line reads with its fields, and `check` / `graph --format json` answer
in the shapes they have for Dendron."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import check, open_workspace
from dendron_jobsearch.cli import main
from dendron_jobsearch.vault.model import Note
from dendron_jobsearch.vault.tasks import parse_task
from dendron_jobsearch.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
DOCS = CORPORA / "obsidian-tasks-docs" / "docs"
DEMO = CORPORA / "obsidian-tasks-demo" / "Tasks-Demo"
FOAM_DOCS = CORPORA / "foam-docs" / "docs"

# Every broken link of each corpus, and why it is broken there too.
BROKEN = {
    DOCS: [],
    DEMO: [
        # `[x](pa#th/path/...)`: Obsidian too reads `#` as the start of a heading
        ("Test Data/link_in_task_markdown_link.md", 29, "pa"),
        ("Test Data/link_in_task_wikilink.md", 25, "pa"),
        ("Test Data/link_is_broken.md", 3, "broken link - do not fix me"),  # says so
    ],
    FOAM_DOCS: [
        ("dev/contribution-guide.md", 3, "../../CONTRIBUTING"),  # outside docs/
        # publishing.md is not in the repository's docs at this commit (user/index.md's
        # `[[publishing]]` resolves: its link reference definition points elsewhere)
        ("dev/design/static-site-publishing-research.md", 11, "../../user/publishing/publishing"),
        ("user/tools/cli/search.md", 11, "cli-grep"),  # the note is cli/grep.md
    ],
}


def corpus(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"corpus not found: {path}")
    return path


def opened(path: Path) -> Workspace:
    return open_workspace(corpus(path), use_cache=False, workers=1)


def note_files(root: Path, skip: set[str]) -> list[str]:
    """Every `.md` below `root` outside dot-folders, by hand."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in skip]
        rel = os.path.relpath(folder, root)
        for name in files:
            if name.endswith(".md"):
                found.append(os.path.normpath(os.path.join(rel, name[:-3])).replace(os.sep, "/"))
    return sorted(found)


@pytest.mark.parametrize(
    ("path", "dialect", "skip"),
    [(DOCS, "obsidian", set()), (DEMO, "obsidian", set()), (FOAM_DOCS, "foam", {"_site"})],
    ids=["tasks-docs", "tasks-demo", "foam-docs"],
)
def test_every_note_reads_and_check_finds_only_the_broken_links(
    path: Path, dialect: str, skip: set[str]
) -> None:
    ws = opened(path)
    assert ws.dialect.name == dialect
    assert [n.fname for n in ws.notes] == note_files(path, skip)
    assert ws.findings == []
    report = check(ws)
    assert report.errors == []
    broken = [f for f in report.warnings if f.code != "missing-attachment"]
    assert [(f.code, f.path, f.line) for f in broken] == [
        ("broken-link", rel, line) for rel, line, _ in BROKEN[path]
    ]
    assert [f.message for f in broken] == [
        f"link to {target!r}: no such note" for _, _, target in BROKEN[path]
    ]
    # the corpora keep notes only (SOURCES.md): every embedded image is missing there
    embeds = [r for r in ws.links() if r.attachment]
    assert embeds and not any(r.resolved for r in embeds)
    assert len(report.warnings) - len(broken) == len(embeds)


def resolved(ws: Workspace, source: str, line: int) -> list[tuple[str, str | None, list[str]]]:
    return [
        (r.link.value, r.link.anchor, [t.fname for t in r.targets])
        for r in ws.links()
        if r.source.fname == source and r.link.line == line
    ]


def test_links_of_the_tasks_docs_resolve_as_obsidian_resolves_them() -> None:
    ws = opened(DOCS)
    # by file name across folders, whatever the case of the link
    assert ("Kanban plugin", None, ["Other Plugins/Kanban Plugin"]) in resolved(
        ws, "Editing/Auto-Suggest", 140
    )
    # target first, the display text after the bar, a heading as anchor
    [link] = [r.link for r in ws.links() if r.source.fname == "Editing/Auto-Suggest"][5:6]
    assert (link.value, link.alias, link.anchor) == (
        "Tasks Api",
        "Auto-Suggest Integration",
        "Auto-Suggest Integration",
    )
    # an embed of a note in another folder, and of a heading of a folder's namesake note
    assert resolved(ws, "Advanced/Styling", 84) == [
        (
            "Sample HTML - Full mode",
            None,
            ["snippets-embedded-in-multiple-pages/Sample HTML - Full mode"],
        )
    ]
    assert resolved(ws, "Support and Help/Known Limitations", 32) == [
        ("Getting Started", "Limitations and warnings", ["Getting Started/Getting Started"])
    ]
    # `[[#Heading]]` is the note itself
    assert resolved(ws, "Editing/Editing Dates", 15) == [
        ("Editing/Editing Dates", "Date-picker on task dates", ["Editing/Editing Dates"]),
        ("Editing/Editing Dates", "Context menu on task dates", ["Editing/Editing Dates"]),
        ("Editing/Editing Dates", "other date-editing options", ["Editing/Editing Dates"]),
    ]


def test_links_of_the_tasks_demo_resolve_as_obsidian_resolves_them() -> None:
    ws = opened(DEMO)
    # Markdown links are URL-decoded paths, found by name as wikilinks are
    assert resolved(ws, "Test Data/all_link_types", 3) == [
        ("markdownLink", None, ["Test Attachments/markdownLink"])
    ]
    assert resolved(ws, "Test Data/all_link_types", 21) == [
        ("markdownLink", "heading#sub-heading", ["Test Attachments/markdownLink"])
    ]
    assert resolved(ws, "Test Data/all_link_types", 15) == [
        ("wikilink", "heading", ["Test Attachments/wikilink"])
    ]
    # the corpus's own test of case: `[[liNk_in_YaMl]]`
    [(value, _, targets)] = [
        link
        for line in range(1, 40)
        for link in resolved(ws, "Test Data/link_in_task_wikilink_different_case", line)
    ]
    assert (value, targets) == ("liNk_in_YaMl", ["Test Data/link_in_yaml"])
    # properties: aliases and tags, typed as Obsidian types them
    alias = ws.get("Test Data/yaml_1_alias")
    assert alias is not None and alias.aliases == ["YAML Alias 1"]


def test_links_of_foams_docs_resolve_as_foam_resolves_them() -> None:
    ws = opened(FOAM_DOCS)
    graph = [(r.link.value, [t.fname for t in r.targets]) for r in ws.links()]
    # a Markdown link starting with `..` is a path from the note's folder
    assert ("../features/graph-view", ["user/features/graph-view"]) in [
        (r.link.value, [t.fname for t in r.targets])
        for r in ws.links()
        if r.source.fname == "user/getting-started/navigation"
    ]
    # wikilinks by name across folders
    assert ("graph-view", ["user/features/graph-view"]) in graph
    # ... or where the note's link reference definition says, as Foam resolves them
    assert resolved(ws, "user/index", 69) == [
        ("publishing", None, ["user/publishing/publish-to-github-pages"])
    ]
    assert ("block-anchors", ["user/features/block-anchors"]) in graph
    # the link reference definitions Foam keeps at the end are read, apart from the text
    with_definitions = [n for n in ws.notes if n.definitions is not None]
    assert with_definitions
    for note in with_definitions:
        assert note.definitions is not None
        text = Path(note.file or "").read_text(encoding="utf-8").split("\n")
        first = note.definitions.line
        assert text[first - 1].startswith("[")
        assert all(d.line >= first for d in note.definitions.definitions)
        assert all(link.line is None or link.line < first for link in note.links)


def _tasks(ws: Workspace) -> list[tuple[Note, str, object]]:
    return [(n, item.text, item) for n in ws.notes for item in n.iter_checklist()]


_SIGNS = re.compile("[🔺⏫🔼🔽⏬📅📆🗓⏳⌛🛫➕✅❌🔁🏁⛔🆔]")  # noqa: RUF001 - the plugin's signs


def _consistent(text: str) -> None:
    """What the plugin reads off a line: no field is left at the end of the description,
    and each sign is either a field read or still in the description."""
    fields = parse_task(text)
    again = parse_task(fields.description)
    assert again.description == fields.description, text
    read = sum(
        1
        for name in ("created", "start", "scheduled", "due", "done", "cancelled")
        if getattr(fields, name) is not None or name in fields.invalid_dates
    )
    read += (fields.priority != "none") + (fields.recurrence is not None)
    read += (fields.on_completion is not None) + (fields.id is not None)
    read += bool(fields.depends_on)
    signs_left = len(_SIGNS.findall(fields.description))
    assert len(_SIGNS.findall(text)) == read + signs_left, text


def test_every_task_line_of_the_tasks_corpora_reads_with_its_fields() -> None:
    docs, demo = opened(DOCS), opened(DEMO)
    items = _tasks(docs)
    assert len(items) == 50
    for _, text, item in items:
        assert item.fields is not None  # type: ignore[attr-defined]
        _consistent(text)
    # and the task lines its pages show as examples (in ```md blocks)
    examples = []
    for note in docs.notes:
        for block in re.findall(r"```(?:md|markdown|text)\n(.*?)```", note.body, re.S):
            examples += re.findall(r"^\s*- \[.\] (.*)$", block, re.M)
    assert len(examples) > 100
    for text in examples:
        _consistent(text)
    # the sample vault's global filter is `#task`: items without it are no tasks
    demo_items = _tasks(demo)
    assert all((item.fields is None) == ("#task" not in text) for _, text, item in demo_items)  # type: ignore[attr-defined]
    acme = demo.get("ACME")
    assert acme is not None
    by_line = {item.line: item for item in acme.iter_checklist()}
    take_out = by_line[5].fields
    assert take_out is not None
    assert (
        take_out.description,
        take_out.recurrence,
        str(take_out.created),
        str(take_out.due),
    ) == (
        "#task Take out the trash",
        "every week on Monday",
        "2024-02-19",
        "2024-03-04",
    )
    cook = by_line[9].fields
    assert cook is not None
    assert (cook.description, cook.priority, str(cook.scheduled)) == (
        "#task Cook dinner",
        "high",
        "2021-11-23",
    )
    parsing = demo.get("Formats/All Formats Parsing")
    assert parsing is not None
    [fields] = [i.fields for i in parsing.iter_checklist() if i.line == 5]
    assert fields is not None
    assert (fields.priority, fields.recurrence, str(fields.start), str(fields.scheduled)) == (
        "high",
        "every day",
        "2023-04-05",
        "2023-04-06",
    )
    assert str(fields.due) == "2023-04-07"


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args])
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    "path", [DOCS, DEMO, FOAM_DOCS], ids=["tasks-docs", "tasks-demo", "foam-docs"]
)
def test_check_and_graph_json_through_the_command_line(path: Path) -> None:
    code, out = cli(corpus(path), "check", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["errors"] == []
    assert {w["code"] for w in report["warnings"]} <= {"broken-link", "missing-attachment"}
    broken = [w for w in report["warnings"] if w["code"] == "broken-link"]
    assert len(broken) == len(BROKEN[path])
    code, out = cli(path, "graph", "--format", "json")
    assert code == 0
    graph = json.loads(out)
    assert {tuple(n) for n in graph["notes"]} == {("fname", "vault", "id", "title", "stub", "path")}
    keys = ("from", "from_vault", "to", "vault", "type", "value", "alias", "anchor", "line")
    assert {tuple(link) for link in graph["links"]} == {(*keys, "resolved", "attachment")}
    assert not any(n["stub"] for n in graph["notes"])
    assert graph["attachments"] == []  # no file but notes in the corpora
    unresolved = sorted(
        (link["from"], link["line"])
        for link in graph["links"]
        if not link["resolved"] and not link["attachment"]
    )
    assert unresolved == sorted((rel[:-3], line) for rel, line, _ in BROKEN[path])
