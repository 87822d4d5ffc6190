"""Dendron's own engine as a test oracle, and the comparison of its view with ours.

`run_oracle(ws)` installs `@dendronhq/dendron-cli` (pinned in `conformance/package.json`)
with npm on first use, loads the workspace with Dendron's engine and returns what it saw.
`compare(ws_root, dump)` lists every note and link on which we and Dendron disagree.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from dendron_jobsearch import open_workspace

from . import npm_harness

HARNESS = Path(__file__).resolve().parent.parent / "conformance"
HOME = Path(
    os.environ.get("DENDRON_ORACLE_HOME", Path.home() / ".cache" / "dendron-jobsearch-oracle")
)


def install_engine(home: Path, pinned: str) -> None:
    """`npm ci` the pinned engine into `home` (the caller holds the install lock)."""
    npm_harness.npm_ci(HARNESS, home, pinned)


def ensure_oracle() -> Path:
    """Install the pinned Dendron engine into HOME once; return the folder holding dump.js.
    Raises HarnessUnavailable without node and npm, or when the install fails."""
    npm_harness.need_node("to run Dendron's engine")
    pinned = npm_harness.pinned(HARNESS)
    marker = HOME / "node_modules" / "@dendronhq" / "engine-server"
    npm_harness.locked_install(
        HOME,
        lambda: npm_harness.is_installed(HOME, pinned, marker),
        lambda: install_engine(HOME, pinned),
    )
    npm_harness.place_script(HARNESS / "dump.js", HOME)
    telemetry = Path.home() / ".dendron.telemetry"
    if not telemetry.exists():  # Dendron reports usage unless told not to
        telemetry.write_text('{"status":"disabled by cli command"}')
    return HOME


def oracle_or_skip() -> Path:
    """`ensure_oracle()` for a test: when the engine cannot be had, the test is skipped with
    the reason, except under CI=true, where the conformance oracle must run and it fails."""
    return npm_harness.or_skip(ensure_oracle, "the conformance oracle must run")


def run_oracle(ws_root: Path, render: tuple[str, ...] = ()) -> dict[str, Any]:
    """What Dendron's engine sees in the workspace at ws_root; the notes named in `render`
    also as its preview renders them (`rendered`: fname -> HTML)."""
    home = ensure_oracle()
    out = ws_root.parent / f".{ws_root.name}.oracle.json"
    env = {**os.environ, "CI": "true"}
    result = subprocess.run(
        ["node", str(home / "dump.js"), str(ws_root), str(out), *render],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    if result.returncode != 0 or not out.exists():
        raise AssertionError(f"Dendron's engine failed on {ws_root}: {result.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(out.read_text())
    out.unlink()
    return data


def _link_key(link: dict[str, Any]) -> tuple[Any, ...]:
    return (
        link["type"],
        link.get("value"),
        link.get("alias"),
        link.get("anchor"),
        link.get("vaultName") if link.get("xvault") or link.get("vaultName") else None,
        link.get("line"),
    )


def ours(ws_root: Path) -> dict[str, Any]:
    """Our view in the oracle's shape (hashtags and user tags are `wiki` links to Dendron)."""
    ws = open_workspace(ws_root, use_cache=False)
    notes = []
    for note in ws.notes:
        links = [
            {
                "type": "wiki" if link.type in ("hashtag", "usertag") else link.type,
                "value": link.value,
                "anchor": link.anchor,
                # Dendron's link index drops a note reference's alias; we keep it
                "alias": None if link.type == "ref" else link.alias,
                "vaultName": link.vault,
                "xvault": link.vault is not None,
                # Dendron counts lines from the start of the body, we from the file's start
                "line": None if link.line is None else link.line - note.body_line + 1,
            }
            for link in note.links
            # an embedded image is no link in Dendron's index (`vault/attachments.py`)
            if not ws.dialect.embeds_file(link)
        ]
        notes.append(
            {
                "fname": note.fname,
                "vault": note.vault,
                "stub": note.stub,
                "title": note.title,
                "links": links,
            }
        )
    return {"notes": notes}


def without_table_escapes(theirs: dict[str, Any]) -> dict[str, Any]:
    """Dendron's view with its one known difference on `[[Title\\|fname]]` in a table cell
    taken out: it keeps the backslash that escapes the pipe at the end of the alias (README,
    *Conformance*). For the notes the tool writes, whose tables link so; nothing else is
    changed."""

    def link(found: dict[str, Any]) -> dict[str, Any]:
        alias = found.get("alias")
        if isinstance(alias, str) and alias.endswith("\\"):
            return {**found, "alias": alias[:-1].rstrip() or None}
        return found

    notes = [{**n, "links": [link(x) for x in n["links"]]} for n in theirs["notes"]]
    return {**theirs, "notes": notes}


def compare(theirs: dict[str, Any], mine: dict[str, Any]) -> list[str]:
    """Human-readable differences: notes one side has and the other lacks, then links."""
    diffs: list[str] = []

    def by_note(dump: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(n["vault"], n["fname"]): n for n in dump["notes"]}

    a, b = by_note(theirs), by_note(mine)
    for key in sorted(a.keys() - b.keys()):
        diffs.append(f"note only in Dendron: {key} stub={a[key]['stub']}")
    for key in sorted(b.keys() - a.keys()):
        diffs.append(f"note only in ours: {key} stub={b[key]['stub']}")
    for key in sorted(a.keys() & b.keys()):
        na, nb = a[key], b[key]
        if na["stub"] != nb["stub"]:
            diffs.append(f"{key}: stub Dendron={na['stub']} ours={nb['stub']}")
        # Dendron keeps a falsy title as it is (`title: 0` a number, an empty one null, `.nan`
        # NaN, both null in JSON); ours is always text
        theirs_title = na["title"]
        if theirs_title is None and nb["title"] in ("", "NaN"):
            theirs_title = nb["title"]
        if str(theirs_title) != nb["title"]:
            diffs.append(f"{key}: title Dendron={na['title']!r} ours={nb['title']!r}")
        la = Counter(_link_key(x) for x in na["links"] if x["type"] != "backlink")
        lb = Counter(_link_key(x) for x in nb["links"])
        for link in sorted((la - lb).elements(), key=repr):
            diffs.append(f"{key}: link only in Dendron: {link}")
        for link in sorted((lb - la).elements(), key=repr):
            diffs.append(f"{key}: link only in ours: {link}")
    return diffs
