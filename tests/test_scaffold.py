"""`scaffold`: a fresh workspace, an existing one, and everything that must never happen."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import check, open_workspace, scaffold
from dendron_jobsearch.cli import main
from dendron_jobsearch.settings import load_settings

from .conftest import ROOT, make_workspace

ID = re.compile(r"^[0-9a-z]{23}$")
STAGES = [f"vault/jobsearch.stage.{n:02d}-" for n in range(1, 11)]
LINKED = [
    "interviews.System Design",
    "interviews.Probability and Statistics",
    "interviews.Behaviour",
    "interviews.Talk with recruiters",
    "interviews.Self evaluation",
    "interviews.Negotiation",
]


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".dendron.jobsearch" not in p.name
    }


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_fresh_folder_becomes_a_complete_workspace(tmp_path: Path) -> None:
    root = tmp_path / "my-search"
    result = scaffold(root)
    created = result.created
    expected = ["dendron.yml", "vault/root.md", "vault/root.schema.yml", "dendron-jobsearch.yml",
                "vault/interviews.all-stages.md", "vault/jobsearch.schema.yml",
                "vault/jobsearch.dashboard.md", "vault/templates.jobsearch.company.md"]  # fmt: skip
    assert [name in created for name in expected] == [True] * len(expected)
    assert [sum(c.startswith(s) for c in created) for s in STAGES] == [1] * 10
    assert [f"vault/{fname}.md" in created for fname in LINKED] == [True] * 6
    ws = open_workspace(root)
    report = check(ws)
    # the bundled plan's stages add up to more than it says (issue 16): said, nothing else
    assert report.errors == [] and [w.code for w in report.warnings] == ["plan-inconsistent"] * 2
    for note in ws.notes:
        if note.stub:
            continue
        assert ID.match(note.id), note.fname
        keys = list(note.frontmatter)
        assert keys[:5] == ["id", "title", "desc", "updated", "created"], note.fname
        assert isinstance(note.frontmatter["updated"], int) and note.frontmatter["updated"] > 1e12
    assert ws.get("interviews.System Design").title == "System Design"  # type: ignore[union-attr]
    stage = ws.get(created[[c.startswith(STAGES[0]) for c in created].index(True)][6:-3])
    assert stage is not None
    assert {k: stage.frontmatter[k] for k in ("status", "priority", "owner", "stage")} == {
        "status": "", "priority": "", "owner": "", "stage": 1,
    }  # fmt: skip
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", stage.frontmatter["due"])
    assert [i.text for i in stage.checklist][
        2
    ] == "system design: [[interviews.System Design]], practice in excalidraw"
    dashboard = (root / "vault" / "jobsearch.dashboard.md").read_text()
    assert (
        "```mermaid\ngantt\n" in dashboard
        and "| 10 | [[Post offer\\|jobsearch.stage.10-post-offer]] |" in dashboard
    )


def test_running_twice_creates_and_changes_nothing(tmp_path: Path) -> None:
    scaffold(tmp_path / "ws")
    before = snapshot(tmp_path / "ws")
    again = scaffold(tmp_path / "ws")
    assert (again.created, again.changed) == ([], [])
    assert snapshot(tmp_path / "ws") == before


def test_dry_run_lists_and_writes_nothing(tmp_path: Path) -> None:
    planned = scaffold(tmp_path / "a", dry_run=True)
    assert not (tmp_path / "a").exists()
    real = scaffold(tmp_path / "a")
    assert planned.created == real.created


def test_existing_workspace_keeps_every_byte(tmp_path: Path) -> None:
    plan = (
        "---\nid: myplan\ntitle: My plan # comment\ndesc: ''\nupdated: 1\ncreated: 1\n---\n"
        "1. Learn (**1 week**)\n   - read [[books.DDIA]] and [[Books.Existing Note]]\n"
        "   - [x] already done\n2. Apply (**3 days**)\n   - write to [[people.recruiter]]\n"
    )
    make_workspace(
        tmp_path,
        {
            "my.plan": plan,
            "books.existing-note": "---\nid: ex\ntitle: Existing\n---\nkeep me\n",
            "crlf": "---\r\nid: c\r\n---\r\nbody\r\n",
        },
    )
    before = snapshot(tmp_path)
    result = scaffold(tmp_path, plan="my.plan")
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    assert "vault/books.DDIA.md" in result.created and "vault/people.recruiter.md" in result.created
    assert not any("Existing" in c or "existing" in c for c in result.created)
    assert "vault/interviews.all-stages.md" not in result.created
    assert load_settings(tmp_path).plan == "my.plan"
    stage = open_workspace(tmp_path).get("jobsearch.stage.01-learn")
    assert stage is not None and [(i.status, i.text) for i in stage.checklist][1] == (
        "x",
        "already done",
    )


def test_existing_workspace_without_a_plan_gets_the_default(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"notes.mine": "---\nid: m\n---\nmine\n"})
    result = scaffold(tmp_path)
    assert "vault/interviews.all-stages.md" in result.created
    assert "dendron.yml" not in result.created


# watch starts by itself: a VS Code task run when the folder opens ----------------------


def watch_tasks(tasks: dict[str, object]) -> list[dict[str, object]]:
    assert tasks["version"] == "2.0.0"
    found = tasks["tasks"]
    assert isinstance(found, list)
    return [t for t in found if t.get("command") == "dendron-jobsearch watch"]


def test_a_fresh_workspace_starts_watch_when_it_opens(tmp_path: Path) -> None:
    """The workspace file VS Code opens holds the task; its folder is the vault, and watch
    walks up from there to dendron.yml."""
    scaffold(tmp_path / "w")
    code_workspace = json.loads((tmp_path / "w" / "dendron.code-workspace").read_text())
    (task,) = watch_tasks(code_workspace["tasks"])
    assert task["runOptions"] == {"runOn": "folderOpen"}
    assert task["isBackground"] is True and task["type"] == "shell"
    assert task["options"] == {"cwd": "${workspaceFolder:vault}"}
    assert code_workspace["folders"] == [{"path": "vault"}]
    assert not (tmp_path / "w" / ".vscode").exists()
    again = scaffold(tmp_path / "w")
    assert (again.created, again.info) == ([], [])


def test_an_existing_workspace_without_a_tasks_file_gets_one(tmp_path: Path) -> None:
    make_workspace(tmp_path, {})
    result = scaffold(tmp_path)
    assert ".vscode/tasks.json" in result.created
    (task,) = watch_tasks(json.loads((tmp_path / ".vscode" / "tasks.json").read_text()))
    assert task["runOptions"] == {"runOn": "folderOpen"}
    assert task["options"] == {"cwd": "${workspaceFolder}"}
    assert scaffold(tmp_path).info == []  # it runs watch already: nothing to say


TASKS_WITH_COMMENTS = """{
  // my own tasks: comments and all
  "version": "2.0.0",
  "tasks": [{"label": "build", "type": "shell", "command": "make",},],
}
"""


@pytest.mark.parametrize(
    ("name", "text", "cwd"),
    [
        (".vscode/tasks.json", TASKS_WITH_COMMENTS, "${workspaceFolder}"),
        ("dendron.code-workspace", '{"folders": [{"path": "notes", "name": "My notes"}]}',
         "${workspaceFolder:My notes}"),
        ("dendron.code-workspace", '{"folders": [{"path": "vault"}],\n// mine\n}',
         "${workspaceFolder}"),
    ],
)  # fmt: skip
def test_an_existing_tasks_file_is_never_rewritten_the_snippet_is_said(
    tmp_path: Path, name: str, text: str, cwd: str
) -> None:
    make_workspace(tmp_path, {})
    (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).write_text(text)
    code, out, _ = cli("scaffold", str(tmp_path))
    assert code == 0
    assert (tmp_path / name).read_text() == text
    assert not (tmp_path / ".vscode" / "tasks.json").exists() or name == ".vscode/tasks.json"
    assert "to start `dendron-jobsearch watch` when the" in out and name in out
    snippet = out[out.index("    {") : out.index("\n    }\n") + 6]
    task = json.loads(snippet)
    assert task["command"] == "dendron-jobsearch watch"
    assert task["runOptions"] == {"runOn": "folderOpen"} and task["options"] == {"cwd": cwd}


def test_link_targets_that_are_not_note_names_are_reported_and_skipped(tmp_path: Path) -> None:
    plan = (
        "---\nid: p\ntitle: P\n---\n1. Go (**1 day**)\n"
        "   - [[../../escape]] [[a/b]] [[bad,name]] [[x..y]] [[ok.note]]\n"
        "   - [[Alias|dendron://othervault/foo]] [[https://example.com]]\n"
    )
    make_workspace(tmp_path / "ws", {"p": plan})
    result = scaffold(tmp_path / "ws", plan="p")
    skipped = {s["path"]: s["reason"] for s in result.skipped}
    for target in ("../../escape", "a/b", "bad,name", "x..y", "https://example.com"):
        assert "not a valid note name" in skipped[target]
    assert "not in dendron.yml" in skipped["foo"]
    assert "vault/ok.note.md" in result.created
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]  # nothing escaped the vault


def test_a_note_that_failed_to_read_is_never_written(tmp_path: Path) -> None:
    plan = "---\nid: p\ntitle: P\n---\n1. Go (**1 day**)\n   - see [[broken.note]]\n"
    broken = "---\nid: b\ntitle: a: b\n---\nthe person's text\n"
    make_workspace(tmp_path, {"p": plan, "broken.note": broken})
    result = scaffold(tmp_path, plan="p")
    assert (tmp_path / "vault" / "broken.note.md").read_text() == broken
    assert {"path": "vault/broken.note.md", "reason": "exists"} in result.skipped


def test_a_template_in_the_vault_overrides_the_bundled_one(tmp_path: Path) -> None:
    template = (
        "---\nid: t\ntitle: Topic\n---\n"
        "# {{ TITLE }} ({{ FNAME }}), {{ CURRENT_YEAR }}\n\nFrom {{ plan.link }}.\n"
    )
    plan = "---\nid: p\ntitle: P\n---\n1. Go (**1 day**)\n   - see [[topics.Graph Theory]]\n"
    make_workspace(tmp_path, {"p": plan, "templates.jobsearch.topic": template})
    scaffold(tmp_path, plan="p")
    text = (tmp_path / "vault" / "topics.Graph Theory.md").read_text()
    body = text.split("---\n", 2)[2]
    assert re.fullmatch(
        r"\n# Graph Theory \(topics\.Graph Theory\), \d{4}\n\nFrom \[\[P\|p\]\]\.\n", body
    )


def test_a_broken_template_names_its_file_and_line(tmp_path: Path) -> None:
    template = "---\nid: t\ntitle: Topic\n---\nline one\n{% if %}\n"
    plan = "---\nid: p\ntitle: P\n---\n1. Go (**1 day**)\n   - see [[x.y]]\n"
    make_workspace(tmp_path, {"p": plan, "templates.jobsearch.topic": template})
    code, _, err = cli("scaffold", str(tmp_path), "--plan", "p")
    where = "vault/templates.jobsearch.topic.md:6: template-invalid: template does not parse"
    assert code == 1 and where in err


def test_sandboxed_templates_cannot_reach_python(tmp_path: Path) -> None:
    template = "---\nid: t\n---\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n"
    plan = "---\nid: p\ntitle: P\n---\n1. Go (**1 day**)\n   - see [[x.y]]\n"
    make_workspace(tmp_path, {"p": plan, "templates.jobsearch.topic": template})
    code, _, err = cli("scaffold", str(tmp_path), "--plan", "p")
    assert code == 1 and "template does not render" in err


def test_an_unreadable_plan_is_an_error_with_its_line(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"p": "---\nid: p\n---\nintro\n\n1. A (**whenever**)\n"})
    code, _, err = cli("scaffold", str(tmp_path), "--plan", "p")
    assert code == 1
    assert err.startswith("error: vault/p.md:6: stage 1: cannot read the duration 'whenever'")


def test_missing_plan_named_with_dash_dash_plan(tmp_path: Path) -> None:
    make_workspace(tmp_path, {})
    code, _, err = cli("scaffold", str(tmp_path), "--plan", "nope")
    assert code == 1 and "no note named 'nope'" in err


def test_start_date_drives_due_dates_and_is_kept(tmp_path: Path) -> None:
    code, out, _ = cli("scaffold", str(tmp_path / "w"), "--start", "2027-01-04", "--json")
    assert code == 0 and json.loads(out)["skipped"] == []
    assert load_settings(tmp_path / "w").start.isoformat() == "2027-01-04"  # type: ignore[union-attr]
    code, out, _ = cli("-w", str(tmp_path / "w"), "status", "--json")
    data = json.loads(out)
    assert data["plan"]["start"] == "2027-01-04"
    assert data["stages"][0]["due"] == "2027-03-05" and data["stages"][9]["due"] == "2027-06-15"
    assert data["plan"]["expected_finish"] == "2027-06-03"
    keys = {"number", "title", "fname", "status", "done", "total", "percent", "due", "completed",
            "overdue", "links"}  # fmt: skip
    assert keys <= set(data["stages"][0])


def test_status_table_and_overdue_warning(tmp_path: Path) -> None:
    cli("scaffold", str(tmp_path / "w"), "--start", "2020-01-01")
    code, out, _ = cli("-w", str(tmp_path / "w"), "status")
    assert code == 0 and "overdue" in out and "stage-overdue" in out
    data = json.loads(cli("-w", str(tmp_path / "w"), "status", "--json")[1])
    assert [w["code"] for w in data["warnings"]] == ["stage-overdue"] * 10 + [
        "plan-inconsistent"
    ] * 2


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def _copy_of_the_checkout(dest: Path) -> Path:
    """The files git knows in the checkout (tracked, or new and not ignored) as they are in
    the working tree, copied to `dest`: what a clone of it would build from."""
    for name in _git("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0"):
        if name and (ROOT / name).is_file():  # a tracked file deleted in the tree is gone
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.mark.slow
def test_the_built_wheel_ships_its_templates(tmp_path: Path) -> None:
    """Build the wheel from a copy of the checkout (so the build/ and *.egg-info a build
    writes land in the copy: the source tree gains nothing), install it (no source tree in
    reach) and scaffold from it."""
    before = _git("status", "--porcelain", "--ignored")
    source = _copy_of_the_checkout(tmp_path / "source")
    pip = [sys.executable, "-m", "pip"]
    dist = tmp_path / "dist"
    subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", str(dist), str(source)], check=True)
    assert _git("status", "--porcelain", "--ignored") == before
    wheel = next((tmp_path / "dist").glob("*.whl"))
    target = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "-q", "-t", str(target), str(wheel)], check=True)
    # the base interpreter, not this venv (whose editable install points at the source tree);
    # dependencies from this venv's site-packages, where no .pth file is processed
    deps = [p for p in sys.path if p.endswith("site-packages")]
    env = {"PYTHONPATH": ":".join([str(target), *deps]), "PATH": "/usr/bin:/bin"}
    python = str(Path(sys.base_prefix) / "bin" / "python3")
    code = "import dendron_jobsearch.cli as c, sys; print(c.__file__); c.main(['scaffold', 'ws'])"
    result = subprocess.run(
        [python, "-s", "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(target))
    assert (tmp_path / "ws" / "vault" / "templates.jobsearch.stage.md").is_file()
