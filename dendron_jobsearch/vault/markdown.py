"""One markdown-it-py pass over a note body yields its links, headings and checklist.

The dialect's rules are registered from its tables (`Dialect.markdown_rules`). Links come from
inline tokens, so code spans, fenced and indented code, raw HTML and math never produce
links, exactly as in Dendron's remark pipeline. Inline parsing is the expensive part of markdown-it,
so it only runs on blocks whose text could hold one of the dialect's link forms.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler

from .dialects import Dialect
from .dialects.dendron import DENDRON
from .links import RawLink
from .model import ChecklistItem, Heading, Link
from .rules import link as link_rule
from .rules.dispatch import Dispatcher
from .targets import split_target

if TYPE_CHECKING:
    from .tasks import TasksSettings

if TYPE_CHECKING:
    from markdown_it.parser_core import RuleFuncCoreType
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

CHECKBOX = re.compile(r"\[([^\]\n])\](?:[ \t]|$)")


def _selective_inline(may_link: re.Pattern[str]) -> RuleFuncCoreType:
    """markdown-it's core `inline` rule, skipping blocks where `may_link` finds nothing."""

    def inline(state: StateCore) -> None:
        md = state.md
        for token in state.tokens:
            if token.type == "inline" and may_link.search(token.content):
                token.children = []
                md.inline.parse(token.content, md, state.env, token.children)

    return inline


@cache
def parser(hashtags: bool = True, usertags: bool = True, dialect: Dialect = DENDRON) -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough (remark's `gfm: true`), raw HTML kept as
    HTML, and the dialect's rules from its tables, in their order."""
    rules = dialect.markdown_rules(hashtags, usertags)
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    for name, rule, before in rules.inline:
        md.inline.ruler.before(before, name, rule)
    for name, block_rule, alt in rules.block:
        md.block.ruler.at(name, block_rule, {"alt": alt})
    for name, block_rule, before, alt in rules.new_blocks:
        md.block.ruler.before(before, name, block_rule, {"alt": alt})
    md.inline.ruler.at("link", link_rule.link)  # markdown-it's, where a link can end
    md.inline.ruler.at("image", link_rule.image)
    md.core.ruler.at("inline", _selective_inline(rules.may_link))
    # one rule trying only the rules that can start at the character (`rules/dispatch.py`)
    ruler = md.inline.ruler
    named = list(zip(ruler.get_active_rules(), ruler.getRules(""), strict=True))
    md.inline.ruler = Ruler()
    md.inline.ruler.push("dispatch", Dispatcher(named, md.inline.terminator_re))
    return md


def _place(raw: RawLink, fname: str, line: int) -> Link:
    return Link(raw.type, raw.value or fname, line, raw.alias, raw.anchor, raw.vault)


def scan_body(
    body: str,
    fname: str,
    first_line: int,
    *,
    frontmatter: dict[str, Any] | None = None,
    hashtags: bool = True,
    usertags: bool = True,
    dialect: Dialect = DENDRON,
    tasks: TasksSettings | None = None,
) -> tuple[list[Link], list[Heading], list[ChecklistItem]]:
    """Links, headings and checklist of a note body starting at file line `first_line`;
    `frontmatter` feeds `{{fm.key}}` variables; with `tasks`, checklist items are read as
    the Tasks plugin reads task lines."""
    env: dict[str, Any] = {"fm": frontmatter or {}}
    md = parser(hashtags, usertags, dialect)
    markdown_links = dialect.markdown_rules(hashtags, usertags).markdown_links
    tokens = md.parse(body, env)
    html_lines: set[int] = env.get("html_lines", set())
    links: list[Link] = []
    headings: list[Heading] = []
    roots: list[ChecklistItem] = []
    # one entry per open list item: the checklist item it is, or None for a plain item
    open_items: list[ChecklistItem | None] = []
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            if token.children:
                collect_links(token, fname, first_line, html_lines, links, markdown_links)
        elif kind == "heading_open":
            assert token.map is not None
            text = tokens[index + 1].content
            headings.append(Heading(int(token.tag[1]), text, first_line + token.map[0]))
        elif kind == "list_item_open":
            item = _checklist_item(tokens, index, first_line, tasks)
            if item is not None:
                parent = next((it for it in reversed(open_items) if it is not None), None)
                (parent.children if parent else roots).append(item)
            open_items.append(item)
        elif kind == "list_item_close":
            open_items.pop()
    return links, headings, roots


def collect_links(
    token: Token,
    fname: str,
    first_line: int,
    html_lines: set[int],
    out: list[Link],
    markdown_links: bool = False,
) -> None:
    """The links among an inline token's children; with `markdown_links`, Markdown links
    `[text](path)` to notes too (their line: the line breaks before them)."""
    assert token.map is not None and token.children is not None
    content = token.content
    breaks = 0
    counted, lines = 0, 0  # the line breaks before `counted`: each counted once
    for child in token.children:
        kind = child.type
        if kind == "dendron_link":
            offset = child.meta["offset"]
            if offset < counted:
                counted, lines = 0, 0
            lines += content.count("\n", counted, offset)
            counted = offset
            body_line = token.map[0] + lines
            if body_line not in html_lines:  # see rules/html_block.py
                out.append(_place(child.meta["link"], fname, first_line + body_line))
        elif not markdown_links:
            continue
        elif kind in ("softbreak", "hardbreak"):
            breaks += 1
        elif kind == "link_open" and child.markup != "autolink":
            target = split_target(str(child.attrs.get("href", "")))
            if target is not None:
                raw = RawLink("markdown", target[0], None, target[1])
                out.append(_place(raw, fname, first_line + token.map[0] + breaks))


def _checklist_item(
    tokens: list[Token], index: int, first_line: int, tasks: TasksSettings | None = None
) -> ChecklistItem | None:
    """The item opened at `index` when its first paragraph starts with `[c] `."""
    if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
        return None
    inline = tokens[index + 2]
    match = CHECKBOX.match(inline.content)
    if match is None or inline.map is None:
        return None
    text = inline.content[match.end() :].split("\n", 1)[0].strip()
    status = match.group(1)
    item = ChecklistItem(status, text, first_line + inline.map[0])
    if tasks is not None and (not tasks.global_filter or tasks.global_filter in text):
        from .tasks import parse_task

        item.fields = parse_task(text)
        item.status_type = tasks.status_type(status)
    return item
