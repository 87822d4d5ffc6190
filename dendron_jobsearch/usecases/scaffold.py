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

import dataclasses
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..config import CONFIG_FILE
from ..jobsearch.layout import DIALECTS, FolderLayout, Layout, make_layout
from ..jobsearch.model import load_jobsearch, new_stage_state, stage_state
from ..jobsearch.plan import Plan, PlanError, parse_plan
from ..jobsearch.progress import count
from ..jobsearch.schedule import Schedule, build_schedule
from ..jobsearch.usable import note_problems
from ..settings import (
    SETTINGS_FILE,
    Settings,
    load_settings,
    remembered_dialect,
    render_settings,
)
from ..vault.dialects import Dialect
from ..vault.dialects.detect import detect_dialect, dialect_named, find_root
from ..vault.frontmatter import split_frontmatter
from ..vault.markdown import scan_body
from ..vault.model import Link, Note
from ..vault.read import ReadOptions, parse_note_text
from ..vault.titles import gen_title
from ..views.dashboard import checklist, dashboard_block, progress_line
from ..workspace import Workspace, open_workspace
from ..write import notes as new_notes
from ..write.files import UnsafePath, confined, confined_under
from ..write.templates import (
    TEMPLATE_PREFIX,
    bundled_file,
    dendron_variables,
    render,
)
from ..write.writer import Writer, WriteResult
from ..write.yamlkeys import set_key
from .templates import template, with_template_keys

TEMPLATE_NAMES = ("stage", "topic", "dashboard", "company", "interview")
ROOT_SCHEMA = (
    "version: 1\nimports: []\nschemas:\n"
    "  - id: root\n    children: []\n    title: root\n    parent: root\n"
)
GITIGNORE = "node_modules\n.dendron.*\nbuild\nseeds\n.next\npods/service-connections\n"
CODE_WORKSPACE = "dendron.code-workspace"
TASKS_FILE = Path(".vscode", "tasks.json")
WATCH_COMMAND = "dendron-jobsearch watch"
OBSIDIAN_TEMPLATES = Path(".obsidian", "templates.json")  # the core Templates plugin's
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


def _new_folder_vault(root: Path, writer: Writer, layout: FolderLayout) -> None:
    """A fresh Obsidian vault (`.obsidian/` with the core Templates plugin pointed at the
    vault's `Templates` folder) or Foam workspace (`.vscode/` with Foam's settings and its
    recommendation; `.foam/templates/` follows with the templates)."""
    if layout.dialect == "obsidian":
        folder = layout.templates_folder.split("/", 1)[0]
        writer.create(root / OBSIDIAN_TEMPLATES, json.dumps({"folder": folder}, indent=2) + "\n")
        return
    settings = {"foam.edit.linkReferenceDefinitions": "off"}
    writer.create(root / ".vscode" / "settings.json", json.dumps(settings, indent=2) + "\n")
    extensions = {"recommendations": ["foam.foam-vscode"]}
    writer.create(root / ".vscode" / "extensions.json", json.dumps(extensions, indent=2) + "\n")


def _marker_dialect(folder: Path) -> str | None:
    """Which app's vault `folder` is, by its markers (issue 12, *Which vault is this*)."""
    found = detect_dialect(folder)
    return found.name if found is not None else None


def _find_root(start: Path) -> tuple[Path, str] | None:
    found = find_root(start)
    return (found[0], found[1].name) if found is not None else None


def _settings_dialect(root: Path) -> str:
    """The dialect `dendron-jobsearch.yml` remembers (Dendron when it says none)."""
    return remembered_dialect(root) or "dendron"


def _open(root: Path, dialect: str) -> Workspace:
    return open_workspace(root, dialect=dialect)


def _dialect_object(name: str) -> Dialect:
    return dialect_named(name)


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


def _folder_plan(text: str, layout: Layout) -> str:
    """The bundled plan for Obsidian or Foam: its Dendron frontmatter gone, its links to
    `interviews.X` made links to the topic notes `Job search/Topics/X`."""
    split = split_frontmatter(text)

    def topic(match: re.Match[str]) -> str:
        name = match.group(1)
        return layout.link(layout.topic(name), name)

    body = re.sub(r"\[\[interviews\.([^\]|#]+)\]\]", topic, split.body.lstrip("\n"))
    return layout.note_text("All interview stages", body, {}, "plan")


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


