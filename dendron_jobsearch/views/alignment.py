"""The offer-alignment plan as the dashboard and `status` show it: the decision date and why,
one line per company (the ask, or why it is in time), and a Mermaid gantt — the offers'
deadlines as milestones, the extensions asked for and the processes still running as bars,
the decision date as a milestone of its own. The lines are plain text (`status` prints them);
the dashboard escapes them (`write/escape.py`).

Mermaid 9.4.3 (Dendron's preview) has no `vert` markers (Mermaid 11 does): a milestone is
the marker that renders there."""

from __future__ import annotations

from datetime import timedelta

from ..jobsearch.alignment import AlignmentPlan
from ..jobsearch.days import day
from ..words import count
from ..write import escape


def alignment_lines(plan: AlignmentPlan) -> list[str]:
    """The plan as plain lines: the decision, then one line per offer and per process."""
    head = f"decide by {day(plan.decision)}: {plan.why}"
    lines = [head]
    lines += [offer.text for offer in plan.offers]
    lines += [process.text for process in plan.processes]
    if plan.aligned:
        lines.append("nothing to ask: the offers are aligned")
    if plan.unreadable:
        lines.append(
            f"not counted: {len(plan.unreadable)} company note(s) that cannot be read "
            f"({', '.join(plan.unreadable)})"
        )
    return lines


def alignment_gantt(plan: AlignmentPlan) -> str:
    """The plan as a Mermaid gantt (see the module doc)."""
    lines = [
        "```mermaid",
        "gantt",
        "    title Offer alignment",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d %b",
        "    section Offers",
    ]
    for number, offer in enumerate(plan.offers, 1):
        name = escape.gantt(offer.company.name, "offer")
        tag = "crit, " if offer.extend_to else ""
        lines.append(f"    {name} deadline :{tag}milestone, o{number}, {day(offer.deadline)}, 0d")
        if offer.extend_to:
            lines.append(
                f"    {name} +{count(offer.extend_days, 'day')} asked :active, o{number}x, "
                f"{day(offer.deadline)}, {day(offer.extend_to)}"
            )
    if plan.processes:
        lines.append("    section Interviewing")
    for number, process in enumerate(plan.processes, 1):
        name = escape.gantt(process.company.name, "company")
        end = process.offer_ready or process.hold_by
        tag = "crit, " if process.action else ""
        if end <= plan.today:  # no time left: a day, so the bar shows
            end = plan.today + timedelta(days=1)
        what = "offer about" if process.offer_ready else "rounds by"
        lines.append(f"    {name} {what} {day(end)} :{tag}p{number}, {day(plan.today)}, {day(end)}")
        for position, interview in enumerate(process.rounds, 1):
            kind = escape.gantt(interview.kind, "round", leads=False)
            lines.append(
                f"    {name} {kind} :milestone, p{number}r{position}, {day(interview.date)}, 0d"
            )
    lines += [
        "    section Decision",
        f"    Decide by {day(plan.decision)} :crit, milestone, decide, {day(plan.decision)}, 0d",
        "```",
    ]
    return "\n".join(lines)


def alignment_block(plan: AlignmentPlan | None) -> str:
    """The dashboard's section on the plan (nothing when there is no open offer)."""
    if plan is None:
        return ""
    _, *rest = alignment_lines(plan)
    head = f"**Decide by {day(plan.decision)}**: {escape.text(plan.why)}."
    bullets = "\n".join(f"- {escape.text(line)}" for line in rest)
    return "\n\n".join(["### Offer alignment", head, bullets, alignment_gantt(plan)])
