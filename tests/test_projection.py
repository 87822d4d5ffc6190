"""The projected finish counts the work left inside a stage (issue 16, finding 5): working
on schedule keeps it at the schedule's finish, ticking an item or closing a stage never moves
it later, a day without work moves it past the plan only once a stage is behind; and a plan
whose stages miss the time it states says so once (`plan-inconsistent`)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dendron_jobsearch import JobSearch, load_jobsearch, load_settings, open_workspace, sync
from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.progress import Count

START = date(2027, 1, 4)
APPS = ("dendron", "obsidian", "foam")
PLANNED = "2027-06-15"  # the bundled plan's own schedule: its stages add up to 162 days


@pytest.fixture(scope="session")
def scaffolded_apps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled plan scaffolded once per session in each app's vault."""
    from dendron_jobsearch import scaffold

    made = {}
    for app in APPS:
        made[app] = tmp_path_factory.mktemp(f"projection-{app}") / "ws"
        scaffold(made[app], start=START, today=START, dialect=app)
    return made


@pytest.fixture(params=APPS)
def vault(request: pytest.FixtureRequest, scaffolded_apps: dict[str, Path], tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(scaffolded_apps[request.param], root)
    return root


def search_of(root: Path, today: date) -> JobSearch:
    ws = open_workspace(root, use_cache=False)
    return load_jobsearch(ws, load_settings(root), today)


def cli(root: Path, today: date, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["-w", str(root), *args], env={"DENDRON_JOBSEARCH_TODAY": today.isoformat()}
    )
    return result.exit_code, result.stdout


def status(root: Path, today: date) -> dict[str, Any]:
    code, out = cli(root, today, "status", "--json")
    assert code == 0, out
    data: dict[str, Any] = json.loads(out)
    return data


def stage_paths(root: Path) -> list[Path]:
    paths = []
    for state in search_of(root, START).stages:
        assert state.note is not None and state.note.path is not None
        paths.append(state.note.path)
    return paths


_BOX = re.compile(r"^(?P<indent>\s*)- \[(?P<mark>.)\] ")


def open_leaves(path: Path) -> list[int]:
    """Line numbers of the unticked items with no sub-items (those counted one by one)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = []
    for number, line in enumerate(lines):
        box = _BOX.match(line)
        if box is None or box.group("mark") != " ":
            continue
        after = next((b for b in map(_BOX.match, lines[number + 1 :]) if b), None)
        if after is None or len(after.group("indent")) <= len(box.group("indent")):
            found.append(number)
    return found


def tick(path: Path, count: int = 1, which: int = 0) -> None:
    """Tick `count` open items, starting with the `which`-th (wrapping round)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    leaves = open_leaves(path)
    for position in range(count):
        number = leaves[(which + position) % len(leaves)]
        lines[number] = lines[number].replace("- [ ] ", "- [x] ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def dashboard(root: Path) -> str:
    search = search_of(root, START)
    note = search.ws.get(search.dashboard)
    assert note is not None and note.path is not None
    return note.path.read_text(encoding="utf-8")


# working on schedule keeps the projection on schedule ---------------------------------------


def test_ticking_items_on_schedule_keeps_the_projection_on_schedule(vault: Path) -> None:
    """Each stage's items ticked at the pace its window gives them, day by day: the
    projection stays at the schedule's finish (it used to grow 12, 19, 26… days over)."""
    search = search_of(vault, START)
    paths = stage_paths(vault)
    sizes = [s.progress.total if s.progress else 0 for s in search.stages]
    ticked = [0] * len(sizes)
    today = START
    while today <= search.schedule.finish:
        for index, slot in enumerate(search.schedule.slots):
            elapsed = min(max((today - slot.start).days, 0), slot.days)
            wanted = sizes[index] * elapsed // slot.days
            if wanted > ticked[index]:
                tick(paths[index], wanted - ticked[index])
                ticked[index] = wanted
        assert search_of(vault, today).projected_finish == search.schedule.finish, today
        if (today - START).days % 40 == 20:
            sync(open_workspace(vault, use_cache=False), load_settings(vault), today=today)
            plan = status(vault, today)["plan"]
            assert (plan["planned_finish"], plan["projected_finish"]) == (PLANNED, PLANNED)
            assert (
                f"projected finish {PLANNED} (plan: 5 months → 2027-06-03, 12 days over)"
                in dashboard(vault)
            )
        today += timedelta(days=1)
    assert search_of(vault, today).progress == Count(31, 31, 31)


def add_items(path: Path, *items: str) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.index("- [ ] ")
    added = "".join(f"- [ ] {item}\n" for item in items)
    path.write_text(text[:first] + added + text[first:], encoding="utf-8")


def test_eight_of_nine_items_done_is_not_sixty_days_over(vault: Path) -> None:
    """Stage 1 with nine items, eight ticked a week before it is due: the projection is a
    day ahead of the plan's own schedule (it used to add the stage's whole 60 days)."""
    first = stage_paths(vault)[0]
    add_items(first, "mock with a friend", "read the job ads again")
    tick(first, 8)
    today = date(2027, 2, 25)
    search = search_of(vault, today)
    assert search.stages[0].progress == Count(8, 9, 8)
    assert search.projected_finish == date(2027, 6, 14)
    code, out = cli(vault, today, "status")
    assert code == 0
    text = " ".join(out.split())
    assert "projected finish 2027-06-14 (plan: 5 months → 2027-06-03, 11 days over)" in text
    # the same eight done two weeks after it was due: behind by those two weeks
    late = date(2027, 3, 19)
    assert search_of(vault, late).projected_finish == late + timedelta(days=102)


def test_a_stage_with_no_items_counts_what_is_left_of_its_window(vault: Path) -> None:
    fifth = stage_paths(vault)[4]
    fifth.write_text(re.sub(r"(?m)^- \[ \] .*\n", "", fifth.read_text(encoding="utf-8")))
    for number in range(4):
        tick(stage_paths(vault)[number], 99)
    inside = date(2027, 4, 10)  # stage 5 runs 04-05 to 04-16
    assert search_of(vault, inside).projected_finish == search_of(vault, START).schedule.finish
    assert search_of(vault, date(2027, 4, 20)).projected_finish == date(2027, 4, 20) + timedelta(
        days=60
    )


# finishing work never moves it later; idle days move it past the plan only when behind ------


def projected(root: Path, today: date) -> date:
    finish = search_of(root, today).projected_finish
    assert finish is not None
    return finish


@settings(max_examples=20, deadline=None)
@given(
    picks=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 30), st.integers(0, 25)), max_size=8)
)
def test_ticking_any_item_on_any_day_never_moves_the_projection_later(
    scaffolded_apps: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    picks: list[tuple[int, int, int]],
) -> None:
    root = tmp_path_factory.mktemp("ticks") / "ws"
    shutil.copytree(scaffolded_apps["dendron"], root)
    paths = stage_paths(root)
    today = START - timedelta(days=3)
    for stage, which, step in picks:
        today += timedelta(days=step)
        if not open_leaves(paths[stage]):
            continue
        before = projected(root, today)
        tick(paths[stage], 1, which)
        if which % 3 == 0:  # sometimes `sync` records the day first
            sync(open_workspace(root, use_cache=False), load_settings(root), today=today)
        assert projected(root, today) <= before  # the same day, one more item done