def find_plans(ws: Workspace, hierarchy: str, layout: Layout | None = None) -> list[Note]:
    """Notes that hold a plan: two or more numbered stages with durations, under any name
    (the tool's own notes and templates aside). Every note's text is looked at, but only
    those with stage lines are parsed: a first scaffold into a large vault stays quick."""
    layout = layout or Layout(hierarchy)
    clean = ws.index.dialect.clean_name
    if not isinstance(layout, FolderLayout):
        own: tuple[str, ...] = ("templates.", f"{hierarchy}.")
    else:
        own = (clean(layout.folder + "/"), clean(layout.templates_folder + "/"))
    found = []
    for file in ws.note_files():  # the text of each, but only a likely plan is parsed
        if clean(file.fname).startswith(own):
            continue
        try:
            with open(file.path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        if len(_PLAN_LINE.findall(text)) < 2:
            continue
        note = ws.get(file.fname, file.vault)
        if note is None or note.file is None:
            continue
        try:
            plan = parse_plan(note, split_frontmatter(text).body, ws.index.dialect)
        except PlanError:
            continue
        if sum(1 for stage in plan.stages if stage.duration is not None) >= 2:
            found.append(note)
    return sorted(found, key=lambda n: ws.index.dialect.clean_name(n.fname))


def _choose_plan(
    ws: Workspace | None, root: Path, plan: str | None, info: list[str], dialect: str
) -> str | None:
    """The plan to scaffold: `--plan`, else the settings' `plan`, else the default note if
    it exists, else the one plan note found in the vault (None: add the bundled plan)."""
    if plan is not None or ws is None:
        return plan
    settings = load_settings(root)
    layout = make_layout(dialect, settings)
    default = layout.plan
    if settings.plan is not None or ws.find(default) or note_problems(ws, default):
        return None
    found = find_plans(ws, settings.hierarchy, layout)
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
    dialect: str | None = None,
) -> WriteResult:
    """Scaffold the job search at `path` (see the module doc). `dialect` (dendron,
    obsidian, foam) says which app's vault to make or read; by default the one the folder's
    markers name, Dendron in an empty folder. Raises JobSearchError (a WorkspaceError,
    PlanError, TemplateError, WriteError) when it cannot; notes it needs but cannot read
    are `result.findings` (nothing is written over them)."""
    today = today or date.today()
    if dialect is not None and dialect not in DIALECTS:
        raise PlanError(f"--dialect {dialect!r}: one of {', '.join(DIALECTS)}", None)
    target = (Path(path).expanduser() if path is not None else Path.cwd()).resolve()
    marked = _marker_dialect(target) if target.is_dir() else None
    found = (target, marked) if marked else None
    if found is None and path is None:
        found = _find_root(target)
    fresh = found is None
    root = found[0] if found else target
    dialect = dialect or (found[1] if found else None) or _settings_dialect(root)
    result = WriteResult(subject=str(root))
    writer = Writer(root, result, dry_run=dry_run)
    layout = make_layout(dialect, load_settings(root) if not fresh else Settings())
    if fresh:
        if plan is not None:
            raise PlanError(f"--plan {plan!r}: a new workspace starts with the bundled plan", None)
        if dialect == "dendron":
            _new_workspace(root, writer)
        else:
            assert isinstance(layout, FolderLayout)
            _new_folder_vault(root, writer, layout)
    ws = None if fresh else _open(root, dialect)
    plan = _choose_plan(ws, root, plan, result.info, dialect)
    settings = _settings(root, plan, start, today, writer, dialect)
    if fresh and not dry_run:
        ws = _open(root, dialect)
    _Scaffold(ws, root, settings, writer, today, dialect).run(plan_given=plan is not None)
    if dialect == "foam" or (not fresh and dialect == "dendron"):
        _watch_task_file(root, writer)  # a fresh Dendron workspace has it in its file
    return result


