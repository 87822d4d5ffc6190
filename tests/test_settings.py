"""`dendron-jobsearch.yml`: every mistake is one message naming the line and what is
expected; a correct file reads as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dendron_jobsearch import WorkspaceError, load_settings


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("plan: p\nstart: soon\n", 2, "start must be a date like 2026-12-01, got 'soon'"),
        ("plan: [a, b]\n", 1, "plan must be text, got ['a', 'b']"),
        ("vault: ''\n", 1, "vault must be text, got ''"),
        ("hierarchy: Job Search\n", 1, "hierarchy must be a lower-case dotted name"),
        ("offer_window_days: -1\n", 1, "offer_window_days must be a whole number of days"),
        ("offer_window_days: yes\n", 1, "offer_window_days must be a whole number of days"),
        ("# mine\nplna: p\n", 2, "unknown setting 'plna' (did you mean 'plan'?)"),
        ("plan: p\n  start: [\n", 2, "not valid YAML"),
        ("- plan\n", 1, "expected settings as 'key: value' lines"),
        (
            "plan: p\nics: calendar/feed\n",
            2,
            "ics must be the path of a calendar file ending in .ics, like calendar/jobsearch.ics, "
            "got 'calendar/feed'",
        ),
        ("ics: 5\n", 1, "ics must be the path of a calendar file ending in .ics"),
        ("ics: [a.ics]\n", 1, "ics must be the path of a calendar file ending in .ics"),
    ],
)
def test_a_mistake_names_its_line_and_what_is_expected(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "dendron-jobsearch.yml").write_text(text)
    with pytest.raises(WorkspaceError) as caught:
        load_settings(tmp_path)
    finding = caught.value.finding
    assert (finding.path, finding.line) == ("dendron-jobsearch.yml", line)
    assert message in finding.message


def test_a_correct_file_reads_as_written(tmp_path: Path) -> None:
    (tmp_path / "dendron-jobsearch.yml").write_text(
        "plan: my.plan  # mine\nvault: notes\nhierarchy: career.search\n"
        "start: 2027-01-04\noffer_window_days: 10\nowner: me\nics: out/search.ics\n"
    )
    settings = load_settings(tmp_path)
    assert (settings.plan, settings.vault, settings.hierarchy) == (
        "my.plan",
        "notes",
        "career.search",
    )
    assert (settings.start, settings.offer_window_days, settings.owner) == (
        date(2027, 1, 4), 10, "me"
    )  # fmt: skip
    assert settings.ics == "out/search.ics"


def test_no_file_is_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert (settings.plan, settings.hierarchy, settings.offer_window_days) == (None, "jobsearch", 7)
    assert settings.ics is None
