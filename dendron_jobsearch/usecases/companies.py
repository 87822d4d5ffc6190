"""`company add` and `interview add`: new notes from the company and interview templates.

Names people type are company names, not note names: `Acme (Robotics), Inc.` holds
characters Dendron refuses in an fname, so the fname is a slug and the title keeps the real
name. A note that exists is never overwritten: that is the person's work.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from ..findings import Finding, JobSearchError
from ..jobsearch.layout import Layout, layout_of, slug
from ..jobsearch.model import find_plan
from ..jobsearch.pipeline import load_pipeline
from ..jobsearch.usable import note_problems
from ..settings import Settings
from ..workspace import Workspace
from ..write.files import UnsafePath, confined, confined_under
from ..write.templates import dendron_variables, render
from ..write.writer import Writer, WriteResult
from .templates import template, with_template_keys


class AddError(JobSearchError):
    """A note that cannot be added (it exists, its company does not, a bad name)."""

    show_code = False

    def __init__(self, message: str) -> None:
        super().__init__(Finding("cannot-add", "", None, message))


def name_slug(name: str) -> str:
    """A company's or kind's fname segment; AddError when nothing of it is left."""
    if not any(char.isalnum() for char in name):
        raise AddError(f"{name!r} has no letters or digits to name a note by")
    return slug(name)


def target_vault(ws: Workspace, settings: Settings) -> tuple[str, Path]:
    """Where new notes go: the configured vault, else the plan's, else the first one."""
    vaults = {v.name: v.notes_dir for v in ws.config.vaults}
    if not vaults:
        raise AddError("dendron.yml lists no vaults")
    plan = find_plan(ws, settings)
    name = settings.vault or (plan.vault if plan else None) or next(iter(vaults))
    if name not in vaults:
        raise AddError(f"vault {name!r} (dendron-jobsearch.yml) is not in dendron.yml")
    return name, vaults[name]


def _refuse_unreadable(ws: Workspace, fname: str) -> None:
    """A note of that name that cannot be read is the person's to fix, not to add again."""
    problems = note_problems(ws, fname)
    if problems:
        raise AddError(f"{problems[0].text()} (fix it first: it is left as it is)")


def _create(ws: Workspace, folder: Path, fname: str, text: str, layout: Layout) -> WriteResult:
    _refuse_unreadable(ws, fname)
    try:
        if layout.dialect == "dendron":
            path = confined(folder, f"{fname}.md")
        else:  # a path from the vault's root: `Job search/Companies/Acme`
            path = confined_under(folder, f"{fname}.md")
    except UnsafePath:  # the name is a slug: what leaves the vault is a link already there
        place = ws.relpath(folder / f"{fname}.md")
        raise AddError(f"{place} is a link that leads outside the vault: left as it is") from None
    writer = Writer(ws.root)
    if ws.find(fname) or not writer.create(path, text):
        existing = next((n.rel for n in ws.find(fname) if n.rel), ws.relpath(path))
        raise AddError(f"{existing} already exists: left as it is")
    writer.result.subject = fname
    return writer.result


def add_company(
    ws: Workspace,
    settings: Settings,
    name: str,
    *,
    role: str = "",
    source: str = "",
    referrer: str = "",
    applied: date | None = None,
    today: date | None = None,
) -> WriteResult:
    """A company note: `pipeline: wishlist`, or `applied` (with its date) when given one;
    `today` (default: the calendar's) fills the templates' dates."""
    name = name.strip()
    layout = layout_of(ws, settings)
    name_slug(name)  # refuses a name with nothing to name a note by
    fname = layout.company(name)
    _vault, folder = target_vault(ws, settings)
    custom: dict[str, Any] = {
        "pipeline": "applied" if applied else "wishlist",
        "role": role,
        "applied": applied or "",
        "source": source,
        "referrer": referrer,
        "offer_base": "",
        "offer_bonus": "",
        "offer_equity": "",
        "offer_currency": "",
        "offer_deadline": "",
    }
    if layout.dialect == "obsidian" and layout.leaf(fname) != name:
        custom = {"aliases": [name], **custom}  # the title is the file name: keep the name
    context = {**_variables(name, fname, custom, layout, today), "company": {"name": name}}
    used = template(ws, "company", layout)
    body = render(used, context)
    custom = with_template_keys(custom, used, ws)
    return _create(ws, folder, fname, layout.note_text(name, body, custom, "company"), layout)


