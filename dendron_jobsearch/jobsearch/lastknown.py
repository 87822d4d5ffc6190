"""The last figures the tool wrote for a note it cannot read now.

While a stage or company note does not read, its row on the dashboard keeps what the tool
wrote there last (read back from the dashboard's own region), marked as such, so the totals
do not drop and nothing is shown as 0/0 — and a fresh `sync` and `watch` agree, because
both read the same dashboard.
"""

from __future__ import annotations

import re

from ..workspace import Workspace
from ..write import regions
from .layout import Layout
from .progress import Count

# `[[fname]]`, `[[Title|fname]]` or, in a table cell, `[[Title\|fname]]`: the fname
_LINK = re.compile(r"\[\[(?:[^\]]*\|)?([^\]|]+)\]\]")  # the fname: after the last pipe
_CELL_BORDER = re.compile(r"(?<!\\)\|")  # a pipe, unless escaped: `\|` stays in its cell
_COOKIE = re.compile(r"(\d+)/(\d+)")
MARK = "unreadable, last known"


_WIKILINK = re.compile(r"\[\[((?:[^\]\\]|\\.)+)\]\]")


def previous_rows(
    ws: Workspace, dashboard: str, region: str, layout: Layout | None = None
) -> dict[str, list[str]]:
    """Table rows of the dashboard's region by the fname they link to: fname -> cells
    (the link read as `layout` writes it: Dendron's target last, the others' first)."""
    note = ws.get(dashboard)
    if note is None or note.path is None:
        return {}
    try:
        text = note.path.read_text(encoding="utf-8-sig")
        found = next((r for r in regions.find_regions(text) if r.name == region), None)
    except (OSError, UnicodeDecodeError, regions.RegionError):
        return {}
    if found is None:
        return {}
    rows: dict[str, list[str]] = {}
    for line in text[found.start : found.stop].splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in _CELL_BORDER.split(line.strip().strip("|"))]
        for cell in cells[:2]:
            if layout is not None and layout.dialect != "dendron":
                wiki = _WIKILINK.search(cell)
                target = layout.link_target(wiki.group(1)) if wiki else None
            else:
                link = _LINK.search(cell)
                target = link.group(1).strip() if link else None
            if target:
                rows.setdefault(target.lower(), cells)
                break
    return rows


def cookie(cell: str) -> Count | None:
    """`3/7 (42%)` -> Count(3, 7); None when the cell holds no figures."""
    match = _COOKIE.search(cell)
    if match is None:
        return None
    done, total = int(match.group(1)), int(match.group(2))
    return Count(done, total, done)
