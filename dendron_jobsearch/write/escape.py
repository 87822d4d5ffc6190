"""Names people give — companies, roles, interview kinds, plan and stage titles, file
names — made safe for the place in the tool's Markdown they land in, one function per place.

A name must stay text in Dendron (remark v8 and its own syntax), Obsidian and Foam
(markdown-it; Foam's core reads tags off remark's decoded text): never a link, tag, HTML
element or comment, math, a table's next column, a region marker, a Mermaid statement.
Each function leaves an ordinary name (letters, digits, single spaces, `.,()&'/+-`) as it
is; `:` and `;` too, but in a gantt, which has always dropped them.

- `text`: list items, paragraphs, headings. Backslash escapes where remark v8 knows them,
  character references (`&#36;`) where it does not (CommonMark's longer list is not its).
- `cell`: `text` for a table cell, its `|` escaped.
- `label`: the shown text of a wikilink. Inside `[[…]]` escapes are not read (Dendron keeps
  the text as written, Foam puts it into HTML as it is), so what would end the link or
  make HTML is replaced instead.
- `linkable`: whether a note name can be a link's target at all.
- `gantt`, `flowchart`: Mermaid 9.4.3 (Dendron) and 11 (Obsidian).
"""

from __future__ import annotations

import re

_BREAKS = r"\n\r\v\f\x1c-\x1e\x85\u2028\u2029"  # every line break `str.splitlines` knows
WORD_JOINER = "\N{WORD JOINER}"  # invisible; keeps Foam from reading `#x` after a space as a tag

_TEXT = re.compile(
    r"[\\`*_~\[\]<$^]"  # emphasis, code, links, HTML, math, block ids: always
    r"|&(?=#?\w+;)"  # what would read as a character reference
    r"|%(?=%)|=(?==)|:(?=:)|\{(?=\{)"  # `%%` Obsidian comment, `==` highlight, `::` Dataview
    # field, `{{` Dendron variable
    r"|(?<!\w)[#@]"  # a tag or Dendron user tag starts here (not inside `C#`, `a@b.c`)
)
_REFERENCES = {"<": "&lt;", "&": "&amp;", "$": "&#36;", "^": "&#94;", "%": "&#37;", "=": "&#61;",
               ":": "&#58;", "@": "&#64;"}  # fmt: skip


def line(value: object) -> str:
    """`value` on one line: every run of white space, line breaks of any kind (`\\n`,
    `\\r`, U+2028, U+2029, NEL) included, is one space."""
    return " ".join(str(value).split())


def _text_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "#":
        start = match.start()
        after_space = start == 0 or match.string[start - 1].isspace()
        return (WORD_JOINER if after_space else "") + "\\#"
    return _REFERENCES.get(char, "\\" + char)


def text(value: object) -> str:
    """`value` as Markdown text (a list item, a paragraph, a heading) that reads back as
    exactly `value` on one line, and makes nothing but text in any of the three apps."""
    return _TEXT.sub(_text_char, line(value))


def cell(value: object) -> str:
    """`text` for a table cell: its `|` escaped, so the row keeps its columns."""
    return text(value).replace("|", "\\|")


_LABEL = {"\\": "/", "|": "/", "[": "(", "]": ")", "<": "-", ">": "-"}
_LABEL_UNSAFE = re.compile(r"[\\|\[\]<>]|%%+")


def label(value: object) -> str:
    """A link's shown text: on one line, without what ends a link or splits its cell
    (`|`, `[`, `]`, and `>` in Dendron), makes HTML in Foam (`<`, `>`) or opens an
    Obsidian comment (`%%`); those become `/`, `(`, `)`, `-` and `%`."""
    return _LABEL_UNSAFE.sub(lambda m: _LABEL.get(m.group(0), "%"), line(value))


_UNLINKABLE = re.compile(rf"[|\[\]#>\\{_BREAKS}]")  # ends a link, starts its alias or anchor


def linkable(target: str) -> bool:
    """Whether a wikilink can name the note `target`. The tool's own names always can; a
    file someone named with a line break, `|`, `[`, `]`, `#` or `>` cannot, and is written
    as text instead."""
    return bool(target.strip()) and _UNLINKABLE.search(target) is None


_GANTT_UNSAFE = re.compile(rf"[:;#{_BREAKS}]+")
_GANTT_COMMENT = re.compile(r"%%+")
# what the gantt lexer of Mermaid 9.4.3 or 11 reads as a statement (or a date) at the start of
# a task's line, so the line no longer parses (tried in both: tests/test_hostile_names.py)
_GANTT_KEYWORD = re.compile(
    r"(?i)(?:gantt|topaxis|accdescription|section|click|call|inclusiveenddates)(?:\s|$)"
    r"|\d{4}-\d\d-\d\d"
)


def gantt(value: object, fallback: str = "stage", *, leads: bool = True) -> str:
    """A gantt title, section or task name: no `:`, `;`, `#` (syntax there), no `%%` (a
    comment to the end of the line), at most 60 characters. A name that `leads` its line
    is quoted when it begins with what the gantt syntax reads as a statement (`Click Co`,
    `Section 8`, a date)."""
    name = _GANTT_UNSAFE.sub(" ", _GANTT_COMMENT.sub("%", str(value))).strip()[:60]
    return f'"{name}"' if leads and _GANTT_KEYWORD.match(name) else name or fallback


# Mermaid's entity codes (`#quot;`, `#35;`) stand for what a quoted label cannot hold; `%%`
# would open a comment or a directive (`%%{init: …}%%`)
_FLOWCHART_CODES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
                    "%": "#37;"}  # fmt: skip
_FLOWCHART_UNSAFE = re.compile(r'[#"<>&]|%(?=%)')


def flowchart(value: object) -> str:
    """Text for a quoted flowchart label (`id["..."]`), on one line."""
    return _FLOWCHART_UNSAFE.sub(lambda m: _FLOWCHART_CODES[m.group(0)], line(value))
