"""The offer-alignment plan: a decision date and per company the ask that gets there, in
`status`, `status --json` and on the dashboard — offers already aligned, one early exploding
offer, a process too slow to make it, a process with nothing scheduled, no time left."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import load_pipeline, open_workspace, plan_alignment
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import Settings

from .conftest import make_workspace

TODAY = date(2027, 3, 2)


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def company(title: str, pipeline: str, deadline: int | None = None) -> str:
    keys = [f"pipeline: {pipeline}"]
    if deadline is not None:
        keys += ["offer_base: 100000", f"offer_deadline: {day(deadline)}"]
    return "\n".join(["---", f"id: {title.lower()}", f"title: {title}", *keys, "---", ""])


def interview(kind: str) -> str:
    return f"---\nid: i-{kind}\ntitle: {kind}\nkind: {kind}\n---\n"


def companies(**notes: str) -> dict[str, str]:
    """`acme=company(...)`, `beta__onsite__3=interview(...)` (an interview in 3 days;
    `__m2`: two days ago)."""
    out = {}
    for name, text in notes.items():
        if "__" in name:
            owner, kind, offset = name.split("__")
            name = f"{owner}.interview.{day(int(offset.replace('m', '-')))}-{kind}"
        out[f"jobsearch.company.{name}"] = text
    return out


def plan_of(tmp_path: Path, notes: dict[str, str], window: int = 7):  # type: ignore[no-untyped-def]
    make_workspace(tmp_path, notes)
    pipeline = load_pipeline(open_workspace(tmp_path, use_cache=False), Settings(), TODAY)
    return plan_alignment(pipeline, window, TODAY)


def test_offers_already_aligned_ask_nothing(tmp_path: Path) -> None:
    """Every offer is in hand and nobody is still interviewing: decide by the earliest
    deadline, ask nobody for anything."""
    plan = plan_of(tmp_path, companies(acme=company("Acme", "offer", 10),
                                       beta=company("Beta", "offer", 12),
                                       gamma=company("Gamma", "rejected")))  # fmt: skip
    assert plan is not None
    assert plan.decision == TODAY + timedelta(days=10)
    assert plan.asks == [] and plan.aligned
    assert "every offer is in hand" in plan.why
    assert [o.text for o in plan.offers] == [
        f"Acme: deadline {day(10)}, in time",
        f"Beta: deadline {day(12)}, in time",
    ]


def test_one_early_exploding_offer_is_asked_to_extend(tmp_path: Path) -> None:
    """Acme's offer explodes tomorrow while Beta's onsite is in 3 days: decide when Beta's
    offer can be ready (onsite + 4 days), Acme asked to extend to that day, Delta in time."""
    plan = plan_of(tmp_path, companies(
        acme=company("Acme", "offer", 1),
        delta=company("Delta", "offer", 10),
        beta=company("Beta", "interviewing"),
        beta__onsite__3=interview("onsite"),
    ))  # fmt: skip
    assert plan is not None
    assert plan.decision == TODAY + timedelta(days=7)
    assert plan.asks == [f"ask Acme to extend to {day(7)} (+6 days)"]
    assert plan.why == f"when Beta can have its offer ready (onsite {day(3)} + 4 days)"
    (beta,) = plan.processes
    assert (
        beta.action is None
        and beta.text == f"Beta: onsite {day(3)}, an offer about {day(7)}, in time"
    )


def test_a_process_too_slow_to_make_it_is_told_plainly(tmp_path: Path) -> None:
    """Gamma's final round is in 20 days: even with Acme extended by the whole window its
    offer comes too late. The plan says so, and the choices: decide without Gamma, ask
    Gamma to hold the onsite earlier, or ask Acme for the most days it will give."""
    plan = plan_of(tmp_path, companies(
        acme=company("Acme", "offer", 2),
        gamma=company("Gamma", "interviewing"),
        gamma__coding__4=interview("coding"),
        gamma__onsite__20=interview("onsite"),
    ))  # fmt: skip
    assert plan is not None
    assert plan.decision == TODAY + timedelta(days=9)  # Acme's deadline + the 7-day window
    assert "the latest date the offers can plausibly wait" in plan.why
    acme_ask, gamma_ask = plan.asks
    assert acme_ask == f"ask Acme to extend to {day(9)} (+7 days)"
    assert gamma_ask == (
        f"Gamma is too slow to make it: the onsite on {day(20)} brings an offer about "
        f"{day(24)}, 15 days after the latest the offers can wait ({day(9)}). Decide "
        f"without Gamma, or ask Gamma to hold the onsite by {day(5)}, or ask Acme for the "
        "most days it will give"
    )
    (gamma,) = plan.processes
    assert (gamma.too_slow, gamma.action, gamma.hold_by) == (True, "hold", TODAY + timedelta(5))
    assert gamma.next_round is not None and gamma.next_round.kind == "coding"


def test_a_process_with_nothing_scheduled_gets_all_the_time_the_offers_allow(
    tmp_path: Path,
) -> None:
    plan = plan_of(tmp_path, companies(acme=company("Acme", "offer", 3),
                                       beta=company("Beta", "screening")))  # fmt: skip
    assert plan is not None and plan.decision == TODAY + timedelta(days=10)
    assert plan.asks == [
        f"ask Acme to extend to {day(10)} (+7 days)",
        f"ask Beta to hold its remaining rounds by {day(6)}",
    ]


def test_with_no_time_left_for_a_round_the_plan_says_decide_without_it(tmp_path: Path) -> None:
    plan = plan_of(
        tmp_path,
        companies(acme=company("Acme", "offer", 0), beta=company("Beta", "interviewing")),
        window=2,
    )
    assert plan is not None and plan.decision == TODAY + timedelta(days=2)
    (beta,) = plan.processes
    assert beta.action == "decide-without"
    assert beta.ask is not None and beta.ask.startswith("Beta cannot make it:")
    assert "Decide without Beta" in beta.ask


def final(kind: str) -> str:
    """An interview note marked as the company's last round."""
    return f"---\nid: i-{kind}\ntitle: {kind}\nkind: {kind}\nfinal: true\n---\n"