@settings(max_examples=20, deadline=None)
@given(
    done=st.lists(st.integers(0, 7), min_size=10, max_size=10),
    day=st.integers(-5, 200),
)
def test_a_day_without_work_moves_the_projection_past_the_plan_only_when_behind(
    scaffolded_apps: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    done: list[int],
    day: int,
) -> None:
    root = tmp_path_factory.mktemp("idle") / "ws"
    shutil.copytree(scaffolded_apps["dendron"], root)
    for path, count in zip(stage_paths(root), done, strict=True):
        count = min(count, len(open_leaves(path)))
        if count:
            tick(path, count)
    today = START + timedelta(days=day)
    before, after = search_of(root, today), search_of(root, today + timedelta(days=1))
    assert before.projected_finish is not None and after.projected_finish is not None
    if not any(after.behind(s) for s in after.stages):
        assert after.projected_finish <= max(before.projected_finish, before.schedule.finish)
    else:  # behind: a day later at most
        assert after.projected_finish <= before.projected_finish + timedelta(days=1)


# plan-inconsistent -------------------------------------------------------------------------


def plan_file(root: Path) -> tuple[Path, str]:
    search = search_of(root, START)
    assert search.plan_note.path is not None
    return search.plan_note.path, search.plan_note.rel


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.lstrip("- ").startswith(start))


