"""Links come out of a note body the way Dendron's parser finds them (fixtures/tables/links.md)."""

from __future__ import annotations

import pytest

from dendron_jobsearch.vault.markdown import scan_body
from dendron_jobsearch.vault.model import Link

from .conftest import table


def render(link: Link) -> str:
    parts = [link.type, link.value]
    for name in ("alias", "anchor", "vault"):
        value = getattr(link, name)
        if value is not None:
            parts.append(f"{name}={value!r}")
    parts.append(f"line={link.line}")
    return " ".join(parts)


@pytest.mark.parametrize(("text", "expected"), table("links.md"))
def test_links(text: str, expected: str) -> None:
    links, _, _ = scan_body(text, "this.note", 1)
    assert "".join(render(link) + "\n" for link in links) == expected


def test_variables_splice_frontmatter_values() -> None:
    text = "intro\n\nShipped: {{fm.notes}} and {{ fm.missing }}\n"
    fm = {"notes": "[[Ready|dendron://private/weekly.2021#ready]]"}
    links, _, _ = scan_body(text, "n", 10, frontmatter=fm)
    assert [render(link) for link in links] == [
        "wiki weekly.2021 alias='Ready' anchor='ready' vault='private' line=12"
    ]


def test_hashtags_and_user_tags_can_be_switched_off() -> None:
    links, _, _ = scan_body("#tag @user [[x]]", "n", 1, hashtags=False, usertags=False)
    assert [link.value for link in links] == ["x"]


def test_headings_are_listed_with_level_and_line() -> None:
    _, headings, _ = scan_body("# One\n\ntext\n\n## Two [[x]]\nSetext\n---\n", "n", 5)
    assert [(h.level, h.text, h.line) for h in headings] == [
        (1, "One", 5),
        (2, "Two [[x]]", 9),
        (2, "Setext", 10),
    ]
