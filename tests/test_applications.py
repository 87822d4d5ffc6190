"""The applications record: `sync` dates each company's pipeline stages in the company note
as the days go by, the person's dates win, and `export applications` lists it all."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from dendron_jobsearch import WriteResult, add_company, add_interview, open_workspace, sync
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import load_settings

ACME = "jobsearch.company.acme"
BEGIN = "<!-- dendron-jobsearch:begin applications -->"
END = "<!-- dendron-jobsearch:end applications -->"


def cli(root: Path, today: date, *args: str) -> tuple[int, str, str]:
    env = {"DENDRON_JOBSEARCH_TODAY": today.isoformat()}
    result = CliRunner().invoke(main, ["-w", str(root), *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def note(root: Path, fname: str = ACME) -> Path:
    return root / "vault" / f"{fname}.md"


def set_key(root: Path, key: str, value: str, fname: str = ACME) -> None:
    file = note(root, fname)
    text = file.read_text(encoding="utf-8")
    new, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)
    assert count, key
    file.write_text(new, encoding="utf-8")


def on(root: Path, day: date) -> WriteResult:
    """One day's `sync`; a second one that day must write nothing."""
    result = sync(open_workspace(root, use_cache=False), load_settings(root), today=day)
    again = sync(open_workspace(root, use_cache=False), load_settings(root), today=day)
    assert (again.created, again.changed, again.skipped) == ([], [], [])
    return result


def record(root: Path, fname: str = ACME) -> list[str]:
    """The lines of the company note's record region."""
    text = note(root, fname).read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1, text
    return text.split(BEGIN + "\n", 1)[1].split(END, 1)[0].splitlines()


def add(root: Path, name: str = "Acme", **options: object) -> None:
    ws = open_workspace(root, use_cache=False)
    add_company(ws, load_settings(root), name, **options)  # type: ignore[arg-type]


def test_a_company_walked_through_the_pipeline_has_every_stage_dated(scaffolded: Path) -> None:
    add(scaffolded, role="ML Engineer", source="referral", referrer="Ann",
        applied=date(2027, 1, 5))  # fmt: skip
    before = note(scaffolded).read_text(encoding="utf-8")
    assert "vault/jobsearch.company.acme.md" in on(scaffolded, date(2027, 1, 5)).changed
    text = note(scaffolded).read_text(encoding="utf-8")
    assert text.startswith(before.split("\nupdated:")[0])  # the person's note kept ...
    assert text.rstrip("\n").endswith(END)  # ... the record appended at its end
    assert record(scaffolded) == ["## Applications", "", "- 2027-01-05 applied"]
    on(scaffolded, date(2027, 1, 12))  # nothing changed: nothing recorded
    for day, stage in ((date(2027, 1, 20), "screening"), (date(2027, 1, 28), "interviewing"),
                       (date(2027, 2, 10), "offer"), (date(2027, 2, 15), "accepted")):  # fmt: skip
        set_key(scaffolded, "pipeline", stage)
        on(scaffolded, day)
    assert record(scaffolded) == [
        "## Applications", "", "- 2027-01-05 applied", "- 2027-01-20 screening",
        "- 2027-01-28 interviewing", "- 2027-02-10 offer", "- 2027-02-15 accepted",
    ]  # fmt: skip


def test_the_persons_dates_win(scaffolded: Path) -> None:
    add(scaffolded, applied=date(2027, 1, 5))
    on(scaffolded, date(2027, 1, 5))
    file = note(scaffolded)
    text = file.read_text(encoding="utf-8")  # the person dates the screening themselves
    file.write_text(text.replace("- 2027-01-05 applied\n", "- 2027-01-05 applied\n"
                                 "- 2027-01-12 called by their recruiter\n"
                                 "- 2027-01-18 screening\n"), encoding="utf-8")  # fmt: skip
    set_key(scaffolded, "pipeline", "screening")
    on(scaffolded, date(2027, 1, 20))
    set_key(scaffolded, "applied", "2027-01-04")  # the `applied:` key, corrected
    on(scaffolded, date(2027, 1, 21))
    assert record(scaffolded)[2:] == [
        "- 2027-01-04 applied", "- 2027-01-12 called by their recruiter", "- 2027-01-18 screening",
    ]  # fmt: skip


def test_a_stage_set_by_hand_first_gets_the_day_it_is_seen(scaffolded: Path) -> None:
    add(scaffolded)  # on the wish list: not an application, nothing recorded
    wish = note(scaffolded).read_bytes()
    on(scaffolded, date(2027, 1, 5))
    assert note(scaffolded).read_bytes() == wish
    set_key(scaffolded, "pipeline", "interviewing")  # skipped applied and screening
    on(scaffolded, date(2027, 1, 25))
    assert record(scaffolded)[2:] == ["- 2027-01-25 interviewing"]


