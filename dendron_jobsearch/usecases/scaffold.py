"""`scaffold`: turn the plan into a workspace.

In an empty or new folder it first lays out a Dendron workspace; in an existing one it adds
only what is missing, using the person's own plan note when it finds exactly one. Either
way it then creates the tool's templates and schema, one stage note per plan stage, every
note the plan links to that does not exist yet, and the dashboard. It only ever *creates*
notes — never rewrites one — so every existing byte stays as it was, and a second run
creates nothing. New stage notes are born in their final state (status, dates), so a `sync`
right after has nothing to change in them.

It also gives VS Code a task that starts `dendron-jobsearch watch` when the workspace opens:
in the `tasks` of the `dendron.code-workspace` it lays out, else in a `.vscode/tasks.json`
it creates. A tasks file that exists is never rewritten (it may hold comments): the snippet
to add is said instead (`result.info`).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..config import CONFIG_FILE, find_workspace_root
from ..jobsearch.model import DUE_FORMAT, load_jobsearch, new_stage_state, stage_state
from ..jobsearch.names import dashboard_fname, stage_fname
from ..jobsearch.plan import Plan, PlanError, parse_plan
from ..jobsearch.progress import count
from ..jobsearch.schedule import Schedule, build_schedule
from ..jobsearch.usable import note_problems
from ..settings import DEFAULT_PLAN, SETTINGS_FILE, Settings, load_settings, render_settings
from ..vault.fnames import clean_name, fname_problem
from ..vault.frontmatter import split_frontmatter
from ..vault.markdown import scan_body
from ..vault.model import Link, Note
from ..vault.read import ReadOptions, parse_note_text
from ..vault.titles import gen_title
from ..views.dashboard import checklist, dashboard_block, progress_line
from ..workspace import Workspace, open_workspace
from ..write import notes as new_notes
from ..write.files import UnsafePath, confined
from ..write.templates import (
    TEMPLATE_PREFIX,
    bundled_file,
    dendron_variables,
    render,
)
from ..write.writer import Writer, WriteResult
from ..write.yamlkeys import set_key
from .templates import template

TEMPLATE_NAMES = ("stage", "topic", "dashboard", "company", "interview")
ROOT_SCHEMA = (
    "version: 1\nimports: []\nschemas:\n"
    "  - id: root\n    children: []\n    title: root\n    parent: root\n"
)
GITIGNORE = "node_modules\n.dendron.*\nbuild\nseeds\n.next\npods/service-connections\n"
CODE_WORKSPACE = "dendron.code-workspace"
TASKS_FILE = Path(".vscode", "tasks.json")
WATCH_COMMAND = "dendron-jobsearch watch"
# A numbered line holding a parenthesised duration: cheap to test on every note's text
# before a note is parsed as a plan.
_PLAN_LINE = re.compile(
    r"(?im)^ {0,3}\d+[.)][ \t].*\([^()\n]*\d[^()\n]*(day|week|month|year|wk|mo|yr)"
)


def watch_task(cwd: str) -> dict[str, Any]:
    """The VS Code task that runs `watch` in the background when the folder opens (`cwd`
    is any folder inside the workspace: the command walks up to `dendron.yml`)."""
    return {
        "label": WATCH_COMMAND,
        "detail": "keeps the job search's progress and dashboard written back while you edit",
        "type": "shell",
        "command": WATCH_COMMAND,
        "options": {"cwd": cwd},
        "isBackground": True,
        "problemMatcher": [],
        "presentation": {"reveal": "silent", "panel": "dedicated"},
        "runOptions": {"runOn": "folderOpen"},
    }


def _tasks(cwd: str) -> dict[str, Any]:
    return {"version": "2.0.0", "tasks": [watch_task(cwd)]}


def _new_workspace(root: Path, writer: Writer) -> None:
    """Dendron's own layout for a fresh workspace: config, vault, root note and schema, and
    the workspace file with the task that starts `watch` (the folder it opens is `vault`)."""
    config = "version: 5\nworkspace:\n  vaults:\n    - fsPath: vault\n"
    writer.create(root / CONFIG_FILE, config)
    code_workspace = {
        "folders": [{"path": "vault"}],
        "settings": {"dendron.rootDir": "."},
        "extensions": {"recommendations": ["dendron.dendron"]},
        "tasks": _tasks("${workspaceFolder:vault}"),
    }
    writer.create(root / CODE_WORKSPACE, json.dumps(code_workspace, indent=2) + "\n")
    writer.create(root / ".gitignore", GITIGNORE)
    vault = root / "vault"
    body = (
        "# Welcome to your job search\n\n"
        "Start at the [[Dashboard|jobsearch.dashboard]] and the [[Plan|interviews.all-stages]]."
    )
    writer.create(vault / "root.md", new_notes.note_text("Root", body))
    writer.create(vault / "root.schema.yml", ROOT_SCHEMA)


def _first_folder(code_workspace: str) -> str:
    """`${workspaceFolder:NAME}` for the first folder of a workspace file, as VS Code names
    it; plain `${workspaceFolder}` when the file is not plain JSON (comments) or has none."""
    try:
        folders = json.loads(code_workspace).get("folders") or []
        first = folders[0]
        name = first.get("name") or Path(str(first["path"])).name
    except (ValueError, AttributeError, LookupError, TypeError):
        return "${workspaceFolder}"
    return f"${{workspaceFolder:{name}}}" if name and name != "." else "${workspaceFolder}"


def _indented(value: object) -> str:
    return "\n".join("    " + line for line in json.dumps(value, indent=2).splitlines())


def _watch_task_file(root: Path, writer: Writer) -> None:
    """In an existing workspace: create `.vscode/tasks.json` with the watch task, unless a
    tasks file is there (the workspace file, or tasks.json): that one is never rewritten,
    and the snippet to add to it is said instead — or nothing, when it runs watch already."""
    texts: dict[Path, str] = {}
    for path in (root / CODE_WORKSPACE, root / TASKS_FILE):
        if os.path.lexists(path):
            try:
                texts[path] = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                texts[path] = ""
    if any(WATCH_COMMAND in text for text in texts.values()):
        return
    code_workspace = texts.get(root / CODE_WORKSPACE)
    if code_workspace is not None:
        task = watch_task(_first_folder(code_workspace))
        writer.result.info.append(
            f"to start `{WATCH_COMMAND}` when the workspace opens, add this task to "
            f'{CODE_WORKSPACE}, in its "tasks": {{"version": "2.0.0", "tasks": [...]}} '
            "(the tool never rewrites the file):\n" + _indented(task)
        )
    elif root / TASKS_FILE in texts:
        writer.result.info.append(
            f"to start `{WATCH_COMMAND}` when the folder opens, add this task to the "
            f'"tasks" list of {TASKS_FILE.as_posix()} (the tool never rewrites the file):\n'
            + _indented(watch_task("${workspaceFolder}"))
        )
    else:
        writer.create(root / TASKS_FILE, json.dumps(_tasks("${workspaceFolder}"), indent=2) + "\n")


def _fresh_frontmatter(text: str, title: str | None = None) -> str:
    """A bundled note with a new id and timestamps (its own title and desc kept)."""
    split = split_frontmatter(text)
    assert split.yaml is not None
    from ..vault.yaml12 import load

    fm = load(split.yaml) or {}
    custom = {k: v for k, v in fm.items() if k not in new_notes.DENDRON_KEYS}
    return new_notes.frontmatter(
        title or str(fm.get("title", "")), custom, desc=str(fm.get("desc", ""))
    ) + ("\n" + split.body.lstrip("\n") if split.body.strip() else "")


def _schema(hierarchy: str) -> str:
    """A schema binding the company and interview templates to the tool's hierarchy."""
    parts = hierarchy.split(".")
    lines = [
        "# Written by dendron-jobsearch: binds its templates to its hierarchy, so a note made in",
        f"# Dendron under {hierarchy}.company.* (or an interview under it) gets its template.",
        "version: 1",
        "imports: []",
        "schemas:",
    ]
    for depth, part in enumerate(parts):
        lines.append(f"  - id: {part}")
        if depth == 0:
            lines += ["    parent: root", f"    title: {part}"]
        if depth == len(parts) - 1:
            lines += [
                "    desc: Job search (dendron-jobsearch)",
                "    children:",
                "      - company",
                "      - stage",
            ]
        else:
            lines += ["    children:", f"      - {parts[depth + 1]}"]
    lines += [
        "  - id: stage",
        "    desc: One stage of the job-search plan",
        "    namespace: true",
        "  - id: company",
        "    desc: A company in the job search",
        "    namespace: true",
        f"    template: {TEMPLATE_PREFIX}company",
        "    children:",
        "      - interview",
        "  - id: interview",
        "    desc: An interview with a company",
        "    namespace: true",
        f"    template: {TEMPLATE_PREFIX}interview",
    ]
    return "\n".join(lines) + "\n"


