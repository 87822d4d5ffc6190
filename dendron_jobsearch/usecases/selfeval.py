"""`self-eval`: the post-offer self-evaluation of a search cycle (stage 10 of the plan).

The note `<the plan's self-evaluation note>.<cycle start YYYY.MM.DD>` gathers what the vault
already knows (see `views.selfeval`) and keeps two reflection sections for the person. The
gathered parts live in the tool's regions, so a refresh rewrites only those: what the person
wrote in the reflection sections (or anywhere else) is never lost. The plan's
self-evaluation note (created if missing) gets a region listing the cycles' notes.
"""

from __future__ import annotations

from pathlib import Path

from ..jobsearch.model import JobSearch
from ..jobsearch.usable import note_problems
from ..vault.titles import gen_title
from ..views.selfeval import (
    CYCLES_REGION,
    cycle_fname,
    cycles_text,
    new_cycle_text,
    parent_fname,
    region_contents,
)
from ..write import regions
from ..write.files import confined, confined_under
from ..write.writer import Edit, Writer, WriteResult
from .companies import target_vault

RETRIES = 3


def _folder(search: JobSearch, fname: str) -> Path:
    """Beside the note if it exists, else in the vault new notes go to."""
    note = search.ws.get(fname)
    if note is not None and note.path is not None:
        return note.path.parent
    return target_vault(search.ws, search.settings)[1]


def self_evaluate(search: JobSearch) -> WriteResult:
    """Create or refresh the cycle's self-evaluation note and link it from its parent.
    Writes nothing while a note it sums up cannot be read (`result.findings` says which)."""
    parent = parent_fname(search)
    fname = cycle_fname(search)
    result = WriteResult(subject=fname)
    for finding in search.problems + [
        f for name in (fname, parent) for f in note_problems(search.ws, name)
    ]:
        result.problem(finding)
    if not result.ok:
        return result
    writer = Writer(search.ws.root, result)
    contents = region_contents(search)
    cycles = {CYCLES_REGION: cycles_text(search, parent, fname)}
    layout = search.layout
    stamp = layout.stamp(search.today)
    append = frozenset({CYCLES_REGION})
    title = gen_title(parent) if layout.dialect == "dendron" else layout.leaf(parent)
    parent_text = layout.note_text(
        title, regions.block(CYCLES_REGION, cycles[CYCLES_REGION]), {}, "self-evaluation"
    )
    wanted = [
        (fname, new_cycle_text(search, contents), Edit({}, contents, stamp=stamp)),
        (parent, parent_text, Edit({}, cycles, append, (), stamp, layout.append_before)),
    ]
    edits: list[tuple[Path, Edit]] = []
    for name, text, edit in wanted:  # a note that is missing is created, one that is there edited
        note = search.ws.get(name)
        if note is None or note.path is None:
            if layout.dialect == "dendron":
                writer.create(confined(_folder(search, name), f"{name}.md"), text)
            else:  # a path from the vault's root
                folder = target_vault(search.ws, search.settings)[1]
                writer.create(confined_under(folder, f"{name}.md"), text)
        else:
            edits.append((note.path, edit))
    # the regions do not depend on the notes they go into: the same edits again on a save
    writer.edit_all(lambda: edits, lambda _path: None, RETRIES)
    return result
