"""The template a use case renders: the person's `templates.jobsearch.<name>` note when the
vault has one, else the bundled one."""

from __future__ import annotations

from ..workspace import Workspace
from ..write.templates import TEMPLATE_PREFIX, Template, load_template


def template(ws: Workspace | None, name: str) -> Template:
    note = ws.get(TEMPLATE_PREFIX + name) if ws is not None else None
    return load_template(name, note)
