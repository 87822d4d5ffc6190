"""Parsing on every core: this process works beside the workers, and the order is kept."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from dendron_jobsearch.vault.parallel import map_shared


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_this_process_and_the_workers_share_the_work_and_keep_the_order() -> None:
    seen: list[tuple[int, int]] = []
    results = map_shared(
        square_and_pid, list(range(400)), 2, lambda done, total: seen.append((done, total))
    )
    assert [square for square, _ in results] == [n * n for n in range(400)]
    pids = {pid for _, pid in results}
    # the first chunks go to the worker at once; the last ones are still queued when this
    # process starts taking them back
    assert os.getpid() in pids and len(pids) == 2
    assert seen[-1] == (400, 400) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def die_in_a_worker(number: int) -> int:
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # as a worker killed by the system would end
    return number


# The executor's own thread then trips over the chunks this process took back (cancelled
# futures): CPython gh-107219, fixed in 3.12 (python/cpython#108974). Harmless: its noise.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_what_a_dead_worker_left_is_parsed_here() -> None:
    assert map_shared(die_in_a_worker, list(range(200)), 2) == list(range(200))
