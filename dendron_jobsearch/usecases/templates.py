"""The template a use case renders: the person's own in the vault when it has one (Dendron:
the note `templates.jobsearch.<name>`; Obsidian: `Templates/Job search/<Name>.md`; Foam:
`.foam/templates/job-search-<name>.md`), else the bundled one."""

from __future__ import annotations

from ..jobsearch.layout import Layout
from ..workspace import Workspace
from ..write.templates import TEMPLATE_PREFIX, Template, load_template, load_template_file


def template(ws: Workspace | None, name: str, layout: Layout | None = None) -> Template:
    if layout is None or layout.dialect == "dendron":
        note = ws.get(TEMPLATE_PREFIX + name) if ws is not None else None
        return load_template(name, note)
    path = ws.root / f"{layout.template(name)}.md" if ws is not None else None
    if path is not None and path.is_file():
        return load_template_file(name, path, ws.relpath(path) if ws else str(path))
    return load_template(name)
