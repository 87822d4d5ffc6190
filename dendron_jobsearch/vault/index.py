"""Loading every vault of a workspace into one index of notes, through the workspace's
dialect (where notes live, what their names mean, which stubs the hierarchy needs). A note
that fails to read becomes a finding and the rest of the vault loads.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import DendronConfig, Vault
from ..findings import Finding
from .cache import cache_file, load_cache, save_cache
from .dialects import Dialect, NoteFile
from .dialects.dendron import DENDRON
from .model import Link, Note
from .read import ReadOptions, read_note, stable_id

Progress = Callable[[int, int], None]
# Below this many notes to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 300


def make_stub(fname: str, vault: str, dialect: Dialect = DENDRON) -> Note:
    """A hierarchy level no file holds, titled as the dialect titles it, with an id stable
    across loads (Dendron's are random) so exports do not change from run to run."""
    note_id = stable_id("stub", vault, dialect.clean_name(fname))
    return Note(fname, vault, None, note_id, dialect.title(fname), stub=True)


def _read_one(job: tuple[NoteFile, ReadOptions]) -> tuple[Note | None, list[Finding]]:
    file, options = job
    return read_note(file.path, file.rel, file.fname, file.vault, options)


def _read_all(
    jobs: list[tuple[NoteFile, ReadOptions]], progress: Progress | None, workers: int | None
) -> Iterator[tuple[Note | None, list[Finding]]]:
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count > 1 and len(jobs) >= PARALLEL_THRESHOLD:
        import multiprocessing

        # Not `fork`: it copies a process whose other threads (a watcher's, the caller's) may
        # hold locks, and macOS has no safe fork. Workers come from a fresh server process on
        # Linux, as fresh interpreters elsewhere.
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)
        chunk = max(16, len(jobs) // (count * 8))
        with context.Pool(count) as pool:
            for done, result in enumerate(pool.imap(_read_one, jobs, chunksize=chunk), 1):
                if progress:
                    progress(done, len(jobs))
                yield result
        return
    for done, job in enumerate(jobs, 1):
        yield _read_one(job)
        if progress:
            progress(done, len(jobs))


@dataclass
class NoteIndex:
    """Every note of a workspace (stubs included) with its dialect's lookups."""

    notes: list[Note] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    dialect: Dialect = DENDRON
    _by_key: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    _by_id: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    _by_rel: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    _by_parent: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))

    def add(self, note: Note) -> None:
        clean = self.dialect.clean_name
        self.notes.append(note)
        self._by_key[clean(note.fname)].append(note)
        self._by_id[note.id].append(note)
        if note.rel:
            self._by_rel[note.rel].append(note)
        self._by_parent[clean(self.dialect.parent_fname(note.fname))].append(note)

    def remove(self, note: Note) -> None:
        clean = self.dialect.clean_name
        self.notes.remove(note)
        self._by_key[clean(note.fname)].remove(note)
        self._by_id[note.id].remove(note)
        if note.rel:
            self._by_rel[note.rel].remove(note)
        self._by_parent[clean(self.dialect.parent_fname(note.fname))].remove(note)

    def replace_file(self, rel: str, note: Note | None, findings: list[Finding]) -> None:
        """Swap what the index holds for one file (re-read after a change, or deleted when
        `note` is None): its note, its findings, and the stubs around it. Costs the same in
        a vault of ten notes or fifty thousand, which is what watch mode needs."""
        old = next((n for n in self._by_rel.get(rel, [])), None)
        if old is not None:
            self.remove(old)
            has_children = any(c.vault == old.vault for c in self.children(old.fname))
            if note is None and has_children and old.fname != "root":
                # the hierarchy below it stays: Dendron shows a stub in the note's place
                self.add(make_stub(old.fname, old.vault, self.dialect))
            elif note is None:
                self._drop_empty_stubs(old)
        self.findings = [f for f in self.findings if f.path != rel] + findings
        if note is None:
            return
        for stub in [n for n in self.find(note.fname, note.vault) if n.stub]:
            self.remove(stub)
        self.add(note)
        for parent in self.dialect.ancestors(note.fname):
            if self.find(parent, note.vault):
                break
            self.add(make_stub(parent, note.vault, self.dialect))

    def _drop_empty_stubs(self, gone: Note) -> None:
        """Stubs above a deleted note that now hold nothing go too, as in a full load."""
        for parent in self.dialect.ancestors(gone.fname):
            stubs = [n for n in self.find(parent, gone.vault) if n.stub]
            if not stubs or any(c.vault == gone.vault for c in self.children(parent)):
                return
            for stub in stubs:
                self.remove(stub)

    def children(self, fname: str) -> list[Note]:
        """The notes (and stubs) one level below `fname`, in every vault: a lookup, not a
        scan, so what reads one hierarchy costs the same in any size of vault."""
        return list(self._by_parent.get(self.dialect.clean_name(fname), []))

    def find(self, fname: str, vault: str | None = None) -> list[Note]:
        """Notes named `fname` (case-insensitive, space == dash), optionally in one vault."""
        found = self._by_key.get(self.dialect.clean_name(fname), [])
        return [n for n in found if vault is None or n.vault == vault]

    def by_id(self, note_id: str) -> list[Note]:
        return list(self._by_id.get(note_id, []))

    def duplicate_ids(self) -> dict[str, list[Note]]:
        return {i: list(ns) for i, ns in self._by_id.items() if len(ns) > 1}

    def resolve(self, link: Link, source: Note) -> list[Note]:
        """The notes a link points at; a `prefix.*` reference matches by glob in its vault."""
        if link.type == "ref" and link.value.endswith("*"):
            import fnmatch

            clean = self.dialect.clean_name
            vault = link.vault or source.vault
            pattern = clean(link.value)
            return [
                n
                for n in self.notes
                if n.vault == vault and fnmatch.fnmatchcase(clean(n.fname), pattern)
            ]
        return self.find(link.value, link.vault)

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    def __len__(self) -> int:
        return len(self.notes)


