"""Hostile and broken files and settings, as a cloned or shared vault can hold them: the tool
writes nothing outside the workspace, and every one is a line naming the file (and line),
never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch.cli import main

TODAY = date(2027, 2, 10)
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
STAGE_1 = "vault/jobsearch.stage.01-preparation-for-interviews.md"


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args], env=CLOCK)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(tmp_path: Path, scaffolded_from: Callable[[date], Path]) -> Path:
    shutil.copytree(scaffolded_from(TODAY), tmp_path / "ws", symlinks=True)
    return tmp_path / "ws"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the person's outside the workspace (their ~/.bashrc)."""
    path = tmp_path / "bashrc"
    path.write_text("export PATH=~/bin:$PATH\n")
    return path


def add_setting(root: Path, line: str) -> None:
    with (root / "dendron-jobsearch.yml").open("a") as handle:
        handle.write(line + "\n")


# The calendar feed, and every other file the tool writes on its own


@pytest.mark.parametrize("command", [["sync"], ["watch", "--poll"]])
def test_a_feed_that_is_a_link_out_of_the_workspace_is_refused(
    root: Path, victim: Path, command: list[str]
) -> None:
    (root / "calendar").mkdir()
    (root / "calendar" / "jobsearch.ics").symlink_to(victim)
    add_setting(root, "ics: calendar/jobsearch.ics")
    code, _, err = cli(root, *command)  # watch: its first sync refuses, so it never starts
    assert code == 1
    assert err.splitlines()[-1].startswith(
        "error: cannot write calendar/jobsearch.ics: refused: it leads outside the workspace"
    )
    assert victim.read_text() == "export PATH=~/bin:$PATH\n"


def test_a_feed_in_a_folder_that_links_out_is_refused(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "calendar").symlink_to(elsewhere, target_is_directory=True)
    add_setting(root, "ics: calendar/jobsearch.ics")
    code, _, err = cli(root, "sync")
    assert code == 1 and "leads outside the workspace" in err
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("path", ["../../x.ics", "/tmp/x.ics", "~/x.ics", "cal/../../x.ics"])
def test_a_feed_path_outside_the_workspace_is_refused_with_its_line(root: Path, path: str) -> None:
    lines = (root / "dendron-jobsearch.yml").read_text().count("\n")
    add_setting(root, f"ics: {path}")
    before = sorted(p.name for p in root.parent.iterdir())
    code, _, err = cli(root, "sync")
    assert code == 1
    assert err.startswith(f"error: dendron-jobsearch.yml:{lines + 1}: config-invalid: ics must be")
    assert "inside the workspace" in err
    assert sorted(p.name for p in root.parent.iterdir()) == before


def test_a_vault_folder_that_links_out_of_the_workspace_is_never_written(
    root: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(root / "vault", elsewhere)
    (root / "vault").symlink_to(elsewhere, target_is_directory=True)
    stage = elsewhere / Path(STAGE_1).name
    stage.write_text(stage.read_text().replace("- [ ]", "- [x]", 1))
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    code, _, err = cli(root, "sync")
    assert code == 1 and "refused: it leads outside the workspace" in err
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before


def test_company_add_over_a_note_that_links_out_of_the_vault_is_one_line(
    root: Path, victim: Path
) -> None:
    (root / "vault" / "jobsearch.company.globex.md").symlink_to(victim)
    code, _, err = cli(root, "company", "add", "Globex")
    assert code == 1 and len(err.splitlines()) == 1
    assert err.startswith(
        f"error: vault/jobsearch.company.globex.md: cannot-use: symbolic link to {victim}, "
        "outside the vault"
    )
    assert victim.read_text() == "export PATH=~/bin:$PATH\n"


def test_a_stage_note_that_links_out_of_the_vault_is_named_not_missing(
    root: Path, victim: Path
) -> None:
    stage = root / STAGE_1
    stage.unlink()
    stage.symlink_to(victim)
    code, out, err = cli(root, "status", "--json")
    assert code == 1
    data = json.loads(out)
    assert (data["stages"][0]["readable"], data["stages"][0]["done"]) == (False, None)
    assert [(f["code"], f["path"]) for f in data["findings"]] == [("cannot-use", STAGE_1)]
    code, _, err = cli(root, "status")
    assert f"error: {STAGE_1}: cannot-use: symbolic link to {victim}, outside the vault" in err
    code, _, err = cli(root, "sync")
    assert code == 1 and "cannot-use" in err
    assert victim.read_text() == "export PATH=~/bin:$PATH\n"


# Notes the person made read-only, and what a killed run left


def test_a_note_made_read_only_is_refused_not_rewritten(root: Path) -> None:
    plan = root / "vault" / "interviews.all-stages.md"
    stage = root / STAGE_1
    stage.write_text(stage.read_text().replace("- [ ]", "- [x]", 1))  # the plan must change
    before = plan.read_bytes()
    plan.chmod(0o444)
    try:
        code, _, err = cli(root, "sync")
    finally:
        plan.chmod(0o644)
    assert code == 1
    assert (
        "error: cannot write vault/interviews.all-stages.md: permission denied "
        "(the file is read-only, mode 0444)"
    ) in err
    assert plan.read_bytes() == before


def test_temp_files_a_killed_run_left_are_removed_by_the_next(root: Path) -> None:
    vault = root / "vault"
    stale = vault / ".jobsearch.dashboard.md.0badcafe.tmp"
    fresh = vault / ".jobsearch.dashboard.md.1badcafe.tmp"  # a concurrent run's, just made
    theirs = [vault / ".jobsearch.dashboard.md.tmp", vault / ".notes.md.0badcafe.tmp.bak"]
    for path in [stale, fresh, *theirs]:
        path.write_text("half")
    an_hour_ago = time.time() - 3600
    for path in [stale, *theirs]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    code, _, _ = cli(root, "sync")
    assert code == 0
    assert not stale.exists()
    assert fresh.exists() and all(path.exists() for path in theirs)


# Values out of range, names that are not text


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", ".nan"])
def test_an_amount_that_is_no_number_is_a_warning_and_no_figure(root: Path, value: str) -> None:
    assert cli(root, "company", "add", "Acme")[0] == 0
    note = root / "vault" / "jobsearch.company.acme.md"
    text = note.read_text()
    note.write_text(text.replace("offer_base: ''", f"offer_base: {value}"))
    code, out, _ = cli(root, "status", "--json")
    assert code == 0
    offer = json.loads(out)["companies"][0]["offer"]
    assert offer is None or (offer["base"] is None and offer["total"] is None)
    code, _, err = cli(root, "status")
    assert "value-invalid: offer_base:" in err and "is not an amount" in err
    for command in (["sync"], ["self-eval"], ["export", "applications"]):
        assert cli(root, *command)[0] == 0


def test_a_deadline_near_the_end_of_time_is_a_warning(root: Path) -> None:
    assert cli(root, "company", "add", "Acme")[0] == 0
    note = root / "vault" / "jobsearch.company.acme.md"
    text = note.read_text().replace("offer_base: ''", "offer_base: 100000")
    note.write_text(text.replace("offer_deadline: ''", "offer_deadline: 9999-12-30"))
    code, _, err = cli(root, "status")
    assert code == 0
    assert "offer_deadline: 9999-12-30 is not a day of a job search (1900 to 2999)" in err
    for command in (["sync"], ["self-eval"], ["export", "ics"], ["export", "jira"]):
        assert cli(root, *command)[0] == 0


def test_a_start_at_the_end_of_time_is_an_error_with_its_line(root: Path) -> None:
    settings = root / "dendron-jobsearch.yml"
    lines = settings.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("start:"))
    settings.write_text(settings.read_text().replace(lines[number - 1], "start: 9999-12-31"))
    for command in (["status"], ["sync"], ["self-eval"], ["export", "ics"]):
        code, _, err = cli(root, *command)
        assert code == 1
        assert err == (
            f"error: dendron-jobsearch.yml:{number}: config-invalid: start: 9999-12-31 is not "
            "a day of a job search (1900 to 2999)\n"
        )


