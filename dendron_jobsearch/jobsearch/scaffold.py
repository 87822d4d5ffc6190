"""`scaffold`: turn the plan into a workspace (DESIGN §3 to §5).

In an empty or new folder it first lays out a Dendron workspace; in an existing one it adds
only what is missing. Either way it then creates the tool's templates and schema, one stage
note per plan stage, every note the plan links to that does not exist yet, and the dashboard.
It only ever *creates* files — never rewrites one — so every existing byte stays as it was,
and a second run creates nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..config import CONFIG_FILE, find_workspace_root
from ..settings import DEFAULT_PLAN, SETTINGS_FILE, Settings, load_settings, render_settings
from ..vault.fnames import clean_name, fname_problem
from ..vault.frontmatter import split_frontmatter
from ..vault.markdown import scan_body
from ..vault.model import Note
from ..vault.read import ReadOptions, parse_note_text
from ..vault.titles import gen_title
from ..workspace import Workspace, open_workspace
from ..write import notes as new_notes
from ..write.files import UnsafePath, confined, create_new, replace_if_unchanged
from ..write.templates import (
    TEMPLATE_PREFIX,
    bundled_file,
    dendron_variables,
    load_template,
    render,
)
from ..write.yamlkeys import set_key
from .model import STATUS_WORDS, dashboard_fname, load_jobsearch, stage_fname
from .plan import PlanError, parse_plan
from .progress import count, derived_status
from .render import checklist, dashboard_block, progress_text
from .schedule import build_schedule

TEMPLATE_NAMES = ("stage", "topic", "dashboard", "company", "interview")
ROOT_SCHEMA = (
    "version: 1\nimports: []\nschemas:\n"
    "  - id: root\n    children: []\n    title: root\n    parent: root\n"
)
GITIGNORE = "node_modules\n.dendron.*\nbuild\nseeds\n.next\npods/service-connections\n"


@dataclass
class ScaffoldResult:
    """What a run did (or, with dry_run, would do); paths relative to the workspace."""

    root: Path
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"created": self.created, "changed": self.changed, "skipped": self.skipped}


class _Writer:
    """Creates files (never replaces one) and records what happened."""

    def __init__(self, root: Path, dry_run: bool) -> None:
        self.root = root
        self.dry_run = dry_run
        self.result = ScaffoldResult(root)
        self.planned: set[Path] = set()

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root)

    def create(self, path: Path, text: str) -> None:
        if path.exists() or path in self.planned:
            self.result.skipped.append({"path": self.rel(path), "reason": "exists"})
            return
        self.planned.add(path)
        if not self.dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not create_new(path, text):
                self.result.skipped.append({"path": self.rel(path), "reason": "exists"})
                return
        self.result.created.append(self.rel(path))

    def change(self, path: Path, old: str, new: str) -> None:
        if old == new:
            return
        if not self.dry_run and not replace_if_unchanged(path, old.encode(), new.encode()):
            reason = "changed while the tool was writing: left as it is"
            self.result.skipped.append({"path": self.rel(path), "reason": reason})
            return
        self.result.changed.append(self.rel(path))

    def skip(self, what: str, reason: str) -> None:
        self.result.skipped.append({"path": what, "reason": reason})


def _new_workspace(root: Path, writer: _Writer) -> None:
    """Dendron's own layout for a fresh workspace: config, vault, root note and schema."""
    config = "version: 5\nworkspace:\n  vaults:\n    - fsPath: vault\n"
    writer.create(root / CONFIG_FILE, config)
    code_workspace = {
        "folders": [{"path": "vault"}],
        "settings": {"dendron.rootDir": "."},
        "extensions": {"recommendations": ["dendron.dendron"]},
    }
    writer.create(root / "dendron.code-workspace", json.dumps(code_workspace, indent=2) + "\n")
    writer.create(root / ".gitignore", GITIGNORE)
    vault = root / "vault"
    body = (
        "# Welcome to your job search\n\n"
        "Start at the [[Dashboard|jobsearch.dashboard]] and the [[Plan|interviews.all-stages]]."
    )
    writer.create(vault / "root.md", new_notes.note_text("Root", body))
    writer.create(vault / "root.schema.yml", ROOT_SCHEMA)


