"""Text made safe for the Mermaid diagrams the tool writes (Mermaid 9.4.3, the version
Dendron's preview bundles)."""

from __future__ import annotations

import re

_GANTT_UNSAFE = re.compile(r"[:;#\n\r]+")
# Mermaid's entity codes (`#quot;`, `#35;`) stand for what a quoted label cannot hold
_LABEL_CODES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}


def gantt_name(text: str, fallback: str = "stage") -> str:
    """A gantt task or section name: no `:`, `;`, `#` (Mermaid reads them as syntax)."""
    return _GANTT_UNSAFE.sub(" ", text).strip()[:60] or fallback


def label(text: str) -> str:
    """Text for a quoted flowchart label (`id["..."]`), on one line."""
    return "".join(_LABEL_CODES.get(c, c) for c in " ".join(text.split()))
