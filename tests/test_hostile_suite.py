"""The standing hostile suite: what is pasted into a vault (job postings, recruiter emails,
other people's names, clipped pages) and what a cloned vault can hold, fed into every note
kind the tool reads, every name it writes and its settings, in all three apps.

Each example puts hostile text in one place, then runs every command a person runs, and
checks the promise: no traceback, no command over a time bound, nothing written outside the
workspace, none of the person's bytes lost, one `sync` converges, and every export reads
back with its own reader (csv, icalendar) with no formula and no property the tool did not
write.

    CI=true pytest tests/test_hostile_suite.py   # 200 examples
    pytest tests/test_hostile_suite.py           # 25
    HOSTILE_EXAMPLES=2000 pytest tests/test_hostile_suite.py  # once in a while
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dendron_jobsearch import scaffold
from dendron_jobsearch.cli import main

TODAY = date(2027, 2, 10)
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
EXAMPLES = int(
    os.environ.get("HOSTILE_EXAMPLES") or (200 if os.environ.get("CI") == "true" else 25)
)
SECONDS = 30.0  # a command on a small workspace takes well under a second

# The forms found to break something once, and their relatives.
HOSTILE = [
    "<!-- dendron-jobsearch:end dashboard -->",
    "Tail <!-- dendron-jobsearch:begin dashboard --> x",
    "Link]] [[evil",
    "[[x|y]] ![[z]] #tag @user {{fm.x}} ^block",
    "<img src=x onerror=alert(1)>",
    "%% hidden %%",
    "a | b",
    "x\ny",
    "x\r\ny\u2028z",
    '=HYPERLINK("http://evil","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "x\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT",
    "x\r\nATTENDEE:mailto:evil@example.com",
    "`code` *bold* _it_ $x$ ~~s~~",
    "日本語 Société Ünïcödé",
    "-->",
    "<!--",
    "&lt;&amp;",
    "\\",
    "---",
    "[[" * 2000,
    "#a" * 2000,
    "@" * 4000,
    "{{fm." * 2000,
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60),
)

# frontmatter values a pasted or mistyped note holds
HOSTILE_VALUES = [
    "nan", "inf", "-inf", "1e400", ".nan", "9999-12-31", "0001-01-01", "1e9999",
    "&a [*a, *a, *a]", "!!python/object:os.system", "{", "[", "'", '"', "|", "null",
    "2027-02-30", "-1", "99999999999999999999999", "true",
]  # fmt: skip


def cli(root: Path, *args: str, dialect: str | None = None) -> tuple[int, str, str]:
    started = time.monotonic()
    head = ["--dialect", dialect] if dialect else []
    result = CliRunner().invoke(main, ["-w", str(root), *head, *args], env=CLOCK)
    took = time.monotonic() - started
    assert took < SECONDS, f"{args} took {took:.1f} s"
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, output)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    made: dict[str, Path] = {}

    def once(dialect: str) -> Path:
        if dialect not in made:
            made[dialect] = tmp_path_factory.mktemp(f"hostile-{dialect}") / "ws"
            scaffold(made[dialect], start=TODAY, today=TODAY, dialect=dialect)
            cli(made[dialect], "company", "add", "Acme", "--applied", "2027-02-01")
            args = ["interview", "add", "Acme", "--date", "2027-02-20", "--kind", "onsite"]
            cli(made[dialect], *args)
        return made[dialect]

    return once


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def formula_free(text: str) -> None:
    """Every cell of a CSV export is data: a formula character only behind a `'`, or in a
    real number or date."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell.startswith(FORMULA):
                try:
                    float(cell)
                except ValueError:
                    raise AssertionError(f"a cell a spreadsheet runs: {cell!r}") from None


# what views/ics.py writes (and icalendar adds around it)
ICS_PROPERTIES = {
    "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "UID",
    "DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "SUMMARY", "DTSTART", "DTEND", "DUE",
    "DURATION", "STATUS", "PERCENT-COMPLETE", "COMPLETED", "DESCRIPTION", "CATEGORIES",
    "TRANSP", "ACTION", "TRIGGER", "URL", "X-WR-CALDESC", "REFRESH-INTERVAL",
    "X-PUBLISHED-TTL",
}  # fmt: skip


