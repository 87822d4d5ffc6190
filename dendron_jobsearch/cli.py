"""The command line: parse options, call the library, print. One module per command in
`commands/`, imported only when that command runs (start-up time matters for a tool that
is called often); nothing here knows Dendron's rules."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from . import __version__

COMMANDS = {
    "scaffold": "scaffold_cmd",
    "status": "status_cmd",
    "sync": "sync_cmd",
    "watch": "watch_cmd",
    "check": "check_cmd",
    "graph": "graph_cmd",
    "export": "export_cmd",
    "company": "company_cmd",
    "interview": "interview_cmd",
    "offer": "offer_cmd",
    "self-eval": "selfeval_cmd",
    "cache": "cache_cmd",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module on first use, and the one place an
    error of the library is shown: one line per finding on stderr (and, for a command run
    with `--json`, the error as JSON on stdout), exit 1 — never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from . import JobSearchError

        try:
            return super().invoke(ctx)
        except JobSearchError as err:
            if ctx.meta.get("json"):
                click.echo(json.dumps(err.to_json(), ensure_ascii=False, indent=2))
            for line in str(err).splitlines():
                click.echo(f"error: {line}", err=True)
            ctx.exit(1)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f".commands.{module}", __package__).command
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-w",
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Workspace folder (default: the nearest folder with dendron.yml, walking up).",
)
@click.option(
    "--dialect",
    type=click.Choice(["dendron", "obsidian", "foam"]),
    default=None,
    help="Read the vault as this tool does (default: the dialect in dendron-jobsearch.yml, "
    "else the one its marker says: dendron.yml, .obsidian/, Foam's .vscode/settings.json).",
)
@click.version_option(__version__, prog_name="dendron-jobsearch")
@click.pass_context
def main(ctx: click.Context, workspace: Path | None, dialect: str | None) -> None:
    """Run a structured job search inside a Dendron workspace, an Obsidian vault or a Foam
    workspace."""
    ctx.obj = workspace
    ctx.meta["dialect"] = dialect
    ctx.with_resource(importlib.import_module(".workspace", __package__).gc_tuning())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
