"""Companies, interviews and offers read from the vault; the warnings the plan's advice asks
for, each triggered and not; bad values reported as findings, never crashes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from dendron_jobsearch import check, open_workspace
from dendron_jobsearch.jobsearch.model import load_jobsearch
from dendron_jobsearch.jobsearch.pipeline import Pipeline, load_pipeline
from dendron_jobsearch.jobsearch.warnings import pipeline_warnings, stage_warnings
from dendron_jobsearch.settings import Settings

from .conftest import make_workspace

TODAY = date(2027, 3, 2)


def note(title: str, **keys: object) -> str:
    """A note whose frontmatter holds `keys` as written (values are raw YAML text)."""
    lines = [f"{key}: {value}" for key, value in keys.items()]
    return "\n".join(["---", "id: " + title.lower()[:20], f"title: {title}", *lines, "---", ""])


COMPANIES = {
    "jobsearch.company.acme": note(
        "Acme", pipeline="offer", applied="2027-01-05", offer_base=150000, offer_bonus=20000,
        offer_equity="50,000", offer_currency="USD", offer_deadline="2027-03-10",
    ),
    "jobsearch.company.acme.interview.2027-01-20-recruiter-screen": note(
        "Acme screen", date="2027-01-20", kind="recruiter screen", outcome="passed"
    ),
    "jobsearch.company.acme.interview.2027-02-10-onsite": note("Acme onsite"),
    "jobsearch.company.acme.notes.misc": note("Not an interview"),
    "jobsearch.company.beta": note("Beta", pipeline="rejected", applied="2027-01-06"),
    "jobsearch.company.beta.interview.2027-01-22-phone-screen": note("Beta screen"),
    "jobsearch.company.gamma": note("Gamma", pipeline="interviewing", applied="2027-01-07"),
    "jobsearch.company.gamma.interview.2027-02-01-coding": note("Gamma coding"),
    "jobsearch.company.gamma.interview.2027-03-05-onsite": note(
        "Gamma onsite", date="2027-03-05", kind="onsite"
    ),
    "jobsearch.company.delta": note("Delta", pipeline="ghosted", applied="2027-01-08"),
    "jobsearch.company.epsilon": note("Epsilon"),
    "jobsearch.company.zeta": note(
        "Zeta", pipeline="accepted", applied="2027-01-08", offer_base=160000,
        offer_deadline="2027-03-04",
    ),
}  # fmt: skip


def pipeline_of(tmp_path: Path, notes: dict[str, str], today: date = TODAY) -> Pipeline:
    make_workspace(tmp_path, notes)
    return load_pipeline(open_workspace(tmp_path, use_cache=False), Settings(), today)


def test_companies_funnel_offers_and_upcoming_interviews(tmp_path: Path) -> None:
    pipeline = pipeline_of(tmp_path, COMPANIES)
    names = [c.name for c in pipeline.companies]
    assert names == ["Acme", "Beta", "Delta", "Epsilon", "Gamma", "Zeta"]
    acme = pipeline.companies[0]
    assert [(i.date, i.kind, i.outcome) for i in acme.interviews] == [
        (date(2027, 1, 20), "recruiter screen", "passed"),
        (date(2027, 2, 10), "onsite", ""),  # date and kind read from the fname
    ]
    # every company counts in each stage it reached; ends are shown apart, not as drop-off
    assert pipeline.funnel == {"applied": 5, "screening": 4, "interviewing": 3, "offer": 2}
    assert pipeline.apart == {"rejected": 1, "withdrawn": 0, "ghosted": 1, "declined": 0}
    assert [c.name for c in pipeline.accepted] == ["Zeta"]
    assert [(i.company, i.kind) for i in pipeline.upcoming] == [
        ("jobsearch.company.gamma", "onsite")
    ]
    assert [c.name for c in pipeline.offers] == ["Zeta", "Acme"]  # earliest deadline first
    assert acme.offer is not None
    shown = acme.offer.to_json(TODAY)
    assert {k: shown[k] for k in ("base", "bonus", "equity", "total", "currency")} == {
        "base": 150000.0, "bonus": 20000.0, "equity": 50000.0, "total": 220000.0,
        "currency": "USD",
    }  # fmt: skip
    assert (shown["deadline"], shown["first_deadline"], shown["days_left"]) == (
        "2027-03-10", "2027-03-10", 8,
    )  # fmt: skip
    assert pipeline.findings == []


@pytest.mark.parametrize(
    ("fname", "key", "value", "says"),
    [
        ("jobsearch.company.x", "applied", "last week", "not a date"),
        ("jobsearch.company.x", "offer_base", "lots", "not an amount"),
        ("jobsearch.company.x", "offer_equity", "true", "not an amount"),
        ("jobsearch.company.x", "offer_deadline", "soon", "not a date"),
        ("jobsearch.company.x", "pipeline", "interviewed", "is not one of wishlist"),
        ("jobsearch.company.x.interview.2027-01-01-onsite", "date", "tomorrow", "not a date"),
    ],
)
def test_a_bad_value_is_a_finding_at_its_line(
    tmp_path: Path, fname: str, key: str, value: str, says: str
) -> None:
    notes = {"jobsearch.company.x": note("X", role="Engineer")}
    notes[fname] = note("Bad", source="web", **{key: value}, referrer="Ann")
    pipeline = pipeline_of(tmp_path, notes)
    assert [(f.code, f.path, f.line) for f in pipeline.findings] == [
        ("value-invalid", f"vault/{fname}.md", 5)  # ---, id, title, source, then the key
    ]
    assert says in pipeline.findings[0].message and key in pipeline.findings[0].message
    assert len(pipeline.companies) == 1  # the rest still loads
    report = check(open_workspace(tmp_path))  # and `check` reports it, without crashing
    assert [(f.code, f.line) for f in report.warnings if f.code == "value-invalid"] == [
        ("value-invalid", 5)
    ]


def offer(title: str, deadline: date, pipeline: str = "offer") -> str:
    return note(title, pipeline=pipeline, offer_base=1, offer_deadline=deadline.isoformat())


def applied(title: str, day: str, pipeline: str = "applied") -> str:
    return note(title, pipeline=pipeline, applied=day)


D = TODAY + timedelta(days=2)
WARNING_CASES = [
    ("deadlines 19 days apart", {"a": offer("A", D), "b": offer("B", D + timedelta(19))},
     ["offer-deadline-spread"], "decide by 2027-03-04, as the offer-alignment plan says"),
    ("deadlines 7 days apart: within the window", {"a": offer("A", D + timedelta(5)),
     "b": offer("B", D + timedelta(12))}, [], ""),
    ("an accepted offer is not open", {"a": offer("A", D + timedelta(5), "accepted"),
     "b": offer("B", D + timedelta(30))}, [], ""),
    ("expiring while others interview", {"a": offer("A", D),
     "b": note("B", pipeline="interviewing")}, ["offer-expiring"],
     "ask A to extend to 2027-03-11 (+7 days)"),
    ("expiring in 5 days", {"a": offer("A", D + timedelta(3)),
     "b": note("B", pipeline="screening")}, [], ""),
    ("expiring, nobody else interviewing", {"a": offer("A", D),
     "b": note("B", pipeline="rejected")}, [], ""),
    ("applications 19 days apart", {"a": applied("A", "2027-01-01"),
     "b": applied("B", "2027-01-20", "rejected")}, ["applications-spread"],
     "apply at all companies at once"),
    ("applications 14 days apart", {"a": applied("A", "2027-01-01"),
     "b": applied("B", "2027-01-15")}, [], ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("notes", "codes", "says"), [pytest.param(*case[1:], id=case[0]) for case in WARNING_CASES]
)
def test_offer_and_application_warnings(
    tmp_path: Path, notes: dict[str, str], codes: list[str], says: str
) -> None:
    pipeline = pipeline_of(tmp_path, {f"jobsearch.company.{k}": v for k, v in notes.items()})
    warnings = pipeline_warnings(pipeline, 7, TODAY)
    assert [w.code for w in warnings] == codes
    assert all(says in w.message for w in warnings)


PLAN = "---\nid: p\ntitle: Plan\n---\n1. Learn (**1 week**)\n    - read\n2. Apply (**3 days**)\n"


@pytest.mark.parametrize(
    ("start", "overdue"), [(TODAY - timedelta(days=30), [1, 2]), (TODAY, []), (None, [])]
)
def test_stage_overdue(tmp_path: Path, start: date | None, overdue: list[int]) -> None:
    make_workspace(tmp_path, {"p": PLAN})
    search = load_jobsearch(open_workspace(tmp_path), Settings(plan="p", start=start), TODAY)
    warnings = stage_warnings(search.stages)
    assert [w.code for w in warnings] == ["stage-overdue"] * len(overdue)
    assert [w.message.split()[1] for w in warnings] == [str(n) for n in overdue]
    assert [w.code for w in search.warnings] == [w.code for w in warnings]


def test_companies_live_under_the_configured_hierarchy(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"search.2027.company.acme": note("Acme"), **COMPANIES})
    ws = open_workspace(tmp_path, use_cache=False)
    pipeline = load_pipeline(ws, Settings(hierarchy="search.2027"), TODAY)
    assert [c.fname for c in pipeline.companies] == ["search.2027.company.acme"]
