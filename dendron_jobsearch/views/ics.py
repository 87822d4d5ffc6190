"""The job search as an iCalendar feed (RFC 5545, written with the `icalendar` library):
each stage a VTODO, each interview a VEVENT, each offer deadline a VEVENT with an alarm two
days before.

Everything in it comes from the notes, so the same workspace always gives the same bytes
and a calendar that imports the file again (or subscribes to it) updates its entries
instead of adding new ones:

- UID: from the note's `id` — `<stage note id>@dendron-jobsearch`, `<interview note
  id>@dendron-jobsearch`, `<company note id>-offer-deadline@dendron-jobsearch` (a stage
  without a note yet: `<plan note id>-stage-NN@dendron-jobsearch`). Renaming a note keeps it.
- DTSTAMP and LAST-MODIFIED: the note's `updated` (the latest of the notes an entry is
  made from: an interview also shows its company's name), in UTC; CREATED its `created`.
  No METHOD is set, so DTSTAMP is, as RFC 5545 says for that case, when the information
  was last revised. Dendron bumps `updated` on every save and the tool on every write.
- SEQUENCE: whole seconds from the note's `created` to that `updated`: 0 for a note never
  changed since, larger after every change, recomputable from the note alone (no state
  kept anywhere), and never smaller than before, since `updated` only moves forward.

A note without `updated` gives the search's start day at midnight UTC and SEQUENCE 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, Todo

from ..jobsearch.days import day
from ..jobsearch.model import JobSearch, StageState
from ..jobsearch.pipeline import Company, Interview
from ..vault.model import Note
from .pipeline import part_text
from .text import notes_section

PRODID = "-//dendron-jobsearch//job search//EN"
DOMAIN = "dendron-jobsearch"
INTERVIEW_LENGTH = timedelta(hours=1)  # an interview with a time and no end: an hour
ALARM_BEFORE = timedelta(days=2)
# a stage's Dendron status → VTODO STATUS (others: in process once started)
TODO_STATUS = {"": "NEEDS-ACTION", "w": "IN-PROCESS", "x": "COMPLETED", "d": "CANCELLED"}
COMPLETED_AT = time(12, 0)  # a day done, at noon UTC: the same day in nearly every zone


def _ms(value: object) -> int | None:
    """Epoch milliseconds from a note's `updated` / `created`, when it holds some."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms // 1000, UTC)


