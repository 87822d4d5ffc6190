"""The job search written into real Obsidian and Foam vaults: copies of the corpora
`obsidian-tasks-demo` and `obsidian-tasks-docs` (the Tasks plugin's own vaults) and
`foam-docs` (Foam's documentation workspace), in temp folders. `scaffold` finds which app's
vault each is by its marker and writes in that app's conventions; then the whole job search
runs there: sync, a company and an interview, a watcher's round, the self-evaluation and
the exports. Every existing byte stays, every link the tool wrote resolves as the app
resolves it (through our reader of that dialect), and a second sync writes nothing."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest

from dendron_jobsearch import (
    Watcher,
    add_company,
    add_interview,
    export_applications,
    export_ics,
    export_jira,
    load_jobsearch,
    load_settings,
    open_workspace,
    scaffold,
    self_evaluate,
    sync,
)

from .conftest import ROOT

CORPORA = ROOT.parent / "shared" / "corpora"
START, TODAY = date(2027, 1, 4), date(2027, 1, 10)
VAULTS = [
    ("obsidian-tasks-demo/Tasks-Demo", "obsidian"),
    ("obsidian-tasks-docs/docs", "obsidian"),
    ("foam-docs/docs", "foam"),
]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(params=VAULTS, ids=[v[0].split("/")[0] for v in VAULTS])
def vault(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    source = CORPORA / request.param[0]
    if not source.is_dir():
        pytest.skip(f"the corpus {source} is not there")
    root = tmp_path / "vault"
    shutil.copytree(source, root)
    return root, request.param[1]


def test_the_job_search_runs_in_the_vault_in_its_apps_conventions(
    vault: tuple[Path, str],
) -> None:
    root, dialect = vault
    before = snapshot(root)
    made = scaffold(root, start=START, today=START)  # no --dialect: the vault's marker says
    assert made.ok and not made.skipped, (made.findings, made.skipped)
    assert "Job search/Plan.md" in made.created and "Job search/Dashboard.md" in made.created
    assert "Job search/Stages/01 Preparation for interviews.md" in made.created
    templates = {"obsidian": "Templates/Job search/Stage.md", "foam": ".foam/templates/"}
    assert any(p.startswith(templates[dialect]) for p in made.created), made.created
    assert not any(p.endswith(".schema.yml") or p == "dendron.yml" for p in made.created)

    settings = load_settings(root)
    assert settings.dialect == dialect
    ws = open_workspace(root)
    assert ws.index.dialect.name == dialect
    first_stage = ws.get("Job search/Stages/01 Preparation for interviews")
    assert first_stage is not None and len(first_stage.checklist) == 7
    if dialect == "obsidian":  # Tasks tasks with the stage's due date, the vault's filter kept
        fields = [item.fields for item in first_stage.checklist]
        assert all(f is not None and f.due == date(2027, 3, 5) for f in fields), fields
    add_company(ws, settings, "Acme (Robotics), Inc.", role="ML Engineer", applied=TODAY)
    ws = open_workspace(root)
    add_interview(ws, settings, "Acme (Robotics), Inc.", date(2027, 1, 20), "On: site", at=time(14))
    plan = root / "Job search/Plan.md"
    definitions = ""
    if dialect == "foam":  # Foam saved the plan with its link reference definitions
        definitions = "\n[System Design]: Topics/System%20Design.md 'System Design'\n"
        plan.write_text(plan.read_text() + definitions)
    first = sync(open_workspace(root), settings, today=TODAY)
    assert first.ok, first.findings
    text = plan.read_text()
    assert text.count("dendron-jobsearch:begin stages") == 1
    if definitions:  # the region went above them: they stay last and whole
        assert text.endswith("<!-- dendron-jobsearch:end stages -->\n" + definitions), text[-300:]
    assert sync(open_workspace(root), settings, today=TODAY).changed == []

    # a watcher's round on a save agrees with sync
    stage = root / "Job search/Stages/01 Preparation for interviews.md"
    stage.write_text(stage.read_text().replace("- [ ] ", "- [x] ", 1))  # the first item
    watcher = Watcher(open_workspace(root), settings, clock=lambda: TODAY)
    watched = watcher.process([stage])
    assert watched is not None and watched.changed, "the watcher wrote nothing"
    assert sync(open_workspace(root), settings, today=TODAY).changed == []

    search = load_jobsearch(open_workspace(root), settings, TODAY)
    assert search.stages[0].progress is not None and search.stages[0].progress.done == 1
    assert [c.name for c in search.pipeline.companies] == ["Acme (Robotics), Inc."]
    assert len(search.pipeline.companies[0].interviews) == 1
    evaluated = self_evaluate(search)
    assert evaluated.ok and evaluated.created, evaluated.findings
    app = {"obsidian": "Obsidian", "foam": "Foam"}[dialect]
    assert f"{app} note: Job search/Stages/01" in export_jira(search)
    feed = export_ics(search).replace("\r\n ", "")  # unfolded
    assert "BEGIN:VEVENT" in feed
    assert f"{app} note: Job search/Stages/01 Preparation for interviews" in feed
    assert "Acme (Robotics), Inc." in export_applications(open_workspace(root), settings, "csv")

    after = snapshot(root)
    changed = [rel for rel, data in before.items() if after.get(rel) != data]
    assert changed == [], f"existing files changed: {changed}"

    ws = open_workspace(root)
    written = set(after) - set(before)
    broken = [
        (r.source.rel, r.link.value, r.link.line)
        for r in ws.links()
        if r.source.rel in written and not r.targets and r.link.type != "tag"
    ]
    assert broken == [], broken
    assert sync(ws, settings, today=TODAY).changed == []