def _settings(
    root: Path, plan: str | None, start: date | None, today: date, writer: Writer, dialect: str
) -> Settings:
    """Load `dendron-jobsearch.yml` and keep `--plan` / `--start` in it."""
    path = root / SETTINGS_FILE
    current = load_settings(root)
    wanted = current.with_changes(plan=plan, start=start)
    if wanted.start is None:
        wanted = wanted.with_changes(start=today)
    if not path.is_file():
        if dialect != "dendron":
            wanted = wanted.with_changes(plan=wanted.plan or make_layout(dialect, wanted).plan)
        writer.create(path, render_settings(wanted, dialect))
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
        self,
        ws: Workspace | None,
        root: Path,
        settings: Settings,
        writer: Writer,
        today: date,
        dialect: str = "dendron",
    ) -> None:
        self.ws = ws
        self.root = root
        self.settings = settings
        self.writer = writer
        self.today = today
        self.layout = make_layout(dialect, settings)
        if dialect == "obsidian":
            self.layout = _with_obsidian_templates(root, self.layout, settings)
        self.dialect = ws.index.dialect if ws is not None else _dialect_object(dialect)
        self.plan_fname = settings.plan or self.layout.plan
        self.vault_name, self.notes_dir = self._target_vault()

    @property
    def dendron(self) -> bool:
        return self.layout.dialect == "dendron"

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
            if not self.dendron:  # the whole folder is the vault
                return vault_name or self.root.name, self.root
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

    def clean(self, fname: str) -> str:
        return self.dialect.clean_name(fname)

    def exists(self, fname: str, vault: str | None = None) -> bool:
        """A note of that name is there (readable or not) or this run plans to create it."""
        vault = vault or self.vault_name
        if self.ws is not None and self.ws.find(fname, vault):
            return True
        for finding in note_problems(self.ws, fname) if self.ws is not None else []:
            self.writer.skip(finding.path, "exists")  # unreadable, and never written over
            return True
        key = self.clean(fname)
        if self.dendron:
            return any(self.clean(p.stem) == key for p in self.writer.planned)
        base = self.notes_dir.resolve()
        for planned in self.writer.planned:
            resolved = planned.resolve()
            if resolved.suffix == ".md" and resolved.is_relative_to(base):
                name = resolved.relative_to(base).with_suffix("").as_posix()
                if self.clean(name) == key:
                    return True
        return False

    def create_note(self, fname: str, text: str, folder: Path | None = None) -> None:
        try:
            if self.dendron:
                path = confined(folder or self.notes_dir, f"{fname}.md")
            else:
                path = confined_under(folder or self.notes_dir, f"{fname}.md")
            self.writer.create(path, text)
        except UnsafePath as err:
            self.writer.skip(fname, str(err))

    def unreadable(self, fname: str) -> bool:
        """Report a note this run needs but cannot read (it is never written over)."""
        problems = note_problems(self.ws, fname) if self.ws is not None else []
        for finding in problems:
            self.writer.result.problem(finding)
        return bool(problems)

    def parse(self, text: str, fname: str) -> Note:
        options = ReadOptions(dialect=self.dialect)
        note, _ = parse_note_text(text, None, "", fname, self.vault_name, options)
        assert note is not None
        return note

    def plan(self, plan_given: bool) -> tuple[Note, Plan]:
        """The person's plan note, or the bundled default plan created as theirs."""
        if self.ws is not None and self.unreadable(self.plan_fname):
            raise PlanError(f"the plan note {self.plan_fname!r} cannot be read: see above", None)
        plan_note = self.ws.get(self.plan_fname) if self.ws else None
        if plan_note is not None:
            return plan_note, parse_plan(plan_note, dialect=self.dialect)
        if plan_given:
            raise PlanError(f"no note named {self.plan_fname!r} in the workspace (--plan)", None)
        bundled = bundled_file(f"{Layout().plan}.md")
        fresh = _fresh_frontmatter if self.dendron else None
        text = fresh(bundled) if fresh else _folder_plan(bundled, self.layout)
        self.create_note(self.plan_fname, text)
        note = self.parse(text, self.plan_fname)
        return note, parse_plan(note, split_frontmatter(text).body, self.dialect)

    def templates(self) -> None:
        for name in TEMPLATE_NAMES:
            fname = self.layout.template(name)
            if self.dendron:
                if not self.exists(fname):
                    self.create_note(fname, _fresh_frontmatter(bundled_file(f"{fname}.md")))
                continue
            path = self.root / f"{fname}.md"
            if not os.path.lexists(path) and path not in self.writer.planned:
                self.writer.create(path, _folder_template(name, self.layout))

    def schema(self) -> None:
        if not self.dendron:
            return  # schemas are Dendron's
        domain = self.settings.hierarchy.split(".")[0]
        path = self.notes_dir / f"{domain}.schema.yml"
        if not path.exists():
            self.writer.create(path, _schema(self.settings.hierarchy))

    def stages(self, plan_note: Note, schedule: Schedule) -> list[str]:
        """One note per stage that has none; returns every stage's note name."""
        names = []
        for slot in schedule.slots:
            if self.ws is None:
                names.append(self.layout.stage(slot.stage))
                continue
            state = stage_state(self.ws, self.layout, slot, self.today)
            names.append(state.fname)
        for position, fname in enumerate(names):
            if self.unreadable(fname) or self.exists(fname):
                continue
            self.create_note(fname, self._stage_text(plan_note, schedule, names, position))
        return names

    def ref(self, number: int | None, title: str, fname: str) -> dict[str, Any]:
        """What templates know of a note: its name, title, number and a ready-made link
        (so the template notes themselves hold no half-made `[[...]]` that would be
        broken)."""
        if self.dendron:
            return _ref(number, title, fname)
        label = title.replace("|", "-").replace("]", ")").replace("[", "(")
        return {"number": number, "title": title, "fname": fname,
                "link": self.layout.link(fname, label)}  # fmt: skip

    def variables(self, title: str, fname: str, custom: dict[str, Any]) -> dict[str, Any]:
        """Dendron's template variables; in Obsidian and Foam also `{{date}}`, as the
        core Templates plugin fills it, and the day Foam's `$FOAM_DATE_*` are filled with."""
        found = dendron_variables(title, fname, "", custom, self.today)
        if not self.dendron:
            found |= {"date": self.today.isoformat(), "today": self.today}
        return found

    def _stage_text(
        self, plan_note: Note, schedule: Schedule, names: list[str], position: int
    ) -> str:
        slot = schedule.slots[position]
        fname = names[position]
        layout = self.layout
        tasks = self.dialect.tasks_settings(self.root) if layout.tasks_plugin else None
        lead = tasks.global_filter if tasks is not None else ""  # Global Filter.md
        items = checklist(slot.stage.items, due=layout.task_due(slot.due), lead=lead)
        items = items or f"- [ ] {slot.stage.title}"
        _, _, parsed = scan_body(items, fname, 1)
        state = new_stage_state(slot, fname, count(parsed), self.today)
        due = layout.due_value(slot.due)
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
            return self.ref(other.number, other.title, names[index])

        context = {
            **self.variables(title, fname, custom),
            "plan": self.ref(None, plan_note.title, plan_note.fname),
            "stage": self.ref(slot.stage.number, slot.stage.title, fname),
            "previous": ref(position - 1),
            "next": ref(position + 1),
            "checklist": items,
            "progress": progress_line(state),
        }
        used = template(self.ws, "stage", layout)
        body = render(used, context)
        return layout.note_text(title, body, with_template_keys(custom, used, self.ws), "stage")

    def linked_notes(self, plan_note: Note, schedule: Schedule, stage_names: list[str]) -> None:
        """Every note the plan links to that does not exist, from the topic template."""
        for position, slot in enumerate(schedule.slots):
            for link in slot.stage.links:
                folder = self._link_folder(link)
                if folder is None or self.exists(link.value, link.vault or self.vault_name):
                    continue
                title = gen_title(link.value) if self.dendron else self.layout.leaf(link.value)
                context = {
                    **self.variables(title, link.value, {}),
                    "plan": self.ref(None, plan_note.title, plan_note.fname),
                    "stage": self.ref(slot.stage.number, slot.stage.title, stage_names[position]),
                }
                used = template(self.ws, "topic", self.layout)
                body = render(used, context)
                keys = with_template_keys({}, used, self.ws)
                self.create_note(
                    link.value, self.layout.note_text(title, body, keys, "topic"), folder
                )

    def _link_folder(self, link: Link) -> Path | None:
        """Where the note a link names would go; None (reported) when it must not be made."""
        if link.type not in ("wiki", "ref") or link.value.endswith("*"):
            return None
        if not self.dendron:
            if link.type != "wiki" or (self.ws is not None and self.ws.find(link.value)):
                return None
            problem = self.dialect.fname_problem(link.value)
            if problem:
                self.writer.skip(link.value, f"not a valid note name ({problem}): not created")
                return None
            return self.notes_dir
        vaults = {v.name: v.notes_dir for v in self.ws.config.vaults} if self.ws else {}
        if link.vault and self.ws and link.vault not in vaults:
            self.writer.skip(
                link.value, f"links to vault {link.vault!r}, which is not in dendron.yml"
            )
            return None
        problem = self.dialect.fname_problem(link.value)
        if problem:
            self.writer.skip(link.value, f"not a valid note name ({problem}): not created")
            return None
        if link.vault and link.vault != self.vault_name and self.ws:
            return vaults[link.vault]
        return self.notes_dir

    def dashboard(self) -> None:
        fname = self.layout.dashboard
        if self.unreadable(fname) or self.exists(fname):
            return
        block = "(run `dendron-jobsearch sync` to fill this in)"
        if not self.writer.dry_run:
            ws = _open(self.root, self.layout.dialect)
            search = load_jobsearch(ws, self.settings, self.today)
            for finding in search.problems:
                self.writer.result.problem(finding)
            if search.readable:
                block = dashboard_block(search)
        context = {**self.variables("Dashboard", fname, {}), "dashboard": block}
        body = render(template(self.ws, "dashboard", self.layout), context)
        title = "Job search dashboard"
        self.create_note(fname, self.layout.note_text(title, body, {}, "dashboard"))


