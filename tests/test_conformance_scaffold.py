"""What `scaffold` writes opens cleanly in Dendron's own engine: a fresh workspace, and a
scaffolded copy of every corpus (where every file that existed before stays byte-identical)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dendron_jobsearch import open_workspace, scaffold

from .oracle import compare, ours, run_oracle, without_table_escapes
from .test_conformance import CORPORA, _workspace_roots

pytestmark = pytest.mark.conformance


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".dendron.")
    }


def _plan_links_resolve(dump: dict[str, object], fnames: list[str]) -> list[str]:
    notes = dump["notes"]
    assert isinstance(notes, list)
    known = {n["fname"].lower().replace(" ", "-") for n in notes}
    return [f for f in fnames if f.lower().replace(" ", "-") not in known]


def _cases() -> list[object]:
    cases: list[object] = [pytest.param(None, id="fresh")]
    if CORPORA.is_dir():
        for corpus in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
            for ws in _workspace_roots(corpus, depth=1):
                cases.append(pytest.param(ws, id=f"corpus-{corpus.name}"))
    return cases


@pytest.mark.parametrize("source", _cases())
def test_scaffold_opens_in_dendron(source: Path | None, oracle: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    before: dict[str, str] = {}
    if source is not None:
        shutil.copytree(source, root, symlinks=True, ignore=shutil.ignore_patterns(".dendron.*"))
        before = _hashes(root)
    result = scaffold(root)
    assert result.created
    after = _hashes(root)
    assert {k: v for k, v in after.items() if k in before} == before  # not a byte changed

    dump = run_oracle(root)
    assert dump["error"] is None, dump["error"]
    ws = open_workspace(root, use_cache=False)
    plan = ws.get("interviews.all-stages")
    assert plan is not None
    from dendron_jobsearch.jobsearch.plan import parse_plan

    links = [link.value for stage in parse_plan(plan).stages for link in stage.links]
    assert links and _plan_links_resolve(dump, links) == []
    created = {Path(p).stem for p in result.created if p.endswith(".md")}
    seen = {n["fname"] for n in dump["notes"] if not n["stub"]}
    assert created <= seen  # Dendron loaded every note we wrote
    assert (
        compare(without_table_escapes(dump), ours(root)) == []
    )  # and we read the result as Dendron does


def test_notes_made_by_hand_in_dendron_get_the_tools_templates(
    oracle: Path, tmp_path: Path
) -> None:
    """The schema scaffold writes binds the bundled templates: Dendron matches a company (and
    an interview under it) created by hand to the template it applies on creation."""
    root = tmp_path / "ws"
    scaffold(root)
    vault = root / "vault"
    stub = "---\nid: {0}\ntitle: {1}\ndesc: ''\nupdated: 1\ncreated: 1\n---\n"
    (vault / "jobsearch.company.acme.md").write_text(stub.format("a" * 23, "Acme"))
    (vault / "jobsearch.company.acme.interview.2027-01-10-screen.md").write_text(
        stub.format("b" * 23, "Screen")
    )
    notes = {n["fname"]: n for n in run_oracle(root)["notes"]}
    company = notes["jobsearch.company.acme"]
    interview = notes["jobsearch.company.acme.interview.2027-01-10-screen"]
    assert company["schema"] == {"moduleId": "jobsearch", "schemaId": "company"}
    assert company["schemaTemplate"]["id"] == "templates.jobsearch.company"
    assert interview["schemaTemplate"]["id"] == "templates.jobsearch.interview"
    assert {"templates.jobsearch.company", "templates.jobsearch.interview"} <= set(notes)
