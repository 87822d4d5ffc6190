"""`offer set` and `offer extend`: an offer's figures and deadline changed in the company
note's keys (in place, through the one Writer: the person's YAML is never re-dumped), each
change recorded with its day in the note's offer history (jobsearch/offerlog.py).

A company before the offer stage (wishlist … interviewing) is moved to `pipeline: offer`:
an offer was made. A second run with the same figures writes nothing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..findings import Finding, JobSearchError
from ..jobsearch.applications import REGION as RECORD_REGION
from ..jobsearch.applications import application
from ..jobsearch.layout import layout_of
from ..jobsearch.money import agrees, currency_of, parse_money
from ..jobsearch.offerlog import REGION, history
from ..jobsearch.pipeline import Company, load_pipeline
from ..settings import Settings
from ..words import possessive
from ..workspace import Workspace
from ..write.writer import Edit, Writer, WriteResult
from .companies import AddError, find_company
from .sync import RETRIES

BEFORE_OFFER = ("wishlist", "applied", "screening", "interviewing")


class OfferError(JobSearchError):
    """An offer that cannot be set: an unknown company, a figure that is no amount."""

    show_code = False

    def __init__(self, message: str) -> None:
        super().__init__(Finding("cannot-set-offer", "", None, message))


def _company(ws: Workspace, settings: Settings, name: str, today: date) -> Company:
    """The company named `name`; OfferError with the names it is closest to otherwise."""
    pipeline = load_pipeline(ws, settings, today)
    try:
        fname, _title = find_company(ws, settings, name)
    except AddError as err:
        known = {c.name: c for c in pipeline.companies}
        close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
        if not close:  # a slug typed: compare with the note names too
            slugs = {c.slug: c.name for c in pipeline.companies}
            close = [slugs[s] for s in difflib.get_close_matches(name, list(slugs), n=3)]
        if close:
            raise OfferError(
                f"no company {name!r}: did you mean {' or '.join(map(repr, close))}?"
            ) from None
        raise OfferError(str(err.findings[0].message)) from None
    found = pipeline.company(fname)
    if found is None or found.note.path is None:
        raise OfferError(f"no company {name!r}: its note cannot be read")
    return found


def _amount(flag: str, value: str, currency: str) -> tuple[float, str]:
    """The amount of `--base 180k` and the currency it names ('' none)."""
    try:
        money = parse_money(value)
    except ValueError as err:
        raise OfferError(f"{flag}: {err}") from None
    if money is None:
        raise OfferError(f"{flag}: give an amount like 180000, 180k or £180,000")
    if not agrees(money.currency, currency):
        raise OfferError(
            f"{flag}: {value!r} is in {currency_of(money.currency)}, but the offer is in "
            f"{currency}; give --currency too, or the amount in {currency}"
        )
    return money.value, money.currency


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def set_offer(
    ws: Workspace,
    settings: Settings,
    company: str,
    *,
    base: str | None = None,
    bonus: str | None = None,
    equity: str | None = None,
    currency: str | None = None,
    deadline: date | None = None,
    day: date | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Set the offer's figures (`180k`, `£180,000`: as `offer_base` reads them), currency
    and deadline in the company note's keys, and record each change on `day` (default:
    today) in its offer history — and, when it moves the company to `offer`, in its
    applications record, so a `sync` after it has nothing left to write there."""
    when = day or date.today()
    if currency is not None and not currency.strip().isalpha():
        raise OfferError(f"--currency: {currency!r} is not a currency code like USD or GBP")
    found = _company(ws, settings, company, when)
    asked = _Asked(base, bonus, equity, currency, deadline)
    return _write(ws, settings, found, asked, when, dry_run)


@dataclass(frozen=True)
class _Asked:
    """What the command was given (None: leave it as it is)."""

    base: str | None = None
    bonus: str | None = None
    equity: str | None = None
    currency: str | None = None
    deadline: date | None = None


