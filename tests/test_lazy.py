"""A lazily opened workspace (as the command line opens it) answers exactly as a fully
loaded one, and the job-search commands read only the notes they use: their cost does not
grow with the vault. `check` and `graph` still read everything."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import dendron_jobsearch.commands.common as common
from dendron_jobsearch import Watcher, load_settings, open_workspace
from dendron_jobsearch.cli import main
from dendron_jobsearch.vault.read import READS

from .conftest import make_workspace

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
FIXTURES = ROOT / "fixtures" / "workspaces"
TODAY = "2027-02-15"


def _make_vault_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_vault", ROOT / "benchmarks/make_vault.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_vault"] = module
    spec.loader.exec_module(module)
    return module


def synthetic(out: Path, notes: int) -> Path:
    """A vault made by `benchmarks/make_vault.py` (deterministic for its size and seed)."""
    _make_vault_module().main(["--notes", str(notes), "--out", str(out), "--seed", "1"])
    return out


def _roots(folder: Path) -> list[Path]:
    if (folder / "dendron.yml").is_file():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "dendron.yml").is_file())


def _workspaces() -> list[Any]:
    # the Dendron fixtures (the obsidian-* and foam-* ones are other dialects' vaults)
    cases = [pytest.param(p, id=f"fixture-{p.name}") for p in _roots(FIXTURES)]
    if CORPORA.is_dir():
        for corpus in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
            cases += [pytest.param(ws, id=f"corpus-{corpus.name}") for ws in _roots(corpus)]
    return cases


def _vaults() -> list[Any]:
    """The Obsidian vaults and Foam workspaces among the corpora (found by their marker)."""
    from dendron_jobsearch.vault.dialects.detect import detect_dialect

    if not CORPORA.is_dir():
        return []
    found = []
    for corpus in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            dialect = detect_dialect(folder)
            if dialect is not None and not dialect.has_stubs:
                found.append(pytest.param(folder, id=f"corpus-{corpus.name}"))
    return found


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def cli_eager(monkeypatch: pytest.MonkeyPatch, root: Path, *args: str) -> tuple[int, str, str]:
    """The same command with the workspace fully loaded first, as before lazy opening."""

    def eager(*a: Any, **kw: Any) -> Any:
        ws = open_workspace(*a, **{**kw, "lazy": False})
        assert not ws.index.lazy
        return ws

    with monkeypatch.context() as patch:
        patch.setattr(common, "open_workspace", eager)
        return cli(root, *args)


def _shape(notes: list[Any]) -> list[tuple[str, str, bool, str, str]]:
    return [(n.fname, n.vault, n.stub, n.id, n.title) for n in notes]


@pytest.mark.parametrize("source", _workspaces() + _vaults())
def test_every_lookup_of_a_lazy_workspace_is_that_of_a_full_load(
    source: Path, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(source, root, symlinks=True)
    full = open_workspace(root, use_cache=False, workers=1)
    lazy = open_workspace(root, use_cache=False, workers=1, lazy=True)
    keys = {n.fname for n in full.notes} | {"", "nothing.here", "root", "Nothing/here"}
    keys |= {k.rpartition(".")[0] for k in list(keys)} | {k.rpartition("/")[0] for k in keys}
    for key in sorted(keys):
        assert _shape(lazy.find(key)) == _shape(full.find(key)), key
        top = full.dialect.root_fname
        if key.lower() not in ("root", top):  # root is its own child: the full index's
            assert _shape(lazy.index.children(key)) == _shape(full.index.children(key)), key
        assert lazy.file_findings(key) == full.file_findings(key), key
        assert lazy.findings_under(key) == full.findings_under(key), key
        assert _shape(lazy.index.notes_under(key)) == _shape(full.index.notes_under(key)), key
    plain = all("" not in n.fname.split(".") for n in full.notes) or not full.dialect.has_stubs
    assert lazy.index.lazy == plain  # Dendron names like `a..b` are read at once
    seen = {id(n) for k in keys for n in lazy.find(k)}
    assert _shape(lazy.notes) == _shape(full.notes)  # reads the rest now
    assert lazy.findings == full.findings
    assert not lazy.index.lazy
    assert seen <= {id(n) for n in lazy.notes}  # what lookups handed out is what it holds


def _status_and_sync(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    for args in (("status", "--json"), ("sync", "--dry-run", "--json"), ("status",)):
        assert cli(root, *args) == cli_eager(monkeypatch, root, *args), args


@pytest.mark.parametrize("source", _workspaces())
def test_status_and_sync_read_lazily_say_what_a_full_load_says(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(common.TODAY_VARIABLE, TODAY)
    root = tmp_path / "ws"
    shutil.copytree(source, root, symlinks=True)
    _status_and_sync(monkeypatch, root)  # no plan yet
    code, _, err = cli(root, "scaffold", "--start", "2027-01-04")
    if code != 0:
        pytest.skip(f"cannot scaffold here: {err.strip()}")
    cli(root, "company", "add", "Acme", "--applied", "2027-01-20")
    cli(root, "interview", "add", "Acme", "--date", "2027-02-20", "--kind", "onsite")
    assert cli(root, "sync")[0] in (0, 1)
    _status_and_sync(monkeypatch, root)


def _scaffolded_synthetic(root: Path, notes: int) -> Path:
    synthetic(root, notes)
    assert cli(root, "scaffold", "--start", "2027-01-04")[0] == 0
    for name in ("Acme", "Globex", "Initech"):
        assert cli(root, "company", "add", name, "--applied", "2027-01-20")[0] == 0
    assert cli(root, "interview", "add", "Acme", "--date", "2027-02-20", "--kind", "onsite")[0] == 0
    assert cli(root, "sync")[0] == 0
    return root


def test_a_synthetic_vault_scaffolded_and_synced_reads_the_same_lazily(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(common.TODAY_VARIABLE, TODAY)
    root = _scaffolded_synthetic(tmp_path / "ws", 300)
    _status_and_sync(monkeypatch, root)
    (root / "vault" / "jobsearch.company.globex.md").write_text("---\nid: [broken\n---\n")
    _status_and_sync(monkeypatch, root)  # an unreadable company note, too


def _reads(run: Callable[[], object]) -> int:
    before = sum(READS.values())
    run()
    return sum(READS.values()) - before


def test_status_reads_the_same_few_notes_in_any_size_of_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(common.TODAY_VARIABLE, TODAY)
    counts = []
    for notes in (1000, 5000):
        root = _scaffolded_synthetic(tmp_path / f"ws-{notes}", notes)
        code, _, _ = cli(root, "status", "--json")
        assert code == 0
        for args in (("status", "--json"), ("sync", "--dry-run"), ("self-eval", "--json")):
            counts.append((notes, args, _reads(lambda r=root, a=args: cli(r, *a))))  # type: ignore[misc]
    small = [c for n, _, c in counts if n == 1000]
    large = [c for n, _, c in counts if n == 5000]
    assert small == large, counts
    assert max(large) < 100, counts  # the plan, 9 stages, companies, dashboard, templates


def test_check_still_reads_every_note(tmp_path: Path) -> None:
    root = synthetic(tmp_path / "ws", 300)
    notes = len(list((root / "vault").glob("*.md")))
    # under the parallel threshold with workers=1: every read is in this process
    ws = open_workspace(root, use_cache=False, workers=1, lazy=True)
    assert _reads(lambda: ws.findings) == notes


def test_a_change_to_an_unrelated_note_is_not_read_by_watch(scaffolded: Path) -> None:
    ws = open_workspace(scaffolded, lazy=True)
    settings = load_settings(scaffolded)
    watcher = Watcher(ws, settings, log=lambda _line: None, clock=lambda: date(2027, 1, 10))
    watcher.start()
    try:
        unrelated = scaffolded / "vault" / "notes.unrelated.md"
        unrelated.write_text("---\nid: unrelated\ntitle: Unrelated\n---\n[[somewhere]]\n")
        stage = next((scaffolded / "vault").glob("jobsearch.stage.01-*.md"))
        rel = str(unrelated.relative_to(scaffolded))
        before = READS[rel]
        watcher.process([unrelated])
        assert READS[rel] == before  # a stat (and a hash), not a parse
        text = stage.read_text().replace("- [ ]", "- [x]", 1)
        stage.write_text(text)
        stage_rel = str(stage.relative_to(scaffolded))
        seen = READS[stage_rel]
        watcher.process([stage])
        assert READS[stage_rel] > seen  # what the search uses is read again
        assert READS[rel] == before
        assert ws.index.lazy
        assert ws.get("notes.unrelated") is not None  # and read when asked for
    finally:
        watcher.stop()
        watcher.run()


def test_a_lazy_workspace_follows_files_that_come_and_go(tmp_path: Path) -> None:
    root = make_workspace(
        tmp_path / "ws", {"a.b": "---\nid: ab\n---\n", "x.y.z": "---\nid: xyz\n---\n"}
    )
    vault = root / "vault"
    full = open_workspace(root, use_cache=False)
    lazy = open_workspace(root, use_cache=False, lazy=True)

    def same() -> None:
        fresh = open_workspace(root, use_cache=False)
        for key in ("a", "a.b", "x", "x.y", "x.y.z", "root", "c", "c.d"):
            assert _shape(lazy.find(key)) == _shape(fresh.find(key)), key
            assert _shape(lazy.index.children(key)) == _shape(fresh.index.children(key)), key
            assert lazy.file_findings(key) == fresh.file_findings(key), key

    (vault / "a.md").write_text("---\nid: a\n---\n")
    (vault / "c.d.md").write_text("---\nid: [bad\n---\n")
    for path in (vault / "a.md", vault / "c.d.md"):
        lazy.refresh_file(path)
        full.reload_file(path)
    same()
    (vault / "x.y.z.md").unlink()
    lazy.reload_file(vault / "x.y.z.md")
    same()
    (vault / "a.b.md").write_text("---\nid: [half-saved\n---\n")
    assert lazy.get("a.b") is not None
    assert lazy.reload_file(vault / "a.b.md") is None
    assert lazy.get("a.b") is not None  # its last good state stays, as in a full load
    assert [f.code for f in lazy.file_findings("a.b")] == ["frontmatter-invalid"]


def test_finding_the_plan_in_a_large_vault_parses_only_the_likely_plans(tmp_path: Path) -> None:
    """A first scaffold into a person's vault looks at the text of every note for a plan,
    but parses only the notes with stage lines: the rest stay unread."""
    from dendron_jobsearch.usecases.scaffold import find_plans

    root = synthetic(tmp_path / "ws", 400)
    plan = root / "vault" / "career.plan.md"
    plan.write_text(
        "---\nid: careerplan\ntitle: Plan\n---\n1. Prepare (2 weeks)\n2. Apply (1 month)\n"
    )
    ws = open_workspace(root, use_cache=False, workers=1, lazy=True)
    reads = _reads(lambda: find_plans(ws, "jobsearch"))
    assert [n.fname for n in find_plans(ws, "jobsearch")] == ["career.plan"]
    assert ws.index.lazy and reads < 10