def _settings(root: Path, plan: str | None, start: date | None, writer: _Writer) -> Settings:
    """Load `dendron-jobsearch.yml` and keep `--plan` / `--start` in it."""
    path = root / SETTINGS_FILE
    current = load_settings(root)
    wanted = current.with_changes(plan=plan, start=start)
    if wanted.start is None:
        wanted = wanted.with_changes(start=date.today())
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
    writer.change(path, text, new)
    return wanted


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


def scaffold(
    path: str | Path | None = None,
    *,
    plan: str | None = None,
    start: date | None = None,
    dry_run: bool = False,
) -> ScaffoldResult:
    """Scaffold the job search at `path` (see the module doc). Raises WorkspaceError for a
    workspace that cannot be read and PlanError for a plan that cannot be."""
    target = (Path(path).expanduser() if path is not None else Path.cwd()).resolve()
    root = target if (target / CONFIG_FILE).is_file() else None
    if root is None and path is None:
        root = find_workspace_root(target)
    fresh = root is None
    root = root or target
    writer = _Writer(root, dry_run)
    if fresh:
        if plan is not None:
            raise PlanError(f"--plan {plan!r}: a new workspace starts with the bundled plan", None)
        _new_workspace(root, writer)
    settings = _settings(root, plan, start, writer)
    ws = None if fresh and dry_run else open_workspace(root)
    _scaffold_notes(ws, root, settings, writer, plan_given=plan is not None)
    return writer.result


