"""When each stage is due: a start date plus the plan's durations.

A stage with its own duration takes it. Stages without one share what their phase leaves
once the stages that have one are counted (never less than one day each); a stage with
neither gets one day. Plans read "at most", so every range counts its upper bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .plan import Plan, Stage


@dataclass(frozen=True)
class Slot:
    """A stage's place in time: `start` inclusive, `due` the day it should be done."""

    stage: Stage
    start: date
    due: date
    days: int
    estimated: bool  # True when the days came from its phase, not the stage itself


@dataclass(frozen=True)
class Schedule:
    start: date
    slots: list[Slot]
    expected_finish: date | None  # start + the plan's stated total, when it states one

    @property
    def finish(self) -> date:
        return self.slots[-1].due if self.slots else self.start

    def slot(self, number: int) -> Slot:
        return next(s for s in self.slots if s.stage.number == number)


def stage_days(plan: Plan) -> dict[int, tuple[int, bool]]:
    """Days per stage number, and whether they were estimated from the phase."""
    days: dict[int, tuple[int, bool]] = {}
    for stage in plan.stages:
        if stage.duration is not None:
            days[stage.number] = (stage.duration.days, False)
    for phase in plan.phases:
        members = [s for s in plan.stages if s.number in phase]
        open_stages = [s for s in members if s.number not in days]
        if not open_stages or phase.duration is None:
            continue
        used = sum(days[s.number][0] for s in members if s.number in days)
        left = max(phase.duration.days - used, len(open_stages))
        share, extra = divmod(left, len(open_stages))
        for position, stage in enumerate(open_stages):
            days[stage.number] = (share + (1 if position < extra else 0), True)
    for stage in plan.stages:
        days.setdefault(stage.number, (1, True))
    return days


def build_schedule(plan: Plan, start: date) -> Schedule:
    days = stage_days(plan)
    slots: list[Slot] = []
    cursor = start
    for stage in plan.stages:
        length, estimated = days[stage.number]
        due = cursor + timedelta(days=length)
        slots.append(Slot(stage, cursor, due, length, estimated))
        cursor = due
    expected = start + timedelta(days=plan.expected_total.days) if plan.expected_total else None
    return Schedule(start, slots, expected)
