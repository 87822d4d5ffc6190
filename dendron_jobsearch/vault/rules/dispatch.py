"""The inline rules tried at a character: only those that can start there, in their order.

markdown-it tries every inline rule at every character that may start one (and again in
silent mode for each link label it looks through). On a line of such characters (`][`, `^`,
`%%`, `@`) those tries were the whole cost: some 18 rules a character, 6-13 times an
ordinary note's cost per byte. Each rule starts with one character of a few; so the rules
are grouped by that character once, and one rule stands for them all, trying the group of
the character at hand. A rule not named here (or a rule of markdown-it this version does
not know) is tried at every character, as before: behaviour stays markdown-it's.
markdown-it's `text` rule takes a run of characters up to its terminators (the characters
other rules start at): it is tried at every other character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it.rules_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]
# the characters each rule can start at (it returns False at any other, first thing)
STARTS: dict[str, str] = {
    # markdown-it's (markdown_it/rules_inline/*.py)
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
    # ours
    "dendron_abbr": "*",
    "dendron_math": "$",
    "dendron_noteref": "!",
    "dendron_wikilink": "[",
    "dendron_variable": "{",
    "dendron_hashtag": "#",
    "dendron_usertag": "@",
    "attachment_embed": "!",
    "attachment_image": "!",
    "obsidian_embed": "!",
    "obsidian_wikilink": "[",
    "obsidian_tag": "#",
}


class Dispatcher:
    """One rule trying, at each character, the rules of `named` (in order) that can start
    there (`text` wherever `terminators` do not match); `names` are all of them, in order."""

    def __init__(self, named: Sequence[tuple[str, InlineRule]], terminators: re.Pattern[str]):
        self.named = list(named)
        self.terminators = terminators
        self.names = [name for name, _ in self.named]
        self._groups: dict[str, list[InlineRule]] = {}

    def _group(self, char: str) -> list[InlineRule]:
        rules = self._groups.get(char)
        if rules is None:
            rules = [rule for name, rule in self.named if self._starts(name, char)]
            self._groups[char] = rules
        return rules

    def _starts(self, name: str, char: str) -> bool:
        if name == "text":
            return self.terminators.match(char) is None
        return char in STARTS.get(name, char)

    def __call__(self, state: StateInline, silent: bool) -> bool:
        # a loop, not `any()`: a generator a character is a good part of the cost
        for rule in self._group(state.src[state.pos]):  # noqa: SIM110
            if rule(state, silent):
                return True
        return False
