"""What every command shares: opening the workspace with a progress bar and clean errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .. import WorkspaceError, open_workspace

if TYPE_CHECKING:
    from .. import JobSearch, Settings, Workspace


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for long loads; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Reading notes", total=None)

        def update(done: int, total: int) -> None:
            if total >= 500:
                bar.update(task, completed=done, total=total)

        yield update


def load(ctx: click.Context) -> Workspace:
    """Open the workspace named by `-w` (or found from here); a bad one exits 1 with the
    file and line, never a traceback."""
    path: Path | None = ctx.find_root().obj
    try:
        with _progress_bar() as progress:
            return open_workspace(path, progress=progress)
    except WorkspaceError as err:
        finding = err.finding
        if finding.code != "workspace-missing":
            fail(err)
        # no workspace at all: said plainly, with what to do (-w can point at the right one)
        if Path(finding.path).is_dir():
            click.echo(f"error: {finding.message}, or point -w at one", err=True)
        else:
            click.echo(f"error: {finding.path}: {finding.message}", err=True)
        raise SystemExit(1) from None


def fail(err: Exception) -> NoReturn:
    """Report a problem with the vault's content (file and line in the message) and exit 1."""
    finding = getattr(err, "finding", None)
    click.echo(f"error: {finding or err}", err=True)
    raise SystemExit(1)


def load_settings_or_fail(ws: Workspace) -> Settings:
    """The workspace's dendron-jobsearch.yml; a mistake in it exits 1 naming the line."""
    from .. import load_settings

    try:
        return load_settings(ws.root)
    except WorkspaceError as err:
        fail(err)


def load_search(ws: Workspace) -> JobSearch:
    """The job search of the workspace, per its dendron-jobsearch.yml."""
    from .. import load_jobsearch

    return load_jobsearch(ws, load_settings_or_fail(ws))


def report(result: Any, as_json: bool, *, dry_run: bool = False, nothing: str = "") -> None:
    """Print what a writing command did: JSON, or one line per file (skips on stderr)."""
    if as_json:
        print_json(result.to_json())
        return
    for rel in result.created:
        click.echo(f"{'would create' if dry_run else 'created'} {rel}")
    for rel in result.changed:
        click.echo(f"{'would change' if dry_run else 'updated'} {rel}")
    for skip in result.skipped:
        if skip["reason"] != "exists":
            click.echo(f"skipped {skip['path']}: {skip['reason']}", err=True)
    if nothing and not result.created and not result.changed:
        click.echo(nothing)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