def _scaffold_notes(
    ws: Workspace | None, root: Path, settings: Settings, writer: _Writer, *, plan_given: bool
) -> None:
    plan_fname = settings.plan or DEFAULT_PLAN
    plan_note = ws.get(plan_fname) if ws else None
    if ws is not None and plan_note is None and ws.find(plan_fname):
        raise PlanError(f"the plan note {plan_fname!r} could not be read: see `check`", None)
    if plan_note is None and plan_given:
        raise PlanError(f"no note named {plan_fname!r} in the workspace (--plan)", None)
    vault_name = settings.vault or (plan_note.vault if plan_note else None)
    if ws is not None:
        names = [v.name for v in ws.config.vaults]
        if not names:
            raise PlanError("dendron.yml lists no vaults", None)
        vault_name = vault_name or names[0]
        if vault_name not in names:
            raise PlanError(
                f"vault {vault_name!r} (dendron-jobsearch.yml) is not in dendron.yml", None
            )
        notes_dir = next(v.notes_dir for v in ws.config.vaults if v.name == vault_name)
    else:
        vault_name = vault_name or "vault"
        notes_dir = root / "vault"
    options = ReadOptions()

    def exists(fname: str) -> bool:
        return (
            bool(ws and ws.find(fname, vault_name)) or (notes_dir / f"{fname}.md") in writer.planned
        )

    def create_note(fname: str, text: str) -> None:
        try:
            writer.create(confined(notes_dir, f"{fname}.md"), text)
        except UnsafePath as err:
            writer.skip(fname, str(err))

    plan_body: str | None = None
    if plan_note is None:  # the bundled default plan becomes the person's plan note
        text = _fresh_frontmatter(bundled_file(f"{DEFAULT_PLAN}.md"))
        create_note(plan_fname, text)
        plan_note, _ = parse_note_text(text, None, "", plan_fname, vault_name, options)
        assert plan_note is not None
        plan_body = split_frontmatter(text).body
    plan = parse_plan(plan_note, plan_body)
    schedule = build_schedule(plan, settings.start or date.today())

    for name in TEMPLATE_NAMES:
        fname = TEMPLATE_PREFIX + name
        if not exists(fname):
            create_note(fname, _fresh_frontmatter(bundled_file(f"{fname}.md")))
    domain = settings.hierarchy.split(".")[0]
    schema_path = notes_dir / f"{domain}.schema.yml"
    if not schema_path.exists():
        writer.create(schema_path, _schema(settings.hierarchy))

    stage_names = [stage_fname(settings.hierarchy, s.stage) for s in schedule.slots]
    for position, slot in enumerate(schedule.slots):
        fname = stage_names[position]
        if exists(fname):
            continue
        items = checklist(slot.stage.items) or f"- [ ] {slot.stage.title}"
        _, _, parsed = scan_body(items, fname, 1)
        progress = count(parsed)
        status = derived_status(progress, "")
        custom: dict[str, Any] = {
            "status": status,
            "due": slot.due.strftime("%Y.%m.%d"),
            "priority": "",
            "owner": settings.owner,
            "stage": slot.stage.number,
        }
        title = f"{slot.stage.number}. {slot.stage.title}"

        def ref(index: int) -> dict[str, Any] | None:
            if not 0 <= index < len(schedule.slots):
                return None
            other = schedule.slots[index].stage
            return _ref(other.number, other.title, stage_names[index])

        overdue = status != "x" and slot.due < date.today()
        word = STATUS_WORDS.get(status, status)
        line = progress_text(progress, word, slot.due, overdue, None)
        context = {
            **dendron_variables(title, fname, "", custom),
            "plan": _ref(None, plan_note.title, plan_note.fname),
            "stage": _ref(slot.stage.number, slot.stage.title, fname),
            "previous": ref(position - 1),
            "next": ref(position + 1),
            "checklist": items,
            "progress": line,
        }
        body = render(load_template("stage", ws), context)
        create_note(fname, new_notes.note_text(title, body, custom))

    for position, slot in enumerate(schedule.slots):
        for link in slot.stage.links:
            if link.type not in ("wiki", "ref") or link.value.endswith("*"):
                continue
            target_vault = link.vault or vault_name
            if link.vault and ws and link.vault not in [v.name for v in ws.config.vaults]:
                writer.skip(
                    link.value, f"links to vault {link.vault!r}, which is not in dendron.yml"
                )
                continue
            problem = fname_problem(link.value)
            if problem:
                writer.skip(link.value, f"not a valid note name ({problem}): not created")
                continue
            if ws and ws.find(link.value, target_vault):
                continue
            if target_vault != vault_name and ws:
                folder = next(v.notes_dir for v in ws.config.vaults if v.name == target_vault)
            else:
                folder = notes_dir
            if (folder / f"{link.value}.md") in writer.planned or any(
                clean_name(p.stem) == clean_name(link.value) and p.parent == folder
                for p in writer.planned
            ):
                continue
            title = gen_title(link.value)
            context = {
                **dendron_variables(title, link.value, "", {}),
                "plan": _ref(None, plan_note.title, plan_note.fname),
                "stage": _ref(slot.stage.number, slot.stage.title, stage_names[position]),
            }
            body = render(load_template("topic", ws), context)
            try:
                writer.create(
                    confined(folder, f"{link.value}.md"), new_notes.note_text(title, body)
                )
            except UnsafePath as err:
                writer.skip(link.value, str(err))

    dashboard = dashboard_fname(settings.hierarchy)
    if not exists(dashboard):
        block = "(run `dendron-jobsearch sync` to fill this in)"
        if not writer.dry_run:
            fresh_ws = open_workspace(root)
            block = dashboard_block(load_jobsearch(fresh_ws, settings))
        context = {**dendron_variables("Dashboard", dashboard, "", {}), "dashboard": block}
        body = render(load_template("dashboard", ws), context)
        create_note(dashboard, new_notes.note_text("Job search dashboard", body))


__all__ = ["Note", "ScaffoldResult", "scaffold"]
