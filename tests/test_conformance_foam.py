"""We read Foam workspaces as Foam's own core does (`tests/foam_oracle.py`).

Two kinds of test. The first kind runs the oracle alone on `fixtures/workspaces/foam-links/`
and pins what Foam does there, each case with the Foam documentation page (or Foam source
file) that states the rule: it keeps our fixture honest, and shows when a new foam-core
changes behaviour. The second kind compares our reading (`open_workspace(...,
dialect="foam")`) with Foam's on the fixture and on the `foam-docs` corpus (Foam's own
documentation workspace): the same notes, titles, tags, and for every link the same line,
target file and anchor.

Foam's core is installed with npm on first use; without node/npm the tests are skipped,
unless CI=true, where a missing oracle is a failure. The corpus is read in place: Foam's
core only reads (its data store refuses writes, `conformance/foam/dump.js`).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

import pytest

from dendron_jobsearch import check, open_workspace
from dendron_jobsearch.vault.targets import is_attachment

from .foam_oracle import compare, oracle_or_skip, ours, run_oracle, theirs

pytestmark = pytest.mark.conformance

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "workspaces" / "foam-links"
TARGETS = ROOT / "fixtures" / "workspaces" / "foam-targets"  # anchors and attachments
CORPORA = ROOT.parent / "shared" / "corpora"
IN_CI = os.environ.get("CI") == "true"  # nothing here may skip then
NO_CORPUS = "no corpus folder (under CI=true the test runs, and fails)"
FOAM_DOCS = CORPORA / "foam-docs" / "docs"  # the workspace: its .vscode/settings.json is here

# The rules are cited from Foam's own documentation, as the foam-docs corpus holds it
# (docs/..., published at https://foambubble.github.io/foam/), or from foambubble/foam's source.


class Difference(NamedTuple):
    """A known, deliberate difference from the oracle: where it is wrong about Foam the app
    and we are right (or the other way round), with the source that settles it."""

    right: str  # "ours" or "Foam's core"
    why: str
    source: str


# Foam's core is the code the VS Code extension runs, so where we differ, we are wrong
# until a source shows otherwise. An entry names the links it excuses in `excused()` below.
KNOWN_DIFFERENCES: dict[str, Difference] = {
    "attachments": Difference(
        "ours",  # for what the tool reads: links between notes, and embedded files
        "Foam keeps a link to any file (`[MIT](LICENSE.txt)`) as a resource link, a"
        " placeholder while the file is missing; our reader lists links to notes and embeds"
        " of files (`![gif](assets/x.gif)`, `![[x.png]]`, compared like the rest), so a link"
        " that only points at an attachment is none of ours",
        "foam-docs corpus, docs/user/features/embeds.md and graph-view.md (attachments are"
        " resources of the graph); dendron_jobsearch/vault/attachments.py (what is read)",
    ),
}
_LINE = re.compile(r"^(?P<path>.+?): link only in Foam: \((?P<line>\d+), None, None\)$")
# the targets of the links on a line that are no embeds (`![...]` is compared)
_TARGETS = re.compile(r"(?<!!)\[[^\]\n]*\]\(<?([^)>\s]+)|(?<!!)\[\[([^\]|#]+)")


def excused(diff: str, root: Path) -> str | None:
    """The KNOWN_DIFFERENCES entry that explains one line of `compare()`, if any: an
    unresolved link of Foam's on a line with a link (no embed) to an attachment."""
    match = _LINE.match(diff)
    if match is None:
        return None
    lines = (root / match.group("path")).read_text(encoding="utf-8").split("\n")
    number = int(match.group("line"))
    if number > len(lines):
        return None
    targets = [a or b for a, b in _TARGETS.findall(lines[number - 1])]
    if targets and any(is_attachment(unquote(t.split("#")[0])) for t in targets):
        return "attachments"
    return None


@pytest.fixture(scope="module")
def fixture_dump() -> dict[str, Any]:
    oracle_or_skip()
    return run_oracle(FIXTURE)


