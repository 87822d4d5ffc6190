"""We read every fixture workspace and every real corpus exactly as Dendron's own engine does.

For each workspace (the hand-written ones in `fixtures/workspaces/`, and the public vaults in
`../shared/corpora/` when that folder exists) a copy is loaded twice: by Dendron 0.122's
engine (`tests/oracle.py`, needs node and npm) and by `open_workspace`. Notes, stubs,
titles, links (type, target, alias, anchor, vault, line) and explicit ids must agree.

The copy matters: Dendron writes cache files into the vaults it loads, and the shared corpora
must never be written. Without node/npm the tests are skipped, unless CI=true, where a missing
oracle is a failure.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pytest

from dendron_jobsearch import check, open_workspace

from .oracle import compare, ours, run_oracle

pytestmark = pytest.mark.conformance

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_WORKSPACES = ROOT / "fixtures" / "workspaces"
CORPORA = ROOT.parent / "shared" / "corpora"  # beside the checkout, here and in CI


def _workspace_roots(folder: Path, depth: int) -> list[Path]:
    """Folders holding a `dendron.yml`: `folder` itself, else its sub-folders (to `depth`)."""
    if (folder / "dendron.yml").is_file():
        return [folder]
    if depth == 0:
        return []
    found: list[Path] = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found += _workspace_roots(child, depth - 1)
    return found


def _cases() -> list[Any]:
    cases = [
        pytest.param(ws, id=f"fixture-{ws.name}")
        for ws in sorted(p for p in FIXTURE_WORKSPACES.iterdir() if (p / "dendron.yml").is_file())
    ]
    if CORPORA.is_dir():
        for corpus in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
            # dendron-test-workspace keeps its workspace one level down, in test-workspace/
            for ws in _workspace_roots(corpus, depth=1):
                cases.append(pytest.param(ws, id=f"corpus-{corpus.name}"))
    return cases


def _js_string(value: Any) -> str:
    """How a frontmatter id reads once JavaScript turns it into a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if value.is_integer():
            return str(int(value))
    return "" if value is None else str(value)


def _id_differences(theirs: dict[str, Any], ws_root: Path) -> list[str]:
    """Notes whose frontmatter sets an id must get the same id on both sides (a note without
    one gets a random id from each, so those are not compared)."""
    dendron = {(n["vault"], n["fname"]): n for n in theirs["notes"] if not n["stub"]}
    diffs = []
    for note in open_workspace(ws_root, use_cache=False).notes:
        other = dendron.get((note.vault, note.fname))
        if note.stub or other is None or "id" not in note.frontmatter:
            continue
        if _js_string(other["id"]) != note.id:
            diffs.append(f"{(note.vault, note.fname)}: id Dendron={other['id']!r} ours={note.id!r}")
    return diffs


# Where we read differently on purpose, or where emulating remark v8 any further would mean
# rewriting its parser; every entry is a decision, and the test fails if it stops holding.
KNOWN_DIFFERENCES = {
    "fixture-duplicate-ids": [
        # Dendron's index holds one note an id and drops the others; we keep every note
        # and report `duplicate-id`, naming the one Dendron shows
        # (test_check_names_the_duplicate_dendron_shows).
        "note only in ours: ('vault', 'Upper') stub=False",
        "note only in ours: ('vault', 'Zed') stub=False",
        "note only in ours: ('vault', 'a') stub=False",
        "note only in ours: ('vault', 'c.d.e') stub=False",
        "note only in ours: ('vault', 'shared') stub=False",
        "note only in ours: ('vault', 'x.y') stub=False",
    ],
    "fixture-fences": [
        # remark strips a `1. ` item's indent by four, not three (see fixture-indented-code):
        # its closing fence, three in, then ends the inner item, which markdown-it does not
        # see; following it means remark's list tokenizer.
        "('vault', 'fences.lists'): link only in Dendron: ('wiki', 'fences.lists.n.g', None, "
        "None, None, 47)",
    ],
    "fixture-hierarchy": [
        # JavaScript prints a YAML date title in local time ("Thu Jan 05 2023 00:00:00 GMT...");
        # we keep the date as written.
        "('vault', 'title.date'): title Dendron='Thu Jan 05 2023 00:00:00 GMT+0000 "
        "(Coordinated Universal Time)' ours='2023-01-05'",
    ],
    "fixture-indented-code": [
        # remark takes a list item's indent off by the least indent of its lines (at most the
        # bullet's width, one more after `1.`; nothing at all once a line is lazy), markdown-it
        # by the item's content column. So whether a line indented four more than the text
        # is code depends on the item's other lines; following that means remark's list
        # tokenizer. Here a line seven in under `1. ` is code to us, a list to remark...
        "('vault', 'indented.lists'): link only in Dendron: ('wiki', "
        "'indented.lists.ord.seven', None, None, None, 12)",
        # ...and after a lazy line remark's item keeps its indent, so a line four in is code.
        "('vault', 'indented.lists'): link only in ours: ('wiki', "
        "'indented.lists.lazy.code', None, None, None, 16)",
    ],
    "fixture-tags-emphasis": [
        # `** @**Name**`: remark v8 pairs `**` without flanking rules, so its strong holds
        # ` @`, too short a tag; to markdown-it (and CommonMark) `** ` opens nothing, and the
        # tag follows a space.
        "('vault', 'usertags.emphasis'): link only in ours: ('wiki', 'user.**Name**', "
        "'@**Name**', None, None, 31)",
    ],
    "fixture-links": [
        # remark re-reads emphasis that never closes (`**#x ... *y*#tag`) in ways markdown-it
        # does not; a tag glued right after such a run is read by us only.
        "('vault', 'inline'): link only in ours: ('wiki', 'tags.afteremph.', '#afteremph.', None, "
        "None, 15)",
        # `[[Esc\\|target]]` in a table cell: Dendron keeps the backslash in the alias.
        "('vault', 'table'): link only in Dendron: ('wiki', 'target', 'Esc\\\\', None, None, 5)",
        "('vault', 'table'): link only in ours: ('wiki', 'target', 'Esc', None, None, 5)",
    ],
}


