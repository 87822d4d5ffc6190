"""`#tag` — a link to `tags.tag` (remark `hashtag.ts`), only at text start or after white space."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

from ..links import RawLink
from . import push_link
from .emphasis import closing_at

# Dendron's PUNCTUATION_MARKS, verbatim; tags end before any of them.
PUNCTUATION = ",;:'\"<>()?!`~«‹»›„“‟”’❝❞❮❯⹂〝〞〟＂‚‘‛❛❜❟［］【】…‥「」『』·؟،।॥‽⸘¡¿⁈⁉"  # noqa: RUF001
_P = re.escape(PUNCTUATION)
_FIRST = rf"[^0-9#@|\[\]\s.{_P}]"
_MIDDLE = rf"[^@#|\[\]\s{_P}]"
_END = _MIDDLE  # Dendron 0.122 lets a tag end in a period: `#dolores.` -> `tags.dolores.`
HASHTAG = re.compile(rf"#(?P<tag>{_FIRST}{_MIDDLE}*{_END}|{_FIRST})")


# Characters where one of remark's other inline tokenizers may start (their "locators") but
# markdown-it may leave plain text: remark's text run stops there, so a tag symbol after one
# of them is looked at afresh.
_STOPS = frozenset("[!<\\^{")
_URL_STARTS = ("http://", "https://", "mailto:", "www.")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_DELIMITERS = frozenset("*_~")
# `[text] [label` : remark v8 reads a reference label here, whose text it does not parse
_GROUPS_BEFORE = re.compile(r"(?:\[[^\[\]\n]*\][ \t]*)+\[[^\[\]\n]*$")
_GROUP = re.compile(r"\[[^\[\]\n]*\]")


_GROUP_END = re.compile(r"\[[^\[\]\n]*\]$")


def in_reference_label(src: str, pos: int) -> bool:
    """remark v8 pairs bracket groups into references, `[text] [label]` (a space allowed),
    and does not parse a label's text: is `pos` inside such a label? Groups pair up from
    the left, so it is when an odd number of whole groups stands right before."""
    match = _GROUPS_BEFORE.search(src, 0, pos)
    return match is not None and len(_GROUP.findall(match.group(0))) % 2 == 1


def tag_start(state: StateInline) -> str | None:
    """Whether a tag (`#x` or `@x`) may start at `state.pos`, as remark decides it: None if
    not, else the characters of an emphasis the tag sits in (it must stop before them).

    remark reads text in runs that end wherever another construct starts; within a run,
    Dendron's locator wants the start of the run or white space before the symbol, and it
    gives up at the first symbol glued to a word (`a#b #c` has no tag), until the next run.
    markdown-it's `pending` text is exactly the current run: everything since the last token
    (link, code, emphasis mark, line break, ...)."""
    run = state.pending
    if in_reference_label(state.src, state.pos):
        return None
    previous = state.tokens[-1] if state.tokens else None
    entity = previous is not None and previous.type == "text_special" and previous.info == "entity"
    if not run and entity:  # remark decodes entities inside its text run: still glued
        return None
    if not run:  # right after another token: a fresh run
        if (
            previous is not None
            and previous.type == "text"
            and set(previous.content) <= _DELIMITERS
        ):
            delimiter = _delimiter_before(state)
            if delimiter is not None and delimiter.close and not delimiter.open:
                return ""  # right after an emphasis closed: a fresh run
            opener = previous.content
            if delimiter is not None and opener in "*_":
                opener *= delimiter.length  # markdown-it pushes a `**` run mark by mark
            if not _closes_later(state, opener):
                return None  # an opening mark that never closes is plain text in remark
            return opener  # inside emphasis or strikethrough
        return ""
    if run.endswith("[") or _GROUP_END.search(run):  # remark: any `[...]` is a node of its own
        return "["
    if not run[-1].isspace():
        return None
    return None if _hidden_by_earlier_symbol(run, state.src[state.pos]) else ""


def _closes_later(state: StateInline, opener: str) -> bool:
    """Whether the emphasis mark just before the tag is an opener with a closer after it, or
    itself a closer (remark parses emphasis only when it finds both ends)."""
    delimiter = _delimiter_before(state)
    if delimiter is None or not delimiter.open:
        return True
    return closing_at(state.src[state.pos : state.pos + 512], opener) is not None


def _delimiter_before(state: StateInline) -> Delimiter | None:
    for delimiter in reversed(state.delimiters):
        if delimiter.token == len(state.tokens) - 1:
            return delimiter
    return None


def _hidden_by_earlier_symbol(run: str, symbol: str) -> bool:
    index = len(run) - 1
    while index >= 0:
        char = run[index]
        if char in _STOPS:
            return False
        if char in "#@":
            after_space = index == 0 or run[index - 1].isspace()
            if char != symbol and after_space:
                return False  # the other kind of tag was located: the run stopped there
            if char == symbol and not after_space:
                head = run[:index].rsplit(None, 1)[-1] if run[:index].strip() else ""
                tail = run[index:].split(None, 1)[0]
                # inside a bare URL or an e-mail address, which remark (gfm) makes a link
                return not (head.startswith(_URL_STARTS) or _EMAIL.fullmatch(head + tail))
            if char == "@" and not after_space and symbol == "#":
                head = run[:index].rsplit(None, 1)[-1] if run[:index].strip() else ""
                if _EMAIL.fullmatch(head + run[index:].split(None, 1)[0]):
                    return False
        index -= 1
    return False


def cut_at_closer(text: str, opener: str) -> str:
    """`**#bold**` is the tag `bold`: a tag inside emphasis ends where the emphasis closes
    (for remark: `rules/emphasis.py`)."""
    if not opener or not set(opener) <= _DELIMITERS:
        return text
    end = closing_at(text, opener)
    return text if end is None else text[:end]


def hashtag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#":
        return False
    opener = tag_start(state)
    if opener is None:
        return False
    match = HASHTAG.match(cut_at_closer(state.src[state.pos : state.pos + 512], opener))
    if match is None:
        return False
    link = RawLink("hashtag", f"tags.{match.group('tag')}", alias=match.group(0))
    return push_link(state, link, match.group(0), state.pos + match.end(), silent)
