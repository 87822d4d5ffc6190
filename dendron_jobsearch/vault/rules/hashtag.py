"""`#tag` — a link to `tags.tag` (remark `hashtag.ts`), only at text start or after white space."""

from __future__ import annotations

import re
from bisect import bisect_left

from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

from ..links import RawLink
from . import push_link
from .emphasis import closing_at
from .scan import BRACKETS, scan_of

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
# for one tag symbol: the run last looked through (tokens before it, its length), and what
# `_hidden_by_earlier_symbol` found there (see `_hidden`)
_Seen = tuple[int, int, bool]


def in_reference_label(state: StateInline) -> bool:
    """remark v8 pairs bracket groups into references, `[text] [label]` (a space allowed),
    and does not parse a label's text: is `state.pos` inside such a label? Groups pair up
    from the left, so it is when an odd number of whole groups stands right before."""
    src, pos = state.src, state.pos
    end = pos - 1 if pos and src[pos - 1] == "\n" else pos  # as `$` matches before a last `\n`
    scan = scan_of(state)
    label = scan.last_before(BRACKETS, end)
    if label < 0 or src[label] != "[":
        return False
    return scan.groups_before(label, " \t")[0] % 2 == 1


def tag_start(state: StateInline) -> str | None:
    """Whether a tag (`#x` or `@x`) may start at `state.pos`, as remark decides it: None if
    not, else the characters of an emphasis the tag sits in (it must stop before them).

    remark reads text in runs that end wherever another construct starts; within a run,
    Dendron's locator wants the start of the run or white space before the symbol, and it
    gives up at the first symbol glued to a word (`a#b #c` has no tag), until the next run.
    markdown-it's `pending` text is exactly the current run: everything since the last token
    (link, code, emphasis mark, line break, ...). Nothing starts inside a reference label."""
    opener = _run_start(state)
    return None if opener is None or in_reference_label(state) else opener


def _run_start(state: StateInline) -> str | None:
    """`tag_start`, but for reference labels: what the run of text before decides."""
    run = state.pending
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
            if delimiter is not None and delimiter.close and _closes_earlier(state, opener):
                return ""  # `**Role:**@**Name**`: an emphasis closed after all, for remark
            if not _closes_later(state, opener):
                return None  # an opening mark that never closes is plain text in remark
            return opener  # inside emphasis or strikethrough
        return ""
    if run.endswith("[") or _ends_in_group(state, run):  # remark: any `[...]` is a node of its own
        return "["
    if not run[-1].isspace():
        return None
    return None if _hidden(state, run, state.src[state.pos]) else ""


def _ends_in_group(state: StateInline, run: str) -> bool:
    """Whether `run` ends in a bracket group `[...]` (before one final line break, as `$`
    matches). Remembered per run: silent tries inside a link label all see the same one."""
    end = len(run) - 1 if run.endswith("\n") else len(run)
    if not run.endswith("]", 0, end):
        return False
    key = (len(state.tokens), len(run))
    known: dict[tuple[int, int], bool] = scan_of(state).derived(_new_memo)
    if key not in known:
        index = end - 2
        while index >= 0 and run[index] not in "[]\n":
            index -= 1
        known[key] = index >= 0 and run[index] == "["
    return known[key]


def _new_memo(src: str) -> dict[tuple[int, int], bool]:
    return {}


def _new_seen(src: str) -> dict[str, _Seen]:
    return {}


def _hidden(state: StateInline, run: str, symbol: str) -> bool:
    """`_hidden_by_earlier_symbol`, each character of a run looked through once a symbol.

    Within a run (as long as no token is pushed) text is only added at its end, and this is
    asked only when the run ends in white space, where no word goes on: what the run held
    the last time it was asked decides as it did then, so only what came since is new."""
    seen = scan_of(state).derived(_new_seen)
    tokens, before = len(state.tokens), seen.get(symbol)
    if before is not None and before[0] == tokens and before[1] <= len(run):
        found = _hidden_by_earlier_symbol(run, symbol, before[1])
        hidden = before[2] if found is None else found
    else:
        hidden = bool(_hidden_by_earlier_symbol(run, symbol, 0))
    seen[symbol] = (tokens, len(run), hidden)
    return hidden


def _closes_later(state: StateInline, opener: str) -> bool:
    """Whether the emphasis mark just before the tag is an opener with a closer after it, or
    itself a closer (remark parses emphasis only when it finds both ends)."""
    delimiter = _delimiter_before(state)
    if delimiter is None or not delimiter.open:
        return True
    return closing_at(state.src[state.pos : state.pos + 512], opener) is not None


