"""A pinned npm harness, installed on first use: a folder of the repository (`conformance/`
for Dendron's engine, `mermaid/` for the diagram check) holding a `package.json`, the
`package-lock.json` generated from it and the node script the tests run. `npm ci` installs
exactly the locked tree into a cache folder outside the checkout, once: a stamp in that
folder names what it was installed from, so a changed lock file installs again.

Test runs sharing a cache folder take turns installing (`locked_install`). A harness that
cannot be had (no node, npm or browser, a failed install) skips its tests with the reason,
except under CI=true, where they fail (`or_skip`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")

LOCK_FILE = ".install.lock"
STAMP = ".installed-from"


class HarnessUnavailable(RuntimeError):
    """node, npm or the browser is missing, or the npm install failed."""


def locked_install(home: Path, installed: Callable[[], bool], install: Callable[[], None]) -> None:
    """Run `install` unless `installed()`, one process at a time per folder: an exclusive
    `flock` on `home/.install.lock`, so a second test run waits for the first one's install
    and then finds it done instead of running `npm ci` into the same folder at once."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even on an error
        if not installed():
            install()


def need_node(why: str) -> None:
    """Raise HarnessUnavailable unless node and npm are on PATH."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise HarnessUnavailable(f"node and npm are needed {why}")


def pinned(harness: Path) -> str:
    """What an install is made from: the harness's package.json and package-lock.json."""
    return (harness / "package.json").read_text() + (harness / "package-lock.json").read_text()


def is_installed(home: Path, pinned: str, marker: Path) -> bool:
    """Whether `home` holds a finished install of `pinned` (`marker` is one of its folders)."""
    stamp = home / STAMP
    return marker.is_dir() and stamp.is_file() and stamp.read_text() == pinned


def npm_ci(
    harness: Path,
    home: Path,
    pinned: str,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> None:
    """`npm ci` the harness's locked tree into `home` (the caller holds the install lock),
    with more npm `options` and `env` variables; raises HarnessUnavailable when it fails."""
    stamp = home / STAMP
    stamp.unlink(missing_ok=True)  # a half-done install must not look like a finished one
    for name in ("package.json", "package-lock.json"):
        shutil.copy(harness / name, home / name)
    # `npm ci` installs exactly the locked tree: the versions our results were checked with
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", *options],
        cwd=home,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise HarnessUnavailable(f"npm ci failed: {result.stderr[-2000:]}")
    stamp.write_text(pinned)


def place_script(script: Path, home: Path) -> Path:
    """Copy the harness's node script into `home`, next to the node_modules it requires,
    unless it is there already; return where it is."""
    text = script.read_bytes()
    placed = home / script.name
    if not placed.is_file() or placed.read_bytes() != text:
        # another run may be starting node on it right now: replace it whole, never truncate
        partial = home / f".{script.name}.{os.getpid()}"
        partial.write_bytes(text)
        os.replace(partial, placed)
    return placed


def or_skip(get: Callable[[], T], must_run: str) -> T:
    """`get()` for a test: when the harness cannot be had, the test is skipped with the
    reason, except under CI=true, where it fails (`must_run` says what must run there)."""
    try:
        return get()
    except HarnessUnavailable as err:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{err} (CI=true: {must_run})")
        pytest.skip(str(err))