def _ref(number: int | None, title: str, fname: str) -> dict[str, Any]:
    """What templates know of a note: its name, title, number and a ready-made link (so the
    template notes themselves hold no half-made `[[...]]` that Dendron would call broken)."""
    label = title.replace("|", "-").replace("]", ")").replace("[", "(")
    return {"number": number, "title": title, "fname": fname, "link": f"[[{label}|{fname}]]"}


def find_plans(ws: Workspace, hierarchy: str) -> list[Note]:
    """Notes that hold a plan: two or more numbered stages with durations, under any name
    (the tool's own notes and templates aside)."""
    found = []
    for note in ws.notes:
        key = clean_name(note.fname)
        if note.stub or note.file is None or key.startswith(("templates.", f"{hierarchy}.")):
            continue
        try:
            with open(note.file, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        if len(_PLAN_LINE.findall(text)) < 2:
            continue
        try:
            plan = parse_plan(note, split_frontmatter(text).body)
        except PlanError:
            continue
        if sum(1 for stage in plan.stages if stage.duration is not None) >= 2:
            found.append(note)
    return sorted(found, key=lambda n: clean_name(n.fname))


def _choose_plan(ws: Workspace | None, root: Path, plan: str | None, info: list[str]) -> str | None:
    """The plan to scaffold: `--plan`, else the settings' `plan`, else the default note if
    it exists, else the one plan note found in the vault (None: add the bundled plan)."""
    if plan is not None or ws is None:
        return plan
    settings = load_settings(root)
    if settings.plan is not None or ws.find(DEFAULT_PLAN) or note_problems(ws, DEFAULT_PLAN):
        return None
    found = find_plans(ws, settings.hierarchy)
    if len(found) > 1:
        names = ", ".join(n.fname for n in found)
        raise PlanError(
            f"{len(found)} notes look like plans ({names}): choose one with --plan", None
        )
    if found:
        info.append(f"using your plan note {found[0].fname} ({found[0].rel}); --plan picks another")
        return found[0].fname
    return None


def scaffold(
    path: str | Path | None = None,
    *,
    plan: str | None = None,
    start: date | None = None,
    dry_run: bool = False,
    today: date | None = None,
) -> WriteResult:
    """Scaffold the job search at `path` (see the module doc). Raises JobSearchError (a
    WorkspaceError, PlanError, TemplateError, WriteError) when it cannot; notes it needs
    but cannot read are `result.findings` (nothing is written over them)."""
    today = today or date.today()
    target = (Path(path).expanduser() if path is not None else Path.cwd()).resolve()
    root = target if (target / CONFIG_FILE).is_file() else None
    if root is None and path is None:
        root = find_workspace_root(target)
    fresh = root is None
    root = root or target
    result = WriteResult(subject=str(root))
    writer = Writer(root, result, dry_run=dry_run)
    if fresh:
        if plan is not None:
            raise PlanError(f"--plan {plan!r}: a new workspace starts with the bundled plan", None)
        _new_workspace(root, writer)
    ws = None if fresh else open_workspace(root)
    plan = _choose_plan(ws, root, plan, result.info)
    settings = _settings(root, plan, start, today, writer)
    if fresh and not dry_run:
        ws = open_workspace(root)
    _Scaffold(ws, root, settings, writer, today).run(plan_given=plan is not None)
    if not fresh:  # a fresh workspace has the task in the workspace file it laid out
        _watch_task_file(root, writer)
    return result


def _settings(
    root: Path, plan: str | None, start: date | None, today: date, writer: Writer
) -> Settings:
    """Load `dendron-jobsearch.yml` and keep `--plan` / `--start` in it."""
    path = root / SETTINGS_FILE
    current = load_settings(root)
    wanted = current.with_changes(plan=plan, start=start)
    if wanted.start is None:
        wanted = wanted.with_changes(start=today)
    if not path.is_file():
        writer.create(path, render_settings(wanted))
        return wanted
    text = path.read_text(encoding="utf-8")
    new = text
    if plan is not None and plan != current.plan:
        new = set_key(new, "plan", plan)
    if current.start is None or (start is not None and start != current.start):
        assert wanted.start is not None
        new = set_key(new, "start", wanted.start)
    if not writer.replace(path, text, new):
        writer.skip(writer.rel(path), "changed while the tool was writing: left as it is")
    return wanted


class _Scaffold:
    """One run's notes, each kind made by its own method (see `run`)."""

    def __init__(
        self, ws: Workspace | None, root: Path, settings: Settings, writer: Writer, today: date
    ) -> None:
        self.ws = ws
        self.root = root
        self.settings = settings
        self.writer = writer
        self.today = today
        self.plan_fname = settings.plan or DEFAULT_PLAN
        self.vault_name, self.notes_dir = self._target_vault()

    def run(self, *, plan_given: bool) -> None:
        plan_note, plan = self.plan(plan_given)
        schedule = build_schedule(plan, self.settings.start or self.today)
        self.templates()
        self.schema()
        stage_names = self.stages(plan_note, schedule)
        self.linked_notes(plan_note, schedule, stage_names)
        self.dashboard()

    def _target_vault(self) -> tuple[str, Path]:
        ws = self.ws
        plan_note = ws.get(self.plan_fname) if ws else None
        vault_name = self.settings.vault or (plan_note.vault if plan_note else None)
        if ws is None:
            return vault_name or "vault", self.root / "vault"
        names = [v.name for v in ws.config.vaults]
        if not names:
            raise PlanError("dendron.yml lists no vaults", None)
        vault_name = vault_name or names[0]
        if vault_name not in names:
            raise PlanError(
                f"vault {vault_name!r} (dendron-jobsearch.yml) is not in dendron.yml", None
            )
        return vault_name, next(v.notes_dir for v in ws.config.vaults if v.name == vault_name)

    def exists(self, fname: str, vault: str | None = None) -> bool:
        """A note of that name is there (readable or not) or this run plans to create it."""
        vault = vault or self.vault_name
        if self.ws is not None and self.ws.find(fname, vault):
            return True
        for finding in note_problems(self.ws, fname) if self.ws is not None else []:
            self.writer.skip(finding.path, "exists")  # unreadable, and never written over
            return True
        key = clean_name(fname)
        return any(clean_name(p.stem) == key for p in self.writer.planned)

    def create_note(self, fname: str, text: str, folder: Path | None = None) -> None:
        try:
            self.writer.create(confined(folder or self.notes_dir, f"{fname}.md"), text)
        except UnsafePath as err:
            self.writer.skip(fname, str(err))

    def unreadable(self, fname: str) -> bool:
        """Report a note this run needs but cannot read (it is never written over)."""
        problems = note_problems(self.ws, fname) if self.ws is not None else []
        for finding in problems:
            self.writer.result.problem(finding)
        return bool(problems)

    def plan(self, plan_given: bool) -> tuple[Note, Plan]:
        """The person's plan note, or the bundled default plan created as theirs."""
        if self.ws is not None and self.unreadable(self.plan_fname):
            raise PlanError(f"the plan note {self.plan_fname!r} cannot be read: see above", None)
        plan_note = self.ws.get(self.plan_fname) if self.ws else None
        if plan_note is not None:
            return plan_note, parse_plan(plan_note)
        if plan_given:
            raise PlanError(f"no note named {self.plan_fname!r} in the workspace (--plan)", None)
        text = _fresh_frontmatter(bundled_file(f"{DEFAULT_PLAN}.md"))
        self.create_note(self.plan_fname, text)
        note, _ = parse_note_text(text, None, "", self.plan_fname, self.vault_name, ReadOptions())
        assert note is not None
        return note, parse_plan(note, split_frontmatter(text).body)

    def templates(self) -> None:
        for name in TEMPLATE_NAMES:
            fname = TEMPLATE_PREFIX + name
            if not self.exists(fname):
                self.create_note(fname, _fresh_frontmatter(bundled_file(f"{fname}.md")))

    def schema(self) -> None:
        domain = self.settings.hierarchy.split(".")[0]
        path = self.notes_dir / f"{domain}.schema.yml"
        if not path.exists():
            self.writer.create(path, _schema(self.settings.hierarchy))

    def stages(self, plan_note: Note, schedule: Schedule) -> list[str]:
        """One note per stage that has none; returns every stage's note name."""
        hierarchy = self.settings.hierarchy
        names = []
        for slot in schedule.slots:
            if self.ws is None:
                names.append(stage_fname(hierarchy, slot.stage))
                continue
            state = stage_state(self.ws, hierarchy, slot, self.today)
            names.append(state.fname)
        for position, fname in enumerate(names):
            if self.unreadable(fname) or self.exists(fname):
                continue
            self.create_note(fname, self._stage_text(plan_note, schedule, names, position))
        return names

    def _stage_text(
        self, plan_note: Note, schedule: Schedule, names: list[str], position: int
    ) -> str:
        slot = schedule.slots[position]
        fname = names[position]
        items = checklist(slot.stage.items) or f"- [ ] {slot.stage.title}"
        _, _, parsed = scan_body(items, fname, 1)
        state = new_stage_state(slot, fname, count(parsed), self.today)
        due = slot.due.strftime(DUE_FORMAT)
        custom: dict[str, Any] = {"status": state.status, "due": due, "planned_due": due}
        if state.started:
            custom["started"] = state.started
        if state.completed:
            custom["completed"] = state.completed
        custom |= {"priority": "", "owner": self.settings.owner, "stage": slot.stage.number}
        title = f"{slot.stage.number}. {slot.stage.title}"

        def ref(index: int) -> dict[str, Any] | None:
            if not 0 <= index < len(schedule.slots):
                return None
            other = schedule.slots[index].stage
            return _ref(other.number, other.title, names[index])

        context = {
            **dendron_variables(title, fname, "", custom),
            "plan": _ref(None, plan_note.title, plan_note.fname),
            "stage": _ref(slot.stage.number, slot.stage.title, fname),
            "previous": ref(position - 1),
            "next": ref(position + 1),
            "checklist": items,
            "progress": progress_line(state),
        }
        body = render(template(self.ws, "stage"), context)
        return new_notes.note_text(title, body, custom)

    def linked_notes(self, plan_note: Note, schedule: Schedule, stage_names: list[str]) -> None:
        """Every note the plan links to that does not exist, from the topic template."""
        for position, slot in enumerate(schedule.slots):
            for link in slot.stage.links:
                folder = self._link_folder(link)
                if folder is None or self.exists(link.value, link.vault or self.vault_name):
                    continue
                title = gen_title(link.value)
                context = {
                    **dendron_variables(title, link.value, "", {}),
                    "plan": _ref(None, plan_note.title, plan_note.fname),
                    "stage": _ref(slot.stage.number, slot.stage.title, stage_names[position]),
                }
                body = render(template(self.ws, "topic"), context)
                self.create_note(link.value, new_notes.note_text(title, body), folder)

    def _link_folder(self, link: Link) -> Path | None:
        """Where the note a link names would go; None (reported) when it must not be made."""
        if link.type not in ("wiki", "ref") or link.value.endswith("*"):
            return None
        vaults = {v.name: v.notes_dir for v in self.ws.config.vaults} if self.ws else {}
        if link.vault and self.ws and link.vault not in vaults:
            self.writer.skip(
                link.value, f"links to vault {link.vault!r}, which is not in dendron.yml"
            )
            return None
        problem = fname_problem(link.value)
        if problem:
            self.writer.skip(link.value, f"not a valid note name ({problem}): not created")
            return None
        if link.vault and link.vault != self.vault_name and self.ws:
            return vaults[link.vault]
        return self.notes_dir

    def dashboard(self) -> None:
        fname = dashboard_fname(self.settings.hierarchy)
        if self.unreadable(fname) or self.exists(fname):
            return
        block = "(run `dendron-jobsearch sync` to fill this in)"
        if not self.writer.dry_run:
            search = load_jobsearch(open_workspace(self.root), self.settings, self.today)
            for finding in search.problems:
                self.writer.result.problem(finding)
            if search.readable:
                block = dashboard_block(search)
        context = {**dendron_variables("Dashboard", fname, "", {}), "dashboard": block}
        body = render(template(self.ws, "dashboard"), context)
        self.create_note(fname, new_notes.note_text("Job search dashboard", body))


__all__ = ["find_plans", "scaffold"]
