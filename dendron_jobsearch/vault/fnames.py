"""Dendron's note-name rules under the names other layers import them by. The rules live in
the Dendron dialect (`dialects/dendron.py`); code that holds a workspace asks its index's
dialect instead."""

from __future__ import annotations

from .dialects.dendron import DENDRON

clean_name = DENDRON.clean_name
fname_problem = DENDRON.fname_problem
