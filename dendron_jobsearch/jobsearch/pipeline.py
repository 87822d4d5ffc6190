"""Companies, interviews and offers, read from the notes under
`<hierarchy>.company.*`.

Company notes are written by hand, so any value may be wrong: a date that is no date, an
amount that is no number, a pipeline stage that does not exist. Each is a Finding naming the
file and the line of its key, and the rest of the pipeline still loads — a typo in one note
must never hide the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from ..findings import Finding
from ..settings import Settings
from ..vault.dialects.dendron import DENDRON
from ..vault.frontmatter import key_lines
from ..vault.model import Note
from ..workspace import Workspace
from .days import EARLIEST, LATEST, in_range, parse_day
from .layout import Layout, file_name, layout_of
from .money import Money, agrees, currency_of, parse_money
from .offerlog import History, Values, history, shown
from .usable import unusable_files

STAGES = (
    "wishlist",
    "applied",
    "screening",
    "interviewing",
    "offer",
    "accepted",
    "declined",
    "rejected",
    "withdrawn",
    "ghosted",
)
FUNNEL = ("applied", "screening", "interviewing", "offer")
APART = ("rejected", "withdrawn", "ghosted", "declined")  # ends shown apart, not as drop-off
IN_PROCESS = ("screening", "interviewing")
AMOUNTS = ("offer_base", "offer_bonus", "offer_equity")
# interview kinds that are a screen: they show a company reached `screening`, not more
_SCREEN = re.compile(r"screen|recruit|intro|hr\b|phone", re.I)


def leaf(fname: str) -> str:
    """The last level of a note's name: after the last `/` in a folder vault (Obsidian,
    Foam: a Dendron name holds no `/`), else after the last dot."""
    return fname.rsplit("/", 1)[-1] if "/" in fname else fname.rsplit(".", 1)[-1]


_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})-?(.*)$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.I)


def text(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class Offer:
    base: float | None
    bonus: float | None
    equity: float | None
    currency: str
    deadline: date | None
    # the amount keys that are set but do not read (`offer_base: lots`): the total is unknown
    unreadable: tuple[str, ...] = ()
    history: History = field(default_factory=lambda: History(()))

    @property
    def total(self) -> float | None:
        """The sum of the parts set; None (unknown) when any part set does not read, or
        none is set — never a partial sum."""
        parts = [v for v in (self.base, self.bonus, self.equity) if v is not None]
        if self.unreadable or not parts:
            return None
        return sum(parts)

    @property
    def total_text(self) -> str:
        """The total as views show it: `unknown` when a part does not read."""
        if self.unreadable:
            return "unknown"
        total = self.total
        if total is None:
            return ""
        return shown(float(total))

    @property
    def values(self) -> Values:
        """The values its history records, by key (None: unset or unreadable)."""
        return {"base": self.base, "bonus": self.bonus, "equity": self.equity,
                "currency": self.currency or None, "deadline": self.deadline}  # fmt: skip

    @property
    def first_deadline(self) -> date | None:
        """The first deadline seen (the history's), else the deadline."""
        return self.history.first_deadline or self.deadline

    @property
    def extended(self) -> bool:
        first = self.first_deadline
        return bool(first and self.deadline and self.deadline > first)

    @property
    def deadline_text(self) -> str:
        """`2027-05-10 → 2027-05-17` once extended, else the deadline."""
        moves = self.history.moves("deadline")
        if self.deadline is not None and len(moves) > 1 and moves[-1] == self.deadline.isoformat():
            return " → ".join(moves)
        return self.deadline.isoformat() if self.deadline else ""

    def days_left(self, today: date) -> int | None:
        return (self.deadline - today).days if self.deadline else None

    def to_json(self, today: date) -> dict[str, Any]:
        return {
            "base": self.base,
            "bonus": self.bonus,
            "equity": self.equity,
            "total": self.total,
            "total_known": not self.unreadable,
            "unreadable": [f"offer_{key}" for key in self.unreadable],
            "currency": self.currency,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "first_deadline": _iso(self.first_deadline),
            "extended": self.extended,
            "days_left": self.days_left(today),
            "history": [c.to_json() for c in self.history.changes],
            "changes": self.history.summary,
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class Interview:
    fname: str
    note: Note
    company: str  # the company's fname
    date: date | None
    kind: str
    outcome: str
    time: time | None = None  # the time of day when the note gives one (as written: local)
    final: bool = False  # `final: true`: the company's last round (its offer comes next)

    @property
    def is_screen(self) -> bool:
        return bool(_SCREEN.search(self.kind))


@dataclass
class Company:
    fname: str
    note: Note
    name: str
    pipeline: str | None  # None: the note's value is not a stage (a Finding says which)
    role: str
    applied: date | None
    source: str
    referrer: str
    offer: Offer | None
    interviews: list[Interview] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return leaf(self.fname)

    @property
    def reached(self) -> int:
        """How far along the funnel it got: an index into FUNNEL, -1 for not at all. The
        furthest of what `pipeline` says and what the note shows (an offer, interviews, an
        application date), so a stage the person forgot to move on still counts."""
        shown = [-1]
        if self.pipeline in FUNNEL:
            shown.append(FUNNEL.index(self.pipeline))
        if self.pipeline in ("accepted", "declined") or self.offer is not None:
            shown.append(FUNNEL.index("offer"))
        if any(not i.is_screen for i in self.interviews):
            shown.append(FUNNEL.index("interviewing"))
        if self.interviews:
            shown.append(FUNNEL.index("screening"))
        if self.applied is not None or self.pipeline in ("rejected", "ghosted"):
            shown.append(FUNNEL.index("applied"))
        return max(shown)

    @property
    def open_offer(self) -> bool:
        return self.pipeline == "offer" and self.offer is not None

    def final_round_held(self, today: date) -> Interview | None:
        """Its final round (an interview with `final: true`) once held — before today —
        with no round after it: the company owes an offer, not more rounds."""
        dated = [i for i in self.interviews if i.date is not None]
        last = max(dated, key=lambda i: (i.date, i.fname), default=None)
        if last is None or not last.final or last.date is None or last.date >= today:
            return None
        return last


@dataclass
class Pipeline:
    companies: list[Company]
    findings: list[Finding]  # values that do not parse: the rest of the note still counts
    today: date
    # company and interview notes that cannot be read: fname -> why. Their figures are
    # unknown, so a summary drawn from the pipeline cannot be trusted while any is here.
    unreadable: dict[str, list[Finding]] = field(default_factory=dict)
    layout: Layout = field(default_factory=Layout)
    clean_name: Callable[[str], str] = field(default=DENDRON.clean_name, repr=False)

    @property
    def problems(self) -> list[Finding]:
        return [f for found in self.unreadable.values() for f in found]

    @property
    def funnel(self) -> dict[str, int]:
        """Companies that reached each funnel stage (one counts in every stage it reached)."""
        return {
            stage: sum(1 for c in self.companies if c.reached >= position)
            for position, stage in enumerate(FUNNEL)
        }

    @property
    def apart(self) -> dict[str, int]:
        """The ends that are not drop-off: rejected, withdrawn, ghosted, declined."""
        return {end: sum(1 for c in self.companies if c.pipeline == end) for end in APART}

    @property
    def accepted(self) -> list[Company]:
        return [c for c in self.companies if c.pipeline == "accepted"]

    @property
    def interviews(self) -> list[Interview]:
        found = [i for c in self.companies for i in c.interviews]
        return sorted(found, key=lambda i: (i.date or date.max, i.fname))

    @property
    def upcoming(self) -> list[Interview]:
        return [i for i in self.interviews if i.date is not None and i.date >= self.today]

    @property
    def offers(self) -> list[Company]:
        """Companies with an offer, earliest deadline first (no deadline last)."""
        found = [c for c in self.companies if c.offer is not None]
        return sorted(found, key=lambda c: (c.offer.deadline or date.max, c.fname))  # type: ignore[union-attr]

    def company(self, fname: str) -> Company | None:
        key = self.clean_name(fname)
        return next((c for c in self.companies if self.clean_name(c.fname) == key), None)


class _Reader:
    """Reads one note's values; a bad one becomes a Finding at the line of its key."""

    def __init__(self, note: Note, findings: list[Finding], today: date | None = None) -> None:
        self.today = today  # the day an offer's changes are seen (None: not recorded)
        self.note = note
        self.fm = note.frontmatter
        self.findings = findings
        self._lines: dict[str, int] | None = None

    def line(self, key: str) -> int | None:
        if self._lines is None:
            self._lines = key_lines(self.note.file) if self.note.file else {}
        return self._lines.get(key)

    def bad(self, key: str, message: str) -> None:
        self.findings.append(Finding("value-invalid", self.note.rel, self.line(key), message))

    def day(self, key: str) -> date | None:
        try:
            found = parse_day(self.fm.get(key))
            return found.date() if isinstance(found, datetime) else found
        except ValueError as err:
            self.bad(key, f"{key}: {err}; fix it (YYYY-MM-DD) or leave it empty")
            return None

    def money(self, key: str) -> Money | None:
        """The key's amount; None (and a Finding) when set and unreadable: the caller
        tells that from unset by `self.fm.get(key)`."""
        try:
            return parse_money(self.fm.get(key))
        except ValueError as err:
            self.bad(key, f"{key}: {err}; write a number like 180000, 180k or £180,000")
            return None

    def amount(self, key: str) -> float | None:
        found = self.money(key)
        return None if found is None else found.value

    def flag(self, key: str) -> bool:
        """A yes/no key: YAML's true/false, or `yes`/`no` as some apps write them."""
        value = self.fm.get(key)
        if isinstance(value, bool):
            return value
        written = text(value).lower()
        if written in ("", "false", "no"):
            return False
        if written in ("true", "yes"):
            return True
        self.bad(key, f"{key}: {text(value)!r} is not true or false; write true, or leave it empty")
        return False


def _company_name(note: Note) -> str:
    """The company's name: the note's title; in Obsidian, where the title is the file name,
    the alias `company add` gave the note when its name holds what a file name cannot (the
    note `Acme: Robotics.md` has the alias `Acme: Robotics`, help.obsidian.md Aliases)."""
    aliases = note.frontmatter.get("aliases")
    if "/" in note.fname and isinstance(aliases, list) and aliases:
        first = str(aliases[0])
        if file_name(first) == note.title:
            return first
    return note.title or leaf(note.fname)


def _amounts(read: _Reader) -> tuple[dict[str, float | None], tuple[str, ...], str]:
    """The offer's amounts (key -> value), the parts set that do not read (`base`, …),
    and its currency: `offer_currency`, else the one its amounts' signs agree on. An
    amount in another currency than the offer's is a Finding, and does not count."""
    currency = text(read.fm.get("offer_currency")).upper()
    written = {key: read.money(key) for key in AMOUNTS}
    unreadable = [k for k, v in written.items() if v is None and text(read.fm.get(k)) != ""]
    signs = {currency_of(m.currency) for m in written.values() if m and m.currency}
    if not currency and len(signs) == 1:
        currency = signs.pop()
    amounts: dict[str, float | None] = {}
    for key, found in written.items():
        if found is not None and not agrees(found.currency, currency or found.currency):
            read.bad(key, f"{key}: {read.fm.get(key)!r} is in {currency_of(found.currency)}, "
                     f"but the offer is in {currency or 'several currencies'}; "
                     "write both in one currency")  # fmt: skip
            unreadable.append(key)
            found = None
        amounts[key] = None if found is None else found.value
    if not text(read.fm.get("offer_currency")) and len(signs) > 1:
        currency = ""
    return amounts, tuple(k.removeprefix("offer_") for k in AMOUNTS if k in unreadable), currency


def _company(note: Note, findings: list[Finding], today: date | None = None) -> Company:
    read = _Reader(note, findings, today)
    raw = text(note.frontmatter.get("pipeline")).lower()
    pipeline: str | None = raw or "wishlist"
    if pipeline not in STAGES:
        read.bad("pipeline", f"pipeline: {raw!r} is not one of {', '.join(STAGES)}")
        pipeline = None
    deadline = read.day("offer_deadline")
    amounts, unreadable, currency = _amounts(read)
    has_offer = any(v is not None for v in amounts.values()) or deadline is not None
    has_offer = has_offer or bool(unreadable)
    offer = None
    if has_offer or pipeline in ("offer", "accepted", "declined"):
        base, bonus, equity = (amounts[key] for key in AMOUNTS)
        offer = Offer(base, bonus, equity, currency, deadline, unreadable)
        if read.today:
            offer = replace(offer, history=history(note.path, offer.values, read.today))
    return Company(
        fname=note.fname,
        note=note,
        name=_company_name(note),
        pipeline=pipeline,
        role=text(note.frontmatter.get("role")),
        applied=read.day("applied"),
        source=text(note.frontmatter.get("source")),
        referrer=text(note.frontmatter.get("referrer")),
        offer=offer,
    )


def parse_clock(value: object) -> time | None:
    """A time of day from `14:30`, `9:05:30`, `2:30 pm`, `2pm` (or YAML's own); None when
    empty. Raises ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value
    match = _CLOCK.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a time like 14:30")
    hour, minute, second = (int(g or 0) for g in match.groups()[:3])
    half = (match.group(4) or "").lower().replace(".", "")
    if half and not 1 <= hour <= 12:
        raise ValueError(f"{value!r} is not a time like 2:30 pm")
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    if not half and match.group(2) is None:
        raise ValueError(f"{value!r} is not a time like 14:30")
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"{value!r} is not a time like 14:30") from None


def _moment(read: _Reader) -> tuple[date | None, time | None]:
    """The interview's `date` (a day, or a day and a time: `2027-03-02 14:30`) and its
    `time` key, which wins over a time in `date`."""
    raw = read.fm.get("date")
    day: date | None
    at: time | None = None
    if isinstance(raw, datetime) and EARLIEST <= raw.date() <= LATEST:
        day, at = raw.date(), raw.time()
    elif isinstance(raw, str) and _DATETIME.match(raw.strip()):
        try:
            moment = datetime.fromisoformat(raw.strip().replace(" ", "T", 1))
            day, at = in_range(moment.date()), moment.time()
        except ValueError:
            read.bad("date", f"date: {raw!r} is not a date like 2027-01-10 14:30")
            day = None
    else:
        day = read.day("date")
    try:
        at = parse_clock(read.fm.get("time")) or at
    except ValueError as err:
        read.bad("time", f"time: {err}; write it like 14:30 or leave it empty")
    return day, at


def _interview(note: Note, company: str, findings: list[Finding]) -> Interview:
    """An interview; its date and kind fall back to its name (`2027-01-10-onsite`);
    `final: true` marks the company's last round."""
    read = _Reader(note, findings)
    last = leaf(note.fname)
    dated = _DATED.match(last.replace(" ", "-", 1) if "/" in note.fname else last)
    day, at = _moment(read)
    if day is None and text(note.frontmatter.get("date")) == "" and dated:
        day = date.fromisoformat(dated.group(1)) if _valid_iso(dated.group(1)) else None
    kind = text(note.frontmatter.get("kind"))
    if not kind:
        kind = (dated.group(2) if dated else last).replace("-", " ")
    outcome = text(note.frontmatter.get("outcome"))
    return Interview(note.fname, note, company, day, kind, outcome, at, read.flag("final"))


def _valid_iso(value: str) -> bool:
    try:
        in_range(date.fromisoformat(value))
    except ValueError:
        return False
    return True


def load_pipeline(ws: Workspace, settings: Settings, today: date | None = None) -> Pipeline:
    """Every company (direct children of `<hierarchy>.company`) and its interviews; a note
    that cannot be read is listed as unreadable, never dropped."""
    findings: list[Finding] = []
    day = today or date.today()
    companies: dict[str, Company] = {}
    layout = layout_of(ws, settings)
    clean_name = ws.index.dialect.clean_name
    unreadable = unusable_files(ws, layout.company_prefix)
    # hierarchy lookups, not a scan of the vault: watch mode re-reads this on every save
    for note in ws.index.children(layout.companies):
        if note.stub or note.fname in unreadable:
            continue
        company = companies[clean_name(note.fname)] = _company(note, findings, day)
        for child in ws.index.children(layout.interviews(note.fname)):
            if not child.stub and child.fname not in unreadable:
                company.interviews.append(_interview(child, company.fname, findings))
    for company in companies.values():
        company.interviews.sort(key=lambda i: (i.date or date.max, i.fname))
    ordered = sorted(companies.values(), key=lambda c: (c.name.lower(), c.fname))
    findings.sort(key=lambda f: (f.path, f.line or 0))
    return Pipeline(ordered, findings, day, unreadable, layout, clean_name)
