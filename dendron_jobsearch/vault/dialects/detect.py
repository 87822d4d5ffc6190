"""Which tool's vault a folder is, from the marker the tool leaves in it."""

from __future__ import annotations

from pathlib import Path

from . import Dialect
from .dendron import DENDRON
from .foam import FOAM
from .obsidian import OBSIDIAN

# In the order a folder holding several markers is taken as: `dendron.yml` is a workspace
# the person set up for Dendron (opening it in Obsidian too adds `.obsidian/`).
DIALECTS: tuple[Dialect, ...] = (DENDRON, OBSIDIAN, FOAM)
NAMES = tuple(d.name for d in DIALECTS)


def dialect_named(name: str) -> Dialect:
    """`dendron`, `obsidian` or `foam` (ValueError otherwise)."""
    for dialect in DIALECTS:
        if dialect.name == name.strip().lower():
            return dialect
    raise ValueError(f"unknown dialect {name!r}: choose one of {', '.join(NAMES)}")


def detect_dialect(root: Path) -> Dialect | None:
    """The dialect of the folder `root`: `dendron.yml` is Dendron, a `.obsidian/` folder is
    Obsidian, `.vscode/settings.json` with `foam.*` keys or a `.foam/` folder is Foam; None
    when it holds no marker."""
    return next((d for d in DIALECTS if d.is_workspace(root)), None)


def find_root(start: Path) -> tuple[Path, Dialect] | None:
    """The nearest folder at or above `start` holding a marker, or a `dendron-jobsearch.yml`
    that names a dialect (`dialect: obsidian`), and that dialect."""
    from ...settings import remembered_dialect

    here = start.resolve()
    for folder in (here, *here.parents):
        dialect = detect_dialect(folder)
        if dialect is None:
            remembered = remembered_dialect(folder)
            dialect = dialect_named(remembered) if remembered else None
        if dialect is not None:
            return folder, dialect
    return None
