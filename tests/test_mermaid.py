"""The dashboard's Mermaid gantt renders in Mermaid 9.4.3, the version Dendron's preview
bundles, in a real headless Chromium (../shared/tools/mermaid-check): done, active and
overdue stages, and stage titles full of characters Mermaid reserves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dendron_jobsearch import open_workspace, scaffold
from dendron_jobsearch.jobsearch.model import load_jobsearch
from dendron_jobsearch.settings import load_settings
from dendron_jobsearch.views.dashboard import dashboard_block

from .conftest import ROOT, make_workspace

TOOL = ROOT.parent / "shared" / "tools" / "mermaid-check" / "mermaid-check"

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


def _mermaid_check(note: Path) -> subprocess.CompletedProcess[str]:
    if not TOOL.is_file() or shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("mermaid-check and chromium must be present under CI=true")
        pytest.skip("needs ../shared/tools/mermaid-check and chromium")
    return subprocess.run(
        [sys.executable, str(TOOL), str(note)], capture_output=True, text=True, check=False
    )


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
    note = tmp_path / "dashboard.md"
    note.write_text(block)
    result = _mermaid_check(note)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 rendered, 0 failed" in result.stdout
