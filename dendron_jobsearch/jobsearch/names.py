"""The names of the notes the tool keeps: stage notes, the dashboard, companies."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plan import Stage


def slug(text: str) -> str:
    """A lower-case, dash-separated fname segment (no dots, nothing Dendron forbids)."""
    cleaned = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    return cleaned[:60].rstrip("-") or "stage"


def stage_fname(hierarchy: str, stage: Stage) -> str:
    return f"{hierarchy}.stage.{stage.number:02d}-{slug(stage.title)}"


def dashboard_fname(hierarchy: str) -> str:
    return f"{hierarchy}.dashboard"


def company_prefix(hierarchy: str) -> str:
    return f"{hierarchy}.company."
