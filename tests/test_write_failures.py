"""A write the operating system refuses is one line naming the file, exit 1, nothing
half-written — for every command that writes, and `watch` keeps watching.

The refusals are real: a read-only vault (as root, the command runs with the permission
override capabilities dropped, so the modes count), a full file system (a 1 MiB tmpfs,
mounted when the tests run as root, as in CI), and a file size limit (RLIMIT_FSIZE)."""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT_USER = os.geteuid() == 0
# as root, chmod binds only once the capability to override it is gone
AS_A_PERSON = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if ROOT_USER else []


def command(root: Path, *args: str) -> list[str]:
    return [*AS_A_PERSON, sys.executable, "-m", "dendron_jobsearch", "-w", str(root), *args]


def run(root: Path, *args: str, preexec: Callable[[], None] | None = None) -> tuple[int, str]:
    result = subprocess.run(
        command(root, *args), capture_output=True, text=True, preexec_fn=preexec, timeout=60
    )
    return result.returncode, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def read_only(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


def writable(folder: Path) -> None:
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


def tick(root: Path, number: int = 1) -> None:
    path = next((root / "vault").glob(f"jobsearch.stage.{number:02d}-*.md"))
    path.write_text(path.read_text().replace("- [ ]", "- [x]", 1))


ONE_LINE = re.compile(r"^error: cannot write (vault/\S.*): (.+)\n$")

# every command that writes, with what it needs done first (as a person would have)
COMMANDS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "sync": (tick, ["sync"]),
    "company add": (lambda root: None, ["company", "add", "Acme"]),
    "interview add": (
        lambda root: subprocess.run(command(root, "company", "add", "Beta"), check=True),
        ["interview", "add", "Beta", "--date", "2027-02-01", "--kind", "screen"],
    ),
    "self-eval": (lambda root: None, ["self-eval"]),
    "scaffold": (
        lambda root: (root / "vault" / "jobsearch.dashboard.md").unlink(),
        ["scaffold", "--start", "2027-01-04"],
    ),
    "graph -o": (lambda root: None, ["graph", "--format", "json", "-o", "vault/graph.json"]),
}


@pytest.fixture
def workspace(scaffolded: Path) -> Iterator[Path]:
    subprocess.run(command(scaffolded, "sync"), check=True, capture_output=True)
    yield scaffolded
    writable(scaffolded / "vault")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_read_only_vault_is_one_line_and_nothing_written(workspace: Path, name: str) -> None:
    prepare, args = COMMANDS[name]
    prepare(workspace)
    if args[0] == "graph":
        args = [*args[:-1], str(workspace / "vault" / "graph.json")]
    read_only(workspace / "vault")
    before = snapshot(workspace / "vault")
    code, err = run(workspace, *args)
    assert code == 1
    match = ONE_LINE.match(err) or re.match(r"^error: cannot write (/\S+): (.+)\n$", err)
    assert match is not None, err
    # the OS's words, or the tool's own for a note made read-only (it refuses what root could do)
    assert match.group(2) in (
        "permission denied",
        "permission denied (the file is read-only, mode 0444)",
    )
    assert snapshot(workspace / "vault") == before  # nothing written, no temp file left


def test_sync_json_on_a_write_failure_is_json(workspace: Path) -> None:
    import json

    tick(workspace)
    read_only(workspace / "vault")
    result = subprocess.run(command(workspace, "sync", "--json"), capture_output=True, text=True)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["findings"][0]["code"] == "write-failed"
    assert data["error"].startswith("cannot write vault/jobsearch.stage.01-")


def _fsize_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def test_a_file_size_limit_is_one_line_and_nothing_half_written(workspace: Path) -> None:
    tick(workspace)
    before = snapshot(workspace / "vault")
    code, err = run(workspace, "sync", preexec=_fsize_limit)
    match = ONE_LINE.match(err)
    assert code == 1 and match is not None, err
    assert match.group(2) == "file too large"
    assert snapshot(workspace / "vault") == before


@pytest.fixture
def full_disk(tmp_path: Path, scaffolded: Path) -> Iterator[Path]:
    """The scaffolded workspace on a 1 MiB file system filled to the last byte."""
    if not ROOT_USER:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        root = mount / "ws"
        shutil.copytree(scaffolded, root)
        tick(root)
        with open(mount / "filler", "wb", buffering=0) as filler:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        filler.write(b"\0" * size)
                except OSError:
                    continue
        yield root
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_one_line_and_nothing_half_written(full_disk: Path) -> None:
    before = snapshot(full_disk / "vault")
    code, err = run(full_disk, "sync")
    match = ONE_LINE.match(err)
    assert code == 1 and match is not None, err
    assert match.group(2) == "no space left on device"
    assert snapshot(full_disk / "vault") == before


def test_watch_reports_a_refused_write_and_keeps_watching(workspace: Path) -> None:
    vault = workspace / "vault"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command(workspace, "watch", "--debounce", "0.1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        lines: list[str] = []
        assert process.stdout is not None

        def wait_for(text: str) -> None:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                line = process.stdout.readline()  # type: ignore[union-attr]
                lines.append(line)
                if text in line:
                    return
            raise AssertionError(f"no {text!r} in {lines}")

        wait_for("watching")
        read_only(vault)
        tick(workspace, 1)  # the person can still save (the test keeps its privileges)
        wait_for("error: cannot write vault/jobsearch.stage.01-")
        assert "permission denied" in lines[-1]
        assert lines[-1].rstrip().endswith("(still watching)")
        writable(vault)
        tick(workspace, 2)
        wait_for("updated")
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)  # a busy machine (CI runs beside other work) is slow
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    leftovers = [p.name for p in vault.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert not any("Traceback" in line for line in lines)
    assert stat.S_IMODE(vault.stat().st_mode) == 0o755
