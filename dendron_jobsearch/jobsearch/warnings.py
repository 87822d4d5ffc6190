"""The warnings the plan's own advice asks for: competing offers need deadlines
close together, so the tool says when they drift apart, when one is about to expire while
others are still interviewing, when applications went out over weeks instead of at once, and
when a stage is overdue. Each message says what to do, not only what is wrong. Status and the
dashboard show the same list, computed here once. The two on offers end with what the
offer-alignment plan (`alignment`) says to do, so the warning and the plan never disagree.
`plan-inconsistent` says why the plan's own schedule misses the time it states."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..findings import Finding
from ..words import are, count, joined
from .alignment import AlignmentPlan, plan_alignment
from .days import day
from .pipeline import IN_PROCESS, Pipeline
from .schedule import stage_days

if TYPE_CHECKING:
    from .durations import Duration
    from .model import StageState
    from .plan import Plan
    from .schedule import Schedule

EXPIRING_DAYS = 3  # an open offer due this soon, while others still interview, is urgent
APPLICATION_SPREAD_DAYS = 14  # "apply at all companies all at once"
PLAN_INCONSISTENT = "plan-inconsistent"
# A stated time and the stages' days agree within 5% of the stated time (at least 2 days):
# a month counts 30 days, and a calendar month has 28 to 31.
PLAN_SLACK, PLAN_SLACK_DAYS = 0.05, 2


@dataclass(frozen=True)
class SearchWarning:
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def stage_warnings(stages: list[StageState]) -> list[SearchWarning]:
    """`stage-overdue`: one per open stage past its due date."""
    return [
        SearchWarning(
            "stage-overdue",
            f"stage {s.stage.number} ({s.stage.title}) was due {day(s.due)}: "
            "finish it, or move the later stages' dates by changing start",
        )
        for s in stages
        if s.overdue
    ]


def _days_text(duration: Duration) -> str:
    low, high = duration.low_days, duration.high_days
    return f"{high} days" if low == high else f"{low}-{high} days"


def _mismatch(duration: Duration, days: int) -> str | None:
    """How `days` miss the stated `duration` beyond the slack (`14 more`), or None."""
    slack = max(PLAN_SLACK_DAYS, math.ceil(PLAN_SLACK * duration.high_days))
    if days > duration.high_days + slack:
        return f"{days - duration.high_days} more"
    if days < duration.low_days - slack:
        return f"{duration.low_days - days} fewer"
    return None


def plan_findings(plan: Plan, schedule: Schedule, path: str) -> list[Finding]:
    """`plan-inconsistent`: a phase whose stages' days (its own estimates included) miss the
    time the phase states, and the whole plan's stages against its expected total; each on
    the line stating the time (`path` is the plan note's). A time not stated is not checked."""
    days = {number: length for number, (length, _) in stage_days(plan).items()}
    found = []
    for phase in plan.phases:
        if phase.duration is None:
            continue
        members = sum(days[s.number] for s in plan.stages if s.number in phase)
        how = _mismatch(phase.duration, members)
        if how is None:
            continue
        name = f"steps {phase.first}-{phase.last}" + (f" ({phase.name})" if phase.name else "")
        found.append(
            Finding(
                PLAN_INCONSISTENT,
                path,
                phase.line,
                f'{name} take "{phase.duration}" ({_days_text(phase.duration)}) in the '
                f"plan, but their stages add up to {members} days ({how}): change the "
                "stages' durations or the phase's time",
            )
        )
    total, expected = sum(days.values()), plan.expected_total
    how = _mismatch(expected, total) if expected is not None else None
    if how is not None and expected is not None and schedule.expected_finish is not None:
        found.append(
            Finding(
                PLAN_INCONSISTENT,
                path,
                plan.expected_line,
                f'the plan expects "{expected}" ({_days_text(expected)}), but its '
                f"stages add up to {total} days ({how}): its own schedule ends "
                f"{day(schedule.finish)}, not {day(schedule.expected_finish)}; change the "
                "stages' durations or the expected time",
            )
        )
    return found


def plan_warnings(findings: list[Finding]) -> list[SearchWarning]:
    """The plan's findings as `status` and the dashboard show them: with their place."""
    return [
        SearchWarning(f.code, f"{f.message} ({f.path}:{f.line})" if f.line else f.message)
        for f in findings
    ]


def _advice(plan: AlignmentPlan | None, fname: str, fallback: str) -> str:
    """What the offer-alignment plan asks of the company `fname` (`fallback` without one)."""
    if plan is None:
        return fallback
    ask = next((o.ask for o in plan.offers if o.company.fname == fname), None)
    if ask:
        return f"{ask} (the offer-alignment plan decides by {day(plan.decision)})"
    return f"decide by {day(plan.decision)}, as the offer-alignment plan says: no extension needed"


def deadline_spread(
    pipeline: Pipeline, window_days: int, plan: AlignmentPlan | None = None
) -> list[SearchWarning]:
    """`offer-deadline-spread`: open offers whose deadlines lie further apart than the
    offer window, so they cannot be weighed side by side."""
    dated = [c for c in pipeline.offers if c.open_offer and c.offer and c.offer.deadline]
    if len(dated) < 2:
        return []
    first, last = dated[0], dated[-1]
    assert first.offer and first.offer.deadline and last.offer and last.offer.deadline
    spread = (last.offer.deadline - first.offer.deadline).days
    if spread <= window_days:
        return []
    return [
        SearchWarning(
            "offer-deadline-spread",
            f"offer deadlines spread over {spread} days ({first.name} {day(first.offer.deadline)}"
            f" to {last.name} {day(last.offer.deadline)}), more than the {window_days}-day "
            "offer window: "
            + _advice(
                plan,
                first.fname,
                f"ask {first.name} for an extension so you can compare the offers side by side",
            ),
        )
    ]


def expiring(
    pipeline: Pipeline, today: date, plan: AlignmentPlan | None = None
) -> list[SearchWarning]:
    """`offer-expiring`: an open offer due within a few days while other companies are
    still screening or interviewing."""
    others = [c for c in pipeline.companies if c.pipeline in IN_PROCESS]
    if not others:
        return []
    others_names = [c.name for c in others]
    names = joined(others_names)
    out = []
    for company in pipeline.offers:
        offer = company.offer
        left = offer.days_left(today) if offer and company.open_offer else None
        if left is None or not 0 <= left <= EXPIRING_DAYS:
            continue
        assert offer is not None and offer.deadline is not None
        out.append(
            SearchWarning(
                "offer-expiring",
                f"the offer from {company.name} expires {day(offer.deadline)} "
                f"({count(left, 'day')} left) while {are(others_names)} still "
                "interviewing: "
                + _advice(
                    plan,
                    company.fname,
                    f"ask {company.name} for an extension, and ask {names} to speed up "
                    "their process",
                ),
            )
        )
    return out


def applications_spread(pipeline: Pipeline) -> list[SearchWarning]:
    """`applications-spread`: first to last application more than two weeks apart, while
    the search still goes on (once an offer is accepted, the advice has nothing to act on)."""
    if pipeline.accepted:
        return []
    applied = sorted(
        (c for c in pipeline.companies if c.applied is not None),
        key=lambda c: (c.applied or date.min, c.fname),
    )
    if len(applied) < 2:
        return []
    first, last = applied[0], applied[-1]
    assert first.applied and last.applied
    spread = (last.applied - first.applied).days
    if spread <= APPLICATION_SPREAD_DAYS:
        return []
    return [
        SearchWarning(
            "applications-spread",
            f"applications spread over {spread} days ({first.name} {day(first.applied)} to "
            f"{last.name} {day(last.applied)}): apply at all companies at once, so the "
            "offers arrive together",
        )
    ]


def pipeline_warnings(
    pipeline: Pipeline, window_days: int, today: date, plan: AlignmentPlan | None = None
) -> list[SearchWarning]:
    """The warnings on offers and applications; `plan` is the offer-alignment plan (made
    here when not given)."""
    plan = plan or plan_alignment(pipeline, window_days, today)
    return (
        deadline_spread(pipeline, window_days, plan)
        + expiring(pipeline, today, plan)
        + applications_spread(pipeline)
    )
