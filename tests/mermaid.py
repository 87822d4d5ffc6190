"""Mermaid as Dendron's preview renders it, for the diagram tests: Mermaid 9.4.3 (the version
the preview bundles) in Debian's headless Chromium.

`render(diagrams)` installs the harness in `mermaid/` (Mermaid and puppeteer-core, locked in
`mermaid/package-lock.json`) with npm on first use, renders every diagram with
`mermaid.render` in one headless Chromium and says, per diagram, whether it rendered or what
Mermaid's error was. `diagrams_in(markdown)` finds the ```mermaid blocks of a note.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import npm_harness

HARNESS = Path(__file__).resolve().parent.parent / "mermaid"
HOME = Path(
    os.environ.get("MERMAID_CHECK_HOME", Path.home() / ".cache" / "dendron-jobsearch-mermaid")
)
FENCE = re.compile(r"^```mermaid[ \t]*\r?\n(.*?)^```", re.S | re.M)
# puppeteer-core never downloads a browser (the `puppeteer` package would, on install): it
# drives Debian's chromium. Install scripts are off and the skip asked for all the same.
NO_DOWNLOAD = {"PUPPETEER_SKIP_DOWNLOAD": "true", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "true"}


def chromium() -> str:
    """Debian's chromium; raises HarnessUnavailable when there is none."""
    found = shutil.which("chromium")
    if found is None:
        raise npm_harness.HarnessUnavailable(
            "Debian's chromium is needed to render Mermaid diagrams (apt-get install chromium)"
        )
    return found


# Which Mermaid each app renders with: the lock files the harness installs from, and where.
# Obsidian bundles Mermaid 11.13.0 (help.obsidian.md, "Credits": obsidianmd/obsidian-help
# en/Obsidian/Credits.md, bumped on 2026-07-30).
HARNESSES = {"dendron": HARNESS, "obsidian": HARNESS / "obsidian"}


def _home(app: str) -> Path:
    return HOME if app == "dendron" else HOME.with_name(f"{HOME.name}-{app}")


def ensure_mermaid(app: str = "dendron") -> Path:
    """Install the pinned Mermaid of `app` and its driver once; return the folder holding
    render.js. Raises HarnessUnavailable without node, npm or chromium, or when the install
    fails."""
    npm_harness.need_node("to render Mermaid diagrams")
    chromium()
    harness, home = HARNESSES[app], _home(app)
    pinned = npm_harness.pinned(harness)
    marker = home / "node_modules" / "mermaid" / "dist"
    npm_harness.locked_install(
        home,
        lambda: npm_harness.is_installed(home, pinned, marker),
        lambda: npm_harness.npm_ci(
            harness, home, pinned, options=["--ignore-scripts"], env=NO_DOWNLOAD
        ),
    )
    npm_harness.place_script(HARNESS / "render.js", home)
    return home


def mermaid_or_skip(app: str = "dendron") -> Path:
    """`ensure_mermaid()` for a test: when Mermaid cannot be had, the test is skipped with the
    reason, except under CI=true, where it fails."""
    return npm_harness.or_skip(lambda: ensure_mermaid(app), "the diagram check must run")


def diagrams_in(markdown: str) -> list[str]:
    """The sources of the ```mermaid blocks of a Markdown note, in order."""
    return [match.group(1) for match in FENCE.finditer(markdown)]


def render(diagrams: list[str], app: str = "dendron") -> list[dict[str, Any]]:
    """Render each diagram with `app`'s Mermaid; per diagram `{"ok": True}` or
    `{"ok": False, "error": text}`, the text being Mermaid's own error."""
    home = ensure_mermaid(app)
    result = subprocess.run(
        ["node", str(home / "render.js"), chromium()],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if result.returncode not in (0, 1):
        raise AssertionError(f"Mermaid's renderer failed: {result.stderr[-2000:]}")
    results: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(results) == len(diagrams), result.stdout
    return results
