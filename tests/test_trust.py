"""The promise, finding by finding (issue "Trust"): one pass converges, an unreadable note is
named and never counted as 0/0, the projection never moves later for work done, `due`
follows the schedule unless set by hand, the person's plan is found."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dendron_jobsearch import Watcher, load_jobsearch, load_settings, open_workspace, sync
from dendron_jobsearch.cli import main

from .conftest import make_workspace

DAY = date(2027, 1, 10)


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def stage_note(root: Path, number: int) -> Path:
    return next((root / "vault").glob(f"jobsearch.stage.{number:02d}-*.md"))


def tick_all(path: Path) -> None:
    path.write_text(path.read_text().replace("- [ ]", "- [x]"))


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def run_sync(root: Path, today: date = DAY) -> list[str]:
    ws = open_workspace(root, use_cache=False)
    return sync(ws, load_settings(root), today=today).changed


# 1. one pass converges -------------------------------------------------------------------


def test_one_sync_reaches_the_final_state(scaffolded: Path) -> None:
    tick_all(stage_note(scaffolded, 1))
    tick_all(stage_note(scaffolded, 3))
    assert run_sync(scaffolded)
    after_first = files(scaffolded)
    assert run_sync(scaffolded) == []  # the second run writes nothing
    assert files(scaffolded) == after_first
    first = stage_note(scaffolded, 1).read_text()
    assert "completed: 2027-01-10" in first and "completed 2027-01-10" in first
    dashboard = (scaffolded / "vault" / "jobsearch.dashboard.md").read_text()
    assert "| done | 7/7 (100%) | 2027-03-05 | 2027-01-10 |" in dashboard
    plan = (scaffolded / "vault" / "interviews.all-stages.md").read_text()
    assert "· done 2027-01-10" in plan


def test_one_watch_round_reaches_the_final_state(scaffolded: Path) -> None:
    ws = open_workspace(scaffolded, use_cache=False)
    lines: list[str] = []
    watcher = Watcher(ws, load_settings(scaffolded), log=lines.append, clock=lambda: DAY)
    watcher.start()
    try:
        path = stage_note(scaffolded, 1)
        tick_all(path)
        assert watcher.process([path]) is not None
    finally:
        watcher.stop()
        watcher.run()
    assert run_sync(scaffolded) == []  # what watch wrote is what a fresh sync computes


# 2. a note that cannot be read is named, never 0/0 ----------------------------------------


def break_yaml(path: Path) -> None:
    text = path.read_text()
    path.write_text(text.replace("\ntitle: ", "\ntitle: [", 1))


def test_an_unreadable_stage_note_is_named_and_keeps_its_last_figures(scaffolded: Path) -> None:
    tick_all(stage_note(scaffolded, 1))
    run_sync(scaffolded)
    path = stage_note(scaffolded, 1)
    break_yaml(path)
    broken = path.read_bytes()
    code, out, err = cli(scaffolded, "status", "--json")
    data = json.loads(out)
    assert code == 1
    first = data["stages"][0]
    assert (first["readable"], first["done"], first["total"]) == (False, None, None)
    assert data["plan"]["done"] is None and data["plan"]["projected_finish"] is None
    assert [f["path"] for f in data["findings"]] == [str(path.relative_to(scaffolded))]
    assert data["findings"][0]["line"] is not None

    code, out, err = cli(scaffolded, "status")
    assert code == 1 and "unreadable" in out
    assert re.search(r"^error: vault/jobsearch\.stage\.01-\S+\.md:\d+: ", err, re.M)

    code, out, err = cli(scaffolded, "sync")
    assert code == 1 and path.read_bytes() == broken
    dashboard = (scaffolded / "vault" / "jobsearch.dashboard.md").read_text()
    assert "**7/31 items done (22%), last known figures for 1 unreadable" in dashboard
    assert "| unreadable, last known | 7/7 (100%) |" in dashboard
    settled = files(scaffolded)
    assert cli(scaffolded, "sync")[0] == 1 and files(scaffolded) == settled  # converges

    code, out, err = cli(scaffolded, "scaffold")
    assert code == 1 and "jobsearch.stage.01-" in err and "nothing to do" not in out


def test_a_stage_note_over_the_size_limit_is_unreadable_not_zero(scaffolded: Path) -> None:
    path = stage_note(scaffolded, 2)
    path.write_text(path.read_text() + "- [x] done again\n" * 15_000)
    code, out, _ = cli(scaffolded, "status", "--json")
    data = json.loads(out)
    assert code == 1 and data["stages"][1]["done"] is None
    assert [f["code"] for f in data["findings"]] == ["cannot-use"]


def test_an_unreadable_company_note_is_named_everywhere(scaffolded: Path) -> None:
    assert cli(scaffolded, "company", "add", "Acme")[0] == 0
    path = scaffolded / "vault" / "jobsearch.company.acme.md"
    break_yaml(path)
    code, out, _ = cli(scaffolded, "status", "--json")
    data = json.loads(out)
    assert code == 1 and data["unreadable"] == ["jobsearch.company.acme"]
    code, _, err = cli(scaffolded, "company", "add", "Acme")
    assert code == 1 and "already exists" not in err
    assert "vault/jobsearch.company.acme.md:" in err and "fix it first" in err
    code, _, err = cli(
        scaffolded, "interview", "add", "acme", "--date", "2027-02-01", "--kind", "screen"
    )
    assert code == 1 and "add it first" not in err and "fix it first" in err
    cli(scaffolded, "sync")
    dashboard = (scaffolded / "vault" / "jobsearch.dashboard.md").read_text()
    assert "| [[jobsearch.company.acme]] |" in dashboard and "unreadable, last known" in dashboard


# 4. the projection never moves later for work done -------------------------------------


def projected(root: Path, today: date) -> date:
    ws = open_workspace(root, use_cache=False)
    finish = load_jobsearch(ws, load_settings(root), today).projected_finish
    assert finish is not None
    return finish


@settings(max_examples=20, deadline=None)
@given(order=st.permutations(list(range(1, 11))), step=st.integers(0, 40))
def test_finishing_stages_in_any_order_never_moves_the_projection_later(
    scaffolded_once: Path, tmp_path_factory: pytest.TempPathFactory, order: list[int], step: int
) -> None:
    import shutil

    root = tmp_path_factory.mktemp("projection") / "ws"
    shutil.copytree(scaffolded_once, root)
    today = date(2027, 1, 4)
    for number in order[:6]:
        today += timedelta(days=step)
        before = projected(root, today)
        tick_all(stage_note(root, number))
        run_sync(root, today)
        assert projected(root, today) <= before  # the same day, with more work done


def test_completing_stage_two_early_moves_the_projection_earlier(scaffolded: Path) -> None:
    today = date(2027, 1, 5)
    before = projected(scaffolded, today)
    tick_all(stage_note(scaffolded, 2))
    run_sync(scaffolded, today)
    assert projected(scaffolded, today) == before - timedelta(days=14)


# 5. `due` follows the schedule unless set by hand ---------------------------------------


def test_due_follows_a_new_start_and_a_due_set_by_hand_stays(scaffolded: Path) -> None:
    settings_file = scaffolded / "dendron-jobsearch.yml"
    third = stage_note(scaffolded, 3)
    third.write_text(third.read_text().replace("\ndue: 2027.03.22", "\ndue: 2027.04.30"))
    settings_file.write_text(settings_file.read_text().replace("2027-01-04", "2027-02-01"))
    run_sync(scaffolded)
    first = stage_note(scaffolded, 1).read_text()
    assert "\ndue: 2027.04.02\n" in first and "due 2027-04-02" in first
    text = third.read_text()
    assert "\ndue: 2027.04.30\n" in text and "\nplanned_due: 2027.04.19\n" in text
    assert "due 2027-04-30 (your date)" in text
    assert run_sync(scaffolded) == []
    _, out, _ = cli(scaffolded, "status", "--json")
    stage3 = json.loads(out)["stages"][2]
    assert (stage3["due"], stage3["planned_due"], stage3["due_by_hand"]) == (
        "2027-04-30", "2027-04-19", True
    )  # fmt: skip


# 6. the person's own plan is found ------------------------------------------------------

PLAN = "---\nid: {id}\ntitle: My plan\n---\n1. Learn (2 weeks)\n   - read\n2. Apply (**3 days**)\n"


def test_scaffold_uses_the_one_plan_in_the_vault(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"career.my-plan": PLAN.format(id="p1")})
    assert CliRunner().invoke(main, ["scaffold", str(tmp_path)]).exit_code == 0
    assert load_settings(tmp_path).plan == "career.my-plan"
    assert not (tmp_path / "vault" / "interviews.all-stages.md").exists()
    assert (tmp_path / "vault" / "jobsearch.stage.01-learn.md").exists()


def test_scaffold_says_which_plan_it_found(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"career.my-plan": PLAN.format(id="p1")})
    result = CliRunner().invoke(main, ["scaffold", str(tmp_path)])
    assert result.exit_code == 0
    assert "using your plan note career.my-plan (vault/career.my-plan.md)" in result.stdout


def test_several_plans_ask_for_dash_dash_plan(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"a.plan": PLAN.format(id="p1"), "b.plan": PLAN.format(id="p2")})
    result = CliRunner().invoke(main, ["scaffold", str(tmp_path)])
    assert result.exit_code == 1
    assert "2 notes look like plans (a.plan, b.plan): choose one with --plan" in result.stderr
    assert not (tmp_path / "dendron-jobsearch.yml").exists()


def test_no_plan_adds_the_bundled_one(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"notes": "---\nid: n\ntitle: N\n---\n1. one\n2. two\n"})
    result = CliRunner().invoke(main, ["scaffold", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "vault" / "interviews.all-stages.md").exists()


# 8. smaller things a person notices -----------------------------------------------------


def test_status_shows_upcoming_interviews(scaffolded: Path) -> None:
    cli(scaffolded, "company", "add", "Acme")
    cli(scaffolded, "interview", "add", "Acme", "--date", "2099-02-01", "--kind", "onsite")
    code, out, _ = cli(scaffolded, "status")
    assert code == 0 and "upcoming interviews:" in out and "2099-02-01 Acme: onsite" in out
    data = json.loads(cli(scaffolded, "status", "--json")[1])
    assert [(i["date"], i["kind"]) for i in data["upcoming"]] == [("2099-02-01", "onsite")]


def test_the_offers_table_keeps_deadlines_whole_at_80_columns(scaffolded: Path) -> None:
    cli(scaffolded, "company", "add", "A very long company name indeed, Incorporated")
    path = next((scaffolded / "vault").glob("jobsearch.company.a-very-*.md"))
    text = path.read_text().replace("pipeline: wishlist", "pipeline: offer")
    text = text.replace("offer_base: ''", "offer_base: 180000")
    path.write_text(text.replace("offer_deadline: ''", "offer_deadline: 2099-03-01"))
    result = CliRunner().invoke(main, ["-w", str(scaffolded), "status"], env={"COLUMNS": "80"})
    assert "2099-03-01" in result.stdout and "180,000" in result.stdout


def test_new_files_get_the_umask_mode(scaffolded: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        cli(scaffolded, "company", "add", "Acme")
    finally:
        os.umask(old)
    mode = (scaffolded / "vault" / "jobsearch.company.acme.md").stat().st_mode & 0o777
    assert mode == 0o644


def test_no_applications_spread_warning_once_an_offer_is_accepted(scaffolded: Path) -> None:
    cli(scaffolded, "company", "add", "A", "--applied", "2027-01-05")
    cli(scaffolded, "company", "add", "B", "--applied", "2027-02-20")
    codes = [w["code"] for w in json.loads(cli(scaffolded, "status", "--json")[1])["warnings"]]
    assert "applications-spread" in codes
    path = scaffolded / "vault" / "jobsearch.company.a.md"
    path.write_text(path.read_text().replace("pipeline: applied", "pipeline: accepted"))
    codes = [w["code"] for w in json.loads(cli(scaffolded, "status", "--json")[1])["warnings"]]
    assert "applications-spread" not in codes


def test_a_plan_that_fails_keeps_json_output_json(scaffolded: Path) -> None:
    plan = scaffolded / "vault" / "interviews.all-stages.md"
    plan.write_text(plan.read_text().replace("(**2 months**)", "(**0 days**)", 1))
    code, out, err = cli(scaffolded, "status", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["findings"][0]["code"] == "plan-invalid" and data["findings"][0]["line"]
    assert err.startswith("error: vault/interviews.all-stages.md:")


def test_check_reports_every_bad_line_of_the_plan(scaffolded: Path) -> None:
    plan = scaffolded / "vault" / "interviews.all-stages.md"
    text = plan.read_text().replace("(**2 months**)", "(**0 days**)", 1)
    plan.write_text(text.replace("(**3 days**)", "(**200 years**)", 1))
    code, out, _ = cli(scaffolded, "check", "--json")
    errors = [e for e in json.loads(out)["errors"] if e["code"] == "plan-invalid"]
    assert code == 1 and len(errors) == 2
    assert [e["path"] for e in errors] == ["vault/interviews.all-stages.md"] * 2
    assert all(e["line"] for e in errors)


def test_watch_keeps_the_recorded_days_on_later_rounds(scaffolded: Path) -> None:
    """After its own write the watcher's workspace holds what is on disk: a later round
    (another day, another note) never records `started` again."""
    day = {"today": date(2027, 1, 10)}
    ws = open_workspace(scaffolded, use_cache=False)
    watcher = Watcher(
        ws, load_settings(scaffolded), log=lambda _line: None, clock=lambda: day["today"]
    )
    first = stage_note(scaffolded, 1)
    first.write_text(first.read_text().replace("- [ ]", "- [x]", 1))
    watcher.process([first])
    assert "\nstarted: 2027-01-10\n" in first.read_text()
    day["today"] = date(2027, 1, 11)
    second = stage_note(scaffolded, 2)
    second.write_text(second.read_text() + "\nmy own line\n")
    watcher.process([second])
    assert "\nstarted: 2027-01-10\n" in first.read_text()
    assert run_sync(scaffolded, date(2027, 1, 11)) == []
