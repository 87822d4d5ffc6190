"""Dendron's default note title, ported from ``NoteUtils.genTitle``.

Dendron gives a new note, and every stub it invents for a missing parent in
the hierarchy, a title derived from its file name. Stubs are never written to
disk, so the only way to show the same title Dendron shows is to derive it the
same way. ``genTitle`` (dendronhq/dendron ``packages/common-all/src/dnode.ts``)
feeds the last dot-segment of the name to the npm package ``title``
(vercel/title 3.5.3, what Dendron 0.122.0's ``^3.4.4`` resolves to), ported here rule for rule.

JavaScript semantics kept on purpose: ``\\s`` is JavaScript's whitespace set,
``\\b`` and the case-insensitive special-word match are ASCII-only (a regex
without the ``u`` flag), each special word is pasted into its regex unescaped
(so its ``.`` matches any character but a line terminator), and a first
character outside the BMP is left as is (JavaScript upper-cases one UTF-16 code
unit, half of a surrogate pair).
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["gen_title"]

# vercel/title lib/lower-case.js: kept lower case unless first or last.
CONJUNCTIONS: tuple[str, ...] = ("for", "and", "nor", "but", "or", "yet", "so")
ARTICLES: tuple[str, ...] = ("a", "an", "the")
PREPOSITIONS: tuple[str, ...] = (
    "aboard", "about", "above", "across", "after", "against", "along", "amid",
    "among", "anti", "around", "as", "at", "before", "behind", "below",
    "beneath", "beside", "besides", "between", "beyond", "but", "by",
    "concerning", "considering", "despite", "down", "during", "except",
    "excepting", "excluding", "following", "for", "from", "in", "inside",
    "into", "like", "minus", "near", "of", "off", "on", "onto", "opposite",
    "over", "past", "per", "plus", "regarding", "round", "save", "since",
    "than", "through", "to", "toward", "towards", "under", "underneath",
    "unlike", "until", "up", "upon", "versus", "via", "with", "within",
    "without",
)  # fmt: skip
LOWER_CASE_WORDS: frozenset[str] = frozenset((*CONJUNCTIONS, *ARTICLES, *PREPOSITIONS))

# vercel/title 3.5.3 lib/specials.js, in order (order matters: later entries
# can re-case what earlier ones produced).
SPECIALS: tuple[str, ...] = (
    "ZEIT", "ZEIT Inc.", "Vercel", "Vercel Inc.", "CLI", "API", "HTTP", "HTTPS",
    "JSX", "DNS", "URL", "now.sh", "now.json", "vercel.app", "vercel.json",
    "CI", "CD", "CDN", "package.json", "package.lock", "yarn.lock", "GitHub",
    "GitLab", "CSS", "Sass", "JS", "JavaScript", "TypeScript", "HTML",
    "WordPress", "Next.js", "Node.js", "Webpack", "Docker", "Bash",
    "Kubernetes", "SWR", "TinaCMS", "UI", "UX", "TS", "TSX", "iPhone", "iPad",
    "watchOS", "iOS", "iPadOS", "macOS", "PHP", "composer.json", "composer.lock",
    "CMS", "SQL", "C", "C#", "GraphQL", "GraphiQL", "JWT", "JWTs",
)  # fmt: skip

# JavaScript's \s (WhiteSpace + LineTerminator); Python's \s differs
# (it adds \x1c-\x1f and \x85, and lacks \ufeff).
_JS_WS = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# A word character: anything but whitespace, quotes, parentheses and !?;:"-
_WORD = f"[^{_JS_WS}'\u2019()!?;:\"-]"
# (lead)(forced) | (lower), then (rest): a word is "forced" to a capital when it
# starts the string or follows . ( ) ! ? ; : " or -.
_WORD_RE = re.compile(
    f'(?:(?:([{_JS_WS}]?(?:^|[.()!?;:"-])[{_JS_WS}]*)({_WORD}))|({_WORD}))'
    f"({_WORD}*[\u2019']*{_WORD}*)"
)
_JS_WS_RE = re.compile(f"[{_JS_WS}]")
# JavaScript's "." outside a class: any character but a line terminator.
_JS_DOT = "[^\n\r\u2028\u2029]"


def _special_pattern(special: str) -> re.Pattern[str]:
    """``new RegExp(`\\b${special}\\b`, "gi")``: the word goes in unescaped."""
    body = "".join(_JS_DOT if ch == "." else re.escape(ch) for ch in special)
    return re.compile(rf"\b{body}\b", re.IGNORECASE | re.ASCII)


@cache
def _special_res() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, re.sub template) per special, compiled on first use to keep start-up fast;
    backslashes escaped (no special contains "$" or "\\")."""
    return tuple((_special_pattern(s), s.replace("\\", r"\\")) for s in SPECIALS)


def _js_upper_first(ch: str) -> str:
    # JavaScript upper-cases one UTF-16 code unit: a lone surrogate is unchanged.
    return ch.upper() if ord(ch) <= 0xFFFF else ch


def _capitalize(m: re.Match[str]) -> str:
    whole = m.group(0)
    lead, forced, lower, rest = m.group(1) or "", m.group(2), m.group(3), m.group(4)
    first = whole[0]
    if _JS_WS_RE.match(first):
        parsed = whole[1:]
    elif first in "()":
        return whole
    else:
        parsed = whole
    if forced is None:
        is_last_word = m.end() >= len(m.string)
        if lower + rest in LOWER_CASE_WORDS and not is_last_word:
            return parsed
        return _js_upper_first(lower) + rest
    return lead + _js_upper_first(forced) + rest


def _title(text: str) -> str:
    """vercel/title 3.5.3 with no options."""
    out = _WORD_RE.sub(_capitalize, text.lower())
    for pattern, template in _special_res():
        out = pattern.sub(template, out)
    return out


def _basename(fname: str) -> str:
    """``DNodeUtils.basename(fname, true)``: strip ``.md``, keep the last dot-segment."""
    if fname.endswith(".md"):
        fname = fname[:-3]
    return fname.split(".")[-1]


def gen_title(fname: str) -> str:
    """Title Dendron gives a note named ``fname`` when none is set (new notes, stubs).

    An all-lower-case name is title-cased from its last dot-segment, hyphens read
    as spaces; a name with any upper case letter keeps that segment verbatim.
    """
    base = _basename(fname)
    if fname.lower() == fname:
        return _title(base.replace("-", " "))
    return base
