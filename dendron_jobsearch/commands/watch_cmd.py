"""`dendron-jobsearch watch [--poll]`: sync continuously while notes are edited."""

from __future__ import annotations

import click

from .. import Watcher, sync
from .common import load, load_settings, show_findings, today


@click.command("watch")
@click.option("--poll", is_flag=True, help="Poll for changes (file systems without inotify).")
@click.option(
    "--debounce", type=float, default=0.3, show_default=True, help="Seconds of quiet per note."
)
@click.pass_context
def command(ctx: click.Context, poll: bool, debounce: float) -> None:
    """Keep stage statuses, progress lines, the plan and the dashboard up to date; Ctrl-C
    stops (nothing is ever half-written)."""
    ws = load(ctx)
    settings = load_settings(ws)
    first = sync(ws, settings, today=today())
    if first.changed:
        click.echo(f"brought {len(first.changed)} note(s) up to date")
    show_findings(first.findings, exit_on_error=False)  # watching goes on until fixed
    watcher = Watcher(ws, settings, poll=poll, debounce=debounce, log=click.echo, clock=today)
    watcher.start()
    folders = len(ws.config.vaults)
    click.echo(f"watching {folders} vault(s) in {ws.root}; Ctrl-C to stop")
    try:
        watcher.run()
    except KeyboardInterrupt:
        watcher.stop()
    click.echo("stopped")
