"""Dendron's rules for note names: the lookup key, validity, hierarchy and new ids.

Dendron keeps case on disk but looks notes up by `cleanName` (lower-case, space == dash), so
every index in this package is keyed by `clean_name`.
"""

from __future__ import annotations

import re
import secrets

_ILLEGAL = re.compile(r"[(),']")
_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
ID_LENGTH = 23


def clean_name(fname: str) -> str:
    """The key Dendron indexes a note by: `Foo Bar` and `foo-bar` are the same note."""
    return fname.lower().replace(" ", "-")


def fname_problem(fname: str) -> str | None:
    """Why `fname` is not a valid Dendron note name, or None when it is.

    Dendron's `validateFname` rejects empty or space-padded segments and `(),'`; a writer
    must also refuse anything that could name a path outside the vault.
    """
    if not fname:
        return "the name is empty"
    if "/" in fname or "\\" in fname:
        return "a note name cannot contain '/' or '\\'"
    if _ILLEGAL.search(fname):
        return "hierarchy names cannot contain parentheses, commas, or single quotes"
    if ".." in fname:
        return "a hierarchy segment is empty ('..')"
    for segment in fname.split("."):
        if not segment:
            return "a hierarchy segment is empty"
        if segment != segment.strip():
            return f"the segment {segment!r} has leading or trailing spaces"
    if any(ord(ch) < 32 for ch in fname):
        return "a note name cannot contain control characters"
    return None


def parent_fname(fname: str) -> str:
    """The hierarchy parent: `a.b.c` -> `a.b`; one-segment notes are children of `root`."""
    head, dot, _ = fname.rpartition(".")
    return head if dot else "root"


def ancestors(fname: str) -> list[str]:
    """Every hierarchy level above `fname`, nearest first, ending before `root`."""
    parts = fname.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def new_note_id() -> str:
    """A fresh id in Dendron's current format: 23 characters of `[0-9a-z]`."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))
