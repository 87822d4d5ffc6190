"""`self-eval`: the cycle's note gathers what the vault knows, a refresh rewrites only the
tool's regions, and the person's reflection is never lost."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import open_workspace, self_evaluate
from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.model import load_jobsearch
from dendron_jobsearch.settings import load_settings
from dendron_jobsearch.views.selfeval import note_sections

from .conftest import make_workspace

START = date(2027, 1, 4)
TODAY = date(2027, 6, 1)
CYCLE = "vault/interviews.Self evaluation.2027.01.04.md"


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def run(root: Path):  # type: ignore[no-untyped-def]
    search = load_jobsearch(open_workspace(root, use_cache=False), load_settings(root), TODAY)
    return self_evaluate(search)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def root(tmp_path: Path, scaffolded_from: Callable[[date], Path]) -> Path:
    """A finished cycle: three companies (an accepted offer, a declined one, a rejection),
    their interviews, a stage done in more days than planned."""
    root = tmp_path / "ws"
    shutil.copytree(scaffolded_from(START), root)
    for args in (
        ["Acme Robotics", "--role", "Machine Learning Engineer", "--applied", "2027-02-01"],
        ["Beta", "--applied", "2027-02-02"],
        ["Gamma", "--applied", "2027-02-03"],
    ):
        assert cli(root, "company", "add", *args)[0] == 0
    for company, day, kind in (
        ("Acme Robotics", "2027-02-10", "recruiter screen"),
        ("Acme Robotics", "2027-02-20", "system design"),
        ("Acme Robotics", "2027-03-01", "onsite"),
        ("Gamma", "2027-02-15", "technical screen"),
    ):
        assert cli(root, "interview", "add", company, "--date", day, "--kind", kind)[0] == 0
    vault = root / "vault"
    acme = vault / "jobsearch.company.acme-robotics.md"
    edit(acme, "pipeline: applied", "pipeline: accepted")
    edit(acme, "offer_base: ''", "offer_base: 180000")
    edit(acme, "offer_currency: ''", "offer_currency: EUR")
    edit(acme, "## Mistakes\n", "## Mistakes\n\nRushed the system design.\n")
    edit(acme, "## Their business\n", "## Their business\n\nWarehouse robots.\n- two lines\n")
    beta = vault / "jobsearch.company.beta.md"
    edit(beta, "pipeline: applied", "pipeline: declined")
    edit(beta, "offer_base: ''", "offer_base: 170000")
    gamma = vault / "jobsearch.company.gamma.md"
    edit(gamma, "pipeline: applied", "pipeline: rejected")
    edit(gamma, "## Reject reason\n", "## Reject reason\n\nNot enough C++.\n")
    stage = next(vault.glob("jobsearch.stage.03-*.md"))
    edit(stage, "status: ''", "status: ''\nstarted: 2027-03-01\ncompleted: 2027-03-08")
    edit(stage, "- [ ] one more engineering", "- [x] one more engineering")
    return root


def test_the_cycle_note_gathers_time_funnel_offers_companies_and_undone_items(root: Path) -> None:
    result = run(root)
    assert result.created == [CYCLE]
    assert result.changed == ["vault/interviews.Self evaluation.md"]
    text = (root / CYCLE).read_text()
    stage3 = (
        r"| 3 | [[Prepare good CV\|jobsearch.stage.03-prepare-good-cv]] | 3 | 7 | +4 "
        "| 2027-03-01 | 2027-03-08 |"
    )
    assert stage3 in text
    assert "applied 3 → screening 3 → interviewing 2 → offer 2" in text
    assert "offer 2 · accepted 1 · ended apart: rejected 1, declined 1" in text
    assert "Accepted: Acme Robotics ([[jobsearch.company.acme-robotics]])" in text
    assert r"| [[Acme Robotics\|jobsearch.company.acme-robotics]] | 180,000 |" in text
    entry = text[text.index("### Acme Robotics") : text.index("### Beta")]
    assert entry.splitlines()[2:9] == [
        "- Note: [[jobsearch.company.acme-robotics]]",
        "- Position: Machine Learning Engineer",
        "- Time: February to March 2027",
        "- Reached stage: onsite (accepted)",
        "- Process: recruiter screen, system design, onsite (3 interviews)",
        "- Mistakes: Rushed the system design.",
        "- Reject reason: (not written)",
    ]
    assert "- Their business:\n  Warehouse robots.\n  - two lines\n" in entry
    assert "[[jobsearch.company.acme-robotics.interview.2027-02-20-system-design]]" in entry
    assert "- Reject reason: Not enough C++." in text
    undone = text[text.index("begin selfeval-undone") :]
    assert "  - one more data science" in undone and "one more engineering" not in undone
    assert text.rstrip().endswith("## What went well\n\n## What to change next time")
    parent = (root / "vault" / "interviews.Self evaluation.md").read_text()
    assert "- [[interviews.Self evaluation.2027.01.04]]\n" in parent


def test_a_refresh_rewrites_only_the_regions_and_keeps_the_reflection(root: Path) -> None:
    run(root)
    cycle = root / CYCLE
    mine = "\n\nThe referral from Ann got me in.\n"
    edit(cycle, "## What went well\n", "## What went well\n" + mine)
    edit(cycle, "## Offers\n", "## Offers\n\nMy note above the offers.\n")
    with cycle.open("a") as handle:
        handle.write("\nApply earlier.\n")
    edit(root / "vault" / "jobsearch.company.gamma.md", "Not enough C++.", "Too slow.")
    parent = root / "vault" / "interviews.Self evaluation.md"
    parent_before = parent.read_bytes()

    result = run(root)
    assert (result.created, result.changed) == ([], [CYCLE])
    text = cycle.read_text()
    assert "- Reject reason: Too slow." in text and "Not enough C++" not in text
    assert mine in text and "My note above the offers." in text
    assert text.endswith("## What to change next time\n\nApply earlier.\n")
    assert parent.read_bytes() == parent_before

    before = {p: p.read_bytes() for p in (root / "vault").iterdir()}
    again = run(root)
    assert (again.created, again.changed, again.skipped) == ([], [], [])
    assert {p: p.read_bytes() for p in (root / "vault").iterdir()} == before


def test_without_a_self_evaluation_link_the_hierarchy_gets_one(tmp_path: Path) -> None:
    plan = "---\nid: p\ntitle: Plan\n---\n1. Learn (**1 week**)\n    - read\n"
    make_workspace(tmp_path, {"p": plan})
    (tmp_path / "dendron-jobsearch.yml").write_text("plan: p\nstart: 2027-01-04\n")
    code, out, _ = cli(tmp_path, "self-eval", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["subject"] == "jobsearch.self-evaluation.2027.01.04"
    assert sorted(data["created"]) == [
        "vault/jobsearch.self-evaluation.2027.01.04.md", "vault/jobsearch.self-evaluation.md"
    ]  # fmt: skip
    ws = open_workspace(tmp_path, use_cache=False)
    parent = ws.get("jobsearch.self-evaluation")
    assert parent is not None
    assert [link.value for link in parent.links] == ["jobsearch.self-evaluation.2027.01.04"]
    code, out, _ = cli(tmp_path, "self-eval")
    assert (code, out) == (0, "jobsearch.self-evaluation.2027.01.04 is up to date\n")


def test_broken_region_markers_leave_the_note_alone(root: Path) -> None:
    run(root)
    cycle = root / CYCLE
    edit(cycle, "<!-- dendron-jobsearch:end selfeval-funnel -->\n", "")
    before = cycle.read_bytes()
    result = run(root)
    assert [s["path"] for s in result.skipped] == [CYCLE] and "markers" in result.skipped[0][
        "reason"
    ]
    assert cycle.read_bytes() == before


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("## Mistakes\n\nA\n\n## Notes\nB\n", {"mistakes": "A", "notes": "B"}),
        ("## Mistakes\nA\n### Detail\nB\n## Next\n", {"mistakes": "A\n### Detail\nB", "next": ""}),
        ("## Mistakes\n```\n## not a heading\n```\n", {"mistakes": "```\n## not a heading\n```"}),
        ("## Mistakes\nfirst\n## Mistakes\nsecond\n", {"mistakes": "first"}),
        ("text before\n# Reject reason #\nwhy\n", {"reject reason": "why"}),
    ],
)
def test_note_sections(tmp_path: Path, body: str, expected: dict[str, str]) -> None:
    from dendron_jobsearch.vault.read import ReadOptions, read_note

    path = tmp_path / "n.md"
    path.write_text("---\nid: n\ntitle: N\n---\n" + body)
    note, _ = read_note(str(path), "n.md", "n", "vault", ReadOptions())
    assert note is not None
    assert note_sections(note) == expected
