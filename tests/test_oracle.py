"""Installing Dendron's engine for the conformance tests: two test runs sharing one oracle
folder wait for each other instead of running `npm ci` into it at once, and an engine that
cannot be installed skips the conformance tests with the reason (fails them under CI=true).
No real npm here: fake installers stand in for it."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest

from . import npm_harness, oracle


def _install_once(home: str, barrier: Any) -> None:
    """One test run's locked install, with a fake installer that takes its time and notes
    whether another install was running in the same folder meanwhile."""
    folder = Path(home)
    marker = folder / "installed"

    def install() -> None:
        with open(folder / "installs.log", "a") as log:
            log.write(f"install by {os.getpid()}\n")
        try:
            running = os.open(folder / "running", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            with open(folder / "installs.log", "a") as log:
                log.write("overlap\n")
            return
        time.sleep(0.5)
        marker.write_text("done")
        os.close(running)
        os.unlink(folder / "running")

    barrier.wait()  # both runs reach the install at the same moment
    npm_harness.locked_install(folder, marker.is_file, install)
    assert marker.read_text() == "done"  # whoever installed, each run finds it installed


def test_two_runs_installing_at_once_take_turns(tmp_path: Path) -> None:
    home = tmp_path / "oracle"
    home.mkdir()
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    runs = [spawn.Process(target=_install_once, args=(str(home), barrier)) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=60)
    assert [run.exitcode for run in runs] == [0, 0]
    # one install, no overlap: the second run waited for the first, then found it installed
    log = (home / "installs.log").read_text().splitlines()
    assert len(log) == 1 and log[0].startswith("install by ")


def test_the_lock_is_released_when_an_install_fails(tmp_path: Path) -> None:
    def failing() -> None:
        raise npm_harness.HarnessUnavailable("npm ci failed: network down")

    with pytest.raises(npm_harness.HarnessUnavailable):
        npm_harness.locked_install(tmp_path, lambda: False, failing)
    done: list[str] = []
    npm_harness.locked_install(tmp_path, lambda: False, lambda: done.append("installed"))
    assert done == ["installed"]


@pytest.fixture
def failing_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An oracle folder of its own whose `npm ci` fails, as with no network."""

    def install_engine(home: Path, pinned: str) -> None:
        raise npm_harness.HarnessUnavailable("npm ci failed: npm ERR! network request failed")

    monkeypatch.setattr(oracle, "HOME", tmp_path / "oracle")
    monkeypatch.setattr(oracle, "install_engine", install_engine)
    # node and npm are "there", so it is the install that fails
    monkeypatch.setattr(npm_harness.shutil, "which", lambda name: f"/usr/bin/{name}")


@pytest.mark.usefixtures("failing_npm")
def test_a_failed_install_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="npm ci failed: npm ERR! network"):
        oracle.oracle_or_skip()


@pytest.mark.usefixtures("failing_npm")
def test_a_failed_install_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"npm ci failed.*CI=true"):
        oracle.oracle_or_skip()
