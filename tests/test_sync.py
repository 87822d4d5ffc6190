"""`sync`: progress written back into the vault, and nothing else ever touched."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from dendron_jobsearch import open_workspace, scaffold, sync
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import load_settings
from dendron_jobsearch.write.files import replace_if_unchanged

from .conftest import make_workspace

PLAN = """---
id: p
title: Plan
---
1. Learn (**1 week**)
    - read
    - practise
2. Apply (**3 days**)
    - send
"""


def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=START)
    vault = tmp_path / "vault"
    return vault / "jobsearch.stage.01-learn.md", vault / "jobsearch.stage.02-apply.md", vault


TODAY = date(2027, 2, 10)  # the day every command here runs on
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
START = TODAY - timedelta(days=2)  # stage 1 runs a week from START, stage 2 three days more


def run_sync(root: Path, today: date = TODAY):  # type: ignore[no-untyped-def]
    return sync(open_workspace(root), load_settings(root), today=today)


def test_ticking_items_updates_status_dates_regions_and_dashboard(tmp_path: Path) -> None:
    learn, _apply, vault = setup(tmp_path)
    learn.write_text(learn.read_text().replace("- [ ] read", "- [x] read"))
    result = run_sync(tmp_path)
    assert sorted(result.changed) == sorted(
        ["vault/jobsearch.stage.01-learn.md", "vault/p.md", "vault/jobsearch.dashboard.md"]
    )
    text = learn.read_text()
    due = (START + timedelta(days=7)).isoformat()
    assert "\nstatus: w\n" in text and f"\nstarted: {TODAY.isoformat()}\n" in text
    assert "completed:" not in text
    assert f"**1/2 done (50%)** · in progress · due {due}" in text
    plan = (vault / "p.md").read_text()
    assert plan.startswith(PLAN)  # the person's plan is untouched; the region is appended
    assert f"- [/] [[1. Learn|jobsearch.stage.01-learn]] · 1/2 · due {due}" in plan
    assert "**1/3 items done (33%)**" in (vault / "jobsearch.dashboard.md").read_text()

    learn.write_text(learn.read_text().replace("- [ ] practise", "- [x] practise"))
    later = TODAY + timedelta(days=2)
    run_sync(tmp_path, later)
    text = learn.read_text()
    assert "\nstatus: x\n" in text and f"\nstarted: {TODAY.isoformat()}\n" in text
    assert f"\ncompleted: {later.isoformat()}\n" in text
    assert ":done, s1," in (vault / "jobsearch.dashboard.md").read_text()


def test_a_second_sync_writes_nothing(tmp_path: Path) -> None:
    learn, _, vault = setup(tmp_path)
    learn.write_text(learn.read_text().replace("- [ ] read", "- [x] read"))
    run_sync(tmp_path)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in vault.iterdir()}
    again = run_sync(tmp_path)
    assert (again.changed, again.skipped) == ([], [])
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in vault.iterdir()} == before


def test_updated_is_bumped_only_on_a_real_change(tmp_path: Path) -> None:
    learn, apply, _ = setup(tmp_path)
    run_sync(tmp_path)

    def stamp(path: Path) -> str:
        found = re.search(r"\nupdated: (\d+)\n", path.read_text())
        assert found is not None
        return found.group(1)

    before = (stamp(learn), stamp(apply))
    learn.write_text(learn.read_text().replace("- [ ] read", "- [x] read"))
    run_sync(tmp_path)
    assert stamp(apply) == before[1]  # nothing changed there: not bumped
    assert int(stamp(learn)) > int(before[0])


def test_a_status_set_by_hand_stays(tmp_path: Path) -> None:
    learn, _, _ = setup(tmp_path)
    text = learn.read_text().replace("status: ''", "status: b").replace("- [ ] read", "- [x] read")
    learn.write_text(text)
    run_sync(tmp_path)
    assert "\nstatus: b\n" in learn.read_text()
    assert "· blocked ·" in learn.read_text()


def test_every_byte_outside_regions_and_keys_stays(tmp_path: Path) -> None:
    learn, _, _ = setup(tmp_path)
    original = learn.read_text()
    person = "\ufeff" + original.replace("\n", "\r\n").replace(
        "owner: ''", "owner: 'me'   # keep this comment"
    ).replace(
        "## Notes\r\n", "## Notes\r\n\r\nMy   own   notes, 10:00, yes.\r\n  - [x] mine"
    ).replace("- [ ] read", "- [x] read").rstrip("\r\n")
    learn.write_bytes(person.encode())
    run_sync(tmp_path)
    after = learn.read_bytes().decode()

    def outside(text: str) -> str:
        text = re.sub(
            r"(begin progress -->).*?(<!-- dendron-jobsearch:end)", r"\1\2", text, flags=re.S
        )
        return re.sub(r"(?m)^(status|started|completed|updated): .*\r\n", "", text)

    assert after.startswith("\ufeff---\r\n") and not after.endswith("\n")
    assert "owner: 'me'   # keep this comment\r\n" in after
    assert "\r\n" in after and "\n" not in after.replace("\r\n", "")
    assert outside(after) == outside(person)


def test_dry_run_shows_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    learn, _, vault = setup(tmp_path)
    learn.write_text(learn.read_text().replace("- [ ] read", "- [x] read"))
    before = {p: p.read_bytes() for p in vault.iterdir()}
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "sync", "--dry-run"], env=CLOCK)
    assert result.exit_code == 0
    assert "--- vault/jobsearch.stage.01-learn.md" in result.stdout
    assert "-status: ''\n+status: w\n" in result.stdout
    assert {p: p.read_bytes() for p in vault.iterdir()} == before


def test_a_note_that_fails_to_read_is_never_written(tmp_path: Path) -> None:
    _learn, apply, _ = setup(tmp_path)
    broken = apply.read_text().replace("priority: ''", "priority: 'a' b'")
    apply.write_text(broken)
    result = run_sync(tmp_path)
    assert apply.read_text() == broken
    assert "vault/jobsearch.stage.02-apply.md" not in result.changed


def test_unclosed_region_is_reported_and_the_note_left_alone(tmp_path: Path) -> None:
    learn, _, _ = setup(tmp_path)
    text = learn.read_text().replace("<!-- dendron-jobsearch:end progress -->\n", "")
    text = text.replace("- [ ] read", "- [x] read")
    learn.write_text(text)
    result = run_sync(tmp_path)
    assert learn.read_text() == text
    assert any("never closed" in s["reason"] for s in result.skipped)


def test_the_person_saving_meanwhile_wins(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("theirs, new\n")
    assert not replace_if_unchanged(path, b"theirs, old\n", b"ours\n")
    assert path.read_text() == "theirs, new\n"
    path.chmod(0o640)
    assert replace_if_unchanged(path, b"theirs, new\n", b"ours\n")
    assert path.read_text() == "ours\n" and path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.md"]  # no temp file left


def test_sync_json(tmp_path: Path) -> None:
    setup(tmp_path)
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "sync", "--json"], env=CLOCK)
    assert result.exit_code == 0 and '"changed"' in result.stdout


def test_a_stage_note_with_a_merge_conflict_is_neither_counted_nor_written(
    tmp_path: Path,
) -> None:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=date(2027, 1, 4))
    learn = tmp_path / "vault" / "jobsearch.stage.01-learn.md"
    conflicted = learn.read_text().replace(
        "- [ ] read\n", "<<<<<<< HEAD\n- [x] read\n=======\n- [ ] read\n>>>>>>> laptop\n"
    )
    learn.write_text(conflicted)
    result = sync(open_workspace(tmp_path), load_settings(tmp_path), today=date(2027, 1, 6))
    assert learn.read_text() == conflicted
    found = [(f.code, f.path) for f in result.findings]
    assert found == [("merge-conflict", "vault/jobsearch.stage.01-learn.md")] and not result.ok
    dashboard = (tmp_path / "vault" / "jobsearch.dashboard.md").read_text()
    # neither side is counted: the stage keeps the figures written before the conflict
    assert "| unreadable, last known | 0/2 (0%) |" in dashboard
    out = CliRunner().invoke(main, ["-w", str(tmp_path), "check"], env=CLOCK).stdout
    assert "error vault/jobsearch.stage.01-learn.md:" in out and "merge-conflict" in out


def test_a_plan_with_a_merge_conflict_is_an_error_naming_its_line(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=date(2027, 1, 4))
    plan = tmp_path / "vault" / "p.md"
    mine, theirs = "2. Apply (**3 days**)\n", "2. Apply (**5 days**)\n"
    conflict = f"<<<<<<< HEAD\n{mine}=======\n{theirs}>>>>>>> laptop\n"
    plan.write_text(plan.read_text().replace(mine, conflict))
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "status"], env=CLOCK)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: vault/p.md:8: merge-conflict: unresolved merge conflict (<<<<<<< at"
    )
    assert "Traceback" not in result.stderr


def test_a_note_that_is_a_symbolic_link_stays_one(scaffolded: Path) -> None:
    """A stage note the person keeps as a link to a file of theirs (inside the vault): sync
    writes the file it names, and the link stays a link."""
    vault = scaffolded / "vault"
    note = next(vault.glob("jobsearch.stage.01-*.md"))
    real = vault / ".stage-one.md"  # a dot-file: no note of its own
    note.rename(real)
    note.symlink_to(real.name)
    real.write_text(real.read_text().replace("- [ ] ", "- [x] ", 1))
    result = sync(open_workspace(scaffolded), load_settings(scaffolded), today=date(2027, 1, 6))
    assert str(note.relative_to(scaffolded)) in result.changed
    assert note.is_symlink() and "**1/" in real.read_text()
