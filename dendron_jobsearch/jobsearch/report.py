"""The JSON shape of a job search (`status --json`, as the README documents it), built here
in the domain so the command line only prints it. Figures that cannot be known (a stage
note that does not read) are null, never 0; the findings say which note and why."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .pipeline import Company, Interview, Pipeline

if TYPE_CHECKING:
    from .model import JobSearch, StageState


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def stage_json(state: StageState) -> dict[str, Any]:
    progress = state.progress
    return {
        "number": state.stage.number,
        "title": state.stage.title,
        "fname": state.fname,
        "exists": state.note is not None or not state.readable,
        "readable": state.readable,
        "status": state.status if state.readable else None,
        "done": progress.done if progress else None,
        "total": progress.total if progress else None,
        "percent": progress.percent if progress else None,
        "start": _day(state.slot.start),
        "due": _day(state.due),
        "planned_due": _day(state.slot.due),
        "due_by_hand": state.due_by_hand,
        "started": _day(state.started),
        "completed": _day(state.completed),
        "overdue": state.overdue,
        "links": [link.value for link in state.stage.links],
    }


def company_json(company: Company, today: date, applied: date | None = None) -> dict[str, Any]:
    """`applied`: the applications record's day (the `applied:` key, else the record's
    applied line), so `status` says what the record and the exports say."""
    return {
        "fname": company.fname,
        "name": company.name,
        "pipeline": company.pipeline,
        "role": company.role,
        "applied": _day(applied or company.applied),
        "interviews": len(company.interviews),
        "offer": company.offer.to_json(today) if company.offer else None,
    }


def interview_json(interview: Interview, pipeline: Pipeline) -> dict[str, Any]:
    company = pipeline.company(interview.company)
    return {
        "fname": interview.fname,
        "company": interview.company,
        "company_name": company.name if company else interview.company,
        "date": _day(interview.date),
        "kind": interview.kind,
        "outcome": interview.outcome,
    }


def funnel_json(pipeline: Pipeline) -> dict[str, int]:
    """Companies that reached each funnel stage, then the accepted and the ends shown apart
    (rejected, withdrawn, ghosted, declined) — every company counts somewhere."""
    return {**pipeline.funnel, "accepted": len(pipeline.accepted), **pipeline.apart}


def status_json(search: JobSearch) -> dict[str, Any]:
    total = search.progress
    pipeline = search.pipeline
    return {
        "plan": {
            "fname": search.plan_note.fname,
            "dashboard": search.dashboard,
            "start": search.schedule.start.isoformat(),
            "readable": search.readable,
            "done": total.done if total else None,
            "total": total.total if total else None,
            "percent": total.percent if total else None,
            "expected_total": str(search.plan.expected_total)
            if search.plan.expected_total
            else None,
            "expected_finish": _day(search.schedule.expected_finish),
            "planned_finish": _day(search.schedule.finish),
            "projected_finish": _day(search.projected_finish),
        },
        "stages": [stage_json(s) for s in search.stages],
        "companies": [
            company_json(c, search.today, search.applied_days.get(c.fname))
            for c in pipeline.companies
        ],
        "unreadable": sorted(pipeline.unreadable),
        "funnel": funnel_json(pipeline),
        "upcoming": [interview_json(i, pipeline) for i in pipeline.upcoming],
        "alignment": search.alignment.to_json() if search.alignment else None,
        "warnings": [w.to_json() for w in search.warnings],
        "findings": [f.to_json() for f in search.findings],
    }


__all__ = ["status_json"]
