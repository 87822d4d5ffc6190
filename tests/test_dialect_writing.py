"""What the tool writes in Obsidian and Foam vaults, rule by rule: the Tasks due dates it
keeps on a stage's tasks (fixtures/tables/obsidian-task-dates.md), where a region it appends
to a Foam note goes (fixtures/tables/foam-definitions.md), the names and links of its notes
in each dialect, and new notes' properties."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import (
    JobSearchError,
    add_company,
    load_settings,
    open_workspace,
    scaffold,
    sync,
)
from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.layout import FoamLayout, FolderLayout, Layout
from dendron_jobsearch.jobsearch.plan import Stage
from dendron_jobsearch.usecases.sync import task_due_lines
from dendron_jobsearch.vault.read import ReadOptions, parse_note_text
from dendron_jobsearch.write.writer import Edit, apply_edit

from .conftest import table

OBSIDIAN = FolderLayout()
FOAM = FoamLayout()


@pytest.mark.parametrize(("text", "expected"), table("obsidian-task-dates.md"))
def test_the_tasks_due_date_follows_the_stage(text: str, expected: str) -> None:
    head, body = text.split("now: ", 1)
    now, body = body.split("\n", 1)
    note_text = f"---\n{head}---\n{body}"
    note, _ = parse_note_text(note_text, None, "", "s", "v", ReadOptions())
    lines = task_due_lines(note, date.fromisoformat(now), OBSIDIAN, note_text)
    after = apply_edit(note_text, Edit({}, {}, lines=lines))
    assert after.split("---\n", 2)[2] == expected


@pytest.mark.parametrize(("text", "expected"), table("foam-definitions.md"))
def test_a_region_appended_to_a_foam_note_stays_above_its_definitions(
    text: str, expected: str
) -> None:
    edit = Edit({}, {"stages": "x"}, frozenset({"stages"}), append_before=FOAM.append_before)
    assert apply_edit(text, edit) == expected
    assert apply_edit(apply_edit(text, edit), edit) == expected  # a second pass: the same


STAGE = Stage(number=1, title="Preparation for interviews: algo/stats?", line=1)


@pytest.mark.parametrize(
    ("layout", "stage", "dashboard", "company", "interview"),
    [
        (
            Layout(),
            "jobsearch.stage.01-preparation-for-interviews-algo-stats",
            "jobsearch.dashboard",
            "jobsearch.company.acme-robotics-inc",
            "jobsearch.company.acme-robotics-inc.interview.2027-03-05-on-site",
        ),
        (
            OBSIDIAN,
            "Job search/Stages/01 Preparation for interviews algo stats",
            "Job search/Dashboard",
            "Job search/Companies/Acme (Robotics), Inc",
            "Job search/Companies/Acme (Robotics), Inc/Interviews/2027-03-05 On site",
        ),
    ],
    ids=["dendron", "obsidian"],
)
def test_each_dialect_names_the_notes_its_own_way(
    layout: Layout, stage: str, dashboard: str, company: str, interview: str
) -> None:
    """Dendron: dotted slugs. Obsidian and Foam: folders and names as people write them,
    without the characters Obsidian refuses in a file name (`* " \\ / < > : | ?`, and a dot at
    the end, which Windows drops) or that
    break a link (`# ^ [ ] |`): help.obsidian.md, Linking notes and files > Internal links."""
    assert layout.stage(STAGE) == stage
    assert layout.dashboard == dashboard
    assert layout.company("Acme (Robotics), Inc.") == company
    assert layout.interview(company, date(2027, 3, 5), "On: site") == interview


def test_links_put_the_target_where_each_app_reads_it() -> None:
    """Dendron reads `[[alias|target]]`, Obsidian and Foam `[[target|alias]]`
    (help.obsidian.md, Internal links > Change the link display text;
    foam-docs/docs/user/features/wikilinks.md); in a table cell the pipe is escaped."""
    assert Layout().link("jobsearch.dashboard", "Dashboard") == "[[Dashboard|jobsearch.dashboard]]"
    assert OBSIDIAN.link("Job search/Dashboard", "Board") == "[[Job search/Dashboard|Board]]"
    assert OBSIDIAN.link("Job search/Dashboard") == "[[Job search/Dashboard|Dashboard]]"
    assert OBSIDIAN.table_link("Job search/Plan", "Plan") == "[[Job search/Plan\\|Plan]]"
    assert OBSIDIAN.link_target("Job search/Plan\\|Plan") == "Job search/Plan"
    assert Layout().link_target("Plan\\|interviews.all-stages") == "interviews.all-stages"


def test_new_obsidian_notes_have_properties_not_dendron_ids() -> None:
    """Obsidian properties: dates `YYYY-MM-DD`, lists as lists, an empty value as an
    empty property (help.obsidian.md, Properties > Property types); no id, no epoch
    times; Dendron's task-note `priority` is left out."""
    text = OBSIDIAN.note_text(
        "1. Prep",
        "body",
        {"status": "", "due": date(2027, 3, 5), "priority": "", "owner": "", "stage": 1},
        "stage",
    )
    assert text == (
        "---\ntags:\n  - jobsearch/stage\nstatus:\ndue: 2027-03-05\nstage: 1\n---\n\nbody\n"
    )


