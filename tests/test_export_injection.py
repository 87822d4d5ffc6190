"""The exports hold the person's text and are opened in spreadsheets and calendars: a
company, role, checklist item or plan title written like a formula (`=HYPERLINK(...)`,
`+1`, `@SUM(A1)`, a leading tab) comes out as text a spreadsheet shows and never runs, and
a line break in a name starts no calendar property. Read back with the csv module, with
icalendar and with vobject."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import icalendar
import pytest
import vobject
from click.testing import CliRunner

from dendron_jobsearch.cli import main
from dendron_jobsearch.views.cells import FORMULA_START, csv_text, neutral

TODAY = "2027-02-10"
LINK = '=HYPERLINK("http://evil","click")'
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
PLAN = "vault/interviews.all-stages.md"
STAGE_3 = "vault/jobsearch.stage.03-prepare-good-cv.md"
# a name and a kind that would be calendar lines of their own, were they not escaped
EVIL_NAME = "Evil\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected\nATTENDEE:mailto:x@evil.test"
EVIL_KIND = "onsite\r\nATTENDEE:mailto:x@evil.test\rORGANIZER:mailto:y@evil.test"


def cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["-w", str(root), *args], env={"DENDRON_JOBSEARCH_TODAY": TODAY}
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def hostile(scaffolded: Path) -> Path:
    """The scaffolded workspace, its plan, a stage and the companies carrying hostile text."""
    root = scaffolded
    edit(root / PLAN, "title: All interview stages", f"title: '{LINK}'")
    items = [LINK, "+1", "-2+3", "@SUM(A1)", "\uff1d1+1", "=" + "x" * 300]
    edit(root / STAGE_3, "- [ ] one more engineering", "\n".join(f"- [ ] {i}" for i in items)
         + "\n- [ ] one more engineering")  # fmt: skip
    add = ["company", "add"]
    cli(root, *add, LINK, "--role", "+1", "--source", "-2+3", "--referrer", "@SUM(A1)",
        "--applied", "2027-01-05")  # fmt: skip
    cli(root, *add, "Tabs", "--role", "\t=1", "--source", "\r=1", "--referrer", " =1",
        "--applied", "2027-01-06")  # fmt: skip
    cli(root, *add, "--role", "160000", "--applied", "2027-01-07", "--", "-5")
    cli(root, *add, EVIL_NAME, "--applied", "2027-01-08")
    cli(root, "interview", "add", EVIL_NAME, "--date", "2027-02-12", "--kind", EVIL_KIND,
        "--time", "10:00")  # fmt: skip
    cli(root, "interview", "add", "--date", "2027-02-13", "--kind", "@SUM(A1)", "--", "-5")
    note = root / "vault" / "jobsearch.company.5.md"
    edit(note, "pipeline: applied", "pipeline: offer")
    edit(note, "offer_base: ''", "offer_base: 160000")
    edit(note, "offer_deadline: ''", "offer_deadline: 2027-02-20")
    return root


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_nothing_runs(rows: list[list[str]]) -> None:
    """No cell a spreadsheet would run: none begins (after its spaces) like a formula,
    unless it is a number."""
    for row in rows:
        for cell in row:
            risky = cell[:1] in FORMULA_START or cell.lstrip()[:1] in FORMULA_START
            assert not risky or NUMBER.fullmatch(cell), cell


def test_the_applications_record_runs_no_formula(hostile: Path) -> None:
    text = cli(hostile, "export", "applications")
    rows = cells(text)
    assert_nothing_runs(rows)
    by_company = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    link = by_company["'" + LINK]
    assert (link["Role"], link["Source"], link["Referrer"]) == ("'+1", "'-2+3", "'@SUM(A1)")
    assert link["Applied"] == "2027-01-05" and link["History"] == "2027-01-05 applied"
    tabs = by_company["Tabs"]  # the reader drops the tab and CR in front: `=1` is left
    assert (tabs["Role"], tabs["Source"], tabs["Referrer"]) == ("'=1", "'=1", "'=1")
    numbers = by_company["-5"]  # a number is left as it is: a spreadsheet reads -5
    assert (numbers["Role"], numbers["Offer base"], numbers["Offer deadline"]) == (
        "160000", "160,000", "2027-02-20"
    )  # fmt: skip
    assert numbers["Interviews"] == "2027-02-13 @SUM(A1)"  # not the cell's start: text
    assert by_company[EVIL_NAME]["Applied"] == "2027-01-08"  # a name over lines, whole
    # each neutralised cell is quoted, as OWASP recommends
    assert '"\'+1","\'-2+3","\'@SUM(A1)"' in text and text.endswith("\r\n")
    data = cli(hostile, "export", "applications", "--format", "json")
    assert LINK.replace('"', '\\"') in data and "'=" not in data  # JSON is not a spreadsheet


def test_the_jira_file_runs_no_formula(hostile: Path) -> None:
    rows = cells(cli(hostile, "export", "jira"))
    assert_nothing_runs(rows)
    header, body = rows[0], rows[1:]
    issues = [dict(zip(header, row, strict=False)) for row in body]
    epic = issues[0]
    assert (epic["Summary"], epic["Epic Name"], epic["Issue ID"]) == ("'" + LINK, "'" + LINK, "1")
    assert epic["Due date"] == "15/Jun/27 12:00 AM"
    summaries = [i["Summary"] for i in issues if i["Issue Type"] == "Sub-task"]
    for text in ("'" + LINK, "'+1", "'-2+3", "'@SUM(A1)", "'\uff1d1+1"):
        assert text in summaries
    long = next(s for s in summaries if s.startswith("'=xxx"))
    assert len(long) == 255 and long.endswith("…")  # Jira's limit, with its `'`
    item = next(i for i in issues if i["Summary"] == "'" + LINK and i["Issue Type"] == "Sub-task")
    assert item["Description"].startswith("'" + LINK + "\n\nDendron note: ")
    assert all(len(row) == len(header) for row in body)
    assert all(i["Issue ID"].isdigit() for i in issues)


# what the calendar's events may hold: the feed's own properties, nothing a name brought
EVENT_PROPERTIES = {
    "UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "SUMMARY", "DTSTART", "DTEND",
    "DURATION", "DESCRIPTION", "STATUS", "CATEGORIES", "TRANSP",
}  # fmt: skip


def test_a_line_break_in_a_name_makes_no_calendar_property(hostile: Path) -> None:
    text = cli(hostile, "export", "ics")
    assert "\r\nATTENDEE" not in text and "\r\nORGANIZER" not in text
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert len(events) == 3  # the two interviews and the offer's deadline
    for event in events:
        assert set(event) <= EVENT_PROPERTIES
    summaries = [str(e["SUMMARY"]) for e in events]
    evil = summaries[0]
    assert evil.startswith(EVIL_NAME + ": onsite\nATTENDEE:mailto:x@evil.test")
    assert summaries[1:] == ["-5: @SUM(A1) interview", "Offer deadline: -5"]
    parsed = vobject.readOne(text)
    assert len(parsed.vevent_list) == 3 and len(parsed.vtodo_list) == 10
    for event in parsed.vevent_list:
        assert {name.upper() for name in event.contents} <= EVENT_PROPERTIES | {"VALARM"}
    assert parsed.vevent_list[0].summary.value == evil


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (LINK, "'" + LINK), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"), ("\uff1d1", "'\uff1d1"),
        ("-", "'-"), ("-5", "-5"), ("-1,234.50", "-1,234.50"), ("160000", "160000"),
        ("2027-01-05", "2027-01-05"), ("Acme", "Acme"), ("", ""), ("a=b", "a=b"),
    ],
)  # fmt: skip
def test_neutral(value: str, written: str) -> None:
    assert neutral(value) == written


def test_csv_text_quotes_what_it_neutralised_and_reads_back() -> None:
    rows = [["a", "+1", 'say "hi", then', "line\nbreak", "-5"]]
    text = csv_text(rows)
    assert text == 'a,"\'+1","say ""hi"", then","line\nbreak",-5\r\n'
    assert cells(text) == [["a", "'+1", 'say "hi", then', "line\nbreak", "-5"]]
