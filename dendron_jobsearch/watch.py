"""`watch`: keep the vault's progress up to date while the person edits.

A watchdog observer on every vault reports saves of any kind: in place (`modified`, often
twice), through a temp file and a rename (`moved` onto the note: its `dest_path` counts),
vim's rename-and-recreate (`moved` away, then `created`), deletes. Events are debounced per
path; a content hash tells a real change from a duplicate event or the tool's own write;
only the changed notes the search had read are read again (the index is updated in place;
a change to any other note costs a stat, and it is read if a lookup needs it), then `sync`
runs.
A note saved half-way (YAML that does not parse yet) is reported and its last good state
kept. Writes are atomic, so Ctrl-C never leaves a note half-written.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .findings import JobSearchError
from .settings import SETTINGS_FILE, Settings, load_settings
from .usecases.sync import sync
from .vault.dialects import shown
from .workspace import Workspace, freeze_loaded
from .write.writer import WriteResult

IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".bak")


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass
class Watcher:
    """Watches a loaded workspace; `run()` blocks until `stop()` (or Ctrl-C)."""

    ws: Workspace
    settings: Settings
    poll: bool = False
    debounce: float = 0.3
    log: Callable[[str], None] = print
    clock: Callable[[], date] = date.today  # what day it is (tests run the search through time)
    _due: dict[Path, float] = field(default_factory=dict)
    _hashes: dict[Path, str | None] = field(default_factory=dict)
    _stats: dict[Path, tuple[int, int] | None] = field(default_factory=dict)  # as at start
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _wake: threading.Event = field(default_factory=threading.Event)
    _stopped: threading.Event = field(default_factory=threading.Event)
    _observer: Any = None
    rounds: int = 0  # how many times a change was synced (tests wait on it)
    durations: list[float] = field(default_factory=list)  # seconds of work per round

    def _folders(self) -> set[Path]:
        return {v.notes_dir for v in self.ws.config.vaults} | {self.ws.root}

    def _wanted(self, path: str) -> bool:
        """A note file as the dialect lists them (Obsidian's and Foam's in any sub-folder,
        none in `.obsidian/`, `.trash/` or an excluded folder), or the tool's settings."""
        candidate = Path(path)
        if candidate.name.startswith(".") or candidate.name.endswith(IGNORED_SUFFIXES):
            return False
        if candidate.name == SETTINGS_FILE:
            return candidate.parent == self.ws.root
        config = self.ws.config
        return self.ws.dialect.note_file_of(config.root, config.vaults, candidate) is not None

    def on_event(self, event: Any) -> None:
        """watchdog's callback (observer thread): note the paths, the loop does the rest."""
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path]
        if event.event_type == "moved":
            paths.append(event.dest_path)
        now = time.monotonic()
        with self._lock:
            for raw in paths:
                path = raw.decode() if isinstance(raw, bytes) else str(raw)
                if self._wanted(path):
                    self._due[Path(path)] = now + self.debounce
        self._wake.set()

    def start(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                watcher.on_event(event)

        for file in self.ws.note_files():
            self._stats[Path(file.path)] = _stat(Path(file.path))  # a stat: hashed on change
        freeze_loaded()  # under gc_tuning() (the command line): the vault out of gc's way
        self._observer = PollingObserver(timeout=0.2) if self.poll else Observer()
        # Dendron's notes sit right in their vault's folder; Obsidian's and Foam's anywhere
        recursive = not self.ws.dialect.has_stubs
        for folder in self._folders():
            if folder.is_dir():
                self._observer.schedule(Handler(), str(folder), recursive=recursive)
        self._observer.start()

    def stop(self) -> None:
        self._stopped.set()
        self._wake.set()

    def run(self) -> None:
        """Process changes until stopped; the observer is always shut down on the way out."""
        try:
            while not self._stopped.is_set():
                self._wake.wait(timeout=self._next_wait())
                self._wake.clear()
                ready = self._take_ready()
                if ready:
                    self._process_or_report(ready)
        finally:
            if self._observer is not None:
                self._observer.stop()
                self._observer.join()

    def _next_wait(self) -> float:
        with self._lock:
            if not self._due:
                return 1.0
            return max(0.0, min(self._due.values()) - time.monotonic())

    def _take_ready(self) -> list[Path]:
        now = time.monotonic()
        with self._lock:
            ready = [p for p, due in self._due.items() if due <= now]
            for path in ready:
                del self._due[path]
        return ready

    def _process_or_report(self, paths: list[Path]) -> None:
        """`process`, and whatever it could not handle said in one line: a watcher that died
        would leave the person's notes silently stale."""
        try:
            self.process(paths)
        except Exception as err:  # a bug of ours: said, and the next save tries again
            names = ", ".join(sorted(shown(p.name) for p in paths))
            self.log(
                f"{self._stamp()} error: {names}: {type(err).__name__}: {err} (still watching)"
            )

    def process(self, paths: list[Path]) -> WriteResult | None:
        """Re-read what really changed, then sync. Returns the sync's result, if one ran."""
        started = time.perf_counter()
        changed: list[str] = []
        for path in paths:
            digest = _digest(path)
            if path not in self._hashes and path in self._stats:
                self._hashes[path] = digest
                if _stat(path) == self._stats.pop(path) and digest is not None:
                    continue  # unchanged since the start: an event of no change
            elif digest is not None and digest == self._hashes.get(path):
                continue  # a duplicate event, or our own write
            self._hashes[path] = digest
            if path.name == SETTINGS_FILE:
                try:
                    self.settings = load_settings(self.ws.root)
                except JobSearchError as err:  # reported; the last good settings are kept
                    self.log(f"{self._stamp()} {err}")
                    continue
            else:
                self.ws.refresh_file(path)  # read now only if the search had read it
            changed.append(path.name)
        if not changed:
            return None
        try:
            result = sync(self.ws, self.settings, today=self.clock())
        except JobSearchError as err:  # a plan that does not read, a write the OS refuses
            for line in str(err).splitlines():
                self.log(f"{self._stamp()} error: {line} (still watching)")
            return None
        for finding in result.findings:
            self.log(f"{self._stamp()} {finding.severity}: {finding} (fix it: still watching)")
        for rel, digest in result.digests.items():
            self._hashes[self.ws.root / rel] = digest
        self.rounds += 1
        self.durations.append(time.perf_counter() - started)
        self.log(self._summary(changed, result))
        return result

    def _stamp(self) -> str:
        return datetime.now().strftime("%H:%M:%S")

    def _summary(self, changed: list[str], result: WriteResult) -> str:
        saved = ", ".join(sorted(set(changed)))
        wrote = f"updated {len(result.changed)} note(s)" if result.changed else "nothing to update"
        done = f"{result.summary} · " if result.summary else ""
        took = f" in {self.durations[-1] * 1000:.0f} ms" if self.durations else ""
        return f"{self._stamp()} {saved}: {done}{wrote}{took}"