def test_new_foam_notes_are_titled_by_their_first_heading_and_typed() -> None:
    """Foam titles a note by its first `#` heading and styles notes by `type:`
    (foam-docs/docs/user/features/note-properties.md)."""
    text = FOAM.note_text("Acme", "## Process", {"pipeline": "wishlist"}, "company")
    assert text == "---\ntype: jobsearch-company\npipeline: wishlist\n---\n\n# Acme\n\n## Process\n"


def _vault(tmp_path: Path, dialect: str) -> Path:
    root = tmp_path / dialect
    root.mkdir()
    scaffold(root, start=date(2027, 1, 4), today=date(2027, 1, 4), dialect=dialect)
    return root


def test_the_persons_obsidian_template_makes_the_company_note(tmp_path: Path) -> None:
    """The templates live in the vault, where the core Templates plugin finds them
    (help.obsidian.md, Templates: "Template folder location"); edited, they make the
    tool's new notes too, `{{title}}` and `{{date}}` filled as the plugin fills them."""
    root = _vault(tmp_path, "obsidian")
    assert json.loads((root / ".obsidian/templates.json").read_text()) == {"folder": "Templates"}
    company = root / "Templates/Job search/Company.md"
    assert company.read_text().startswith("---\npipeline:\nrole:\napplied:\n")
    company.write_text(company.read_text() + "\n## Why {{title}}\n")
    ws = open_workspace(root)
    add_company(ws, load_settings(root), "Acme")
    text = (root / "Job search/Companies/Acme.md").read_text()
    assert text.startswith("---\ntags:\n  - jobsearch/company\npipeline: wishlist\n")
    assert "## Why Acme" in text


def test_a_foam_template_is_filled_as_foam_fills_it(tmp_path: Path) -> None:
    """Foam's templates are in `.foam/templates/`, with `$FOAM_TITLE`
    (foam-docs/docs/user/features/templates.md, Variables): the note gets its title once."""
    root = _vault(tmp_path, "foam")
    template = (root / ".foam/templates/job-search-company.md").read_text()
    assert "foam_template:" in template and "# $FOAM_TITLE" in template
    ws = open_workspace(root)
    add_company(ws, load_settings(root), "Acme")
    text = (root / "Job search/Companies/Acme.md").read_text()
    assert text.count("# Acme") == 1 and "$FOAM" not in text and "foam_template" not in text
    assert text.startswith("---\ntype: jobsearch-company\npipeline: wishlist\n")


def test_scaffold_takes_the_dialect_and_an_empty_folder_stays_dendron(tmp_path: Path) -> None:
    """Issue 12, *Which vault is this*: `scaffold` in an empty folder keeps Dendron as its
    default and takes `--dialect` for the others; `dendron-jobsearch.yml` remembers it, so
    the next command reads the vault that way."""
    runner = CliRunner()
    env = {"DENDRON_JOBSEARCH_TODAY": "2027-01-04"}
    plain = runner.invoke(main, ["scaffold", str(tmp_path / "d")], env=env)
    assert plain.exit_code == 0, plain.output
    assert (tmp_path / "d/dendron.yml").is_file()
    assert (tmp_path / "d/vault/jobsearch.dashboard.md").is_file()
    made = runner.invoke(main, ["scaffold", str(tmp_path / "o"), "--dialect", "obsidian"], env=env)
    assert made.exit_code == 0, made.output
    assert not (tmp_path / "o/dendron.yml").exists()
    assert "dialect: obsidian" in (tmp_path / "o/dendron-jobsearch.yml").read_text()
    status = runner.invoke(main, ["-w", str(tmp_path / "o"), "status", "--json"], env=env)
    assert status.exit_code == 0, status.output
    stages = json.loads(status.stdout)["stages"]
    assert stages[0]["fname"] == "Job search/Stages/01 Preparation for interviews"
    assert (stages[0]["done"], stages[0]["total"]) == (0, 7)


