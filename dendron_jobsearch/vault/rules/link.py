"""markdown-it's own `link` and `image` rules, tried only where a link can end.

At each `[` markdown-it looks for the label's end through every inline rule, up to 20
nested tries deep, before it knows there is no link: a pasted line of `[` closed once at the
end cost 20-30 µs a byte, ten times an ordinary note. A link or image needs its label's `]`
followed by `(`, unless the note defines references (`[label]: url`, then `[label]` and
`[label][ref]` are links too). So with no reference defined and no `](` anywhere after the
`[`, neither rule can succeed: say so at once, as they would after looking.
"""

from __future__ import annotations

from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as markdown_it_image
from markdown_it.rules_inline.link import link as markdown_it_link

from .scan import scan_of


def _cannot_end(state: StateInline, opener: str) -> bool:
    if not state.src.startswith(opener, state.pos) or state.env.get("references"):
        return False
    return scan_of(state).next_at(r"\]\(", state.pos) >= len(state.src)


def link(state: StateInline, silent: bool) -> bool:
    return not _cannot_end(state, "[") and markdown_it_link(state, silent)


def image(state: StateInline, silent: bool) -> bool:
    return not _cannot_end(state, "![") and markdown_it_image(state, silent)