def _with_obsidian_templates(root: Path, layout: Layout, settings: Settings) -> Layout:
    """The templates go under the folder the core Templates plugin reads, when the vault
    names one (`.obsidian/templates.json`), unless `names: templates:` says otherwise."""
    if (settings.names or {}).get("templates") or not isinstance(layout, FolderLayout):
        return layout
    try:
        folder = json.loads((root / OBSIDIAN_TEMPLATES).read_text(encoding="utf-8"))["folder"]
    except (OSError, ValueError, KeyError, TypeError):
        return layout
    if not isinstance(folder, str) or not folder.strip("/ ") or ".." in folder:
        return layout
    names = {**layout.names, "templates": folder.strip("/ ")}
    return dataclasses.replace(layout, names=names)


def _folder_template(name: str, layout: Layout) -> str:
    """A template for Obsidian's core Templates plugin or Foam's templates: the bundled
    body without Dendron's frontmatter; the company and interview templates start with
    their properties, so a note made from them by hand in the app has the keys the tool
    reads (Foam's also say where such a note goes: `foam_template`)."""
    body = split_frontmatter(bundled_file(Layout().template_file(name))).body.lstrip("\n")
    keys: list[str] = []
    if layout.dialect == "foam":
        keys.append(f"type: jobsearch-{name}")
    keys += [f"{key}:" for key in TEMPLATE_KEYS.get(name, ())]
    if layout.dialect == "foam":
        folder = {"company": layout.companies, "interview": layout.companies}.get(name)
        keys += [
            "foam_template:",
            f"  name: Job search {name}",
            f"  description: dendron-jobsearch's {name} note",
        ]
        if folder and name == "company":
            keys.append(f"  filepath: '{folder}/$FOAM_TITLE.md'")
        body = "# $FOAM_TITLE\n\n" + body
    elif name in ("company", "interview"):
        body = body  # Obsidian's core Templates plugin fills {{title}} and {{date}} itself
    head = "---\n" + "\n".join(keys) + "\n---\n\n" if keys else ""
    return head + body


TEMPLATE_KEYS = {
    "company": ("pipeline", "role", "applied", "source", "referrer", "offer_base",
                "offer_bonus", "offer_equity", "offer_currency", "offer_deadline"),
    "interview": ("date", "kind", "outcome"),
}  # fmt: skip


__all__ = ["find_plans", "scaffold"]
