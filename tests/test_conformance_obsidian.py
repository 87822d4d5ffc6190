"""We read Obsidian vaults as Obsidian does, checked with obsidiantools (tests/obsidian_oracle.py).

obsidiantools finds the links and tags; where its resolution is wrong about Obsidian, a named
correction (`CORRECTIONS`, each with who is right and the source) replaces its answer. The
first tests run the oracle alone on `fixtures/workspaces/obsidian-links/` and pin both what
obsidiantools says and what each correction changes there; the last compares our reading
(`open_workspace(..., dialect="obsidian")`) with the corrected view on the fixture and on the
`obsidian-tasks-docs` and `obsidian-tasks-demo` corpora: per note the same tags and the same
link targets (obsidiantools keeps no lines, so links are compared as counts per target).

Without obsidiantools (the `test` extra) the tests are skipped, unless CI=true, where a
missing oracle is a failure.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .obsidian_oracle import (
    CORRECTIONS,
    compare,
    obsidian_view,
    oracle_or_skip,
    ours,
    run_oracle,
)

pytestmark = pytest.mark.conformance

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "workspaces" / "obsidian-links"
TARGETS = ROOT / "fixtures" / "workspaces" / "obsidian-targets"  # anchors and attachments
CORPORA = ROOT.parent / "shared" / "corpora"
IN_CI = os.environ.get("CI") == "true"  # nothing here may skip then
NO_CORPUS = "no corpus folder (under CI=true the test runs, and fails)"
VAULTS = {
    "obsidian-tasks-docs": CORPORA / "obsidian-tasks-docs" / "docs",
    "obsidian-tasks-demo": CORPORA / "obsidian-tasks-demo" / "Tasks-Demo",
}


@cache
def _dump(root: Path) -> dict[str, Any]:
    return run_oracle(root)


@pytest.fixture(scope="module")
def fixture_dump() -> dict[str, Any]:
    oracle_or_skip()
    return _dump(FIXTURE)


def _home(dump: dict[str, Any]) -> dict[str, Any]:
    return next(n for n in dump["notes"] if n["path"] == "Home.md")


def test_obsidiantools_skips_the_app_folders(fixture_dump: dict[str, Any]) -> None:
    """`.obsidian/` (settings: https://help.obsidian.md/configuration-folder) and `.trash/`
    (where the setting Files and links > Deleted files > "Move to Obsidian trash" puts
    deleted notes; issue 12) hold no notes of the vault."""
    assert [n["path"] for n in fixture_dump["notes"]] == [
        "Archive/2023/Meeting.md",
        "Companies/Acme.md",
        "Home.md",
        "Job search/Plan.md",
        "Job search/Stages/01 Preparation.md",
        "Notes/Meeting.md",
    ]


def test_obsidiantools_reads_target_first_links_and_embeds(fixture_dump: dict[str, Any]) -> None:
    """`[[target|alias]]`, `[[target#Heading]]`, `[[target#^block]]` all link to `target`;
    `![[target]]` embeds (https://help.obsidian.md/links, https://help.obsidian.md/embeds).
    Code is not read."""
    home = _home(fixture_dump)
    texts = [w["text"] for w in home["wikilinks"]]
    assert texts[:4] == ["Plan"] * 4
    assert "Not a link" not in texts
    assert [(e["text"], e["target"]) for e in home["embeds"]] == [
        ("Plan", "Job search/Plan.md"),
        ("diagram.png", "Attachments/diagram.png"),
    ]


def test_obsidiantools_reads_the_part_before_the_pipe_as_the_target() -> None:
    """Right for Obsidian, whose `[[target|alias]]` puts the target first
    (https://help.obsidian.md/links, Change the link display text); backwards for Dendron,
    whose `[[alias|target]]` puts it last (fixtures/tables/links.md, "alias comes first, as
    Dendron writes it"): on the Dendron fixture, `[[al|in.strong]]` reads as a link to `al`
    (issue 12). So obsidiantools is no oracle for Dendron vaults."""
    oracle_or_skip()
    inline = next(
        n
        for n in _dump(ROOT / "fixtures/workspaces/links/vault")["notes"]
        if n["path"] == "inline.md"
    )
    assert "al" in [w["text"] for w in inline["wikilinks"]]
    assert "in.strong" not in [w["text"] for w in inline["wikilinks"]]


def test_obsidiantools_errors_on_the_fixture(fixture_dump: dict[str, Any]) -> None:
    """The links obsidiantools leaves unresolved on the fixture, and why each is wrong."""
    home = {w["text"]: w["target"] for w in _home(fixture_dump)["wikilinks"]}
    assert home["plan"] is None  # case-insensitive
    assert home["Job search/Plan"] is None  # path-link
    assert home["Meeting"] is None  # shared-name
    assert home[""] is None  # same-note-heading
    assert home["Archive/2023/Meeting"] == "Archive/2023/Meeting.md"  # a shared name's path
    assert home["Acme Corp"] is None  # right: Obsidian does not resolve a bare alias
    assert home["Acme"] == "Companies/Acme.md"
    assert _home(fixture_dump)["md_links"] == ["Job%20search/Stages/01%20Preparation.md"]
    assert _home(fixture_dump)["tags"] == ["job-search/stage", "active."]  # tag-characters


def test_corrections_give_obsidians_answers_on_the_fixture(fixture_dump: dict[str, Any]) -> None:
    """After the corrections every link of the fixture resolves as Obsidian's help pages say,
    and each correction is used (so none is dead)."""
    view, used = obsidian_view(fixture_dump)
    # (the others are needed on the corpora only)
    assert set(used) == set(CORRECTIONS) - {
        "url-fragment-tags",
        "text-property-tags",
        "escaped-brackets",
        "markdown-images",
    }
    assert dict(view["Home.md"]["links"]) == {
        "Job search/Plan.md": 7,  # 4 [[Plan...]], [[plan]], [[Job search/Plan]], ![[Plan]]
        "Notes/Meeting.md": 1,  # [[Meeting]]: the shorter of the two paths
        "Archive/2023/Meeting.md": 1,
        "Companies/Acme.md": 1,  # [[Acme|Acme Corp]]
        "Home.md": 1,  # [[#Local]]
        "Job search/Stages/01 Preparation.md": 1,  # the Markdown link
        "Attachments/diagram.png": 1,  # ![[diagram.png]], by name
        None: 2,  # [[Acme Corp]] (a bare alias) and [[No such note]]
    }
    assert view["Home.md"]["tags"] == ["active", "job-search/stage", "jobsearch/active"]
    assert dict(view["Job search/Stages/01 Preparation.md"]["links"]) == {
        "Job search/Plan.md": 1,
        "Companies/Acme.md": 1,  # related: "[[Acme]]", a property
        "Job search/Stages/01 Preparation.md": 1,  # [the stages](#01%20Preparation)
    }


def test_every_correction_cites_a_source() -> None:
    for name, correction in CORRECTIONS.items():
        assert correction.why and ("http" in correction.source or "corpus" in correction.source)
        assert name == name.lower()


def _vaults() -> list[Any]:
    cases = [pytest.param(FIXTURE, id="fixture-obsidian-links")]
    cases.append(pytest.param(TARGETS, id="fixture-obsidian-targets"))
    for name, root in VAULTS.items():
        skip = pytest.mark.skipif(not root.is_dir() and not IN_CI, reason=NO_CORPUS)
        cases.append(pytest.param(root, id=f"corpus-{name}", marks=skip))
    return cases


@pytest.mark.parametrize("root", _vaults())
@pytest.mark.parametrize("what", ["links", "tags"])
def test_we_read_as_obsidian_does(root: Path, what: str) -> None:
    oracle_or_skip()
    theirs, _ = obsidian_view(_dump(root))
    diffs = compare(theirs, ours(root), what)
    assert not diffs, "\n".join(diffs[:60])


def test_embedded_files_are_found_as_obsidian_finds_them() -> None:
    """On `obsidian-targets`: `![[photo.png]]` is obsidiantools' miss (a name two files
    share) and Obsidian's hit (the shortest path, or the one in the note's folder);
    `![alt](images/photo.png)` is counted from the file; a missing file is no target."""
    oracle_or_skip()
    view, used = obsidian_view(_dump(TARGETS))
    assert used["shared-name"] == 2 and used["markdown-images"] == 2
    home = view["Home.md"]["links"]
    assert home["Attachments/diagram.svg"] == 1
    assert home["images/photo.png"] == 2  # ![[photo.png|100]] and ![A photo](images/photo.png)
    assert view["Archive/2023/Old.md"]["links"] == {"Archive/2023/photo.png": 1}