def _variables(
    title: str, fname: str, custom: dict[str, Any], layout: Layout, today: date | None
) -> dict[str, Any]:
    """Dendron's template variables; in Obsidian and Foam also `{{date}}` (the day,
    `YYYY-MM-DD`), as Obsidian's core Templates plugin fills it, and Foam's dates."""
    day = today or date.today()
    found = dendron_variables(title, fname, "", custom, day)
    if layout.dialect != "dendron":
        found["date"] = day.isoformat()
    found["today"] = day
    return found


def find_company(ws: Workspace, settings: Settings, company: str) -> tuple[str, str]:
    """The fname and title of the company named `company` (its name, slug or fname)."""
    layout = layout_of(ws, settings)
    clean_name = ws.index.dialect.clean_name
    prefix = layout.company_prefix
    candidates = [company, prefix + company]
    if any(char.isalnum() for char in company):
        candidates.append(layout.company(company))
    for candidate in candidates:
        if clean_name(candidate).startswith(clean_name(prefix)):
            _refuse_unreadable(ws, candidate)
        found = [n for n in ws.find(candidate) if not n.stub]
        if found and clean_name(found[0].fname).startswith(clean_name(prefix)):
            return found[0].fname, found[0].title
    wanted = company.strip().lower()
    for known in load_pipeline(ws, settings).companies:
        if known.name.strip().lower() == wanted:
            return known.fname, known.name
    raise AddError(f"no company {company!r}: add it first with `company add {company!r}`")


def add_interview(
    ws: Workspace,
    settings: Settings,
    company: str,
    day: date,
    kind: str,
    *,
    at: time | None = None,
    final: bool = False,
    today: date | None = None,
) -> WriteResult:
    """An interview note under its company, named by date and kind (a second one of the
    same kind on the same day gets `-2`, and so on: two rounds in one day happen); `at`,
    its time of day, goes to a `time` key (the calendar feed shows it); `final` marks the
    company's last round (`final: true`: once it is held, the company owes an offer)."""
    company_fname, company_name = find_company(ws, settings, company)
    kind = kind.strip()
    layout = layout_of(ws, settings)
    name_slug(kind)
    base = layout.interview(company_fname, day, kind)
    fname, number = base, 1
    while ws.find(fname) or note_problems(ws, fname):
        number += 1
        fname = f"{base}-{number}" if layout.dialect == "dendron" else f"{base} {number}"
    _vault, folder = target_vault(ws, settings)
    owner = next((n for n in ws.find(company_fname) if not n.stub), None)
    if owner is not None and owner.file is not None and layout.dialect == "dendron":
        folder = Path(owner.file).parent  # beside its company, whatever vault that is in
    custom: dict[str, Any] = {"date": day}
    if at is not None:
        custom["time"] = at.strftime("%H:%M")
    custom |= {"kind": kind, "outcome": ""}
    if final:
        custom["final"] = True
    title = f"{company_name}: {kind} ({day.isoformat()})"
    context = {
        **_variables(title, fname, custom, layout, today),
        "company": {"name": company_name, "fname": company_fname},
    }
    used = template(ws, "interview", layout)
    body = render(used, context)
    text = layout.note_text(title, body, with_template_keys(custom, used, ws), "interview")
    return _create(ws, folder, fname, text, layout)


__all__ = ["AddError", "add_company", "add_interview", "find_company"]