def test_a_company_whose_final_round_is_done_is_waited_for_its_offer_only(
    tmp_path: Path,
) -> None:
    """Beta's final onsite was two days ago: it owes an offer (about onsite + 4 days), not
    more rounds. The plan waits for that, not the whole window, and asks nothing: before,
    it asked Acme for a week more and Beta to "hold its remaining rounds"."""
    plan = plan_of(tmp_path, companies(
        acme=company("Acme", "offer", 10),
        beta=company("Beta", "interviewing"),
        beta__onsite__m2=final("onsite"),
    ))  # fmt: skip
    assert plan is not None
    assert plan.decision == TODAY + timedelta(days=10)
    assert plan.asks == [] and plan.aligned
    (beta,) = plan.processes
    assert beta.final_round is not None and beta.rounds == ()
    assert (
        beta.text == f"Beta: final round (onsite) done {day(-2)}, an offer about {day(2)}, in time"
    )
    assert beta.to_json()["final_round"] == {
        "fname": beta.final_round.fname, "date": day(-2), "kind": "onsite"
    }  # fmt: skip


def test_a_final_round_done_too_late_for_the_window_asks_for_the_offer(tmp_path: Path) -> None:
    """Acme's offer explodes today and can wait 2 days at most; Beta's final round was
    yesterday, so its offer would come in 3: ask Beta for its offer by the decision date —
    never to hold rounds it no longer has."""
    plan = plan_of(tmp_path, companies(
        acme=company("Acme", "offer", 0),
        beta=company("Beta", "interviewing"),
        beta__onsite__m1=final("onsite"),
    ), window=2)  # fmt: skip
    assert plan is not None and plan.decision == TODAY + timedelta(days=2)
    (beta,) = plan.processes
    assert beta.action == "ask-offer"
    assert (
        beta.ask
        == f"ask Beta for its offer by {day(2)}: its final round (onsite, {day(-1)}) is done"
    )
    assert beta.to_json()["hold_by"] is None


def test_a_round_after_the_final_one_or_a_final_round_to_come_still_counts_as_rounds(
    tmp_path: Path,
) -> None:
    """`final: true` on a round still to come changes nothing: its offer comes after it."""
    plan = plan_of(tmp_path, companies(
        acme=company("Acme", "offer", 1),
        beta=company("Beta", "interviewing"),
        beta__onsite__3=final("onsite"),
    ))  # fmt: skip
    assert plan is not None and plan.decision == TODAY + timedelta(days=7)
    (beta,) = plan.processes
    assert beta.final_round is None and beta.text.startswith(f"Beta: onsite {day(3)}")


def test_nothing_to_align_without_an_open_offer_still_to_come(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, companies(acme=company("Acme", "offer", -1),  # expired
                                       beta=company("Beta", "accepted", 5),
                                       gamma=company("Gamma", "interviewing")))  # fmt: skip
    assert plan is None


# --- what a person sees: status, status --json, the dashboard ---------------------------


def cli(root: Path, *args: str) -> tuple[int, str]:
    env = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat(), "COLUMNS": "200"}
    result = CliRunner().invoke(main, ["-w", str(root), *args], env=env)
    return result.exit_code, result.stdout


