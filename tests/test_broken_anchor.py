"""`check` warns of a link whose note exists but has no such heading or block
(`broken-anchor`), in all three apps, matching headings as leniently as the most lenient of
them (`vault/anchors.py`): what one app would follow is never reported.

The fixture workspaces `dendron-targets`, `obsidian-targets` and `foam-targets` hold, beside
the broken anchors, every form that must not warn: slugs, any case, dropped punctuation,
nested headings, block ids, Dendron's ranges, offsets, `*`, `^begin`/`^end`, line anchors,
`prefix.*` references, stubs and missing notes (already a `broken-link`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import check, open_workspace
from dendron_jobsearch.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKSPACES = ROOT / "fixtures" / "workspaces"
CORPORA = ROOT.parent / "shared" / "corpora"


def warnings(root: Path, code: str) -> list[str]:
    """`check`'s warnings of one code, as the command line prints them."""
    result = CliRunner().invoke(main, ["-w", str(root), "check"])
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if f" {code} " in line]


def test_obsidian_broken_headings_and_blocks() -> None:
    """`[[Plan#Stage one]]` finds `## Stage: one` (Obsidian drops the colon when it writes
    the link), `[[Plan#stages]]` any case, `[[Plan#Stages#Preparation]]` a nested heading,
    `[the stages](Job%20search/Plan.md#Stages)` a Markdown link's; the rest are broken."""
    assert warnings(WORKSPACES / "obsidian-targets", "broken-anchor") == [
        "warning Home.md:7 broken-anchor link to 'Plan#Offers': no heading 'Offers' in"
        " Job search/Plan.md",
        "warning Home.md:7 broken-anchor link to 'Plan#^gone': no block '^gone' in"
        " Job search/Plan.md",
        "warning Home.md:7 broken-anchor link to 'Plan#Stages#Negotiation': no heading"
        " 'Negotiation' in Job search/Plan.md",
        "warning Home.md:9 broken-anchor link to 'Home#Nowhere': no heading 'Nowhere' in Home.md",
    ]


def test_dendron_broken_anchors_and_what_never_warns() -> None:
    """Slugs (`#stage-one` for `## Stage: one`, `#notes-1` for the second `## Notes`),
    block ids, line anchors, ranges with `*`, `^begin`, `^end` and offsets, `prefix.*`;
    a range is broken when either end is."""
    assert warnings(WORKSPACES / "dendron-targets", "broken-anchor") == [
        "warning vault/home.md:14 broken-anchor link to 'plan#offers': no heading 'offers'"
        " in vault/plan.md",
        "warning vault/home.md:14 broken-anchor link to 'plan#^gone': no block '^gone' in"
        " vault/plan.md",
        "warning vault/home.md:14 broken-anchor note reference to 'plan#stages:#offers': no"
        " heading 'offers' in vault/plan.md",
        "warning vault/home.md:18 broken-anchor link to 'home#nowhere': no heading"
        " 'nowhere' in vault/home.md",
    ]


def test_foam_broken_anchors() -> None:
    assert warnings(WORKSPACES / "foam-targets", "broken-anchor") == [
        "warning index.md:6 broken-anchor link to 'plan#Offers': no heading 'Offers' in"
        " job/plan.md",
        "warning index.md:6 broken-anchor link to 'plan#^gone': no block '^gone' in job/plan.md",
        "warning index.md:6 broken-anchor link to 'index#Nowhere': no heading 'Nowhere' in"
        " index.md",
    ]


def test_a_link_to_a_stub_or_a_missing_note_is_told_once() -> None:
    """`[[plan.sub#leaf]]` (a stub: nothing to look in) says nothing; `[[missing#x]]` is
    a `broken-link`, not a `broken-anchor` too."""
    report = check(open_workspace(WORKSPACES / "dendron-targets", use_cache=False))
    line_16 = [(f.code, f.message) for f in report.warnings if f.line == 16]
    assert line_16 == [("broken-link", "link to 'missing': no such note")]


def test_json_names_file_line_and_anchor(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "a.md").write_text("# A\n\nSee [[b#Results]].\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n## Method\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "check", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["warnings"] == [
        {
            "code": "broken-anchor",
            "path": "a.md",
            "line": 3,
            "message": "link to 'b#Results': no heading 'Results' in b.md",
        }
    ]


def test_a_heading_written_with_markup_is_found_by_its_text(tmp_path: Path) -> None:
    """`## The **API** <small>beta</small>` is `the-api-beta` to a slug and `The API beta`
    to a reader; `## Done ^done` holds a block id too."""
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "b.md").write_text(
        "## The **API** <small>beta</small>\n\n## Done ^done\n", encoding="utf-8"
    )
    links = "[[b#The API beta]] [b](b.md#the-api-beta) [[b#Done]] [[b#^done]]"
    (tmp_path / "a.md").write_text(links + "\n", encoding="utf-8")
    assert check(open_workspace(tmp_path, use_cache=False)).warnings == []


def _corpus(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"corpus not found: {path}")
    return path


def test_the_tasks_docs_have_no_broken_anchor() -> None:
    """415 links of Obsidian's Tasks docs point into a heading or block; 21 of them drop
    the heading's `:` as Obsidian writes them (`[[Combining Filters#Appendix Changes to
    Boolean filters in Tasks 7.0.0]]`). Every one is found."""
    ws = open_workspace(_corpus(CORPORA / "obsidian-tasks-docs" / "docs"), use_cache=False)
    anchored = [r for r in ws.links() if r.link.anchor and r.targets]
    assert len(anchored) == 415
    assert [f for f in check(ws).warnings if f.code == "broken-anchor"] == []


def _slug(text: str) -> str:
    """github-slugger's slug (Dendron's heading anchors), near enough for markup-free text."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def test_every_broken_anchor_of_dendron_site_is_one_dendron_misses() -> None:
    """Dendron's own docs link to headings renamed since (`#context-menu` of
    `dendron.topic.sidebar.tree-view`): each reported anchor is the slug of no heading of
    its note, so Dendron finds none of them either."""
    ws = open_workspace(_corpus(CORPORA / "dendron-site"), use_cache=False, workers=1)
    found = [f for f in check(ws).warnings if f.code == "broken-anchor"]
    assert len(found) == 240
    assert found[0].text() == (
        "vault/changelog.md:164: broken-anchor: link to 'dendron://dendron.dendron-site/"
        "dendron.topic.sidebar.tree-view#context-menu': no heading 'context-menu' in"
        " vault/dendron.topic.sidebar.tree-view.md"
    )
    by_rel = {n.rel: n for n in ws.notes}
    for finding in found:
        match = re.search(r"no heading '([^']*)' in (\S+)$", finding.message)
        if match is None:
            continue  # a block
        anchor, rel = match.groups()
        slugs = {_slug(h.text) for h in by_rel[rel].headings}
        assert anchor.split(",")[0].strip().lower() not in slugs, finding