def _links(dump: dict[str, Any], path: str) -> list[tuple[int, str, str | None, str | None]]:
    note = next(n for n in dump["notes"] if n["path"] == path)
    return [(x["line"], x["raw"], x["target"], x["fragment"]) for x in note["links"]]


# --- what Foam does on the fixture (the oracle alone) ---------------------------------------


def test_foam_lists_notes_but_not_its_templates_or_excluded_folders(
    fixture_dump: dict[str, Any],
) -> None:
    """`.foam/` is always excluded by the extension (packages/foam-vscode/src/vscode/config.ts,
    getFilesExclude) and `files.exclude` is honoured
    (packages/foam-vscode/package.json, `foam.files.exclude`: "combined with ... files.exclude")."""
    assert [n["path"] for n in fixture_dump["notes"]] == [
        "archive/meeting.md",
        "companies/acme.md",
        "index.md",
        "job-search/plan.md",
        "job-search/stages/01 Preparation.md",
        "notes/meeting.md",
    ]


def test_foam_titles_come_from_the_first_heading(fixture_dump: dict[str, Any]) -> None:
    """A note's title is its first `#` heading (docs/user/features/note-properties.md)."""
    titles = {n["path"]: n["title"] for n in fixture_dump["notes"]}
    assert titles["index.md"] == "Job search"
    assert titles["notes/meeting.md"] == "Meeting (notes)"


def test_foam_resolves_wikilinks_by_name_across_folders(fixture_dump: dict[str, Any]) -> None:
    """`[[name]]` finds the note of that name in any folder, `#Section` and `#^block` point
    into it, `|alias` is display text, `![[...]]` embeds
    (docs/user/features/wikilinks.md, docs/user/features/embeds.md)."""
    links = _links(fixture_dump, "index.md")
    plan = "job-search/plan.md"
    assert (6, "[[plan#Stages|stages]]", plan, "Stages") in links
    assert (6, "[[plan#^goal]]", plan, "^goal") in links
    assert (6, "[[plan|the plan]]", plan, None) in links
    assert (10, "![[plan]]", plan, None) in links
    stage = _links(fixture_dump, "job-search/plan.md")[0]
    assert stage == (10, "[[01 Preparation]]", "job-search/stages/01 Preparation.md", None)


def test_foam_settles_a_shared_name_by_definition_else_by_path_order(
    fixture_dump: dict[str, Any],
) -> None:
    """Two notes named `meeting`: a link reference definition (`[meeting]: notes/meeting`)
    decides for its note; without one Foam takes the first by path (`archive/` before
    `notes/`: "Foam resolves it alphabetically", docs/user/features/wikilinks.md), and
    `[[archive/meeting]]` names the one (packages/foam-core/src/model/workspace.ts, find)."""
    assert (8, "[[meeting]]", "notes/meeting.md", None) in _links(fixture_dump, "index.md")
    assert (8, "[[archive/meeting]]", "archive/meeting.md", None) in _links(
        fixture_dump, "index.md"
    )
    assert (12, "[[meeting]]", "archive/meeting.md", None) in _links(
        fixture_dump, "job-search/plan.md"
    )


def test_foam_markdown_links_are_relative_and_percent_decoded(
    fixture_dump: dict[str, Any],
) -> None:
    """`[text](path%20with%20spaces.md#Section)` is a path from the note's folder
    (docs/user/features/link-reference-definitions.md)."""
    links = _links(fixture_dump, "index.md")
    stage = "[Stage one](job-search/stages/01%20Preparation.md)"
    assert (12, stage, "job-search/stages/01 Preparation.md", None) in links
    assert (12, "[Acme](companies/acme.md#Contacts)", "companies/acme.md", "Contacts") in links


