"""Values as the tools show them: JavaScript's `String()` of a frontmatter value, the
stand-in id of a note without one, Dendron's `tags` links. Imported by the reader and the
dialects alike (it imports neither)."""

from __future__ import annotations

import datetime
import math
from typing import Any

from .model import Link


def stable_id(*parts: str) -> str:
    """A deterministic stand-in id (for stubs and notes without one), 23 chars of [0-9a-z]."""
    import hashlib  # here: what reads a few notes with ids needs no hashlib

    digest = int.from_bytes(hashlib.sha1("\0".join(parts).encode()).digest(), "big")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = []
    for _ in range(23):
        digest, rem = divmod(digest, 36)
        out.append(alphabet[rem])
    return "".join(out)


def js_string(value: object) -> str:
    """A value as JavaScript's String() shows it, which is how Dendron shows frontmatter
    values it turns into text (dates excepted: we keep `2023-01-05`, not the local-time
    `Thu Jan 05 2023 ...` JavaScript would print)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) > 2**53:
        value = float(value)  # a JavaScript number: digits beyond double precision are lost
    if isinstance(value, float):
        if value == 0:
            return "0"  # JavaScript prints -0 as 0
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            digits, _, exponent = repr(value).replace(".0", "").partition("e+")
            if not exponent:
                return digits
            mantissa = digits.replace(".", "")
            sign = "-" if mantissa.startswith("-") else ""
            mantissa = mantissa.lstrip("-")
            return sign + mantissa + "0" * (int(exponent) + 1 - len(mantissa))
        return repr(value)
    if isinstance(value, list):
        return ",".join("" if v is None else js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def frontmatter_tags(fm: dict[str, Any]) -> list[Link] | None:
    """`tags: a` / `tags: [a, b]` become links to `tags.a`, as Dendron's `getLinks` does;
    None when `tags` is something Dendron cannot iterate (then it keeps no links at all)."""
    if "tags" not in fm or fm["tags"] is None:
        return []
    tags = fm["tags"]
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list):
        return None
    return [
        Link("frontmatterTag", f"tags.{js_string(tag)}", None, alias=_alias(tag)) for tag in tags
    ]


def _alias(tag: object) -> str | None:
    return None if tag is None else js_string(tag)