def test_export_applications_lists_each_company_with_its_dates(scaffolded: Path) -> None:
    add(scaffolded, role="ML Engineer", source="referral", referrer="Ann",
        applied=date(2027, 1, 5))  # fmt: skip
    add(scaffolded, "Beta", role="Data Scientist", applied=date(2027, 1, 6))
    add(scaffolded, "Gamma")  # wish list only: no application
    on(scaffolded, date(2027, 1, 6))
    set_key(scaffolded, "pipeline", "screening")
    add_interview(open_workspace(scaffolded), load_settings(scaffolded), "acme",
                  date(2027, 1, 22), "recruiter screen")  # fmt: skip
    on(scaffolded, date(2027, 1, 20))
    for key, value in (("pipeline", "offer"), ("offer_base", "180000"),
                       ("offer_currency", "EUR"), ("offer_deadline", "2027-02-20")):  # fmt: skip
        set_key(scaffolded, key, value)
    on(scaffolded, date(2027, 2, 3))
    set_key(scaffolded, "pipeline", "rejected", "jobsearch.company.beta")
    code, out, err = cli(scaffolded, date(2027, 2, 4), "export", "applications")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["Company"] for r in rows] == ["Acme", "Beta"]  # by the day applied
    acme, beta = rows
    assert (acme["Role"], acme["Source"], acme["Referrer"], acme["Applied"]) == (
        "ML Engineer", "referral", "Ann", "2027-01-05"
    )  # fmt: skip
    assert (acme["Screening"], acme["Interviewing"], acme["Offer"]) == (
        "2027-01-20", "", "2027-02-03"
    )  # fmt: skip
    assert (acme["Outcome"], acme["Offer base"], acme["Offer currency"]) == (
        "open",
        "180,000",
        "EUR",
    )
    assert acme["Offer deadline"] == "2027-02-20"
    assert acme["Interviews"] == "2027-01-22 recruiter screen"
    assert acme["History"] == "2027-01-05 applied; 2027-01-20 screening; 2027-02-03 offer"
    # Beta's rejection is seen today, by the export, before any sync has written it
    assert (beta["Outcome"], beta["Outcome date"]) == ("rejected", "2027-02-04")
    code, out, _ = cli(scaffolded, date(2027, 2, 4), "export", "applications", "--format", "json")
    data = json.loads(out)
    first = data["applications"][0]
    assert first["name"] == "Acme" and first["applied"] == "2027-01-05"
    assert first["stages"] == [
        {"date": "2027-01-05", "stage": "applied", "text": "applied"},
        {"date": "2027-01-20", "stage": "screening", "text": "screening"},
        {"date": "2027-02-03", "stage": "offer", "text": "offer"},
    ]
    assert first["offer"]["base"] == 180000 and first["outcome"] is None
    assert data["applications"][1]["outcome"] == "rejected"
    assert data["findings"] == []


def test_export_applications_to_a_file(scaffolded: Path, tmp_path: Path) -> None:
    add(scaffolded, applied=date(2027, 1, 5))
    out = tmp_path / "record.csv"
    code, stdout, _ = cli(scaffolded, date(2027, 1, 5), "export", "applications", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert cli(scaffolded, date(2027, 1, 5), "export", "applications")[1] == out.read_text()


def test_a_company_note_that_does_not_read_is_named(scaffolded: Path) -> None:
    add(scaffolded, applied=date(2027, 1, 5))
    file = note(scaffolded)
    file.write_text(file.read_text().replace("role:", "role: [x\ny:", 1))
    code, out, err = cli(scaffolded, date(2027, 1, 5), "export", "applications")
    assert (code, out) == (1, "")
    assert f"error: vault/{ACME}.md:" in err


def test_a_record_with_broken_markers_is_named_and_left_alone(scaffolded: Path) -> None:
    add(scaffolded, applied=date(2027, 1, 5))
    on(scaffolded, date(2027, 1, 5))
    file = note(scaffolded)
    file.write_text(file.read_text().replace(END, ""))
    set_key(scaffolded, "pipeline", "screening")
    before = file.read_bytes()
    result = sync(open_workspace(scaffolded), load_settings(scaffolded), today=date(2027, 1, 9))
    assert file.read_bytes() == before
    (skip,) = [s for s in result.skipped if s["path"] == f"vault/{ACME}.md"]
    assert "region 'applications' is never closed: fix the markers" in skip["reason"]
