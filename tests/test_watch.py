"""`watch` with a real watchdog observer on real files: every way an editor saves, bursts,
deletes, half-written YAML, and the person saving while the tool writes."""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from dendron_jobsearch import open_workspace, scaffold
from dendron_jobsearch.settings import load_settings
from dendron_jobsearch.watch import Watcher
from dendron_jobsearch.workspace import gc_tuning

from .conftest import make_workspace

PLAN = """---
id: p
title: Plan
---
1. Learn (**1 week**)
    - read
    - practise
    - teach
2. Apply (**3 days**)
    - send
"""


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the watcher did not catch up in time")


DAY = date(2027, 1, 6)  # the day the watched search runs on


@pytest.fixture(params=[False, True], ids=["inotify", "polling"])
def watching(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Watcher, Path]]:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=DAY, today=DAY)
    logs: list[str] = []
    watcher = Watcher(
        open_workspace(tmp_path), load_settings(tmp_path), poll=request.param, debounce=0.1,
        log=logs.append, clock=lambda: DAY,
    )  # fmt: skip
    watcher.start()
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    time.sleep(0.3)  # let the observer settle
    yield watcher, tmp_path
    watcher.stop()
    thread.join(timeout=5)
    assert not thread.is_alive()  # stopping ends the loop and the observer cleanly


def dashboard(root: Path) -> str:
    return (root / "vault" / "jobsearch.dashboard.md").read_text()


def stage(root: Path) -> Path:
    return root / "vault" / "jobsearch.stage.01-learn.md"


def test_in_place_save(watching: tuple[Watcher, Path]) -> None:
    _watcher, root = watching
    path = stage(root)
    text = path.read_text().replace("- [ ] read", "- [x] read")
    with path.open("w") as handle:  # two writes: watchdog reports `modified` twice
        handle.write(text[:20])
        handle.flush()
        handle.write(text[20:])
    wait_for(lambda: "**1/4 items done (25%)**" in dashboard(root))
    assert "\nstatus: w\n" in path.read_text()


def test_atomic_save_through_a_temp_file(watching: tuple[Watcher, Path]) -> None:
    _watcher, root = watching
    path = stage(root)
    temp = path.with_name(".goutputstream-XYZ1")
    temp.write_text(path.read_text().replace("- [ ] read", "- [x] read"))
    os.replace(temp, path)  # only a `moved` event names the note
    wait_for(lambda: "**1/4 items done (25%)**" in dashboard(root))


def test_vim_style_rename_and_recreate(watching: tuple[Watcher, Path]) -> None:
    _watcher, root = watching
    path = stage(root)
    text = (
        path.read_text().replace("- [ ] read", "- [x] read").replace("- [ ] teach", "- [x] teach")
    )
    os.replace(path, path.with_name(path.name + "~"))
    path.write_text(text)
    path.with_name(path.name + "~").unlink()
    wait_for(lambda: "**2/4 items done (50%)**" in dashboard(root))


def test_delete_and_recreate(watching: tuple[Watcher, Path]) -> None:
    _watcher, root = watching
    path = stage(root)
    text = path.read_text()
    path.unlink()
    wait_for(lambda: "0/0" in dashboard(root))  # the stage lost its note
    path.write_text(text.replace("- [ ] read", "- [x] read"))
    wait_for(lambda: "**1/4 items done (25%)**" in dashboard(root))


def test_a_burst_of_saves_ends_consistent(watching: tuple[Watcher, Path]) -> None:
    watcher, root = watching
    path = stage(root)
    text = path.read_text()
    before = watcher.rounds
    for item in ("read", "practise", "teach"):
        text = text.replace(f"- [ ] {item}", f"- [x] {item}")
        path.write_text(text)
        time.sleep(0.01)
    wait_for(lambda: "**3/4 items done (75%)**" in dashboard(root))
    wait_for(lambda: "\nstatus: x\n" in path.read_text())
    time.sleep(0.5)  # any round a missed debounce would add has happened by now
    assert watcher.rounds - before == 1  # debounced: three saves, one round


def test_half_written_yaml_is_reported_and_the_last_good_state_kept(
    watching: tuple[Watcher, Path],
) -> None:
    _watcher, root = watching
    path = stage(root)
    good = path.read_text().replace("- [ ] read", "- [x] read")
    path.write_text(good)
    wait_for(lambda: "**1/4 items done (25%)**" in dashboard(root))
    broken = (
        path.read_text()
        .replace("priority: ''", "priority: 'a' b'")
        .replace("- [ ] teach", "- [x] teach")
    )
    path.write_text(broken)
    other = root / "vault" / "jobsearch.stage.02-apply.md"
    other.write_text(other.read_text().replace("- [ ] send", "- [x] send"))
    # its last known figures stay counted (and say so); the other note's change shows
    wait_for(
        lambda: "**2/4 items done (50%), last known figures for 1 unreadable" in dashboard(root)
    )
    assert path.read_text() == broken  # never written while it does not read


def test_the_persons_saves_during_the_tools_writes_are_never_lost(
    watching: tuple[Watcher, Path],
) -> None:
    _watcher, root = watching
    path = stage(root)
    lines = []
    for n in range(40):  # keep typing while the watcher rewrites the same note
        lines.append(f"typed line {n}")
        text = path.read_text()
        if n == 0:
            text = text.replace("- [ ] read", "- [x] read")
        path.write_text(text.rstrip("\n") + f"\ntyped line {n}\n")
        time.sleep(0.02)
    wait_for(lambda: "**1/4 items done (25%)**" in dashboard(root))
    time.sleep(0.5)
    final = path.read_text()
    assert [line for line in final.splitlines() if line.startswith("typed line")] == lines


