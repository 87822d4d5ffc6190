"""Reading plans (fixtures/tables/plans.md) and scheduling them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch.cli import main
from dendron_jobsearch.findings import Finding, JobSearchError
from dendron_jobsearch.jobsearch.durations import length_problem, parse_duration
from dendron_jobsearch.jobsearch.layout import Layout
from dendron_jobsearch.jobsearch.plan import Plan, PlanError, PlanItem, parse_plan
from dendron_jobsearch.jobsearch.schedule import build_schedule
from dendron_jobsearch.vault.model import Note
from dendron_jobsearch.vault.read import ReadOptions, parse_note_text

from .conftest import ROOT, make_workspace, table

SEED = ROOT / "vault_templates" / "interviews.all-stages.md"


def plan_note(body: str, body_line: int = 1, rel: str = "vault/my.plan.md") -> Note:
    return Note("my.plan", "vault", None, "id", "Plan", body_line=body_line, rel=rel)


def render_items(items: list[PlanItem], depth: int = 1) -> str:
    out = ""
    for item in items:
        out += f"{'  ' * depth}- {'[x] ' if item.done else ''}{item.text}\n"
        out += render_items(item.children, depth + 1)
    return out


def render(plan: Plan) -> str:
    out = ""
    for stage in plan.stages:
        days = f"{stage.duration.low_days}-{stage.duration.high_days}" if stage.duration else "-"
        links = ",".join(link.value for link in stage.links)
        out += f"stage {stage.number} {stage.title!r} {days} items={len(stage.items)}"
        out += f" links={links}\n" if links else "\n"
        if any(item.children or item.done for item in stage.items):
            out += render_items(stage.items)
    for phase in plan.phases:
        days = f"{phase.duration.low_days}-{phase.duration.high_days}" if phase.duration else "-"
        out += f"phase {phase.first}-{phase.last} {phase.name!r} {days}\n"
    if plan.expected_total:
        out += f"expected {plan.expected_total.low_days}-{plan.expected_total.high_days}\n"
    return out


@pytest.mark.parametrize(("text", "expected"), table("plans.md"))
def test_plans(text: str, expected: str) -> None:
    try:
        result = render(parse_plan(plan_note(text), text))
    except PlanError as err:
        result = "".join(f"error line {f.line}: {f.message}\n" for f in err.findings)
    assert result == expected


def read_durations(lines: str) -> str:
    """Each line of `lines` and what it reads as: `low-high`, `none`, `| why it is refused`."""
    out = ""
    for text in lines.splitlines():
        duration = parse_duration(text)
        read = f"{duration.low_days}-{duration.high_days}" if duration else "none"
        why = length_problem(duration) if duration else None
        out += f"{text} → {read}{f' | {why}' if why else ''}\n"
    return out


@pytest.mark.parametrize(("text", "expected"), table("durations.md"))
def test_durations(text: str, expected: str) -> None:
    assert read_durations(text) == expected


def test_a_plan_error_names_every_bad_line_of_the_file() -> None:
    body = "1. Prep (**soon**)\n2. Study (**3 days**)\n3. Apply (**0 days**)\n"
    with pytest.raises(PlanError) as caught:
        parse_plan(plan_note(body, body_line=6), body)  # frontmatter on lines 1-5
    err = caught.value
    assert isinstance(err, JobSearchError)
    assert [(f.code, f.path, f.line) for f in err.findings] == [
        ("plan-invalid", "vault/my.plan.md", 6),
        ("plan-invalid", "vault/my.plan.md", 8),
    ]
    assert (err.path, err.line) == ("vault/my.plan.md", 6)
    assert str(err).splitlines() == [
        "vault/my.plan.md:6: stage 1: cannot read the duration 'soon' (write e.g. '3 days', "
        "'2 weeks', '2-3 days' or '1 to 2 months')",
        "vault/my.plan.md:8: stage 3: '0 days' is no time: a stage takes at least one day",
    ]


def test_a_plan_without_a_workspace_path_is_named_by_its_fname() -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(plan_note("no list", rel=""), "no list")
    assert str(caught.value).startswith("my.plan.md:1: no stages")


def test_one_problem_errors_read_as_before() -> None:
    assert str(PlanError("no plan note 'p' in the workspace", None)) == (
        "no plan note 'p' in the workspace"
    )
    located = PlanError("stage 2: bad", 4, "vault/p.md")
    assert (str(located), located.line, located.path) == (
        "vault/p.md:4: stage 2: bad",
        4,
        "vault/p.md",
    )
    assert located.findings == [Finding("plan-invalid", "vault/p.md", 4, "stage 2: bad")]


@pytest.mark.parametrize("written", ["(2 months)", "(**2 months**)", "( 2 months )", "(~2 months)"])
def test_a_plain_duration_names_the_same_stage_note_as_a_bold_one(written: str) -> None:
    body = f"1. Preparation for interviews {written}\n"
    stage = parse_plan(plan_note(body), body).stages[0]
    assert stage.title == "Preparation for interviews"
    assert Layout("jobsearch").stage(stage) == "jobsearch.stage.01-preparation-for-interviews"
    assert stage.duration is not None and stage.duration.days == 60


def test_the_command_line_shows_every_bad_line(tmp_path: Path) -> None:
    plan = "---\nid: p\ntitle: P\n---\n1. A (**whenever**)\n2. B (**200 years**)\n"
    make_workspace(tmp_path, {"p": plan})
    result = CliRunner().invoke(main, ["scaffold", str(tmp_path), "--plan", "p"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: vault/p.md:5: stage 1: cannot read the duration 'whenever' (write e.g. "
        "'3 days', '2 weeks', '2-3 days' or '1 to 2 months')",
        "error: vault/p.md:6: stage 2: '200 years' is over the 2-year limit for a job-search "
        "stage; did you mean '200 days'?",
    ]


def test_the_reference_plan() -> None:
    text = SEED.read_text()
    note, _ = parse_note_text(text, None, "p.md", "interviews.all-stages", "vault", ReadOptions())
    assert note is not None
    plan = parse_plan(note, text.split("---", 2)[2].lstrip("\n"))
    assert [len(s.items) for s in plan.stages] == [7, 5, 3, 6, 0, 1, 1, 2, 3, 2]
    assert [s.number for s in plan.stages] == list(range(1, 11))
    assert plan.stage(4).items[1].children[0].text.startswith("LinkdIn, your previous")
    assert [link.value for s in plan.stages for link in s.links] == [
        "interviews.System Design",
        "interviews.Probability and Statistics",
        "interviews.Behaviour",
        "interviews.Talk with recruiters",
        "interviews.Self evaluation",
        "interviews.Negotiation",
        "interviews.Self evaluation",
    ]
    schedule = build_schedule(plan, date(2026, 12, 1))
    assert [(s.stage.number, s.days, s.estimated) for s in schedule.slots] == [
        (1, 60, False), (2, 14, False), (3, 3, False), (4, 14, False), (5, 11, True),
        (6, 12, True), (7, 12, True), (8, 12, True), (9, 12, True), (10, 12, True),
    ]  # fmt: skip
    assert schedule.slot(1).due == date(2027, 1, 30)
    assert schedule.finish == date(2027, 5, 12)
    assert schedule.expected_finish == date(2027, 4, 30)
