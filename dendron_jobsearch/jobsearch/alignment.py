"""The offer-alignment plan: one day to decide on every offer, and per company the ask that
gets there.

The plan's advice is competing offers with similar deadlines. Offers already made are in
hand; what is worth waiting for is a company still screening or interviewing. So the
decision date is

- the day the last company still in process can have its offer ready — its last scheduled
  round plus `OFFER_LEAD_DAYS` (a company that knows your date can debrief and make an offer
  that fast); a company with no round scheduled gets all the time the offers allow;
- but never later than the earliest open deadline plus `offer_window_days`: about as long
  as a company is plausibly asked to extend an offer. That deadline is the first one each
  offer had (its offer history's): an extension granted does not move the window, so
  following the plan's ask never earns a new one;
- and never earlier than the earliest open deadline (with nobody left to wait for, every
  offer is in hand: decide by the earliest deadline and ask nothing).

Then every offer due before that date is asked to extend to it; a company in process whose
offer would come later is asked to hold its last round by the date minus the lead, and told
plainly when it cannot make it: decide without it, or ask for the most days. A company whose
final round is done (an interview with `final: true`, held) owes only its offer: it is
waited for until that round plus the lead, and asked for its offer by the decision date
when that is sooner — never to hold rounds it no longer has. Pure: the
pipeline, the window and today in, an `AlignmentPlan` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..words import count, possessive
from .days import day
from .pipeline import IN_PROCESS, Company, Interview, Pipeline

OFFER_LEAD_DAYS = 4  # from a company's last round to its offer, once it knows your date


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class OfferAsk:
    """An open offer: its deadline, and the extension asked for (None: it is in time)."""

    company: Company
    deadline: date
    extend_to: date | None

    @property
    def extend_days(self) -> int:
        return (self.extend_to - self.deadline).days if self.extend_to else 0

    @property
    def ask(self) -> str | None:
        if self.extend_to is None:
            return None
        extra = count(self.extend_days, "day")
        return f"ask {self.company.name} to extend to {day(self.extend_to)} (+{extra})"

    @property
    def text(self) -> str:
        """The ask, or the deadline in time (`2027-03-04 → 2027-03-11` once extended)."""
        offer = self.company.offer
        shown = offer.deadline_text if offer else day(self.deadline)
        return self.ask or f"{self.company.name}: deadline {shown}, in time"

    def to_json(self, today: date) -> dict[str, Any]:
        return {
            "fname": self.company.fname,
            "name": self.company.name,
            "deadline": self.deadline.isoformat(),
            "days_left": (self.deadline - today).days,
            "action": "extend" if self.extend_to else None,
            "extend_to": _day(self.extend_to),
            "extend_days": self.extend_days,
            "ask": self.ask,
        }


@dataclass(frozen=True)
class ProcessAsk:
    """A company still screening or interviewing: its rounds to come, when its offer could
    be ready, and what to ask of it (`action`: None when it fits, `hold` to hold its last
    round by `hold_by`, `decide-without` when there is no time left for another round)."""

    company: Company
    rounds: tuple[Interview, ...]  # the interviews to come, earliest first
    offer_ready: date | None  # None: no round scheduled, so nobody knows
    decision: date
    first_offer: str  # the name of the company whose offer is due first
    today: date
    final_round: Interview | None = None  # its final round, held: only the offer is to come

    @property
    def next_round(self) -> Interview | None:
        return self.rounds[0] if self.rounds else None

    @property
    def last_round(self) -> Interview | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def hold_by(self) -> date:
        return self.decision - timedelta(days=OFFER_LEAD_DAYS)

    @property
    def too_slow(self) -> bool:
        """Its offer would come after the decision date, even with the offers extended."""
        return self.offer_ready is not None and self.offer_ready > self.decision

    @property
    def action(self) -> str | None:
        if self.offer_ready is not None and self.offer_ready <= self.decision:
            return None
        if self.final_round is not None:
            return "ask-offer"
        return "hold" if self.hold_by >= self.today else "decide-without"

    @property
    def counted_from(self) -> Interview | None:
        """The round its offer is expected after: the last to come, else the final one held."""
        return self.last_round or self.final_round

    @property
    def _kind(self) -> str:
        last = self.counted_from
        return last.kind if last and last.kind else "last round"

    @property
    def ask(self) -> str | None:
        name, action = self.company.name, self.action
        if action is None:
            return None
        held = self.final_round
        if action == "ask-offer" and held is not None and held.date is not None:
            return (
                f"ask {name} for its offer by {day(self.decision)}: its final round "
                f"({self._kind}, {day(held.date)}) is done"
            )
        if action == "decide-without":
            return (
                f"{name} cannot make it: an offer by {day(self.decision)} needed its last "
                f"round by {day(self.hold_by)}, already past. Decide without {name}, or ask "
                f"{name} for its decision by {day(self.decision)}"
            )
        last = self.last_round
        if last is None or last.date is None or self.offer_ready is None:
            return f"ask {name} to hold its remaining rounds by {day(self.hold_by)}"
        # an offer ready after the decision date: that date is then the latest the offers
        # can wait (below it, the decision date is as late as every offer ready)
        hold = f"ask {name} to hold the {self._kind} by {day(self.hold_by)}"
        late = (self.offer_ready - self.decision).days
        return (
            f"{name} is too slow to make it: the {self._kind} on {day(last.date)} brings an "
            f"offer about {day(self.offer_ready)}, {count(late, 'day')} after the latest the "
            f"offers can wait ({day(self.decision)}). Decide without {name}, or {hold}, or ask "
            f"{self.first_offer} for the most days it will give"
        )

    @property
    def text(self) -> str:
        """The ask, or what shows it fits."""
        if self.ask:
            return self.ask
        last = self.counted_from
        assert last is not None and last.date is not None and self.offer_ready is not None
        if self.final_round is not None:
            return (
                f"{self.company.name}: final round ({self._kind}) done {day(last.date)}, "
                f"an offer about {day(self.offer_ready)}, in time"
            )
        return (
            f"{self.company.name}: {self._kind} {day(last.date)}, an offer about "
            f"{day(self.offer_ready)}, in time"
        )

    def to_json(self) -> dict[str, Any]:
        def round_json(interview: Interview | None) -> dict[str, Any] | None:
            if interview is None:
                return None
            return {"fname": interview.fname, "date": _day(interview.date), "kind": interview.kind}

        action = self.action
        return {
            "fname": self.company.fname,
            "name": self.company.name,
            "pipeline": self.company.pipeline,
            "next_round": round_json(self.next_round),
            "last_round": round_json(self.last_round),
            "final_round": round_json(self.final_round),
            "offer_ready": _day(self.offer_ready),
            "fits": action is None,
            "too_slow": self.too_slow,
            "action": action,
            "hold_by": _day(self.hold_by) if action in ("hold", "decide-without") else None,
            "ask": self.ask,
        }


@dataclass(frozen=True)
class AlignmentPlan:
    decision: date
    why: str
    earliest: date  # the earliest open deadline
    latest: date  # earliest + window: the latest date the offers can plausibly wait
    window_days: int
    offers: list[OfferAsk]
    processes: list[ProcessAsk]
    today: date
    unreadable: list[str] = field(default_factory=list)  # company notes left out

    @property
    def asks(self) -> list[str]:
        """What to ask, offers first, then the companies still in process."""
        found = [o.ask for o in self.offers] + [p.ask for p in self.processes]
        return [a for a in found if a]

    @property
    def aligned(self) -> bool:
        """Nothing to ask: every offer is in time for the decision date."""
        return not self.asks

    def to_json(self) -> dict[str, Any]:
        return {
            "decision_date": self.decision.isoformat(),
            "why": self.why,
            "earliest_deadline": self.earliest.isoformat(),
            "latest_date": self.latest.isoformat(),
            "window_days": self.window_days,
            "lead_days": OFFER_LEAD_DAYS,
            "aligned": self.aligned,
            "complete": not self.unreadable,
            "asks": self.asks,
            "offers": [o.to_json(self.today) for o in self.offers],
            "processes": [p.to_json() for p in self.processes],
        }


def _rounds(company: Company, today: date) -> tuple[Interview, ...]:
    return tuple(i for i in company.interviews if i.date is not None and i.date >= today)


def _offer_ready(rounds: tuple[Interview, ...], held: Interview | None, today: date) -> date | None:
    """When its offer can come: its last round to come plus the lead; after its final
    round, that round plus the lead (today at the soonest); None with nothing scheduled."""
    if held is not None and held.date is not None:
        return max(held.date + timedelta(days=OFFER_LEAD_DAYS), today)
    last = rounds[-1].date if rounds else None
    return last + timedelta(days=OFFER_LEAD_DAYS) if last else None


def _window_start(company: Company) -> date:
    """The earliest deadline the company's offer ever had (its history's first one)."""
    offer = company.offer
    assert offer is not None and offer.deadline is not None
    return min(offer.first_deadline or offer.deadline, offer.deadline)


def _why(
    earliest: Company, opened: Company, latest: date, window: int, waiting: list[ProcessAsk]
) -> str:
    offer = earliest.offer
    assert offer is not None and offer.deadline is not None
    first = f"{possessive(earliest.name)} deadline {day(offer.deadline)}"
    if not waiting:
        return f"every offer is in hand: decide by the earliest deadline ({first})"
    ready = [p.offer_ready for p in waiting]
    if any(r is None or r > latest for r in ready):
        start = _window_start(opened)
        assert opened.offer is not None
        if start == opened.offer.deadline:
            base = f"the earliest deadline ({possessive(opened.name)} deadline {day(start)})"
        else:  # extended since: the window still counts from where it began
            base = (
                f"the earliest deadline first given ({possessive(opened.name)} {day(start)}, "
                f"extended to {day(opened.offer.deadline)})"
            )
        return (
            f"{base} + the {window}-day offer window: the latest date the offers can plausibly wait"
        )
    slowest = max(waiting, key=lambda p: p.offer_ready or date.max)
    if slowest.offer_ready is not None and slowest.offer_ready <= offer.deadline:
        return f"every company still interviewing can make {first}"
    last = slowest.counted_from
    assert last is not None and last.date is not None
    final = ", its final round," if slowest.final_round is not None else ""
    return (
        f"when {slowest.company.name} can have its offer ready ({last.kind or 'last round'} "
        f"{day(last.date)}{final} + {OFFER_LEAD_DAYS} days)"
    )


def plan_alignment(pipeline: Pipeline, window_days: int, today: date) -> AlignmentPlan | None:
    """The plan for the open offers of `pipeline` (see the module doc); None when no open
    offer has a deadline still to come, so there is nothing to align."""
    dated = [
        c
        for c in pipeline.offers
        if c.open_offer and c.offer and c.offer.deadline and c.offer.deadline >= today
    ]
    if not dated:
        return None
    first = dated[0]  # pipeline.offers is earliest deadline first
    assert first.offer is not None and first.offer.deadline is not None
    earliest = first.offer.deadline
    # the window counts from the earliest deadline any open offer had (its history's
    # first): granting the asked extension then leaves the decision date where it was
    # (counted from the current deadline, each extension granted asked for another)
    opened = min(dated, key=lambda c: (_window_start(c), c.name))
    latest = _window_start(opened) + timedelta(days=window_days)
    in_process = [c for c in pipeline.companies if c.pipeline in IN_PROCESS]
    held = [c.final_round_held(today) for c in in_process]
    ready = [
        _offer_ready(_rounds(c, today), h, today) for c, h in zip(in_process, held, strict=True)
    ]
    wanted = max([earliest, *(r or latest for r in ready)])
    decision = max(earliest, min(wanted, latest))
    processes = [
        ProcessAsk(c, _rounds(c, today), r, decision, first.name, today, h)
        for c, r, h in zip(in_process, ready, held, strict=True)
    ]
    offers = []
    for company in dated:
        assert company.offer is not None and company.offer.deadline is not None
        deadline = company.offer.deadline
        offers.append(OfferAsk(company, deadline, decision if deadline < decision else None))
    return AlignmentPlan(
        decision=decision,
        why=_why(first, opened, latest, window_days, processes),
        earliest=earliest,
        latest=latest,
        window_days=window_days,
        offers=offers,
        processes=processes,
        today=today,
        unreadable=sorted(f for f in pipeline.unreadable if not pipeline.layout.is_interview(f)),
    )


__all__ = ["OFFER_LEAD_DAYS", "AlignmentPlan", "OfferAsk", "ProcessAsk", "plan_alignment"]
