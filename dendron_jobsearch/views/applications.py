"""The applications record as a table (CSV): one row per company applied to, the day of each
stage it reached, how it ended and the offer — what an unemployment office asks for, and
opens in a spreadsheet: every cell is written `cells.neutral` (no formula runs). (The JSON
shape is the model's: `Application.to_json`.)"""

from __future__ import annotations

from ..jobsearch.applications import Application
from ..jobsearch.days import day
from .cells import csv_text
from .pipeline import money

HEADER = (
    "Company", "Role", "Source", "Referrer", "Applied", "Screening", "Interviewing", "Offer",
    "Outcome", "Outcome date", "Interviews", "Offer base", "Offer bonus", "Offer equity",
    "Offer currency", "Offer deadline", "History", "Note",
)  # fmt: skip


def _row(record: Application) -> list[str]:
    company = record.company
    offer = company.offer
    outcome = record.outcome
    interviews = "; ".join(
        f"{day(i.date) or '(no date)'} {i.kind}" + (f" ({i.outcome})" if i.outcome else "")
        for i in company.interviews
    )
    history = "; ".join(f"{day(s.day)} {s.text}".strip() for s in record.steps)
    return [
        company.name,
        company.role,
        company.source,
        company.referrer,
        day(record.applied),
        day(record.first("screening")),
        day(record.first("interviewing")),
        day(record.first("offer")),
        outcome or "open",
        day(record.first(outcome)) if outcome else "",
        interviews,
        money(offer.base) if offer else "",
        money(offer.bonus) if offer else "",
        money(offer.equity) if offer else "",
        offer.currency if offer else "",
        day(offer.deadline) if offer else "",
        history,
        company.fname,
    ]


def applications_csv(records: list[Application]) -> str:
    return csv_text([HEADER, *(_row(record) for record in records)])


__all__ = ["HEADER", "applications_csv"]