def _closes_earlier(state: StateInline, marks: str) -> bool:
    """Whether `marks`, right before the tag, close an emphasis opened before them as remark
    pairs marks: without flanking rules, so the `**` of `**Role:**@x`, which markdown-it may
    take for an opener (punctuation before it and after), closes the first one."""
    if marks[0] not in "*_" or len(marks) > 2:
        return False
    closers = scan_of(state).derived(_star_closers if marks[0] == "*" else _underscore_closers)
    return state.pos - len(marks) in closers


def _star_closers(src: str) -> frozenset[int]:
    return _closers(src, "*")


def _underscore_closers(src: str) -> frozenset[int]:
    return _closers(src, "_")


def _closers(src: str, marker: str) -> frozenset[int]:
    """Where the marks closing an emphasis or strong of `marker` start, pairing runs of marks
    from the left as remark does (each opener's end: `closing_at`, within 512 characters as
    for tags; what is inside a pair is not paired again). Marks after a tag symbol in the
    same word are the tag's (`@Name**`), no emphasis; a bracket group is a node of its own
    in remark, so no pair reaches into or out of one."""
    closers: set[int] = set()
    brackets = [found.start() for found in re.finditer(r"[\[\]]", src)]
    resume, in_tag = 0, False
    for found in re.finditer(rf"(\s)|([@#])|{re.escape(marker)}+", src):
        start, end = found.span()
        if found.group(1) or found.group(2):
            in_tag = found.group(2) is not None
            continue
        if in_tag or start < resume or end - start > 2:
            continue
        after = bisect_left(brackets, end)
        stop = min(end + 512, brackets[after] if after < len(brackets) else len(src))
        close = closing_at(src[end:stop], found.group(0))
        if close is not None:
            closers.add(end + close)
            resume = end + close + 1
    return frozenset(closers)


def _delimiter_before(state: StateInline) -> Delimiter | None:
    for delimiter in reversed(state.delimiters):
        if delimiter.token == len(state.tokens) - 1:
            return delimiter
    return None


def _hidden_by_earlier_symbol(run: str, symbol: str, stop: int) -> bool | None:
    """Looking back from the run's end to `stop`: whether a symbol before hides this one
    (None when nothing there decides)."""
    index = len(run) - 1
    word: tuple[int, int] = (len(run), len(run))  # the last word looked at, and its e-mail
    email = False
    while index >= stop:
        char = run[index]
        if char in _STOPS:
            return False
        if char in "#@":
            after_space = index == 0 or run[index - 1].isspace()
            if char != symbol and after_space:
                return False  # the other kind of tag was located: the run stopped there
            if not after_space and (char == symbol or symbol == "#"):
                if not word[0] <= index < word[1]:
                    word = _word_at(run, index)
                    email = _EMAIL.fullmatch(run, *word) is not None
                if char == symbol:
                    # inside a bare URL or an e-mail address, which remark (gfm) makes a link
                    return not (run.startswith(_URL_STARTS, word[0], index) or email)
                if email:  # an `@` inside an e-mail address, before a `#`
                    return False
        index -= 1
    return None


def _word_at(run: str, index: int) -> tuple[int, int]:
    """Where the white-space-delimited word holding `run[index]` starts and ends."""
    start, end = index, index
    while start > 0 and not run[start - 1].isspace():
        start -= 1
    while end < len(run) and not run[end].isspace():
        end += 1
    return start, end


def tag_end(state: StateInline, opener: str) -> int:
    """Where a tag at `state.pos` ends at the latest: 512 characters on, or where the
    emphasis it sits in closes (`**#bold**` is the tag `bold`; for remark:
    `rules/emphasis.py`). The tag's pattern is matched up to there, the text not copied."""
    end = min(len(state.src), state.pos + 512)
    if opener and set(opener) <= _DELIMITERS:
        close = closing_at(state.src[state.pos : end], opener)
        if close is not None:
            end = state.pos + close
    return end


def hashtag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#":
        return False
    opener = tag_start(state)
    if opener is None:
        return False
    match = HASHTAG.match(state.src, state.pos, tag_end(state, opener))
    if match is None:
        return False
    link = RawLink("hashtag", f"tags.{match.group('tag')}", alias=match.group(0))
    return push_link(state, link, match.group(0), match.end(), silent)
