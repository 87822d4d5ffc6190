"""Reading plans (fixtures/tables/plans.md) and scheduling them."""

from __future__ import annotations

from datetime import date

import pytest

from dendron_jobsearch.jobsearch.durations import parse_duration
from dendron_jobsearch.jobsearch.plan import Plan, PlanError, PlanItem, parse_plan
from dendron_jobsearch.jobsearch.schedule import build_schedule
from dendron_jobsearch.vault.model import Note
from dendron_jobsearch.vault.read import ReadOptions, parse_note_text

from .conftest import ROOT, table

SEED = ROOT / "vault_templates" / "interviews.all-stages.md"


def plan_note(body: str) -> Note:
    return Note("my.plan", "vault", None, "id", "Plan", body_line=1, rel="vault/my.plan.md")


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
        result = f"error line {err.line}: {err.args[0]}\n"
    assert result == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("3 days", 3, 3), ("2 weeks", 14, 14), ("2-months", 60, 60), ("2-4 weeks", 14, 28),
     ("1 to 2 months", 30, 60), ("10 days", 10, 10), ("1\u20132 weeks", 7, 14),
     ("a year", None, None)],
)  # fmt: skip
def test_durations(text: str, low: int | None, high: int | None) -> None:
    duration = parse_duration(text)
    found = (duration.low_days, duration.high_days) if duration else (None, None)
    assert found == (low, high)


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