def write_companies(root: Path, notes: dict[str, str]) -> None:
    for fname, text in notes.items():
        (root / "vault" / f"{fname}.md").write_text(text)


EXPLODING = companies(
    acme=company("Acme", "offer", 1),
    delta=company("Delta", "offer", 10),
    beta=company("Beta", "interviewing"),
    beta__onsite__3=interview("onsite"),
    gamma=company("Gamma", "interviewing"),
    gamma__onsite__20=interview("onsite"),
)


def test_status_shows_the_plan_and_its_json(scaffolded: Path) -> None:
    write_companies(scaffolded, EXPLODING)
    code, out = cli(scaffolded, "status")
    assert code == 0
    assert f"offer alignment: decide by {day(8)}: the earliest deadline" in out
    assert f"  ask Acme to extend to {day(8)} (+7 days)" in out
    assert f"  Delta: deadline {day(10)}, in time" in out
    assert f"  Beta: onsite {day(3)}, an offer about {day(7)}, in time" in out
    assert "  Gamma is too slow to make it" in out
    # the warning gives the plan's ask, not advice of its own
    assert f"offer-expiring: the offer from Acme expires {day(1)}" in out
    assert f"ask Acme to extend to {day(8)} (+7 days) (the offer-alignment plan" in out

    code, out = cli(scaffolded, "status", "--json")
    alignment = json.loads(out)["alignment"]
    assert (alignment["decision_date"], alignment["aligned"], alignment["complete"]) == (
        day(8), False, True
    )  # fmt: skip
    assert [o["action"] for o in alignment["offers"]] == ["extend", None]
    assert [(p["name"], p["fits"], p["action"]) for p in alignment["processes"]] == [
        ("Beta", True, None), ("Gamma", False, "hold")
    ]  # fmt: skip
    assert alignment["processes"][1]["hold_by"] == day(4)


def test_status_json_alignment_is_null_without_offers(scaffolded: Path) -> None:
    code, out = cli(scaffolded, "status", "--json")
    assert code == 0 and json.loads(out)["alignment"] is None
    assert "offer alignment" not in cli(scaffolded, "status")[1]


def test_the_dashboard_shows_the_plan_and_its_gantt(scaffolded: Path) -> None:
    write_companies(scaffolded, EXPLODING)
    assert cli(scaffolded, "sync")[0] == 0
    dashboard = (scaffolded / "vault" / "jobsearch.dashboard.md").read_text()
    assert f"### Offer alignment\n\n**Decide by {day(8)}**: the earliest deadline" in dashboard
    assert f"- ask Acme to extend to {day(8)} (+7 days)\n" in dashboard
    gantt = dashboard.split("title Offer alignment", 1)[1].split("```", 1)[0]
    assert f"Acme deadline :crit, milestone, o1, {day(1)}, 0d" in gantt
    assert f"Acme +7 days asked :active, o1x, {day(1)}, {day(8)}" in gantt
    assert f"Delta deadline :milestone, o2, {day(10)}, 0d" in gantt
    assert f"Gamma offer about {day(24)} :crit, p2, {day(0)}, {day(24)}" in gantt
    assert f"Decide by {day(8)} :crit, milestone, decide, {day(8)}, 0d" in gantt
    assert cli(scaffolded, "sync")[1].strip() == "everything is up to date"


def test_a_company_note_that_cannot_be_read_is_left_out_and_said(scaffolded: Path) -> None:
    write_companies(scaffolded, EXPLODING)
    broken = scaffolded / "vault" / "jobsearch.company.gamma.md"
    broken.write_text(broken.read_text().replace("title: Gamma", "title: [Gamma"))
    code, out = cli(scaffolded, "status")
    assert code == 1
    assert "  not counted: 1 company note(s) that cannot be read (jobsearch.company.gamma)" in out
    assert "Gamma is too slow" not in out
    code, out = cli(scaffolded, "status", "--json")
    alignment = json.loads(out)["alignment"]
    assert alignment["complete"] is False and alignment["decision_date"] == day(7)


