"""`company add`, `interview add`, and the pipeline in `status` and on the dashboard."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import open_workspace, sync
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import load_settings

TODAY = date(2027, 2, 10)  # the day every command here runs on
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args], env=CLOCK)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(tmp_path: Path, scaffolded_from: Callable[[date], Path]) -> Path:
    shutil.copytree(scaffolded_from(TODAY), tmp_path / "ws")
    return tmp_path / "ws"


@pytest.mark.parametrize(
    ("name", "fname", "title"),
    [
        ("Acme (Robotics), Inc.", "jobsearch.company.acme-robotics-inc", "Acme (Robotics), Inc."),
        ("Beta", "jobsearch.company.beta", "Beta"),
        ("  Gamma AI  ", "jobsearch.company.gamma-ai", "Gamma AI"),
        ("Über: Naïve's", "jobsearch.company.über-naïve-s", "Über: Naïve's"),
    ],
)
def test_company_add_makes_a_safe_fname_and_keeps_the_name(
    root: Path, name: str, fname: str, title: str
) -> None:
    code, out, _ = cli(root, "company", "add", name, "--role", "ML Engineer", "--source", "web")
    assert (code, out) == (0, f"created vault/{fname}.md\n")
    note = open_workspace(root, use_cache=False).get(fname)
    assert note is not None and note.title == title
    fm = note.frontmatter
    assert (fm["pipeline"], fm["role"], fm["source"], fm["applied"]) == (
        "wishlist", "ML Engineer", "web", ""
    )  # fmt: skip
    assert list(fm)[:5] == ["id", "title", "desc", "updated", "created"]
    assert [h.text for h in note.headings][:4] == [
        "Process", "Mistakes", "Reject reason", "Their business"
    ]  # fmt: skip


def test_company_add_applied_and_json(root: Path) -> None:
    code, out, _ = cli(
        root, "company", "add", "Acme", "--applied", "2027-01-05", "--referrer", "Ann", "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "subject": "jobsearch.company.acme", "created": ["vault/jobsearch.company.acme.md"],
        "changed": [],
        "skipped": [], "findings": [],
    }  # fmt: skip
    fm = open_workspace(root, use_cache=False).get("jobsearch.company.acme").frontmatter  # type: ignore[union-attr]
    assert (fm["pipeline"], fm["applied"], fm["referrer"]) == ("applied", date(2027, 1, 5), "Ann")


def test_an_existing_note_is_never_overwritten(root: Path) -> None:
    cli(root, "company", "add", "Acme")
    path = root / "vault" / "jobsearch.company.acme.md"
    path.write_text(path.read_text() + "my notes\n")
    before = path.read_bytes()
    for name in ("Acme", "ACME"):
        code, _, err = cli(root, "company", "add", name)
        assert code == 1 and "jobsearch.company.acme.md already exists" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["!!!", ""])
def test_a_name_without_letters_is_an_error(root: Path, name: str) -> None:
    code, _, err = cli(root, "company", "add", name)
    assert code == 1 and "no letters or digits" in err


def test_the_vaults_company_template_overrides_the_bundled_one(root: Path) -> None:
    template = root / "vault" / "templates.jobsearch.company.md"
    text = template.read_text()
    template.write_text(text[: text.index("## Process")] + "## Our own {{ company.name }}\n")
    cli(root, "company", "add", "Acme")
    assert "## Our own Acme\n" in (root / "vault" / "jobsearch.company.acme.md").read_text()


@pytest.mark.parametrize(
    "company", ["Acme (Robotics), Inc.", "acme-robotics-inc", "ACME-robotics-INC"]
)
def test_interview_add_by_name_or_slug(root: Path, company: str) -> None:
    cli(root, "company", "add", "Acme (Robotics), Inc.")
    code, out, _ = cli(
        root, "interview", "add", company, "--date", "2027-01-20", "--kind", "System Design"
    )
    fname = "jobsearch.company.acme-robotics-inc.interview.2027-01-20-system-design"
    assert (code, out) == (0, f"created vault/{fname}.md\n")
    note = open_workspace(root, use_cache=False).get(fname)
    assert note is not None
    assert note.title == "Acme (Robotics), Inc.: System Design (2027-01-20)"
    assert {k: note.frontmatter[k] for k in ("date", "kind", "outcome")} == {
        "date": date(2027, 1, 20), "kind": "System Design", "outcome": ""
    }  # fmt: skip
    code, _, err = cli(root, "interview", "add", company, "--date", "2027-01-20", "--kind", "x")
    assert code == 0  # another kind the same day is another note
    code, _, err = cli(
        root, "interview", "add", company, "--date", "2027-01-20", "--kind", "system design"
    )
    # a second round of the same kind on the same day is a second note (it happens)
    assert (code, err) == (0, "")
    second = open_workspace(root, use_cache=False).get(f"{fname}-2")
    assert second is not None and second.frontmatter["kind"] == "system design"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["interview", "add", "Nobody", "--date", "2027-01-20", "--kind", "x"], 1, "no company"),
        (["interview", "add", "Acme", "--date", "tomorrow", "--kind", "x"], 2, "--date"),
        (["interview", "add", "Acme", "--date", "2027-01-20"], 2, "--kind"),
        (["company", "add", "Acme", "--applied", "soon"], 2, "--applied"),
    ],
)
def test_usage_and_content_errors(root: Path, args: list[str], code: int, says: str) -> None:
    cli(root, "company", "add", "Acme")
    exit_code, _, err = cli(root, *args)
    assert exit_code == code and says in err


def _offers(root: Path) -> None:
    soon = (TODAY + timedelta(days=2)).isoformat()
    late = (TODAY + timedelta(days=20)).isoformat()
    cli(root, "company", "add", "Acme", "--applied", (TODAY - timedelta(days=30)).isoformat())
    cli(root, "company", "add", "Beta", "--applied", TODAY.isoformat())
    cli(root, "company", "add", "Gamma", "--applied", TODAY.isoformat())
    cli(root, "interview", "add", "Gamma", "--date", late, "--kind", "onsite")
    vault = root / "vault"
    for name, deadline, stage in (("acme", soon, "offer"), ("beta", late, "offer")):
        path = vault / f"jobsearch.company.{name}.md"
        text = path.read_text().replace("pipeline: applied", f"pipeline: {stage}")
        text = text.replace("offer_base: ''", "offer_base: 100000")
        path.write_text(text.replace("offer_deadline: ''", f"offer_deadline: {deadline}"))
    gamma = vault / "jobsearch.company.gamma.md"
    gamma.write_text(gamma.read_text().replace("pipeline: applied", "pipeline: interviewing"))


def test_status_json_lists_companies_offers_and_every_warning(root: Path) -> None:
    _offers(root)
    code, out, _ = cli(root, "status", "--json")
    assert code == 0
    data = json.loads(out)
    assert [c["fname"] for c in data["companies"]] == [
        "jobsearch.company.acme", "jobsearch.company.beta", "jobsearch.company.gamma"
    ]  # fmt: skip
    acme = data["companies"][0]
    assert {"fname", "name", "pipeline", "applied", "offer"} <= set(acme)
    assert (acme["name"], acme["pipeline"], acme["offer"]["days_left"]) == ("Acme", "offer", 2)
    assert data["companies"][2]["offer"] is None
    assert [w["code"] for w in data["warnings"]] == [
        "offer-deadline-spread", "offer-expiring", "applications-spread",
        "plan-inconsistent", "plan-inconsistent",  # the bundled plan's (issue 16)
    ]  # fmt: skip
    assert data["funnel"] == {"applied": 3, "screening": 3, "interviewing": 3, "offer": 2,
                              "accepted": 0, "declined": 0, "rejected": 0, "withdrawn": 0,
                              "ghosted": 0}  # fmt: skip


def test_human_status_shows_companies_and_offers(root: Path) -> None:
    _offers(root)
    code, out, _ = cli(root, "status")
    assert code == 0
    assert "Companies" in out and "Offers" in out and "2 days" in out
    assert "offer-expiring" in out


def test_the_dashboard_shows_the_pipeline_and_sync_stays_idempotent(root: Path) -> None:
    _offers(root)
    settings = load_settings(root)
    first = sync(open_workspace(root, use_cache=False), settings, today=TODAY)
    assert "vault/jobsearch.dashboard.md" in first.changed
    dashboard = (root / "vault" / "jobsearch.dashboard.md").read_text()
    acme = r"| [[Acme\|jobsearch.company.acme]] | 100,000 |"
    for part in ("Funnel: applied 3 → screening 3", "### Offers", "### Upcoming interviews",
                 "**offer-expiring**", acme):  # fmt: skip
        assert part in dashboard, part
    for line in dashboard.splitlines():  # no aliased wikilink splits a table cell
        if line.startswith("| [["):
            inside = line.split("[[", 1)[1].split("]]", 1)[0]
            assert inside.count("|") == inside.count("\\|"), line
    again = sync(open_workspace(root, use_cache=False), settings, today=TODAY)
    assert (again.changed, again.skipped) == ([], [])


def test_a_company_moved_to_applied_without_the_key_has_the_record_s_day_everywhere(
    root: Path,
) -> None:
    """Issue 16, finding 4: `pipeline: applied` and no `applied:` key gave a blank Applied
    column and `"applied": null` in `status`, while the applications record kept the day."""
    cli(root, "company", "add", "Acme")
    path = root / "vault" / "jobsearch.company.acme.md"
    path.write_text(path.read_text().replace("pipeline: wishlist", "pipeline: applied"))
    settings = load_settings(root)
    sync(open_workspace(root, use_cache=False), settings, today=TODAY - timedelta(days=3))
    recorded = (TODAY - timedelta(days=3)).isoformat()
    assert f"- {recorded} applied" in path.read_text()
    code, out, _ = cli(root, "status", "--json")
    assert code == 0
    assert json.loads(out)["companies"][0]["applied"] == recorded
    code, out, _ = cli(root, "export", "applications", "--format", "json")
    assert json.loads(out)["applications"][0]["applied"] == recorded
    code, out, _ = cli(root, "status")
    assert recorded in out
    sync(open_workspace(root, use_cache=False), settings, today=TODAY)
    dashboard = (root / "vault" / "jobsearch.dashboard.md").read_text()
    row = next(line for line in dashboard.splitlines() if "jobsearch.company.acme]]" in line)
    assert f"| {recorded} |" in row


def test_sync_json_names_the_values_that_do_not_read(root: Path) -> None:
    """A value warning that `status` shows is in `sync --json`'s findings too (it said
    `"findings": []`), with the note and line; it is a warning: sync still exits 0 and
    writes the rest (issue 16, finding 7)."""
    assert cli(root, "company", "add", "Acme")[0] == 0
    note = root / "vault" / "jobsearch.company.acme.md"
    note.write_text(note.read_text().replace("applied:", "applied: someday\nx_applied:", 1))
    code, out, _ = cli(root, "sync", "--json")
    assert code == 0
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "value-invalid" and "applied" in finding["message"]
    assert finding["path"] == "vault/jobsearch.company.acme.md" and finding["line"] is not None
