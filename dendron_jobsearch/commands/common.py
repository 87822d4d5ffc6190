"""What every command shares: opening the workspace with a progress bar, the `--json`
option, and reporting what a writing command did. Errors are not handled here: the library
raises `JobSearchError` and `cli.LazyGroup` shows it once."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import open_workspace

if TYPE_CHECKING:
    from .. import Finding, JobSearch, Settings, Workspace, WriteResult

F = TypeVar("F", bound=Callable[..., Any])


def json_option(function: F) -> F:
    """`--json`; remembered in the context so an error is printed as JSON too."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.meta["json"] = value
        return value

    option = click.option(
        "--json",
        "as_json",
        is_flag=True,
        callback=remember,
        help="Machine-readable output on stdout.",
    )
    return option(function)


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
    """Open the workspace named by `-w` (or found from here)."""
    with workspace_errors(), _progress_bar() as progress:
        return open_workspace(
            ctx.find_root().obj, progress=progress, lazy=True, dialect=dialect_of(ctx)
        )


def dialect_of(ctx: click.Context) -> str | None:
    """The global `--dialect`, if given."""
    value = ctx.meta.get("dialect")
    return value if isinstance(value, str) else None


@contextmanager
def workspace_errors() -> Iterator[None]:
    """No workspace at all is said plainly, with what to do (the library knows nothing of
    -w; the command line does)."""
    from .. import WorkspaceError

    try:
        yield
    except WorkspaceError as err:
        finding = err.finding
        if finding.code != "workspace-missing":
            raise
        if Path(finding.path).is_dir():
            click.echo(f"error: {finding.message}, or point -w at one", err=True)
        else:
            click.echo(f"error: {finding.path}: {finding.message}", err=True)
        raise SystemExit(1) from None


TODAY_VARIABLE = "DENDRON_JOBSEARCH_TODAY"


class Day(click.DateTime):
    """A `YYYY-MM-DD` option, within the days a search can name (1900 to 2999: a day near
    9999-12-31 would overflow the first week added to it)."""

    name = "day"

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .. import in_range

        found = super().convert(value, param, ctx)
        try:
            in_range(found.date())
        except ValueError as err:
            self.fail(str(err), param, ctx)
        return found


def today() -> date:
    """What day it is: `$DENDRON_JOBSEARCH_TODAY` (YYYY-MM-DD) when set — for tests and for
    re-running a day — else the calendar's."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    from .. import in_range

    try:
        return in_range(date.fromisoformat(value))
    except ValueError:
        raise click.UsageError(
            f"{TODAY_VARIABLE}={value!r} is not a date like 2027-01-04 (1900 to 2999)"
        ) from None


def load_settings(ws: Workspace) -> Settings:
    from .. import load_settings as load

    return load(ws.root)


def load_search(ws: Workspace) -> JobSearch:
    """The job search of the workspace, per its dendron-jobsearch.yml."""
    from .. import load_jobsearch

    return load_jobsearch(ws, load_settings(ws), today())


def show_findings(findings: list[Finding], *, exit_on_error: bool = True) -> None:
    """The notes a command needed and could not read (errors) and values it could not
    parse (warnings), one line each on stderr; exit 1 if any is an error (unless the
    command goes on, as `watch` does until they are fixed)."""
    for finding in findings:
        click.echo(f"{finding.severity}: {finding}", err=True)
    if exit_on_error and any(f.severity == "error" for f in findings):
        raise SystemExit(1)


def report(result: WriteResult, as_json: bool, *, dry_run: bool = False, nothing: str = "") -> None:
    """Print what a writing command did: JSON, or one line per file (skips on stderr);
    exit 1 when it needed a note it could not read."""
    if as_json:
        print_json(result.to_json())
        raise SystemExit(0 if result.ok else 1)
    for rel in result.created:
        click.echo(f"{'would create' if dry_run else 'created'} {rel}")
    for rel in result.changed:
        if dry_run and rel in result.diffs:
            click.echo(result.diffs[rel], nl=False)
        else:
            click.echo(f"{'would change' if dry_run else 'updated'} {rel}")
    for skip in result.skipped:
        if skip["reason"] != "exists":
            click.echo(f"skipped {skip['path']}: {skip['reason']}", err=True)
    if nothing and not result.created and not result.changed and result.ok:
        click.echo(nothing)
    show_findings(result.findings)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