def calendar_clean(text: str) -> None:
    """The feed reads back with icalendar, and holds no property the tool does not write
    (a newline in a name must not start an `ATTENDEE:` or a `BEGIN:VEVENT`)."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.name in {"VCALENDAR", "VEVENT", "VTODO", "VALARM", "VTIMEZONE"}
        for name in component:
            assert name in ICS_PROPERTIES, f"a property the tool never writes: {name}"


def place(root: Path, dialect: str, where: str, text: str, value: str) -> list[str]:
    """Put the hostile text in one place a person (or a paste) puts text; the command to
    run for it, if any."""
    ws_notes = sorted(p for p in root.rglob("*.md") if ".obsidian" not in p.parts)
    company = next(p for p in ws_notes if "company" in p.name.lower() or "Companies" in p.parts)
    stage = next(p for p in ws_notes if "stage" in p.name.lower() or "Stages" in p.parts)
    if where == "company name":
        return ["company", "add", text]
    if where == "role":
        return ["company", "add", "Globex", "--role", text, "--source", text, "--referrer", text]
    if where == "interview kind":
        return ["interview", "add", "Acme", "--date", "2027-02-21", "--kind", text]
    if where == "checklist item":
        with stage.open("a", encoding="utf-8") as handle:
            handle.write(f"\n- [ ] {text}\n")
    elif where == "company body":
        with company.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## Job description\n\n{text}\n")
    elif where == "company value":
        body = company.read_text(encoding="utf-8")
        key = "offer_base" if "offer_base" in body else "role"
        lines = [
            f"{key}: {value}" if line.startswith(f"{key}:") else line for line in body.split("\n")
        ]
        company.write_text("\n".join(lines), encoding="utf-8")
    elif where == "bytes":
        with stage.open("ab") as handle:
            handle.write(text.encode("utf-8", "replace") + b"\xff\xfe\x00 \x80")
    elif where == "file name":
        name = (
            os.fsencode(company.parent)
            + b"/"
            + b"x\xff"
            + os.fsencode(text[:40]).replace(b"/", b"-").replace(b"\0", b"")
            + b".md"
        )
        with open(name, "wb") as handle:
            handle.write(company.read_bytes())
    elif where == "setting":
        with (root / "dendron-jobsearch.yml").open("a", encoding="utf-8") as handle:
            handle.write(f"offer_window_days: {value}\n")
    return []


PLACES = [
    "company name", "role", "interview kind", "checklist item", "company body",
    "company value", "bytes", "file name", "setting",
]  # fmt: skip
COMMANDS = [
    ["status", "--json"],
    ["check", "--json"],
    ["graph", "--format", "json"],
    ["graph", "--format", "mermaid"],
    ["self-eval"],
]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure is shown as found:
    # shrinking one (a dozen commands an example) takes many minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    dialect=st.sampled_from(["dendron", "obsidian", "foam"]),
    where=st.sampled_from(PLACES),
    text=hostile_text,
    value=st.sampled_from(HOSTILE_VALUES),
)
def test_hostile_input_keeps_the_promise(
    scaffolded: Callable[[str], Path],
    tmp_path_factory: pytest.TempPathFactory,
    dialect: str,
    where: str,
    text: str,
    value: str,
) -> None:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "ws"
    shutil.copytree(scaffolded(dialect), root, symlinks=True)
    outside = base / "outside"
    outside.mkdir()
    (outside / "bashrc").write_text("mine\n")
    (root / "calendar").mkdir()
    (root / "calendar" / "jobsearch.ics").write_text("")
    with (root / "dendron-jobsearch.yml").open("a", encoding="utf-8") as handle:
        handle.write("ics: calendar/jobsearch.ics\n")
    command = place(root, dialect, where, text, value)
    if command:
        cli(root, *command)
    theirs = every_file(root)

    cli(root, "sync")
    after_first = every_file(root)
    code, _, _ = cli(root, "sync")
    if code == 0:
        assert every_file(root) == after_first, "a second sync wrote again"
    for command_args in COMMANDS:
        code, out, _ = cli(root, *command_args)
        if "--json" in command_args or "json" in command_args:
            json.loads(out)  # JSON, even when the command fails
    for kind in ("applications", "jira"):
        code, out, _ = cli(root, "export", kind)
        if code == 0:
            formula_free(out)
    code, out, _ = cli(root, "export", "ics")
    if code == 0:
        calendar_clean(out)
    feed = (root / "calendar" / "jobsearch.ics").read_text(encoding="utf-8")
    if feed:
        calendar_clean(feed)

    assert every_file(outside) == {"bashrc": b"mine\n"}
    assert sorted(p.name for p in base.iterdir()) == ["outside", "ws"]
    # the person's bytes: every file they had is still there, and what they typed with it
    for rel, data in theirs.items():
        now = root / rel
        assert now.exists(), f"{rel} is gone"
        if rel.endswith(".md") and where in ("checklist item", "company body"):
            line = text.split("\n")[0].strip()
            if line and line in data.decode("utf-8", "replace"):
                assert line in now.read_bytes().decode("utf-8", "replace"), f"{rel} lost text"
