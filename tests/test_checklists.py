"""Checklist items keep their status character and their nesting (fixtures/tables/checklists.md)."""

from __future__ import annotations

import pytest

from dendron_jobsearch.vault.markdown import scan_body
from dendron_jobsearch.vault.model import ChecklistItem

from .conftest import table


def render(items: list[ChecklistItem], depth: int = 0) -> str:
    out = ""
    for item in items:
        out += f"{'  ' * depth}[{item.status}] {item.text} @{item.line}\n"
        out += render(item.children, depth + 1)
    return out


@pytest.mark.parametrize(("text", "expected"), table("checklists.md"))
def test_checklists(text: str, expected: str) -> None:
    _, _, items = scan_body(text, "n", 1)
    assert render(items) == expected
