"""Where an emphasis ends for remark v8 (which Dendron uses), for a tag written inside one.

remark's emphasis, strong and strikethrough tokenizers know no flanking rules: `*` runs to
the first single `*` (a `**` inside is skipped as a pair), `_` to the first `_` not followed
by a word character, `**` to the first `**` not followed by a third `*` (or, with none, its
second `*` to the first single one), `~~` to the next `~~` after a non-space. A tag inside
ends there at the latest: in `*@**Name** said*` the user tag is `@**Name**`, where
markdown-it would end the emphasis at the first `*`.
"""

from __future__ import annotations


def closing_at(text: str, opener: str) -> int | None:
    """Where in `text` (which starts inside the emphasis) the emphasis `opener` opened ends,
    or None when remark finds no end (then the opener is plain text)."""
    if opener in ("*", "_"):
        return _single(text, opener)
    if opener in ("**", "__"):
        # a strong that does not close leaves its second mark to open an emphasis
        end = _double(text, opener[0])
        return _single(text, opener[0]) if end is None else end
    if opener == "~~":
        index = text.find("~~", 1)
        while index > 0 and text[index - 1].isspace():
            index = text.find("~~", index + 1)
        return None if index < 0 else index
    return next((i for i, char in enumerate(text) if char in opener), None)


def _single(text: str, marker: str) -> int | None:
    """remark gives up at a closer right after a skipped pair (`*a **b***`) or with nothing
    before it."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == marker:
            after = text[index + 1 : index + 2]
            if after == marker:
                index += 2
                continue
            if not (marker == "_" and (after.isalnum() or after == "_")):
                before = text[index - 1 : index]
                return None if before == marker or not text[:index].strip() else index
        index += 1
    return None


def _double(text: str, marker: str) -> int | None:
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(marker * 2, index) and text[index + 2 : index + 3] != marker:
            return index if text[:index].strip() else None
        index += 1
    return None