def test_foam_aliases_do_not_resolve_links(fixture_dump: dict[str, Any]) -> None:
    """Foam reads `alias:` (not `aliases:`) as the note's aliases, for completion only: a
    `[[Acme Corp]]` stays a placeholder (packages/foam-core/src/services/markdown-parser.ts,
    aliasesPlugin; workspace.ts find does not look at aliases)."""
    acme = next(n for n in fixture_dump["notes"] if n["path"] == "companies/acme.md")
    assert acme["aliases"] == ["Acme Corp"]
    assert (14, "[[Acme Corp]]", None, None) in _links(fixture_dump, "index.md")
    assert "Acme Corp" in fixture_dump["placeholders"]


def test_foam_reads_the_definitions_block_and_nested_tags(fixture_dump: dict[str, Any]) -> None:
    """The `[label]: path "Title"` lines Foam writes at the end of a note are definitions,
    not links (docs/user/features/link-reference-definitions.md); `#a/b` is a nested tag and
    `tags:` adds tags (docs/user/features/tags.md); code is not read."""
    index = next(n for n in fixture_dump["notes"] if n["path"] == "index.md")
    assert [(d["label"], d["url"], d["title"], d["line"]) for d in index["definitions"]] == [
        ("plan", "job-search/plan", "Plan", 22),
        ("meeting", "notes/meeting", "Meeting", 23),
    ]
    assert {x["line"] for x in index["links"]} == {6, 8, 10, 12, 14}  # none at 18-23
    assert [t["label"] for t in index["tags"]] == ["jobsearch", "job-search/stage", "active"]


# --- ours against Foam's ---------------------------------------------------------------


def _workspaces() -> list[Any]:
    cases = [pytest.param(FIXTURE, id="fixture-foam-links")]
    cases.append(pytest.param(TARGETS, id="fixture-foam-targets"))
    cases.append(
        pytest.param(
            FOAM_DOCS,
            id="corpus-foam-docs",
            marks=pytest.mark.skipif(not FOAM_DOCS.is_dir() and not IN_CI, reason=NO_CORPUS),
        )
    )
    return cases


@cache
def _theirs(root: Path) -> dict[str, Any]:
    return theirs(run_oracle(root))


@pytest.mark.parametrize("root", _workspaces())
@pytest.mark.parametrize("what", ["links", "title", "tags"])
def test_we_read_as_foam_does(root: Path, what: str) -> None:
    oracle_or_skip()
    diffs = compare(_theirs(root), ours(root), what)
    unexplained = [d for d in diffs if excused(d, root) is None]
    assert not unexplained, "\n".join(unexplained[:60])


def _unfound_anchors(dump: dict[str, Any]) -> set[tuple[str, int]]:
    """(path, line) of each link whose note Foam finds and whose `#Section` or `#^block`
    it does not (`Resource.findSection`: the heading's text as written; `findBlock`)."""
    by_path = {n["path"]: n for n in dump["notes"]}
    unfound = set()
    for note in dump["notes"]:
        for link in note["links"]:
            target, fragment = by_path.get(link["target"] or ""), link["fragment"]
            if target is None or not fragment:
                continue
            if fragment.startswith("^"):
                found = fragment[1:] in target["blocks"]
            else:
                found = fragment in target["sections"]
            if not found:
                unfound.add((note["path"], link["line"]))
    return unfound


@pytest.mark.parametrize("root", _workspaces())
def test_a_broken_anchor_is_one_foam_cannot_follow(root: Path) -> None:
    """Every `broken-anchor` names a link whose heading or block Foam's core does not find
    either. We match headings more leniently than Foam (`vault/anchors.py`: letters and
    digits, any case, so `[[plan#stages]]` finds `## Stages`), so we may report fewer."""
    oracle_or_skip()
    ws = open_workspace(root, dialect="foam", use_cache=False)
    ours = {(f.path, f.line) for f in check(ws).warnings if f.code == "broken-anchor"}
    assert ours <= _unfound_anchors(run_oracle(root))
    if root == TARGETS:
        assert ours == {("index.md", 6)}
        assert _unfound_anchors(run_oracle(root)) - ours == {("index.md", 3)}  # `#stages`
