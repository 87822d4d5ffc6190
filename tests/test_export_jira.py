"""`export jira`: a CSV Jira's importer takes as it is, read back with the csv module and
checked against the importer's rules."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from dendron_jobsearch import load_jobsearch, open_workspace, sync
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import load_settings

TODAY = date(2027, 1, 20)
CLOCK = {"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
STAGE_1 = "jobsearch.stage.01-preparation-for-interviews"
STAGE_3 = "jobsearch.stage.03-prepare-good-cv"
STAGE_4 = "jobsearch.stage.04-apply-at-bunch-of-companies"


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout exactly as written (CRLF kept), stderr."""
    result = CliRunner().invoke(main, ["-w", str(root), *args], env=CLOCK)
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def export(root: Path) -> str:
    code, out, err = cli(root, "export", "jira")
    assert code == 0, err
    return out


def rows(text: str) -> tuple[list[str], list[dict[str, str]], list[list[str]]]:
    """The header, each row by column (the first of each name), and the raw rows."""
    raw = list(csv.reader(io.StringIO(text, newline="")))
    header, body = raw[0], raw[1:]
    by_name = [{name: row[header.index(name)] for name in header} for row in body]
    return header, by_name, body


def note(root: Path, fname: str) -> Path:
    return root / "vault" / f"{fname}.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_file_keeps_the_importers_rules(scaffolded: Path) -> None:
    text = export(scaffolded)
    header, issues, raw = rows(text)
    for column in ("Summary", "Issue ID", "Parent", "Issue Type", "Description", "Due date",
                   "Status", "Labels", "Outward issue link (Blocks)"):  # fmt: skip
        assert column in header
    # no punctuation in the header but the link column's, named as Jira's own export does
    assert all(re.fullmatch(r"[A-Za-z ]+", h) for h in header if "(Blocks)" not in h)
    assert all(len(row) == len(header) for row in raw)  # empty trailing fields keep commas
    epic_line = text.split("\r\n")[1]
    assert epic_line.endswith("jobsearch,")  # its second Labels column is empty, not dropped
    multi_line = [value for row in raw for value in row if "\n" in value]
    assert multi_line and all(f'"{value}"' in text for value in multi_line)
    assert text.endswith("\r\n") and "\r\n" in text  # RFC 4180 records
    ids = [issue["Issue ID"] for issue in issues]
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)
    assert all(
        0 < len(issue["Summary"]) <= 255 and "\n" not in issue["Summary"] for issue in issues
    )
    labels = [v for row in raw for name, v in zip(header, row, strict=True) if name == "Labels"]
    assert all(" " not in label for label in labels)  # a Jira label is one word


def test_the_hierarchy_has_parents_before_children(scaffolded: Path) -> None:
    _, issues, _ = rows(export(scaffolded))
    kinds = [issue["Issue Type"] for issue in issues]
    assert kinds == sorted(kinds, key=["Epic", "Task", "Sub-task"].index)  # Epics, Tasks, Sub-tasks
    assert kinds.count("Epic") == 1 and kinds.count("Task") == 10
    assert kinds.count("Sub-task") == 31  # every checklist item of the bundled plan
    seen: dict[str, str] = {}
    for issue in issues:
        if issue["Parent"]:
            parent_kind = seen[issue["Parent"]]  # KeyError: the parent comes after the child
            expected = {"Task": "Epic", "Sub-task": "Task"}[issue["Issue Type"]]
            assert parent_kind == expected
        else:
            assert issue["Issue Type"] == "Epic"
        seen[issue["Issue ID"]] = issue["Issue Type"]
    epic = issues[0]
    assert (epic["Summary"], epic["Epic Name"]) == ("All interview stages", "All interview stages")


def test_each_stage_blocks_the_next_in_the_plans_order(scaffolded: Path) -> None:
    _, issues, _ = rows(export(scaffolded))
    tasks = [issue for issue in issues if issue["Issue Type"] == "Task"]
    assert [t["Summary"].split(".")[0] for t in tasks] == [str(n) for n in range(1, 11)]
    assert [t["Outward issue link (Blocks)"] for t in tasks] == [
        t["Issue ID"] for t in tasks[1:]
    ] + [""]
    assert tasks[2]["Summary"] == "3. Prepare good CV"