PHASE = (
    'steps 1-2 (core preparation) take "2-months" (60 days) in the plan, but their stages add '
    "up to 74 days (14 more): change the stages' durations or the phase's time"
)
TOTAL = (
    'the plan expects "5 months" (150 days), but its stages add up to 162 days (12 more): its '
    "own schedule ends 2027-06-15, not 2027-06-03; change the stages' durations or the expected "
    "time"
)


def test_the_bundled_plan_says_once_why_it_runs_twelve_days_over(vault: Path) -> None:
    path, rel = plan_file(vault)
    phase_line, total_line = line_of(path, "Steps 1-2"), line_of(path, "Interviewing has")
    warnings = [w for w in status(vault, START)["warnings"] if w["code"] == "plan-inconsistent"]
    assert [w["message"] for w in warnings] == [
        f"{PHASE} ({rel}:{phase_line})",
        f"{TOTAL} ({rel}:{total_line})",
    ]
    code, out = cli(vault, START, "status")
    text = " ".join(out.split())
    assert code == 0 and text.count("plan-inconsistent") == 2
    assert f"warning plan-inconsistent: {PHASE} ({rel}:{phase_line})" in text
    code, out = cli(vault, START, "check", "--json")
    found = [w for w in json.loads(out)["warnings"] if w["code"] == "plan-inconsistent"]
    assert [(w["path"], w["line"], w["message"]) for w in found] == [
        (rel, total_line, TOTAL),
        (rel, phase_line, PHASE),
    ]
    sync(open_workspace(vault, use_cache=False), load_settings(vault), today=START)
    assert dashboard(vault).count("plan-inconsistent") == 2


def edit_plan(root: Path, old: str, new: str) -> None:
    path, _ = plan_file(root)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def codes(root: Path) -> tuple[list[str], list[str]]:
    in_status = [w["code"] for w in status(root, START)["warnings"]]
    in_check = [w["code"] for w in json.loads(cli(root, START, "check", "--json")[1])["warnings"]]
    return in_status, in_check


def test_a_consistent_plan_gives_no_plan_warning(scaffolded: Path) -> None:
    # stage 1 in 46 days: steps 1-2 take their 60 days, the plan 148 of its 150
    edit_plan(scaffolded, "(**2 months**)", "(**46 days**)")
    assert "plan-inconsistent" not in codes(scaffolded)[0] + codes(scaffolded)[1]
    assert status(scaffolded, START)["plan"]["planned_finish"] == "2027-06-01"


def test_a_plan_with_stages_clearly_shorter_than_it_says_is_told_so(scaffolded: Path) -> None:
    edit_plan(scaffolded, "(**2 months**)", "(**1 month**)")
    messages = [w["message"] for w in status(scaffolded, START)["warnings"]]
    assert [m.split(":")[0] for m in messages if "fewer" in m] == [
        'steps 1-2 (core preparation) take "2-months" (60 days) in the plan, but their stages '
        "add up to 44 days (16 fewer)",
        'the plan expects "5 months" (150 days), but its stages add up to 132 days (18 fewer)',
    ]


def test_a_plan_that_states_no_times_gives_no_plan_warning(scaffolded: Path) -> None:
    path, _ = plan_file(scaffolded)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Steps \d+-\d+.*$", "", text).replace(
        "**Expected time needed to find new job: 5 months.**", ""
    )
    path.write_text(text, encoding="utf-8")
    in_status, in_check = codes(scaffolded)
    assert "plan-inconsistent" not in in_status + in_check
