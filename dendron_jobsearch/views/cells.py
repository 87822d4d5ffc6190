"""CSV cells a spreadsheet shows and never runs, for every CSV the tool writes.

The exports hold the person's own text (company names, roles, checklist items), and the
applications record is meant to be opened in a spreadsheet (an unemployment office will).
A cell beginning with `=`, `+`, `-`, `@`, a tab or a line break is a formula there:
`=HYPERLINK("http://evil","click")` becomes a link, and worse. As OWASP recommends (CSV
Injection), such a cell gets a leading `'` and is quoted; a spreadsheet shows its text and
runs nothing. Numbers (`-5`, `160,000`) are left as they are: a spreadsheet reads them as the
numbers they are, and dates begin with a digit. The file stays RFC 4180 (CRLF records,
quotes where a value needs them), so the csv module and Jira's importer read it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# What makes a spreadsheet read a cell as a formula, and the full-width = + - @ some read too
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def neutral(value: str) -> str:
    """`value` as text a spreadsheet will not run: a leading `'` when it (or what follows
    its leading spaces) begins like a formula and is not a number."""
    first = value[:1]
    after_spaces = value.lstrip()[:1]
    if first not in FORMULA_START and after_spaces not in FORMULA_START:
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def _field(value: str) -> str:
    safe = neutral(value)
    if safe != value or any(char in safe for char in ',"\r\n'):
        return '"' + safe.replace('"', '""') + '"'
    return safe


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """The rows as CSV: RFC 4180 (CRLF after every record, a value holding a comma, quote or
    line break quoted, its quotes doubled), every cell `neutral`, a neutralised one quoted."""
    return "".join(",".join(_field(cell) for cell in row) + "\r\n" for row in rows)


__all__ = ["FORMULA_START", "csv_text", "neutral"]