@pytest.mark.parametrize(
    ("line", "half_saved"),
    [
        pytest.param(5, "tags: [", id="a list being typed"),
        pytest.param(5, 'owner: "Ann', id="a quote not closed yet"),
        pytest.param(5, "priority", id="a key without its colon yet"),
    ],
)
def test_half_saved_yaml_is_reported_at_its_line(
    tmp_path: Path, line: int, half_saved: str
) -> None:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=date(2027, 1, 4))
    logs: list[str] = []
    watcher = Watcher(open_workspace(tmp_path), load_settings(tmp_path), log=logs.append)
    path = stage(tmp_path)
    lines = path.read_text().split("\n")
    lines.insert(line - 1, half_saved)
    path.write_text("\n".join(lines))
    watcher.process([path])
    reported = [entry.split(" ", 1)[1] for entry in logs if "frontmatter-invalid" in entry]
    assert len(reported) == 1
    assert reported[0].startswith(
        f"error: vault/jobsearch.stage.01-learn.md:{line}: frontmatter-invalid"
    )


def test_a_watcher_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=date(2027, 1, 4))
    ws = open_workspace(tmp_path)
    before = gc.isenabled(), gc.get_freeze_count()

    def start_and_stop() -> None:
        watcher = Watcher(ws, load_settings(tmp_path), log=lambda line: None)
        watcher.start()
        watcher.stop()
        watcher.run()  # returns at once, the observer shut down

    start_and_stop()
    assert (gc.isenabled(), gc.get_freeze_count()) == before
    try:
        with gc_tuning():  # the command line's opt-in: the watched vault frozen
            start_and_stop()
        assert gc.get_freeze_count() > before[1]
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("poll", [False, True], ids=["inotify", "polling"])
def test_an_obsidian_vault_is_watched_in_its_folders(tmp_path: Path, poll: bool) -> None:
    """Obsidian's notes live in folders: a save in `Job search/Stages/` is seen (the
    observer watches the vault recursively), one in `.trash/` is not."""
    scaffold(tmp_path, start=DAY, today=DAY, dialect="obsidian")
    watcher = Watcher(
        open_workspace(tmp_path), load_settings(tmp_path), poll=poll, debounce=0.1,
        log=[].append, clock=lambda: DAY,
    )  # fmt: skip
    watcher.start()
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        (tmp_path / ".trash").mkdir()
        (tmp_path / ".trash" / "Old.md").write_text("- [x] gone\n")
        time.sleep(0.6)
        assert watcher.rounds == 0
        note = next((tmp_path / "Job search" / "Stages").glob("01 *.md"))
        note.write_text(note.read_text().replace("- [ ] ", "- [x] ", 1))
        # the note is written inside the round, before the round is counted: wait for both
        wait_for(lambda: "**1/7 done" in note.read_text() and watcher.rounds >= 1)
        time.sleep(0.5)  # a second round (our own write taken for a save) would be here by now
        assert watcher.rounds == 1
    finally:
        watcher.stop()
        thread.join(timeout=5)


def test_hostile_saves_are_reported_and_watching_goes_on(watching: tuple[Watcher, Path]) -> None:
    """A file name that is not UTF-8, a company value out of range, a note over the size
    cap: each killed the watcher once, silently; now each is one line, and the next save is
    still taken up."""
    watcher, root = watching
    vault = os.fsencode(root / "vault")
    with open(os.path.join(vault, b"jobsearch.company.b\xff.md"), "wb") as handle:
        handle.write(b"---\nid: b\ntitle: B\npipeline: applied\noffer_base: 1e400\n---\n")
    (root / "vault" / "jobsearch.company.c.md").write_text(
        "---\nid: c\ntitle: C\npipeline: offer\noffer_deadline: 9999-12-30\n---\n"
    )
    rounds = watcher.rounds
    path = stage(root)
    path.write_text(path.read_text().replace("- [ ] read", "- [x] read"))
    wait_for(lambda: watcher.rounds > rounds and "**1/4 items done (25%)**" in dashboard(root))


def test_a_save_landing_just_after_the_tools_write_is_read(tmp_path: Path) -> None:
    """The person saves while the watcher is finishing its round: that save is theirs, not
    the echo of the tool's own write, and the next round reads it."""
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=DAY, today=DAY)
    path, other = stage(tmp_path), tmp_path / "vault" / "jobsearch.stage.02-apply.md"
    saves = []

    def save_while_reporting(line: str) -> None:  # the round's report comes after its writes
        if not saves:
            saves.append(path.read_text().replace("- [ ] teach", "- [x] teach"))
            path.write_text(saves[0])

    ws = open_workspace(tmp_path)
    watcher = Watcher(ws, load_settings(tmp_path), log=save_while_reporting, clock=lambda: DAY)
    path.write_text(path.read_text().replace("- [ ] read", "- [x] read"))
    other.write_text(other.read_text().replace("title:", "tags: [\ntitle:"))  # a finding
    watcher.process([path, other])
    assert saves and "\nstatus: w\n" in saves[0]  # saved on top of the tool's write
    watcher.process([path])  # the event of the person's save
    assert "**2/4 items done" in dashboard(tmp_path)
