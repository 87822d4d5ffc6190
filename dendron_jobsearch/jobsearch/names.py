"""Dendron's names of the notes the tool keeps, under the names older code imports them by:
the names themselves come from the vault's `Layout` (`layout.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .layout import Layout, slug

if TYPE_CHECKING:
    from .plan import Stage

__all__ = ["company_prefix", "dashboard_fname", "slug", "stage_fname"]


def stage_fname(hierarchy: str, stage: Stage) -> str:
    return Layout(hierarchy).stage(stage)


def dashboard_fname(hierarchy: str) -> str:
    return Layout(hierarchy).dashboard


def company_prefix(hierarchy: str) -> str:
    return Layout(hierarchy).company_prefix
