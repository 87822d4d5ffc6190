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


def ensure_mermaid() -> Path:
    """Install the pinned Mermaid and its driver into HOME once; return the folder holding
    render.js. Raises HarnessUnavailable without node, npm or chromium, or when the install
    fails."""
    npm_harness.need_node("to render Mermaid diagrams")
    chromium()
    pinned = npm_harness.pinned(HARNESS)
    marker = HOME / "node_modules" / "mermaid" / "dist"
    npm_harness.locked_install(
        HOME,
        lambda: npm_harness.is_installed(HOME, pinned, marker),
        lambda: npm_harness.npm_ci(
            HARNESS, HOME, pinned, options=["--ignore-scripts"], env=NO_DOWNLOAD
        ),
    )
    npm_harness.place_script(HARNESS / "render.js", HOME)
    return HOME


def mermaid_or_skip() -> Path:
    """`ensure_mermaid()` for a test: when Mermaid cannot be had, the test is skipped with the
    reason, except under CI=true, where it fails."""
    return npm_harness.or_skip(ensure_mermaid, "the diagram check must run")


def diagrams_in(markdown: str) -> list[str]:
    """The sources of the ```mermaid blocks of a Markdown note, in order."""
    return [match.group(1) for match in FENCE.finditer(markdown)]


def render(diagrams: list[str]) -> list[dict[str, Any]]:
    """Render each diagram; per diagram `{"ok": True}` or `{"ok": False, "error": text}`,
    the text being Mermaid's own error."""
    home = ensure_mermaid()
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