def test_dates_statuses_links_and_notes_come_from_the_workspace(scaffolded: Path) -> None:
    stage_1 = note(scaffolded, STAGE_1)
    edit(stage_1, "- [ ] algo:", "- [x] algo:")
    edit(stage_1, "## Notes\n", "## Notes\n\nNeetcode 150 first, then the company lists.\n")
    cv = note(scaffolded, STAGE_3)
    for item in ("one more engineering", "one more data science", "this step often"):
        edit(cv, f"- [ ] {item}", f"- [x] {item}")
    sync(open_workspace(scaffolded), load_settings(scaffolded), today=TODAY)
    _, issues, _ = rows(export(scaffolded))
    tasks = {t["Summary"]: t for t in issues if t["Issue Type"] == "Task"}
    first = tasks["1. Preparation for interviews"]
    assert (first["Status"], first["Due date"]) == ("In Progress", "05/Mar/27 12:00 AM")
    assert "1/7 done (14%)" in first["Description"]
    assert "- interviews.System Design" in first["Description"]  # the stage's links
    assert "Notes:\nNeetcode 150 first, then the company lists." in first["Description"]
    assert "dendron-jobsearch:" not in first["Description"]  # none of the tool's regions
    assert tasks["3. Prepare good CV"]["Status"] == "Done"
    assert tasks["2. Prepare for behavior questions + leadership principles"]["Status"] == "To Do"
    subtasks = [s for s in issues if s["Issue Type"] == "Sub-task"]
    algo = next(s for s in subtasks if s["Summary"].startswith("algo:"))
    design = next(s for s in subtasks if s["Summary"].startswith("system design:"))
    assert (algo["Status"], algo["Parent"], algo["Due date"]) == (
        "Done", first["Issue ID"], "05/Mar/27 12:00 AM"
    )  # fmt: skip
    assert design["Status"] == "To Do"
    assert design["Summary"] == "system design: interviews.System Design, practice in excalidraw"
    assert "[[interviews.System Design]]" in design["Description"]  # the item as written
    assert issues[0]["Status"] == "In Progress"


def test_a_nested_item_is_a_subtask_naming_the_item_above(scaffolded: Path) -> None:
    _, issues, _ = rows(export(scaffolded))
    nested = next(s for s in issues if s["Summary"].startswith("LinkdIn, your previous"))
    assert "Part of: colllect a list of companies" in nested["Description"]
    assert not any(s["Summary"].startswith("colllect a list") for s in issues)  # counts through


def test_a_ticked_item_keeps_its_sub_items_as_done_subtasks(scaffolded: Path) -> None:
    stage_4 = note(scaffolded, STAGE_4)
    edit(stage_4, "- [ ] colllect a list", "- [x] colllect a list")
    edit(stage_4, "  - [ ] LinkdIn", "  - [ ] LinkdIn\n  - [-] Glassdoor lists\n  - [ ] Blind")
    sync(open_workspace(scaffolded), load_settings(scaffolded), today=TODAY)
    _, issues, raw = rows(export(scaffolded))
    task = next(t for t in issues if t["Summary"].startswith("4. "))
    subtasks = [s for s in issues if s["Parent"] == task["Issue ID"]]
    by_summary = {s["Summary"].split(",")[0]: s for s in subtasks}
    assert by_summary["LinkdIn"]["Status"] == by_summary["Blind"]["Status"] == "Done"
    assert "Part of: colllect a list of companies" in by_summary["Blind"]["Description"]
    cancelled = {row[0] for row in raw if "cancelled" in row}
    assert cancelled == {"Glassdoor lists"}  # still its own label
    done = [s for s in subtasks if s["Status"] == "Done" and s["Summary"] not in cancelled]
    assert f"{len(done)}/{len(subtasks) - 1} done" in task["Description"]  # as the progress


def test_the_same_workspace_gives_the_same_file(scaffolded: Path, tmp_path: Path) -> None:
    first = export(scaffolded)
    assert export(scaffolded) == first
    out = tmp_path / "plan.csv"
    code, stdout, _ = cli(scaffolded, "export", "jira", "--output", str(out))
    assert (code, stdout) == (0, "")
    assert out.read_bytes() == first.encode("utf-8")
    search = load_jobsearch(open_workspace(scaffolded), load_settings(scaffolded), TODAY)
    assert search.stages[0].slot.due == date(2027, 3, 5)  # what the Due date above says


def test_a_stage_note_that_does_not_read_is_named_and_nothing_exported(scaffolded: Path) -> None:
    path = note(scaffolded, STAGE_3)
    path.write_text(path.read_text().replace("title:", "title: [oops\nx:", 1))
    code, out, err = cli(scaffolded, "export", "jira")
    assert (code, out) == (1, "")
    assert f"error: vault/{STAGE_3}.md:" in err and "frontmatter-invalid" in err
