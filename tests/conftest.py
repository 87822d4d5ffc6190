"""Shared test helpers: fixture tables (markdown-it-py style) and throw-away workspaces."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from markdown_it.utils import read_fixture_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TABLES = FIXTURES / "tables"


def table(name: str) -> list[object]:
    """The cases of `fixtures/tables/<name>` as pytest params, named by their titles."""
    return [
        pytest.param(text, expected, id=f"{number}-{title}")
        for number, title, text, expected in read_fixture_file(TABLES / name)
    ]


# Profiles of the stateful lifecycle test (tests/test_lifecycle.py applies them to itself; the
# other property tests keep their own settings): "lifecycle" under CI=true (300 examples in
# about 3 minutes on 2 cores; the first failure is shrunk and reported, so a red run stays
# short too), "lifecycle-dev" otherwise; HYPOTHESIS_PROFILE=<name> chooses one, e.g. "long"
# for thousands of longer runs once, reporting every distinct failure (shrinking each takes
# minutes).
_LIFECYCLE: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}
settings.register_profile(
    "lifecycle", max_examples=300, stateful_step_count=10, report_multiple_bugs=False, **_LIFECYCLE
)
settings.register_profile(
    "lifecycle-dev",
    max_examples=30,
    stateful_step_count=10,
    report_multiple_bugs=False,
    **_LIFECYCLE,
)
settings.register_profile("long", max_examples=5000, stateful_step_count=25, **_LIFECYCLE)
settings.register_profile("thousands", max_examples=2000, stateful_step_count=12, **_LIFECYCLE)

ROOT_SCHEMA = (
    "version: 1\nimports: []\nschemas:\n"
    "  - id: root\n    children: []\n    title: root\n    parent: root\n"
)


def make_workspace(root: Path, notes: dict[str, str | bytes], config: str | None = None) -> Path:
    """A one-vault Dendron workspace in `root` holding `notes` (fname -> content)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "dendron.yml").write_text(
        config or "version: 5\nworkspace:\n  vaults:\n    - fsPath: vault\n"
    )
    vault = root / "vault"
    vault.mkdir(exist_ok=True)
    (vault / "root.schema.yml").write_text(ROOT_SCHEMA)
    notes = {"root": "---\nid: root\ntitle: Root\n---\n", **notes}
    for fname, content in notes.items():
        path = vault / f"{fname}.md"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


@pytest.fixture(autouse=True)
def _private_cache_key(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the read caches and their signing key out of the real home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def oracle() -> Path:
    """Dendron's engine, installed once per session (first install takes minutes). Skipped
    with the reason when it cannot be had (no node and npm, a failed install), except under
    CI=true, where the conformance oracle must run."""
    from .oracle import oracle_or_skip

    return oracle_or_skip()


START = "2027-01-04"  # the start every scaffolded test workspace plans from


@pytest.fixture(scope="session")
def scaffolded_from(tmp_path_factory: pytest.TempPathFactory) -> Callable[[date], Path]:
    """The bundled plan scaffolded once per test session for each start day asked for."""
    from dendron_jobsearch import scaffold

    made: dict[date, Path] = {}

    def once(start: date) -> Path:
        if start not in made:
            made[start] = tmp_path_factory.mktemp(f"scaffolded-{start}") / "ws"
            scaffold(made[start], start=start, today=start)
        return made[start]

    return once


@pytest.fixture(scope="session")
def scaffolded_once(scaffolded_from: Callable[[date], Path]) -> Path:
    """The bundled plan scaffolded once per test session (start 2027-01-04)."""
    return scaffolded_from(date.fromisoformat(START))


@pytest.fixture
def scaffolded(scaffolded_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of the session's scaffolded workspace, for one test to change."""
    root = tmp_path / "ws"
    shutil.copytree(scaffolded_once, root)
    return root
