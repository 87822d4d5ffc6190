"""markdown-it-py rules for Dendron's syntax, one small rule per file.

The inline rules each mirror one of Dendron's remark tokenizers and push a `dendron_link`
token whose `meta` holds the parsed link (see `vault.links.RawLink`). Being inline rules, none
of them ever sees code spans, fenced or indented code, or raw HTML: the block rules decide
what is text. Those are markdown-it's, but where remark v8 (not CommonMark) draws a block's
bounds otherwise in a way that moves a link, a rule of the same name takes markdown-it's
place: `footnote` (as `reference`), `paragraph`, `blockquote`, `html_block`, `fence` (which
tries `math_block` first; `math_inline` is its inline half). `push_link` and
`unclosed_bracket` (below), `emphasis`, `container` and `scan` hold what several rules share;
`scan` is how every inline rule stays linear in a line's length; `dispatch` tries at each
character only the rules that can start there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .scan import scan_of

if TYPE_CHECKING:
    from markdown_it.rules_inline import StateInline

    from ..links import RawLink


def push_link(state: StateInline, link: RawLink, text: str, end: int, silent: bool) -> bool:
    """What every link rule ends with: the `dendron_link` token holding `link` (unless
    markdown-it only asks whether one starts here), then past its `text`, to `end`."""
    if not silent:
        token = state.push("dendron_link", "", 0)
        token.meta = {"link": link, "offset": state.pos}
        token.content = text
    state.pos = end
    return True


def unclosed_bracket(state: StateInline, silent: bool) -> bool:
    """At a `[` or `![` with no `]` anywhere after it, nothing can start: a link, an image
    and every wiki link or embed need one. Take the character as text, as markdown-it does
    once every rule failed, but at once: its link rule looks for the label's end through up
    to 20 nested tries, which made a line of `[` cost some 15 µs a byte."""
    src, pos = state.src, state.pos
    bracket = pos + 1 if src[pos] == "!" else pos
    if not src.startswith("[", bracket) or scan_of(state).next_at(r"\]", bracket) < len(src):
        return False
    if not silent:
        state.append_pending(src[pos])
    state.pos = pos + 1
    return True
