"""Progress of a checklist (fixtures/tables/progress.md) and the stage status it gives."""

from __future__ import annotations

import pytest

from dendron_jobsearch.jobsearch.progress import count, derived_status
from dendron_jobsearch.vault.markdown import scan_body

from .conftest import table


@pytest.mark.parametrize(("text", "expected"), table("progress.md"))
def test_progress(text: str, expected: str) -> None:
    _, _, items = scan_body(text, "n", 1)
    progress = count(items)
    status = derived_status(progress, "")
    assert f"{progress.cookie} {progress.percent}% {status!r}\n" == expected


@pytest.mark.parametrize(
    ("current", "expected"), [("", "w"), ("w", "w"), ("x", "w"), ("b", "b"), ("d", "d"), ("m", "m")]
)
def test_a_status_set_by_hand_is_kept(current: str, expected: str) -> None:
    _, _, items = scan_body("- [x] a\n- [ ] b\n", "n", 1)
    assert derived_status(count(items), current) == expected
