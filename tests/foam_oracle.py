"""Foam's own link resolution as a test oracle, and the comparison of its view with ours.

Foam's core runs without VS Code: `foam-core` on npm is foambubble/foam's `packages/foam-core`
(published under that name by the package's own `release.js`), the library the VS Code
extension and Foam's CLI are built on. `conformance/foam/dump.js` loads a folder with it as
Foam's CLI does and prints every note and link with the file Foam resolves it to.
`run_oracle(root)` installs the pinned tree (`conformance/foam/package-lock.json`) with
`npm ci` on first use into `$FOAM_ORACLE_HOME` (default
`~/.cache/dendron-jobsearch-foam-oracle`), once, under a file lock; `ours(root)` is our
reading in the same shape; `compare` lists where the two disagree.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from . import npm_harness

HARNESS = Path(__file__).resolve().parent.parent / "conformance" / "foam"
HOME = Path(
    os.environ.get("FOAM_ORACLE_HOME", Path.home() / ".cache" / "dendron-jobsearch-foam-oracle")
)

# how our reader marks a tag (Dendron's names; the Obsidian and Foam dialects reuse them)
TAG_TYPES = frozenset({"hashtag", "usertag", "frontmatterTag"})


def ensure_oracle() -> Path:
    """Install the pinned foam-core into HOME once; return the folder holding dump.js.
    Raises HarnessUnavailable without node and npm, or when the install fails."""
    npm_harness.need_node("to run Foam's core")
    pinned = npm_harness.pinned(HARNESS)
    marker = HOME / "node_modules" / "foam-core"
    npm_harness.locked_install(
        HOME,
        lambda: npm_harness.is_installed(HOME, pinned, marker),
        lambda: npm_harness.npm_ci(HARNESS, HOME, pinned),
    )
    npm_harness.place_script(HARNESS / "dump.js", HOME)
    return HOME


def oracle_or_skip() -> Path:
    """`ensure_oracle()` for a test: skipped with the reason when Foam's core cannot be had,
    except under CI=true, where the oracle must run and the test fails."""
    return npm_harness.or_skip(ensure_oracle, "Foam's core must run as the Foam oracle")


def run_oracle(root: Path) -> dict[str, Any]:
    """What Foam's core sees in the workspace at `root` (see `conformance/foam/dump.js`).
    Nothing is written next to `root`: the shared corpora are read-only to the tests."""
    home = ensure_oracle()
    with tempfile.TemporaryDirectory(prefix="foam-oracle-") as tmp:
        out = Path(tmp) / "dump.json"
        result = subprocess.run(
            ["node", str(home / "dump.js"), str(root), str(out)],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if result.returncode != 0 or not out.exists():
            raise AssertionError(f"Foam's core failed on {root}: {result.stderr[-2000:]}")
        data: dict[str, Any] = json.loads(out.read_text())
    return data


def theirs(dump: dict[str, Any]) -> dict[str, Any]:
    """The oracle's view reduced to what we compare: per note its title, tags and the
    (line, target, anchor) of each link to a file of the workspace (external URLs left
    out: neither side resolves them)."""
    notes = {}
    for note in dump["notes"]:
        links = Counter(
            (link["line"], link["target"], link["fragment"])
            for link in note["links"]
            if link["type"] != "external"
        )
        notes[note["path"]] = {
            "title": note["title"],
            "tags": sorted({t["label"] for t in note["tags"]}),
            "links": links,
        }
    return notes


def ours(root: Path) -> dict[str, Any]:
    """Our reading of the Foam workspace at `root`, in `theirs()`'s shape."""
    from dendron_jobsearch import open_workspace

    ws = open_workspace(root, dialect="foam", use_cache=False)
    notes: dict[str, Any] = {}
    for note in ws.notes:
        if note.stub:
            continue
        tags = sorted(set(note.tags))  # tags are no links in Foam: `Note.tags`
        notes[note.rel] = {"title": note.title, "tags": tags, "links": Counter()}
    for resolved in ws.links():
        link = resolved.link
        if link.type in TAG_TYPES or resolved.source.rel not in notes:
            continue
        # one target, or none: Foam resolves every link to one file or a placeholder (an
        # embedded attachment to the file, as ours does)
        target = resolved.targets[0].rel if len(resolved.targets) == 1 else resolved.file
        key = (link.line, target, link.anchor or None)
        notes[resolved.source.rel]["links"][key] += 1
    return notes


def compare(a: dict[str, Any], b: dict[str, Any], what: str = "links") -> list[str]:
    """Where Foam (`a`) and we (`b`) differ: notes one side lacks, then per note `what`
    ("links", "title" or "tags")."""
    diffs = [f"note only in Foam: {p}" for p in sorted(a.keys() - b.keys())]
    diffs += [f"note only in ours: {p}" for p in sorted(b.keys() - a.keys())]
    for path in sorted(a.keys() & b.keys()):
        x, y = a[path][what], b[path][what]
        if what != "links":
            if x != y:
                diffs.append(f"{path}: {what} Foam={x!r} ours={y!r}")
            continue
        diffs += [f"{path}: link only in Foam: {k}" for k in sorted((x - y).elements(), key=repr)]
        diffs += [f"{path}: link only in ours: {k}" for k in sorted((y - x).elements(), key=repr)]
    return diffs