def _write(
    ws: Workspace, settings: Settings, found: Company, asked: _Asked, when: date, dry_run: bool
) -> WriteResult:
    """Write the offer's change into the note of `found` (again on the person's text when
    they save it in between)."""
    layout = layout_of(ws, settings)
    result = WriteResult(subject=found.fname, summary=found.name)

    first = [found]  # the first pass starts from the note as just read

    def compute() -> list[tuple[Path, Edit]]:
        """The edit from the note as it is now (read again after the person saved it)."""
        now = first.pop() if first else load_pipeline(ws, settings, when).company(found.fname)
        now = now or found
        keys, regions = _wanted(now, asked, when)
        assert now.note.path is not None
        if not keys and not regions:
            return []
        edit = Edit(keys, regions, frozenset(regions), (), layout.stamp(when),
                    layout.append_before)  # fmt: skip
        return [(now.note.path, edit)]

    Writer(ws.root, result, dry_run=dry_run).edit_all(compute, ws.reload_file, RETRIES)
    if not dry_run:
        for rel in result.changed:
            ws.reload_file(ws.root / rel)
    return result


def _wanted(found: Company, asked: _Asked, when: date) -> tuple[dict[str, Any], dict[str, str]]:
    """The keys to change and the regions to write (offer history, applications record)."""
    offer, currency, deadline = found.offer, asked.currency, asked.deadline
    keys: dict[str, Any] = {}
    wanted_currency = (currency or "").strip().upper()
    kept_currency = wanted_currency or (offer.currency if offer else "")
    signs: set[str] = set()
    values: dict[str, Any] = {}
    for key, given in (("base", asked.base), ("bonus", asked.bonus), ("equity", asked.equity)):
        if given is not None:
            amount, sign = _amount(f"--{key}", given, kept_currency)
            values[key] = amount
            if sign:
                signs.add(currency_of(sign))
    if not kept_currency and len(signs) == 1:
        wanted_currency = signs.pop()
    for key, amount in values.items():  # a figure already there stays as the person wrote it
        if offer is None or key in offer.unreadable or getattr(offer, key) != amount:
            keys[f"offer_{key}"] = _number(amount)
    if (
        wanted_currency
        and str(found.note.frontmatter.get("offer_currency") or "").strip() != wanted_currency
    ):
        keys["offer_currency"] = wanted_currency
    if deadline is not None and (offer is None or offer.deadline != deadline):
        keys["offer_deadline"] = deadline
    moved = found
    if found.pipeline in BEFORE_OFFER:
        keys["pipeline"] = "offer"
        moved = replace(found, pipeline="offer")
    regions = _history(found, values, wanted_currency, deadline, when)
    record = application(moved, when)
    if record.region is not None:
        regions[RECORD_REGION] = record.region
    return keys, regions


def extend_offer(
    ws: Workspace,
    settings: Settings,
    company: str,
    to: date,
    *,
    day: date | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """The offer's deadline moved to `to` (an extension granted), recorded on `day`."""
    when = day or date.today()
    found = _company(ws, settings, company, when)
    if found.offer is None or found.offer.deadline is None:
        raise OfferError(
            f"{found.name} has no offer deadline to extend: set one with "
            f"`offer set {found.name!r} --deadline YYYY-MM-DD`"
        )
    if to < found.offer.deadline:
        raise OfferError(
            f"--to {to.isoformat()} is before {possessive(found.name)} deadline "
            f"{found.offer.deadline.isoformat()}: an extension moves it later "
            "(use `offer set --deadline` to correct it)"
        )
    return _write(ws, settings, found, _Asked(deadline=to), when, dry_run)


def _history(
    company: Company,
    values: dict[str, Any],
    currency: str,
    deadline: date | None,
    day: date,
) -> dict[str, str]:
    """The offer history region with the changes of `day` recorded ({} when it has them)."""
    seen = company.offer.values if company.offer else {}  # before: the history keeps them
    current = {**seen, **values}
    if currency:
        current["currency"] = currency
    if deadline is not None:
        current["deadline"] = deadline
    kept = history(company.note.path, current, day, seen)
    return {REGION: kept.region} if kept.region is not None else {}


__all__ = ["OfferError", "extend_offer", "set_offer"]
