"""The dashboard's Mermaid gantt renders in Mermaid 9.4.3, the version Dendron's preview
bundles, in a real headless Chromium (the project's harness in mermaid/, see tests/mermaid.py):
done, active and overdue stages, and stage titles full of characters Mermaid reserves. The
check can fail: a diagram Mermaid rejects is reported, with Mermaid's error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dendron_jobsearch import open_workspace, scaffold
from dendron_jobsearch.jobsearch.model import load_jobsearch
from dendron_jobsearch.settings import load_settings
from dendron_jobsearch.views.dashboard import dashboard_block

from . import mermaid
from .conftest import make_workspace

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


def test_dashboard_gantt_renders_with_every_state(tmp_path: Path) -> None:
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
    results = mermaid.render(mermaid.diagrams_in(block))
    assert results == [{"ok": True}], results


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