def test_a_legacy_config_is_read_and_flagged(oracle: Path, tmp_path: Path) -> None:
    """Dendron 0.122 reads a top-level `vaults:` only in a version 4 config and loads nothing
    otherwise; we read the vaults and say why Dendron will not."""
    ws_root = tmp_path / "legacy"
    shutil.copytree(FIXTURE_WORKSPACES / "legacy", ws_root)
    theirs = run_oracle(ws_root)
    assert theirs["notes"] == []
    ws = open_workspace(ws_root, use_cache=False)
    assert [f.code for f in ws.findings] == ["config-legacy"]
    assert {n.fname for n in ws.notes if not n.stub} >= {"root", "project.alpha"}


def test_check_names_the_duplicate_dendron_shows(oracle: Path, tmp_path: Path) -> None:
    """Of notes sharing an id Dendron's index keeps the last one its loader reads (by vault,
    level and file name, a child putting its parent again); `check` names that one."""
    ws_root = tmp_path / "duplicate-ids"
    shutil.copytree(FIXTURE_WORKSPACES / "duplicate-ids", ws_root)
    theirs = run_oracle(ws_root)
    kept = {n["id"]: (n["vault"], n["fname"]) for n in theirs["notes"] if not n["stub"]}
    ws = open_workspace(ws_root, use_cache=False)
    groups = {i: [n for n in ns if n.file] for i, ns in ws.index.duplicate_ids().items()}
    assert len(groups) == 6
    for note_id, notes in groups.items():
        shown = ws.index.dialect.shown_duplicate(notes, ws.notes)
        assert (shown.vault, shown.fname) == kept[note_id], note_id
    messages = {f.path: f.message for f in check(ws).errors if f.code == "duplicate-id"}
    assert messages["vault/c.d.e.md"].endswith(
        "Dendron shows vault/c.d.md and leaves the other out of its index"
    )
    assert "Dendron shows this one" in messages["vault/c.d.md"]


@pytest.mark.parametrize("source", [c for c in _cases() if c.id != "fixture-legacy"])
def test_reads_like_dendron(source: Path, oracle: Path, tmp_path: Path, request: Any) -> None:
    ws_root = tmp_path / source.name
    shutil.copytree(source, ws_root, symlinks=True, ignore=shutil.ignore_patterns(".dendron.*"))
    theirs = run_oracle(ws_root)
    mine = ours(ws_root)
    differences = compare(theirs, mine) + _id_differences(theirs, ws_root)
    case = request.node.callspec.id
    expected = KNOWN_DIFFERENCES.get(case, [])
    assert sorted(set(expected) - set(differences)) == [], "a documented difference is gone"
    differences = [d for d in differences if d not in expected]
    if differences:
        print(f"{len(differences)} difference(s) between Dendron and us in {source}:")
        if theirs.get("error"):
            print(f"  (Dendron's engine reported: {theirs['error']})")
        for line in differences:
            print(f"  {line}")
    assert differences == [], "\n".join(differences)