def test_a_new_start_moves_the_tasks_due_dates_in_obsidian(tmp_path: Path) -> None:
    """End to end: the stage's due date moves with `start`, its tasks' 📅 follow, a task
    the person dated keeps its date, and a second sync writes nothing."""
    root = _vault(tmp_path, "obsidian")
    stage = root / "Job search/Stages/01 Preparation for interviews.md"
    text = stage.read_text()
    assert text.count("📅 2027-03-05") == 7
    stage.write_text(text.replace("## Notes", "- [ ] my own 📅 2027-02-01\n\n## Notes"))
    settings_file = root / "dendron-jobsearch.yml"
    settings_file.write_text(settings_file.read_text().replace("2027-01-04", "2027-01-11"))
    first = sync(open_workspace(root), load_settings(root), today=date(2027, 1, 12))
    assert "Job search/Stages/01 Preparation for interviews.md" in first.changed
    text = stage.read_text()
    assert text.count("📅 2027-03-12") == 7 and "📅 2027-03-05" not in text
    assert "- [ ] my own 📅 2027-02-01" in text
    assert "due: 2027-03-12\nplanned_due: 2027-03-12\n" in text
    assert sync(open_workspace(root), load_settings(root), today=date(2027, 1, 12)).changed == []


def test_the_folder_and_its_parts_are_the_persons_to_name(tmp_path: Path) -> None:
    """`folder` and `names` in dendron-jobsearch.yml; templates go where the vault's core
    Templates plugin looks (`.obsidian/templates.json`)."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / ".obsidian/templates.json").write_text('{"folder": "Meta/Templates"}')
    (root / "dendron-jobsearch.yml").write_text(
        "dialect: obsidian\nfolder: Search 2027\nnames:\n  stages: Steps\n  dashboard: Board\n"
    )
    made = scaffold(root, start=date(2027, 1, 4), today=date(2027, 1, 4))
    assert "Search 2027/Steps/01 Preparation for interviews.md" in made.created
    assert "Search 2027/Board.md" in made.created and "Search 2027/Plan.md" in made.created
    assert "Meta/Templates/Search 2027/Company.md" in made.created
    assert (root / ".obsidian/templates.json").read_text() == '{"folder": "Meta/Templates"}'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("folder: a/../b", "folder must be a name a file and a link can hold"),
        ("folder: 'Job: search'", "folder must be a name a file and a link can hold"),
        ("names:\n  stages: a/b", "names.stages must be a name"),
        ("names:\n  steps: Steps", "names: unknown part 'steps'"),
    ],
)
def test_a_name_no_file_or_link_can_hold_is_refused_with_its_line(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "dendron-jobsearch.yml").write_text(f"dialect: obsidian\n{line}\n")
    with pytest.raises(JobSearchError) as raised:
        load_settings(tmp_path)
    finding = raised.value.findings[0]
    assert finding.line == 2 and message in finding.message, finding


@pytest.mark.parametrize("dialect", ["obsidian", "foam"])
def test_a_key_the_person_adds_to_a_template_reaches_the_new_notes(
    tmp_path: Path, dialect: str
) -> None:
    """The templates are the person's to extend: a property added to the company template
    is in every company note made from it (the tool's own keys stay the tool's)."""
    root = _vault(tmp_path, dialect)
    found = {
        "obsidian": root / "Templates/Job search/Company.md",
        "foam": root / ".foam/templates/job-search-company.md",
    }[dialect]
    found.write_text(found.read_text().replace("---\n", "---\nlocation: Berlin\n", 1))
    add_company(open_workspace(root), load_settings(root), "Acme")
    text = (root / "Job search/Companies/Acme.md").read_text()
    assert "\nlocation: Berlin\n" in text and "pipeline: wishlist" in text
    assert "foam_template" not in text


def test_a_template_whose_frontmatter_does_not_read_is_named_with_its_line(
    tmp_path: Path,
) -> None:
    root = _vault(tmp_path, "obsidian")
    found = root / "Templates/Job search/Company.md"
    found.write_text(found.read_text().replace("role:\n", "role: [broken\n", 1))
    with pytest.raises(JobSearchError) as raised:
        add_company(open_workspace(root), load_settings(root), "Acme")
    assert raised.value.finding.path == "Templates/Job search/Company.md"
    assert raised.value.finding.line == 3


def test_a_templates_date_is_the_day_the_command_line_runs_on(tmp_path: Path) -> None:
    """`{{date}}` is the tool's today (`DENDRON_JOBSEARCH_TODAY` when set), never the
    calendar's behind its back."""
    root = _vault(tmp_path, "obsidian")
    company = root / "Templates/Job search/Company.md"
    company.write_text(company.read_text() + "\nFirst noted {{date}}\n")
    env = {"DENDRON_JOBSEARCH_TODAY": "2027-02-03"}
    made = CliRunner().invoke(main, ["-w", str(root), "company", "add", "Acme"], env=env)
    assert made.exit_code == 0, made.output
    assert "First noted 2027-02-03" in (root / "Job search/Companies/Acme.md").read_text()