def test_a_day_at_the_end_of_time_on_the_command_line_is_a_usage_error(root: Path) -> None:
    code, _, err = cli(root, "company", "add", "Acme", "--applied", "9999-12-31")
    assert code == 2 and "is not a day of a job search" in err


def test_a_vault_path_with_a_nul_is_an_error(root: Path) -> None:
    config = root / "dendron.yml"
    config.write_text(config.read_text().replace("fsPath: vault", 'fsPath: "\\0"'))
    code, _, err = cli(root, "status")
    assert code == 1
    assert (
        err
        == "error: dendron.yml: config-invalid: vault #1: fsPath '\\x00' holds a NUL character\n"
    )


def test_a_file_name_that_is_not_utf8_is_named_and_left_out(root: Path) -> None:
    assert cli(root, "company", "add", "Acme")[0] == 0
    vault = os.fsencode(root / "vault")
    bad = os.path.join(vault, b"jobsearch.company.b\xff.md")
    shutil.copyfile(root / "vault" / "jobsearch.company.acme.md", bad)
    for command in (
        ["sync"],
        ["status", "--json"],
        ["self-eval"],
        ["graph", "--format", "json"],
        ["graph", "--format", "dot"],
        ["export", "applications"],
    ):
        code, out, _ = cli(root, *command)
        assert code == 0, command
        assert "\udcff" not in out
    code, out, _ = cli(root, "check")
    assert "vault/jobsearch.company.b\\xff.md invalid-fname the file name is not UTF-8" in out


@pytest.mark.parametrize("dialect", ["dendron", "obsidian"])
def test_a_name_in_any_script_names_a_company(tmp_path: Path, dialect: str) -> None:
    root = tmp_path / "ws"
    assert cli(root, "--dialect", dialect, "scaffold", str(root))[0] == 0
    code, out, err = cli(root, "company", "add", "日本語", "--json")
    assert code == 0, err
    created = json.loads(out)["created"]
    assert created == (
        ["vault/jobsearch.company.日本語.md"]
        if dialect == "dendron"
        else ["Job search/Companies/日本語.md"]
    )
    code, out, _ = cli(root, "status", "--json")
    assert [c["name"] for c in json.loads(out)["companies"]] == ["日本語"]


# What Dendron reads as it is


def test_merge_markers_inside_fenced_code_are_code(root: Path) -> None:
    note = root / "vault" / "interviews.Behaviour.md"
    conflict = "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> b\n"
    note.write_text(note.read_text() + f"\n## Resolving a conflict\n\n```text\n{conflict}```\n")
    code, out, _ = cli(root, "check")
    assert "merge-conflict" not in out
    note.write_text(note.read_text() + "\n" + conflict)
    code, out, _ = cli(root, "check")
    assert code == 1 and "interviews.Behaviour.md" in out and "merge-conflict" in out


def test_a_note_over_the_size_cap_is_an_error_for_the_figures(root: Path) -> None:
    stage = root / STAGE_1
    stage.write_text(stage.read_text() + "x" * 300_000 + "\n")
    for command in (["status"], ["sync"]):
        code, _, err = cli(root, *command)
        assert code == 1
        assert f"error: {STAGE_1}: cannot-use:" in err and "over maxNoteLength" in err
