r"""The dashboard's and the self-evaluation's tables link by title (`[[Title\|fname]]`), the
last known figures are still found by those links, and the pipeline is drawn as a chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import load_pipeline, open_workspace
from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.lastknown import previous_rows
from dendron_jobsearch.settings import Settings
from dendron_jobsearch.views.pipeline import pipeline_chart, table_link

from .conftest import make_workspace


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args])
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    ("title", "link"),
    [
        ("Google DeepMind", r"[[Google DeepMind\|jobsearch.company.google-deepmind]]"),
        ("A | B [x] > y\\", r"[[A / B (x) - y/\|jobsearch.company.google-deepmind]]"),
        ("  ", "[[jobsearch.company.google-deepmind]]"),
    ],
)
def test_a_table_link_shows_the_title_and_keeps_its_cell(title: str, link: str) -> None:
    assert table_link(title, "jobsearch.company.google-deepmind") == link


def test_every_table_link_of_the_dashboard_resolves_in_our_reader(scaffolded: Path) -> None:
    cli(scaffolded, "company", "add", "Google DeepMind")
    cli(scaffolded, "sync")
    dashboard = (scaffolded / "vault" / "jobsearch.dashboard.md").read_text()
    assert r"| [[Google DeepMind\|jobsearch.company.google-deepmind]] |" in dashboard
    assert r"| 1 | [[Preparation for interviews\|jobsearch.stage.01-" in dashboard
    ws = open_workspace(scaffolded, use_cache=False)
    note = ws.get("jobsearch.dashboard")
    links = [r for r in ws.links() if r.source is note]
    by_value = {r.link.value: r for r in links}
    company = by_value["jobsearch.company.google-deepmind"]
    assert company.resolved and company.link.alias == "Google DeepMind"
    assert [r.link.value for r in links if not r.resolved] == []
    assert sum(1 for r in links if r.link.value.startswith("jobsearch.stage.")) == 10


DASHBOARD = """---
id: d
title: Dashboard
---
<!-- dendron-jobsearch:begin dashboard -->
| # | Stage | Status | Done | Due | Completed |
|---|---|---|---|---|---|
| 1 | [[Learn \\| read\\|jobsearch.stage.01-learn]] | done | 3/3 (100%) | 2027-01-11 | 2027-01-10 |
| 2 | [[jobsearch.stage.02-apply]] | to do | 0/2 (0%) | 2027-01-14 |  |

| Company | Role | Pipeline | Applied | Interviews |
|---|---|---|---|---|
| [[Acme\\|jobsearch.company.acme]] | ML \\| data | offer | 2027-01-05 | 2 |
<!-- dendron-jobsearch:end dashboard -->
"""


def test_last_known_rows_are_found_by_either_link_form(tmp_path: Path) -> None:
    """Rows are found by the `[[Title\\|fname]]` link (and the bare `[[fname]]` older
    dashboards hold); an escaped pipe stays inside its cell."""
    make_workspace(tmp_path, {"jobsearch.dashboard": DASHBOARD})
    ws = open_workspace(tmp_path, use_cache=False)
    rows = previous_rows(ws, "jobsearch.dashboard", "dashboard")
    assert rows["jobsearch.stage.01-learn"] == [
        "1", r"[[Learn \| read\|jobsearch.stage.01-learn]]", "done", "3/3 (100%)",
        "2027-01-11", "2027-01-10",
    ]  # fmt: skip
    assert rows["jobsearch.stage.02-apply"][3] == "0/2 (0%)"
    assert rows["jobsearch.company.acme"][1:3] == [r"ML \| data", "offer"]


def test_an_unreadable_note_keeps_its_row_and_title_link(scaffolded: Path) -> None:
    cli(scaffolded, "company", "add", "Acme Robotics")
    tick = next((scaffolded / "vault").glob("jobsearch.stage.01-*.md"))
    tick.write_text(tick.read_text().replace("- [ ]", "- [x]"))
    assert cli(scaffolded, "sync")[0] == 0
    for path in (tick, scaffolded / "vault" / "jobsearch.company.acme-robotics.md"):
        path.write_text(path.read_text().replace("\ntitle: ", "\ntitle: [", 1))
    assert cli(scaffolded, "sync")[0] == 1
    dashboard = (scaffolded / "vault" / "jobsearch.dashboard.md").read_text()
    assert (
        r"| 1 | [[Preparation for interviews\|jobsearch.stage.01-preparation-for-interviews]] "
        "| unreadable, last known | 7/7 (100%) |" in dashboard
    )
    assert (
        r"| [[Acme Robotics\|jobsearch.company.acme-robotics]] |  "
        "| unreadable, last known: wishlist |" in dashboard
    )
    before = dashboard
    assert cli(scaffolded, "sync")[0] == 1  # and it stays so
    assert (scaffolded / "vault" / "jobsearch.dashboard.md").read_text() == before


def note(title: str, pipeline: str) -> str:
    return f"---\nid: {title.lower()}\ntitle: '{title}'\npipeline: {pipeline}\n---\n"


def test_the_pipeline_chart_shows_companies_per_stage_and_the_ended_apart(
    tmp_path: Path,
) -> None:
    notes = {f"jobsearch.company.c{n}": note(f"C{n}", "applied") for n in range(6)}
    notes |= {
        "jobsearch.company.beta": note('Beta "B" #1 <x>', "interviewing"),
        "jobsearch.company.gamma": note("Gamma", "rejected"),
        "jobsearch.company.delta": note("Delta", "interviewed"),  # no such stage
        "jobsearch.company.broken": "---\ntitle: [\n---\n",
    }
    make_workspace(tmp_path, notes)
    pipeline = load_pipeline(open_workspace(tmp_path, use_cache=False), Settings())
    chart = pipeline_chart(pipeline)
    assert chart.startswith("```mermaid\ngraph LR\n") and chart.endswith("\n```")
    assert '    n1["applied · 6<br/>C0, C1, C2, C3, +2 more"]' in chart
    assert '    n3["interviewing · 1<br/>Beta #quot;B#quot; #35;1 #lt;x#gt;"]' in chart
    assert "    n0 --> n1 --> n2 --> n3 --> n4 --> n5" in chart
    ended = chart.split('subgraph gone ["ended apart"]', 1)[1].split("    end\n", 1)[0]
    assert '        n7["rejected · 1<br/>Gamma"]' in ended and "declined · 0" in ended
    assert '    unknown["stage unknown · 1<br/>Delta"]' in chart
    assert '    unreadable["not counted · 1 note(s) cannot be read"]' in chart
    assert "    class n0,n2,n4,n5,n6,n8,n9 empty" in chart
