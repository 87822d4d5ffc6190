"""The dashboard's Mermaid diagrams render in Mermaid 9.4.3, the version Dendron's preview
bundles, in a real headless Chromium (the project's harness in mermaid/, see tests/mermaid.py):
the schedule's gantt with done, active and overdue stages and stage titles full of characters
Mermaid reserves; the pipeline chart; the offer-alignment gantt. The check can fail: a diagram
Mermaid rejects is reported, with Mermaid's error."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from dendron_jobsearch import load_pipeline, open_workspace, plan_alignment, scaffold
from dendron_jobsearch.jobsearch.model import load_jobsearch
from dendron_jobsearch.settings import Settings, load_settings
from dendron_jobsearch.views.alignment import alignment_gantt
from dendron_jobsearch.views.dashboard import dashboard_block
from dendron_jobsearch.views.pipeline import pipeline_chart

from . import mermaid
from .conftest import ROOT, make_workspace

pytestmark = pytest.mark.slow

PLAN = """---
id: p
title: "Plan: #1; the 'big' one"
---
1. Prep: read #books; "quotes" (**3 days**)
    - a
2. Ünïcödé & <html> stage (**1 week**)
    - b
3. Apply -> everywhere (**2 days**)
    - c
"""


@pytest.fixture(scope="module", autouse=True)
def _harness() -> None:
    """Mermaid installed once (skipped with the reason without it, failed under CI=true)."""
    mermaid.mermaid_or_skip()


# Dendron's preview bundles Mermaid 9.4.3; Obsidian bundles 11.13.0 (help.obsidian.md,
# Credits: https://github.com/obsidianmd/obsidian-help/blob/master/en/Obsidian/Credits.md).
# The dashboard is the same Markdown in every dialect, so its diagrams must render in both.
APPS = ["dendron", "obsidian"]


@pytest.mark.parametrize("app", APPS)
def test_dashboard_gantt_renders_with_every_state(tmp_path: Path, app: str) -> None:
    make_workspace(tmp_path, {"p": PLAN})
    scaffold(tmp_path, plan="p", start=date(2026, 1, 5))
    vault = tmp_path / "vault"
    first, second = sorted(vault.glob("jobsearch.stage.0[12]-*.md"))
    first.write_text(first.read_text().replace("- [ ] a", "- [x] a"))
    second.write_text(second.read_text().replace("- [ ] b", "- [/] b"))
    search = load_jobsearch(open_workspace(tmp_path), load_settings(tmp_path), date(2026, 1, 16))
    assert [s.status for s in search.stages] == ["x", "w", ""]
    assert [s.overdue for s in search.stages] == [False, True, False]
    block = dashboard_block(search)
    assert ":done, s1," in block and ":crit, active, s2," in block
    results = mermaid.render(mermaid.diagrams_in(block), app)
    assert results == [{"ok": True}], results


NAMES = ['Acme: "the" #1; <b>robots</b> & co', "Beta -> end", "end", "Ünïcödé; graph TD"]


def company(title: str, keys: str) -> str:
    quoted = title.replace("'", "''")
    note_id = hashlib.sha256(title.encode()).hexdigest()[:12]
    return f"---\nid: {note_id}\ntitle: '{quoted}'\n{keys}---\n"


@pytest.mark.parametrize("app", APPS)
def test_the_pipeline_chart_and_the_offer_alignment_gantt_render(tmp_path: Path, app: str) -> None:
    """Companies named with what Mermaid reserves (quotes, `#`, `;`, `:`, `->`, `end`, HTML)
    at every kind of stage, and a plan with an extension asked for, an offer in time, a
    process that fits, one too slow and one with nothing scheduled."""
    today = date(2027, 3, 2)
    offer = "pipeline: offer\noffer_base: 1\noffer_deadline: {}\n"
    notes = {
        "jobsearch.company.a": company(NAMES[0], offer.format("2027-03-03")),
        "jobsearch.company.b": company(NAMES[1], offer.format("2027-03-12")),
        "jobsearch.company.c": company(NAMES[2], "pipeline: interviewing\n"),
        "jobsearch.company.c.interview.2027-03-05-on-site": company("x", "kind: 'on: site; #1'\n"),
        "jobsearch.company.d": company(NAMES[3], "pipeline: screening\n"),
        "jobsearch.company.e": company("E", "pipeline: interviewing\n"),
        "jobsearch.company.e.interview.2027-03-30-final": company("y", "kind: final\n"),
        "jobsearch.company.f": company("F", "pipeline: ghosted\n"),
        "jobsearch.company.g": company("G", "pipeline: nonsense\n"),
    }
    make_workspace(tmp_path, notes)
    pipeline = load_pipeline(open_workspace(tmp_path, use_cache=False), Settings(), today)
    plan = plan_alignment(pipeline, 7, today)
    assert plan is not None and len(plan.asks) == 3
    results = mermaid.render([
        mermaid.diagrams_in(pipeline_chart(pipeline))[0],
        mermaid.diagrams_in(alignment_gantt(plan))[0],
    ], app)  # fmt: skip
    assert results == [{"ok": True}, {"ok": True}], results


@pytest.mark.parametrize("app", APPS)
def test_the_readmes_diagrams_render(app: str) -> None:
    diagrams = mermaid.diagrams_in((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(diagrams) >= 2
    results = mermaid.render(diagrams, app)
    assert results == [{"ok": True}] * len(diagrams), results


def test_mermaid_9_draws_milestones_but_no_vert_markers() -> None:
    """Why the decision date is a milestone: `vert` markers came with Mermaid 11, and
    Dendron's Mermaid 9.4.3 rejects them."""
    head = (
        "gantt\n  dateFormat YYYY-MM-DD\n  section Offers\n  Acme :milestone, a, 2027-03-04, 0d\n"
    )
    results = mermaid.render([head, head + "  Decide :vert, d, 2027-03-11, 0d\n"])
    assert [r["ok"] for r in results] == [True, False], results


def test_obsidians_mermaid_is_11_and_draws_vert_markers() -> None:
    """The harness really is Obsidian's Mermaid: the `vert` marker 9.4.3 rejects renders."""
    head = (
        "gantt\n  dateFormat YYYY-MM-DD\n  section Offers\n  Acme :milestone, a, 2027-03-04, 0d\n"
    )
    results = mermaid.render([head, head + "  Decide :vert, d, 2027-03-11, 0d\n"], "obsidian")
    assert [r["ok"] for r in results] == [True, True], results


def test_a_diagram_mermaid_rejects_is_reported_with_its_error() -> None:
    """Each diagram on its own: one that fails neither passes nor hides the next one."""
    bad_gantt = "gantt\n  bad line :::"
    good = "gantt\n  dateFormat YYYY-MM-DD\n  section S\n  Stage :s1, 2026-01-05, 3d\n"
    bad_flowchart = "graph TD\n  A-->"
    results = mermaid.render([bad_gantt, good, bad_flowchart])
    assert [r["ok"] for r in results] == [False, True, False], results
    assert results[0]["error"]
    assert results[2]["error"].startswith("Parse error on line"), results[2]


@pytest.mark.parametrize("ci", ["", "true"])
def test_without_chromium_the_check_skips_with_the_reason_but_fails_under_ci(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", ci)
    which = mermaid.shutil.which
    monkeypatch.setattr(
        mermaid.shutil, "which", lambda name: None if name == "chromium" else which(name)
    )
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="chromium is needed"):
        mermaid.mermaid_or_skip()
