"""Parsing many note files on every core, this process included.

Parsing is pure Python (markdown-it-py), so only processes run it side by side. Worker
processes are never forked from this one (it may have threads, a watcher's or the caller's,
holding locks; macOS has no safe fork): they come from a fork server on Linux and are fresh
interpreters elsewhere, and a fresh worker needs ~0.1-0.2 s before it parses its first
note. So this process does not wait for them: the files are cut into chunks, the workers
take chunks from the front, and this process parses chunks from the back for as long as
no worker has claimed them (a chunk not yet handed to a worker can be cancelled and taken
back). On two cores that is one worker and this process, both busy from start to end.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Job = TypeVar("Job")
Out = TypeVar("Out")


def _run_chunk(work: Callable[[Job], Out], chunk: Sequence[Job]) -> list[Out]:
    return [work(job) for job in chunk]


def map_shared(
    work: Callable[[Job], Out],
    jobs: Sequence[Job],
    processes: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[Out]:
    """`[work(job) for job in jobs]`, in order, on `processes` processes in all (this one
    among them). `work` must be a module-level function and jobs and results picklable.
    Should a worker die, this process parses what it left."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    total = len(jobs)
    size = max(16, total // (processes * 8))
    chunks = [jobs[start : start + size] for start in range(0, total, size)]
    results: list[list[Out] | None] = [None] * len(chunks)
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    taken = 0  # jobs this process has parsed
    first_taken = len(chunks)  # chunks from here on are this process's

    def report() -> None:
        if progress:  # a cancelled chunk is one this process took back
            by_workers = sum(
                len(c)
                for c, f in zip(chunks, futures, strict=True)
                if f.done() and not f.cancelled()
            )
            progress(taken + by_workers, total)

    with ProcessPoolExecutor(processes - 1, mp_context=context) as pool:
        futures = [pool.submit(_run_chunk, work, chunk) for chunk in chunks]
        for number in reversed(range(len(chunks))):
            if not futures[number].cancel():
                break  # a worker has it, and every chunk before it
            results[number] = _run_chunk(work, chunks[number])
            taken += len(chunks[number])
            first_taken = number
            report()
        for number in range(first_taken):
            try:
                results[number] = futures[number].result()
            except BrokenProcessPool:  # a worker died (killed; a script without the guard)
                results[number] = _run_chunk(work, chunks[number])
            report()
    return [out for chunk_results in results if chunk_results is not None for out in chunk_results]


def cpu_count() -> int:
    """The cores this process may run on (its affinity mask, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