def test_granting_the_asked_extension_asks_nothing_more(scaffolded: Path) -> None:
    """Acme's offer explodes tomorrow; Gamma has nothing scheduled: decide at Acme's
    deadline + the window, ask Acme to extend to it. Once Acme grants it (`offer extend`),
    the plan asks nothing of Acme and keeps its date, on that day and the days after."""
    write_companies(scaffolded, companies(acme=company("Acme", "offer", 1),
                                          gamma=company("Gamma", "interviewing")))  # fmt: skip
    assert cli(scaffolded, "sync")[0] == 0  # the first deadline is recorded
    alignment = json.loads(cli(scaffolded, "status", "--json")[1])["alignment"]
    assert alignment["decision_date"] == day(8)
    assert alignment["offers"][0]["extend_to"] == day(8)
    assert cli(scaffolded, "offer", "extend", "Acme", "--to", day(8))[0] == 0
    for later in (0, 3):
        env = {"DENDRON_JOBSEARCH_TODAY": day(later), "COLUMNS": "200"}
        said = CliRunner().invoke(main, ["-w", str(scaffolded), "status", "--json"], env=env)
        alignment = json.loads(said.stdout)["alignment"]
        assert alignment["decision_date"] == day(8), later
        assert [o["action"] for o in alignment["offers"]] == [None], later
        assert not [a for a in alignment["asks"] if a.startswith("ask Acme")], later
    code, out = cli(scaffolded, "status")
    assert code == 0
    assert f"Acme: deadline {day(1)} → {day(8)}, in time" in out
    assert f"the earliest deadline first given (Acme's {day(1)}, extended to {day(8)})" in out


@pytest.mark.parametrize("app", ["dendron", "obsidian", "foam"])
def test_interview_add_final_marks_the_last_round_in_each_app(tmp_path: Path, app: str) -> None:
    """`interview add --final` writes `final: true`; once that round is held, `status`
    waits for the company's offer instead of asking it to hold rounds, and a second
    `sync` writes nothing. A `final` that is neither true nor false is named with its line."""
    from dendron_jobsearch import scaffold

    root = tmp_path / app
    root.mkdir()
    scaffold(root, start=date(2027, 1, 4), today=TODAY, dialect=app)
    assert cli(root, "company", "add", "Acme")[0] == 0
    assert cli(root, "company", "add", "Beta")[0] == 0
    (beta_note,) = [p for p in root.rglob("*.md") if p.stem.lower().endswith("beta")]
    text = beta_note.read_text(encoding="utf-8")
    beta_note.write_text(text.replace("pipeline: wishlist", "pipeline: interviewing", 1))
    assert cli(root, "offer", "set", "Acme", "--base", "100k", "--deadline", day(10))[0] == 0
    code, _ = cli(
        root, "interview", "add", "Beta", "--date", day(-2), "--kind", "onsite", "--final"
    )
    assert code == 0
    (note,) = root.rglob("*onsite*.md")
    assert "final: true" in note.read_text(encoding="utf-8").split("---")[1]
    alignment = json.loads(cli(root, "status", "--json")[1])["alignment"]
    beta = next(p for p in alignment["processes"] if p["name"] == "Beta")
    assert beta["final_round"]["date"] == day(-2) and beta["action"] is None
    assert alignment["asks"] == [] and alignment["decision_date"] == day(10)
    assert cli(root, "sync")[0] == 0
    again = json.loads(cli(root, "sync", "--json")[1])
    assert again["created"] == again["changed"] == [], again
    note.write_text(note.read_text(encoding="utf-8").replace("final: true", "final: maybe"))
    said = json.loads(cli(root, "status", "--json")[1])
    (bad,) = [f for f in said["findings"] if "final:" in f["message"]]
    assert bad["code"] == "value-invalid" and bad["line"] is not None


def test_the_lines_read_as_english_one_day_one_company_a_name_in_s(tmp_path: Path) -> None:
    """`+1 day`, not `+1 days`; `Citadel Securities' deadline`, not `Securities's`;
    `DeepMind is still interviewing`, not `DeepMind are` (issue 16, finding 7)."""
    from dendron_jobsearch.jobsearch.warnings import expiring

    make_workspace(tmp_path, companies(
        citadel=company("Citadel Securities", "offer", 3),
        deepmind=company("DeepMind", "interviewing"),
        deepmind__onsite__0=interview("onsite"),
    ))  # fmt: skip
    pipeline = load_pipeline(open_workspace(tmp_path, use_cache=False), Settings(), TODAY)
    plan = plan_alignment(pipeline, 7, TODAY)
    assert plan is not None
    assert plan.asks == [f"ask Citadel Securities to extend to {day(4)} (+1 day)"]
    (warning,) = expiring(pipeline, TODAY + timedelta(days=2), None)
    assert "(1 day left) while DeepMind is still interviewing" in warning.message
    assert "ask DeepMind to speed up" in warning.message
    alone = plan_of(tmp_path / "alone", companies(
        citadel=company("Citadel Securities", "offer", 3),
        beta=company("Beta", "screening"),
    ))  # fmt: skip
    assert alone is not None
    assert "(Citadel Securities' deadline " in alone.why
