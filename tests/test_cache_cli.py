"""The read cache belongs to the user: `cache path` and `cache clear`, and the commands that
only read write nothing inside the workspace, not even the cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch.cli import main

from .conftest import make_workspace

TODAY = date(2027, 2, 10)  # the day every command here runs on
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
OLD_CACHE = ".dendron.jobsearch.cache"  # where an earlier version kept it


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=CLOCK)
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder of the workspace (the root too): bytes (None for a folder) and
    mtime — a file written, even one written and deleted again, shows here."""
    paths = [root, *sorted(root.rglob("*"))]
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
        for p in paths
    }


@pytest.fixture
def search(tmp_path: Path, scaffolded_from: Callable[[date], Path]) -> Path:
    """A scaffolded search with a company applied to, an interview, and a sync done."""
    root = tmp_path / "ws"
    shutil.copytree(scaffolded_from(TODAY), root)
    w = ["-w", str(root)]
    assert cli(*w, "company", "add", "Acme", "--applied", "2027-02-01")[0] == 0
    assert cli(*w, "interview", "add", "Acme", "--date", "2027-02-15", "--kind", "onsite")[0] == 0
    assert cli(*w, "sync")[0] == 0
    return root


READ_ONLY = [
    ["check"],
    ["status"],
    ["status", "--json"],
    ["graph"],
    ["graph", "--format", "mermaid"],
    ["export", "jira"],
    ["export", "ics"],
    ["export", "applications"],
]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_read_only_command_writes_nothing_in_the_workspace(
    search: Path, command: list[str]
) -> None:
    assert cli("-w", str(search), "cache", "clear")[0] == 0  # the first run reads every note
    before = snapshot(search)
    cold = cli("-w", str(search), *command)
    assert cold[0] == 0 and cold[1], cold[2]
    assert snapshot(search) == before
    warm = cli("-w", str(search), *command)  # from the cache this time
    assert warm[:2] == cold[:2]
    assert snapshot(search) == before


def test_cache_path_names_a_file_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = make_workspace(tmp_path / "ws", {"a": "---\nid: a\ntitle: A\n---\n"})
    code, out, _ = cli("-w", str(root), "cache", "path")
    shown = Path(out.strip())
    assert code == 0 and shown.parent == tmp_path / "xdg" / "dendron-jobsearch" / "reads"
    assert not shown.exists()  # nothing read yet
    cli("-w", str(root), "check")
    assert shown.is_file() and not (root / OLD_CACHE).exists()
    monkeypatch.chdir(root / "vault")  # found by walking up, as every command finds it
    assert cli("cache", "path")[1] == out


def test_cache_clear_deletes_this_workspaces_cache_and_all_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    note = {"a": "---\nid: a\ntitle: A\n---\n"}
    one, two = make_workspace(tmp_path / "one", note), make_workspace(tmp_path / "two", note)
    (one / OLD_CACHE).write_bytes(b"an earlier version's cache")
    for root in (one, two):
        cli("-w", str(root), "check")
    path_one = cli("-w", str(one), "cache", "path")[1].strip()
    path_two = cli("-w", str(two), "cache", "path")[1].strip()
    assert cli("-w", str(one), "cache", "clear") == (0, f"deleted {path_one}\n", "")
    assert cli("-w", str(one), "cache", "clear") == (0, "no read cache to delete\n", "")
    assert Path(path_two).is_file()
    cli("-w", str(one), "check")
    empty = tmp_path / "no-workspace"
    empty.mkdir()
    monkeypatch.chdir(empty)  # --all needs no workspace
    assert cli("cache", "clear", "--all") == (
        0, "".join(f"deleted {p}\n" for p in sorted([path_one, path_two])), ""
    )  # fmt: skip
    assert not Path(path_one).exists() and not Path(path_two).exists()
    assert (one / OLD_CACHE).read_bytes() == b"an earlier version's cache"  # the person's file
    code, _, err = cli("cache", "path")
    assert code == 1 and err.startswith(f"error: no vault in {empty}")