def read_options(config: DendronConfig, dialect: Dialect = DENDRON) -> ReadOptions:
    """How the notes of this workspace read (its settings, its dialect)."""
    return ReadOptions(config.hashtags, config.usertags, config.max_note_length, dialect)


def _fingerprint(config: DendronConfig, options: ReadOptions) -> str:
    from .._version import __version__

    vaults = ";".join(f"{v.name}={v.notes_dir}" for v in config.vaults)
    return f"{__version__}|{options}|{vaults}"


def load_index(
    config: DendronConfig,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    dialect: Dialect = DENDRON,
) -> NoteIndex:
    """Read every vault of `config` into a `NoteIndex`, reusing the cache for unchanged files."""
    options = read_options(config, dialect)
    index = NoteIndex(dialect=dialect)
    index.findings.extend(config.findings)
    files: list[NoteFile] = []
    for vault in config.vaults:
        vault_files, findings = dialect.list_note_files(config.root, vault)
        files.extend(vault_files)
        index.findings.extend(findings)
    fingerprint = _fingerprint(config, options)
    cache_path = cache_file(config.root, dialect.cache_name)
    cached = load_cache(cache_path, config.root, fingerprint) if use_cache else {}
    fresh: dict[object, object] = {}
    results: dict[str, tuple[Note | None, list[Finding]]] = {}
    jobs = []
    for file in files:
        key = (file.vault, file.rel)
        entry = cached.get(key)
        if entry is not None and entry[0] == file.mtime_ns and entry[1] == file.size:
            results[file.rel] = entry[2]
            fresh[key] = entry
        else:
            jobs.append((file, options))
    for (file, _), result in zip(jobs, _read_all(jobs, progress, workers), strict=True):
        results[file.rel] = result
        fresh[(file.vault, file.rel)] = (file.mtime_ns, file.size, result)
    for file in files:
        note, findings = results[file.rel]
        index.findings.extend(findings)
        if note is not None:
            index.add(note)
    add_stubs(index, config.vaults, config.root)
    if use_cache and (jobs or len(fresh) != len(cached)):
        save_cache(cache_path, config.root, fingerprint, fresh)
    return index


def add_stubs(index: NoteIndex, vaults: Iterable[Vault], root: Path) -> None:
    """Add the stubs each vault's hierarchy needs, and report what a vault lacks, as the
    index's dialect says."""
    dialect = index.dialect
    for vault in vaults:
        fnames = [n.fname for n in index.notes if n.vault == vault.name]
        index.findings.extend(dialect.vault_findings(root, vault, fnames))
        for fname in dialect.stub_fnames(fnames):
            index.add(make_stub(fname, vault.name, dialect))
