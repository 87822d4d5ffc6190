"""Offers (issue 16): amounts as people write them (fixtures/tables/amounts.md), a total
that is unknown when a part does not read (never a partial sum) in every view, and an
offer's history (each figure and deadline with its day) kept in the company note."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.money import parse_money

from .conftest import table

TODAY = date(2027, 3, 2)
_CODE = re.compile(r"\\u\{([0-9A-Fa-f]+)\}")


def read_amounts(lines: str) -> str:
    """Each line and what it reads as: `number [currency]`, or `| why it is refused`."""
    out = ""
    for written in lines.splitlines():
        value = _CODE.sub(lambda m: chr(int(m.group(1), 16)), written)
        try:
            money = parse_money(value)
        except ValueError as err:
            out += f"{written} | {str(err).replace(value, written)}\n"
            continue
        assert money is not None
        number = f"{money.value:.2f}".rstrip("0").rstrip(".")
        out += f"{written} → {number}{f' {money.currency}' if money.currency else ''}\n"
    return out


@pytest.mark.parametrize(("text", "expected"), table("amounts.md"))
def test_amounts(text: str, expected: str) -> None:
    assert read_amounts(text) == expected


def company(title: str, **keys: str) -> str:
    lines = [f"{k}: {v}" for k, v in {"pipeline": "offer", **keys}.items()]
    return "\n".join(["---", f"id: {title.lower()}", f"title: {title}", *lines, "---", ""])


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), *args], env={"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
    )
    return result.exit_code, result.output
