"""`dendron-jobsearch check [--json]`: lint the workspace; exit 1 when there are errors."""

from __future__ import annotations

import click

from .. import check
from .common import json_option, load, print_json


@click.command("check")
@json_option
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Find bad frontmatter, duplicate ids, invalid names, broken links, unreadable files."""
    ws = load(ctx)
    report = check(ws)
    if as_json:
        print_json(report.to_json())
    else:
        from rich.console import Console

        console = Console(highlight=False)
        for finding in report.errors + report.warnings:
            colour = "red" if finding.severity == "error" else "yellow"
            where = f"{finding.path}:{finding.line}" if finding.line else finding.path
            console.print(
                f"[{colour}]{finding.severity}[/] {where} [dim]{finding.code}[/] {finding.message}",
                soft_wrap=True,
            )
        notes = sum(1 for n in ws.notes if not n.stub)
        console.print(
            f"{notes} notes in {len(ws.config.vaults)} vault(s): "
            f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        )
    if report.errors:
        raise SystemExit(1)
