"""`export ics` and the `ics` setting: a calendar feed parsed back with `icalendar` and with
an independent parser (vobject), stable UIDs, SEQUENCE and LAST-MODIFIED moving only when an
entry changes, and `sync` / `watch` keeping the feed file current."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import icalendar
import pytest
import vobject
from click.testing import CliRunner

from dendron_jobsearch import add_company, add_interview, open_workspace, sync
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import load_settings
from dendron_jobsearch.watch import Watcher

TODAY = date(2027, 3, 1)
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
ACME = "jobsearch.company.acme"
SYSTEM_DESIGN = f"{ACME}.interview.2027-03-02-system-design"
ONSITE = f"{ACME}.interview.2027-03-09-onsite"
SCREEN = "jobsearch.company.beta.interview.2027-03-03-recruiter-screen"
STAGE_1 = "jobsearch.stage.01-preparation-for-interviews"


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(root), *args], env=CLOCK)
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def export(root: Path) -> str:
    code, out, err = cli(root, "export", "ics")
    assert code == 0, err
    return out


def path(root: Path, fname: str) -> Path:
    return root / "vault" / f"{fname}.md"


def set_key(root: Path, fname: str, key: str, value: str) -> None:
    """Set a frontmatter key as a person would in their editor."""
    file = path(root, fname)
    text = file.read_text(encoding="utf-8")
    new, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)
    if not count:
        new = text.replace("\n---\n", f"\n{key}: {value}\n---\n", 1)
    file.write_text(new, encoding="utf-8")


def note_ms(root: Path, fname: str, key: str) -> int:
    match = re.search(rf"(?m)^{key}: (\d+)$", path(root, fname).read_text(encoding="utf-8"))
    assert match is not None
    return int(match.group(1))


def note_id(root: Path, fname: str) -> str:
    match = re.search(r"(?m)^id: (\S+)$", path(root, fname).read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


@pytest.fixture
def search(scaffolded: Path) -> Path:
    """The scaffolded search with two companies, three interviews and an offer."""
    ws = open_workspace(scaffolded)
    settings = load_settings(scaffolded)
    add_company(ws, settings, "Acme", role="ML Engineer", applied=date(2027, 2, 1))
    add_company(ws, settings, "Beta", applied=date(2027, 2, 2))
    for args in (("acme", date(2027, 3, 2), "system design"), ("acme", date(2027, 3, 9), "onsite"),
                 ("beta", date(2027, 3, 3), "recruiter screen")):  # fmt: skip
        add_interview(open_workspace(scaffolded), settings, *args)
    set_key(scaffolded, SYSTEM_DESIGN, "time", "14:30")  # a time key
    set_key(scaffolded, SCREEN, "date", "2027-03-03 09:15")  # a date holding a time
    for key, value in (("pipeline", "offer"), ("offer_base", "180000"),
                       ("offer_currency", "EUR"), ("offer_deadline", "2027-03-20")):  # fmt: skip
        set_key(scaffolded, ACME, key, value)
    return scaffolded


def components(text: str, kind: str) -> list[icalendar.cal.Component]:
    return list(icalendar.Calendar.from_ical(text).walk(kind))


def by_summary(text: str, kind: str) -> dict[str, icalendar.cal.Component]:
    return {str(c["SUMMARY"]): c for c in components(text, kind)}


def test_each_stage_is_a_todo_with_due_progress_and_status(search: Path) -> None:
    stage_1 = path(search, STAGE_1)
    stage_1.write_text(stage_1.read_text().replace("- [ ] algo:", "- [x] algo:"))
    cv = path(search, "jobsearch.stage.03-prepare-good-cv")
    cv.write_text(cv.read_text().replace("- [ ]", "- [x]"))
    sync(open_workspace(search), load_settings(search), today=TODAY)
    todos = components(export(search), "VTODO")
    assert [str(t["SUMMARY"]) for t in todos][:3] == [
        "Stage 1: Preparation for interviews",
        "Stage 2: Prepare for behavior questions + leadership principles",
        "Stage 3: Prepare good CV",
    ]
    assert len(todos) == 10
    first, _, cv_todo = todos[:3]
    assert first.decoded("DUE") == date(2027, 3, 5) and first.decoded("DTSTART") == date(2027, 1, 4)
    assert (int(first["PERCENT-COMPLETE"]), str(first["STATUS"])) == (14, "IN-PROCESS")
    assert "COMPLETED" not in first
    assert (int(cv_todo["PERCENT-COMPLETE"]), str(cv_todo["STATUS"])) == (100, "COMPLETED")
    assert cv_todo.decoded("COMPLETED") == datetime(2027, 3, 1, 12, tzinfo=UTC)
    assert str(todos[1]["STATUS"]) == "NEEDS-ACTION"
    assert str(first["UID"]) == f"{note_id(search, STAGE_1)}@dendron-jobsearch"
    assert f"Dendron note: {STAGE_1}" in str(first["DESCRIPTION"])


def test_interviews_are_events_at_their_time_or_all_day(search: Path) -> None:
    events = by_summary(export(search), "VEVENT")
    timed = events["Acme: system design interview"]
    assert timed.decoded("DTSTART") == datetime(2027, 3, 2, 14, 30)  # floating: local time
    assert timed.decoded("DURATION") == timedelta(hours=1)
    assert f"Dendron note: {SYSTEM_DESIGN}" in str(timed["DESCRIPTION"])
    assert events["Beta: recruiter screen interview"].decoded("DTSTART") == datetime(
        2027, 3, 3, 9, 15
    )
    onsite = events["Acme: onsite interview"]
    assert onsite.decoded("DTSTART") == date(2027, 3, 9)  # all day: the note gives no time
    assert onsite.decoded("DTEND") == date(2027, 3, 10)
    assert str(onsite["UID"]) == f"{note_id(search, ONSITE)}@dendron-jobsearch"


def test_an_offer_deadline_is_an_event_with_an_alarm_two_days_before(search: Path) -> None:
    deadline = by_summary(export(search), "VEVENT")["Offer deadline: Acme"]
    assert deadline.decoded("DTSTART") == date(2027, 3, 20)
    assert "180,000" in str(deadline["DESCRIPTION"]) and "EUR" in str(deadline["DESCRIPTION"])
    (alarm,) = deadline.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=2)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(deadline["UID"]) == f"{note_id(search, ACME)}-offer-deadline@dendron-jobsearch"
    set_key(search, ACME, "pipeline", "accepted")  # decided: no reminder any more
    decided = by_summary(export(search), "VEVENT")["Offer deadline: Acme (accepted)"]
    assert decided.walk("VALARM") == []


def test_an_independent_parser_reads_the_same_calendar(search: Path) -> None:
    text = export(search)
    calendar = vobject.readOne(text)
    todos = list(calendar.contents["vtodo"])
    events = list(calendar.contents["vevent"])
    ours = components(text, "VTODO") + components(text, "VEVENT")
    assert {c.uid.value for c in todos + events} == {str(c["UID"]) for c in ours}
    assert len(todos) == 10 and len(events) == 4  # three interviews, one offer deadline
    timed = next(e for e in events if e.summary.value == "Acme: system design interview")
    assert timed.dtstart.value == datetime(2027, 3, 2, 14, 30)
    deadline = next(e for e in events if e.summary.value.startswith("Offer deadline"))
    assert deadline.valarm.trigger.value == -timedelta(days=2)
    assert todos[0].due.value == date(2027, 3, 5)
    assert all(line.endswith("\r") or not line for line in text.split("\n"))  # CRLF
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded


def test_the_same_export_twice_is_byte_identical(search: Path, tmp_path: Path) -> None:
    first = export(search)
    assert export(search) == first
    out = tmp_path / "feed.ics"
    assert cli(search, "export", "ics", "-o", str(out))[:2] == (0, "")
    assert out.read_bytes() == first.encode("utf-8")
    stamps = set(re.findall(r"(?m)^DTSTAMP:(\S+)\r$", first))
    updated = {  # no "now": every stamp is a note's `updated`
        datetime.fromtimestamp(n.frontmatter["updated"] // 1000, UTC).strftime("%Y%m%dT%H%M%SZ")
        for n in open_workspace(search).notes
        if isinstance(n.frontmatter.get("updated"), int)
    }
    assert stamps and stamps <= updated


def test_a_change_keeps_the_uid_and_moves_sequence_and_last_modified(search: Path) -> None:
    before = by_summary(export(search), "VEVENT")["Acme: onsite interview"]
    created = note_ms(search, ONSITE, "created")
    assert before.decoded("LAST-MODIFIED") == before.decoded("DTSTAMP")
    updated = created + 3_600_000  # the person moves it, an hour later (Dendron bumps updated)
    set_key(search, ONSITE, "date", "2027-03-10")
    set_key(search, ONSITE, "updated", str(updated))
    set_key(search, ACME, "updated", str(created))  # the company note: older
    after = by_summary(export(search), "VEVENT")["Acme: onsite interview"]
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("DTSTART") == date(2027, 3, 10)
    assert int(after["SEQUENCE"]) == 3600 > int(before["SEQUENCE"])
    stamp = datetime.fromtimestamp(updated // 1000, UTC)
    assert after.decoded("LAST-MODIFIED") == stamp == after.decoded("DTSTAMP")
    unchanged = by_summary(export(search), "VEVENT")["Acme: system design interview"]
    assert int(unchanged["SEQUENCE"]) == 0  # the others did not move


def test_sync_keeps_the_feed_the_settings_name_current(search: Path) -> None:
    settings_file = search / "dendron-jobsearch.yml"
    settings_file.write_text(settings_file.read_text() + "ics: calendar/search.ics\n")
    feed = search / "calendar" / "search.ics"
    first = sync(open_workspace(search), load_settings(search), today=TODAY)
    assert "calendar/search.ics" in first.created
    assert feed.read_bytes().decode("utf-8") == export(search)
    again = sync(open_workspace(search), load_settings(search), today=TODAY)
    assert (again.created, again.changed) == ([], [])  # one sync converges, feed included
    set_key(search, ONSITE, "kind", "final round")
    changed = sync(open_workspace(search), load_settings(search), today=TODAY)
    assert "calendar/search.ics" in changed.changed
    assert "Acme: final round interview" in by_summary(feed.read_text(), "VEVENT")


def test_a_note_that_does_not_read_keeps_the_feed_as_it_was(search: Path) -> None:
    settings_file = search / "dendron-jobsearch.yml"
    settings_file.write_text(settings_file.read_text() + "ics: search.ics\n")
    sync(open_workspace(search), load_settings(search), today=TODAY)
    feed = search / "search.ics"
    before = feed.read_bytes()
    broken = path(search, ONSITE)
    broken.write_text(broken.read_text().replace("kind:", "kind: [open\nx:", 1))
    result = sync(open_workspace(search), load_settings(search), today=TODAY)
    assert feed.read_bytes() == before
    assert {"path": "search.ics", "reason": f"kept as it was while vault/{ONSITE}.md cannot be "
            "read"} in result.skipped  # fmt: skip
    code, out, err = cli(search, "export", "ics")
    assert (code, out) == (1, "") and f"vault/{ONSITE}.md:" in err


def test_watch_rewrites_the_feed_when_a_note_changes(search: Path) -> None:
    settings_file = search / "dendron-jobsearch.yml"
    settings_file.write_text(settings_file.read_text() + "ics: search.ics\n")
    feed = search / "search.ics"
    ws = open_workspace(search)
    sync(ws, load_settings(search), today=TODAY)  # what `watch` does first
    watcher = Watcher(
        ws, load_settings(search), debounce=0.1, log=lambda _line: None, clock=lambda: TODAY
    )
    watcher.start()
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        set_key(search, SYSTEM_DESIGN, "time", "16:00")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "T160000" not in feed.read_text():
            time.sleep(0.05)
    finally:
        watcher.stop()
        thread.join(timeout=5)
    event = by_summary(feed.read_text(), "VEVENT")["Acme: system design interview"]
    assert event.decoded("DTSTART") == datetime(2027, 3, 2, 16, 0)
    assert feed.read_bytes().decode("utf-8") == export(search)


def test_interview_add_time_puts_the_interview_at_that_time(search: Path) -> None:
    code, out, _ = cli(search, "interview", "add", "beta", "--date", "2027-03-12",
                       "--kind", "onsite", "--time", "10:45")  # fmt: skip
    assert code == 0 and "2027-03-12-onsite" in out
    event = by_summary(export(search), "VEVENT")["Beta: onsite interview"]
    assert event.decoded("DTSTART") == datetime.combine(date(2027, 3, 12), clock(10, 45))


def test_an_interview_time_that_does_not_read_is_a_finding_with_its_line(search: Path) -> None:
    set_key(search, SYSTEM_DESIGN, "time", "25:00")
    set_key(search, ONSITE, "date", "2027-03-09T11:00:00")  # a YAML timestamp: a day and time
    code, out, _ = cli(search, "status", "--json")
    assert code == 0
    (finding,) = [f for f in json.loads(out)["findings"] if f["code"] == "value-invalid"]
    lines = path(search, SYSTEM_DESIGN).read_text().splitlines()
    assert finding["path"] == f"vault/{SYSTEM_DESIGN}.md"
    assert lines[finding["line"] - 1] == "time: 25:00"
    assert "time: '25:00' is not a time like 14:30" in finding["message"]
    upcoming = {i["fname"]: i["date"] for i in json.loads(out)["upcoming"]}
    assert upcoming[ONSITE] == "2027-03-09"
    events = by_summary(export(search), "VEVENT")
    assert events["Acme: onsite interview"].decoded("DTSTART") == datetime(2027, 3, 9, 11, 0)
    assert events["Acme: system design interview"].decoded("DTSTART") == date(2027, 3, 2)
