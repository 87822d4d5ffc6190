"""The template a use case renders: the person's own in the vault when it has one (Dendron:
the note `templates.jobsearch.<name>`; Obsidian: `Templates/Job search/<Name>.md`; Foam:
`.foam/templates/job-search-<name>.md`), else the bundled one."""

from __future__ import annotations

from typing import Any

from ..jobsearch.layout import Layout
from ..vault.frontmatter import FrontmatterError, parse_yaml, split_frontmatter
from ..workspace import Workspace
from ..write.templates import (
    TEMPLATE_PREFIX,
    Template,
    TemplateError,
    load_template,
    load_template_file,
)


def template(ws: Workspace | None, name: str, layout: Layout | None = None) -> Template:
    if layout is None or layout.dialect == "dendron":
        note = ws.get(TEMPLATE_PREFIX + name) if ws is not None else None
        return load_template(name, note)
    path = ws.root / f"{layout.template(name)}.md" if ws is not None else None
    if path is not None and path.is_file():
        return load_template_file(name, path, ws.relpath(path) if ws else str(path))
    return load_template(name)


# What describes the template itself, not the notes made from it (Foam drops it from them:
# foam-docs/docs/user/features/templates.md, "Metadata": `foam_template` is removed)
_TEMPLATE_ONLY = ("foam_template",)


def with_template_keys(
    custom: dict[str, Any], used: Template, ws: Workspace | None
) -> dict[str, Any]:
    """The tool's keys for a new note, then every key the person added to the template's
    frontmatter (with the value written there): the templates are theirs to extend, as
    Obsidian's Templates plugin or Dendron would copy them. The app's own keys (ids, titles,
    tags) stay the tool's. A template whose frontmatter does not read says where."""
    split = split_frontmatter(used.source)
    if not split.yaml:
        return custom
    try:
        found = parse_yaml(split.yaml)
    except FrontmatterError as err:
        raise TemplateError(
            used.origin, err.line, f"its frontmatter does not read: {err}"
        ) from None
    own = {*_TEMPLATE_ONLY, *(ws.dialect.note_keys if ws is not None else ())}
    added = {k: v for k, v in found.items() if k not in custom and k not in own}
    return {**custom, **added}