@dataclass(frozen=True)
class Revision:
    """When an entry last changed and its SEQUENCE, from its notes (see the module doc)."""

    modified: datetime
    sequence: int
    created: datetime | None

    @classmethod
    def of(cls, notes: Iterable[Note | None], fallback: date) -> Revision:
        found = [n for n in notes if n is not None]
        stamps = [ms for ms in (_ms(n.frontmatter.get("updated")) for n in found) if ms]
        created = _ms(found[0].frontmatter.get("created")) if found else None
        if not stamps:
            return cls(datetime.combine(fallback, time(0), UTC), 0, None)
        updated = max(stamps)
        sequence = max(0, (updated - (created or updated)) // 1000)
        return cls(_utc(updated), sequence, _utc(created) if created else None)


class _Uids:
    """UIDs as given, a second use of one (two notes sharing an id) numbered `-2`, ..."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, base: str) -> str:
        uid, number = f"{base}@{DOMAIN}", 1
        while uid in self.seen:
            number += 1
            uid = f"{base}-{number}@{DOMAIN}"
        self.seen.add(uid)
        return uid


def _stamp(component: Todo | Event, uid: str, revision: Revision) -> None:
    component.add("uid", uid)
    component.add("dtstamp", revision.modified)
    if revision.created is not None:
        component.add("created", revision.created)
    component.add("last-modified", revision.modified)
    component.add("sequence", revision.sequence)


def todo_status(state: StageState) -> str:
    if state.status in TODO_STATUS:
        return TODO_STATUS[state.status]
    return "IN-PROCESS" if state.progress and state.progress.started else "NEEDS-ACTION"


def stage_todo(search: JobSearch, state: StageState, uids: _Uids) -> Todo:
    progress = state.progress
    todo = Todo()
    base = state.note.id if state.note else f"{search.plan_note.id}-stage-{state.stage.number:02d}"
    notes = [state.note] if state.note else [search.plan_note]
    _stamp(todo, uids(base), Revision.of(notes, search.schedule.start))
    todo.add("summary", f"Stage {state.stage.number}: {state.stage.title}")
    if state.slot.start < state.due:
        todo.add("dtstart", state.slot.start)
    todo.add("due", state.due)
    todo.add("status", todo_status(state))
    percent = progress.percent if progress else 0
    todo.add("percent-complete", 100 if state.status == "x" else percent)
    if state.completed is not None:
        todo.add("completed", datetime.combine(state.completed, COMPLETED_AT, UTC))
    lines = [
        (f"{progress.cookie} done ({progress.percent}%)" if progress else "unreadable")
        + f" · {state.status_word} · due {day(state.due)}"
        + (" (your date)" if state.due_by_hand else ""),
    ]
    links = list(dict.fromkeys(link.value for link in state.stage.links))
    if links:
        lines.append("Links: " + ", ".join(links))
    notes_text = notes_section(state.note)
    if notes_text:
        lines += ["", notes_text]
    lines += ["", f"{search.layout.app} note: {state.fname}"]
    todo.add("description", "\n".join(lines))
    todo.add("categories", ["Job search"])
    return todo


def interview_event(
    interview: Interview, company: Company | None, fallback: date, uids: _Uids, app: str = "Dendron"
) -> Event:
    assert interview.date is not None
    name = company.name if company else interview.company
    event = Event()
    notes = [interview.note, company.note if company else None]
    _stamp(event, uids(interview.note.id), Revision.of(notes, fallback))
    event.add("summary", f"{name}: {interview.kind} interview")
    if interview.time is None:
        event.add("dtstart", interview.date)
        event.add("dtend", interview.date + timedelta(days=1))
    else:
        start = datetime.combine(interview.date, interview.time)
        if start.tzinfo is not None:
            start = start.astimezone(UTC)
        event.add("dtstart", start)
        event.add("duration", INTERVIEW_LENGTH)
    lines = [f"{interview.kind} interview with {name}"]
    if company and company.role:
        lines[0] += f" for {company.role}"
    if interview.outcome:
        lines.append(f"Outcome: {interview.outcome}")
    lines += ["", f"{app} note: {interview.fname}"]
    event.add("description", "\n".join(lines))
    cancelled = "cancel" in interview.outcome.lower()
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("categories", ["Job search", "Interview"])
    return event


def _offer_text(company: Company) -> str:
    offer = company.offer
    assert offer is not None
    parts = [
        f"{label} {part_text(offer, label)}"
        for label, value in (("base", offer.base), ("bonus", offer.bonus), ("equity", offer.equity))
        if value is not None or label in offer.unreadable
    ]
    currency = f" {offer.currency}" if offer.currency else ""
    if parts:
        parts.append(f"total {offer.total_text}{currency}")
    return " · ".join(parts)


def deadline_event(company: Company, fallback: date, uids: _Uids, app: str = "Dendron") -> Event:
    offer = company.offer
    assert offer is not None and offer.deadline is not None
    event = Event()
    _stamp(event, uids(f"{company.note.id}-offer-deadline"), Revision.of([company.note], fallback))
    still_open = company.pipeline == "offer"
    decided = "" if still_open else f" ({company.pipeline or 'decided'})"
    event.add("summary", f"Offer deadline: {company.name}{decided}")
    event.add("dtstart", offer.deadline)
    event.add("dtend", offer.deadline + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    lines = [f"The offer from {company.name}" + (f" for {company.role}" if company.role else "")]
    if _offer_text(company):
        lines.append(_offer_text(company))
    lines += ["", f"{app} note: {company.fname}"]
    event.add("description", "\n".join(lines))
    event.add("categories", ["Job search", "Offer"])
    if still_open:  # an offer decided on needs no reminder
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"The offer from {company.name} expires on {day(offer.deadline)}")
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
    return event


def calendar(search: JobSearch) -> Calendar:
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Job search: {search.plan_note.title or search.plan_note.fname}")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    uids = _Uids()
    start = search.schedule.start
    for state in search.stages:
        cal.add_component(stage_todo(search, state, uids))
    pipeline = search.pipeline
    for interview in pipeline.interviews:
        if interview.date is not None:
            company = pipeline.company(interview.company)
            cal.add_component(interview_event(interview, company, start, uids, search.layout.app))
    for company in pipeline.offers:
        if company.offer is not None and company.offer.deadline is not None:
            cal.add_component(deadline_event(company, start, uids, search.layout.app))
    return cal


def ics_text(search: JobSearch) -> str:
    """The feed's text: CRLF line ends, lines folded at 75 octets, as RFC 5545 asks."""
    data: bytes = calendar(search).to_ical()
    return data.decode("utf-8")


__all__ = ["PRODID", "Revision", "calendar", "ics_text"]
