"""Loading every vault of a workspace into one index of notes, through the workspace's
dialect (where notes live, what their names mean, which stubs the hierarchy needs). A note
that fails to read becomes a finding and the rest of the vault loads.

An index may also be *lazy* (`load_index(..., lazy=True)`): it starts from the listing of
the note files alone (name, vault, path, size, mtime) and parses a note the first time a
lookup needs it (`find`, `children`, `file_findings`, ...), keeping it. Names, hierarchy
children and stubs follow from the listing and from whether the few files concerned read,
so a lookup answers exactly what a full load would, in the same order. Whatever needs the
whole vault (`notes`, `findings`, `by_id`, `duplicate_ids`, a `prefix.*` reference) first
reads everything, through the read cache and worker processes as a full load does.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import DendronConfig, Vault
from ..findings import Finding
from .cache import cache_file, load_cache, save_cache
from .dialects import Dialect, NoteFile
from .dialects.dendron import DENDRON, Dendron
from .model import Link, Note
from .parallel import cpu_count, map_shared
from .read import ReadOptions, read_note, stable_id

Progress = Callable[[int, int], None]
Result = tuple[Note | None, list[Finding]]
# Below this many notes to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 300


def make_stub(fname: str, vault: str, dialect: Dialect = DENDRON) -> Note:
    """A hierarchy level no file holds, titled as the dialect titles it, with an id stable
    across loads (Dendron's are random) so exports do not change from run to run."""
    note_id = stable_id("stub", vault, dialect.clean_name(fname))
    return Note(fname, vault, None, note_id, dialect.title(fname), stub=True)


def _read_one(job: tuple[NoteFile, ReadOptions]) -> Result:
    file, options = job
    return read_note(file.path, file.rel, file.fname, file.vault, options)


def _read_all(
    jobs: list[tuple[NoteFile, ReadOptions]], progress: Progress | None, workers: int | None
) -> list[Result]:
    count = workers if workers is not None else cpu_count()
    if count > 1 and len(jobs) >= PARALLEL_THRESHOLD:
        return map_shared(_read_one, jobs, count, progress)
    results = []
    for done, job in enumerate(jobs, 1):
        results.append(_read_one(job))
        if progress:
            progress(done, len(jobs))
    return results


@dataclass
class _Lazy:
    """What a lazy index knows before it has read everything: the listing, the notes read
    so far, and how to read the rest as a full load would."""

    config: DendronConfig
    options: ReadOptions
    static_findings: list[Finding]  # the config's and the listing's, in a full load's order
    files: dict[str, NoteFile]  # by rel
    use_cache: bool
    progress: Progress | None
    workers: int | None
    loading: Callable[[], AbstractContextManager[None]]
    vault_order: dict[str, int] = field(default_factory=dict)
    keys: list[tuple[str, int, str, str]] = field(default_factory=list)  # (key, vault, fname, rel)
    parsed: dict[str, Result] = field(default_factory=dict)
    pure: set[str] = field(default_factory=set)  # parsed as listed: fit for the read cache
    stubs: dict[tuple[str, str], tuple[Note, str] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.vault_order = {v.name: i for i, v in enumerate(self.config.vaults)}
        files, order = list(self.files.values()), self.vault_order
        # `_key` of each file, column by column: a listing may hold 50,000 files
        fnames = [f.fname for f in files]
        one_vault = len(order) == 1  # as most workspaces: every file is in it
        vaults = [0] * len(files) if one_vault else [order.get(f.vault, -1) for f in files]
        cleaned = self.options.dialect.clean_names(fnames)
        self.keys = sorted(zip(cleaned, vaults, fnames, [f.rel for f in files], strict=True))

    def _key(self, file: NoteFile) -> tuple[str, int, str, str]:
        clean = self.options.dialect.clean_name
        return clean(file.fname), self.vault_order.get(file.vault, -1), file.fname, file.rel

    def ordered_files(self) -> list[NoteFile]:
        """Every file in a full load's order: vault by vault, by fname."""
        return [self.files[k[3]] for k in sorted(self.keys, key=lambda k: (k[1], k[2]))]

    def at(self, key: str) -> list[NoteFile]:
        """The files whose name has this key, in a full load's order."""
        keys = self.keys
        start = end = bisect.bisect_left(keys, (key,))
        while end < len(keys) and keys[end][0] == key:  # by index: a slice would copy 50,000
            end += 1
        found = keys[start:end]
        return [self.files[k[3]] for k in sorted(found, key=lambda k: (k[1], k[2]))]

    def under(self, prefix: str) -> list[NoteFile]:
        """The files whose key starts with `prefix`, in a full load's order."""
        found = self._entries_under(prefix)
        return [self.files[k[3]] for k in sorted(found, key=lambda k: (k[1], k[2]))]

    def result(self, file: NoteFile) -> Result:
        """The file read (once: the result is kept)."""
        found = self.parsed.get(file.rel)
        if found is None:
            file = self.files[file.rel] = file.statted()  # before reading: see read_everything
            found = self.parsed[file.rel] = _read_one((file, self.options))
            self.pure.add(file.rel)
        return found

    def notes_at(self, key: str, vault: str | None = None) -> list[Note]:
        notes = [self.result(f)[0] for f in self.at(key) if vault is None or f.vault == vault]
        return [n for n in notes if n is not None]

    def stub_entry(self, vault: str, key: str) -> tuple[Note, str] | None:
        """The stub at `key` in `vault`, if a full load has one there, and the note that
        makes it (see `_creator`), which orders the stubs as a full load does."""
        if (vault, key) not in self.stubs:
            self.stubs[vault, key] = self._make_stub(vault, key)
        return self.stubs[vault, key]

    def stub(self, vault: str, key: str) -> Note | None:
        made = self.stub_entry(vault, key)
        return made[0] if made else None

    def _make_stub(self, vault: str, key: str) -> tuple[Note, str] | None:
        if not self.options.dialect.has_stubs:
            return None
        if key == "root" or self.notes_at(key, vault):
            return None
        creator = self._creator(vault, key)
        if creator is None:
            return None
        depth = key.count(".") + 1
        fname = ".".join(creator.split(".")[:depth])
        return make_stub(fname, vault, self.options.dialect), creator

    def _creator(self, vault: str, key: str) -> str | None:
        """The note whose stubs include `key` first in Dendron's `createStubs`: the first
        (by fname) readable note below it with no readable note between the two. Any
        readable note below makes the stub; names with empty segments never get here."""
        depth = key.count(".") + 1
        clean = self.options.dialect.clean_name
        for file in self.under(key + "."):
            if file.vault != vault or self.result(file)[0] is None:
                continue
            parts = clean(file.fname).split(".")
            between = (".".join(parts[:i]) for i in range(depth + 1, len(parts)))
            if not any(self.notes_at(level, vault) for level in between):
                return file.fname
        return None

    def child_keys(self, key: str) -> list[str]:
        sep = "." if self.options.dialect.has_stubs else "/"  # Dendron's dots, else folders
        depth = key.count(sep) + 1
        names = {sep.join(k[0].split(sep)[: depth + 1]) for k in self._entries_under(key + sep)}
        return sorted(names)

    def _entries_under(self, prefix: str) -> list[tuple[str, int, str, str]]:
        keys = self.keys
        start = end = bisect.bisect_left(keys, (prefix,))
        while end < len(keys) and keys[end][0].startswith(prefix):
            end += 1
        return keys[start:end]

    def vault_findings(self) -> list[Finding]:
        """What each vault lacks (Dendron's dialect asks only whether `root` reads)."""
        found: list[Finding] = []
        for vault in self.config.vaults:
            roots = [n.fname for n in self.notes_at("root", vault.name)]
            found += self.options.dialect.vault_findings(self.config.root, vault, roots)
        return found

    def update(self, file: NoteFile | None, rel: str) -> None:
        """A file changed (`file`: as listed now) or is gone (None)."""
        old = self.files.pop(rel, None)
        if old is not None:
            self.keys.remove(self._key(old))
        self.pure.discard(rel)
        self.stubs.clear()
        if file is not None:
            self.files[rel] = file
            bisect.insort(self.keys, self._key(file))
        else:
            self.parsed.pop(rel, None)

    def read_everything(self) -> dict[str, Result]:
        """Every file's result: those read already, the cache's, the rest read now."""
        config, options = self.config, self.options
        dialect = options.dialect
        files = self.ordered_files()
        fingerprint = _fingerprint(config, options)
        cache_path = cache_file(config.root, dialect.cache_name)
        cached = load_cache(cache_path, config.root, fingerprint) if self.use_cache else {}
        fresh: dict[object, object] = {}
        results: dict[str, Result] = {}
        jobs = []
        changed = False
        for file in files:
            # statted before it is read: a change after the stat makes the cache entry stale
            file = self.files[file.rel] = file.statted()
            key = (file.vault, file.rel)
            entry = cached.get(key)
            listed = entry is not None and entry[0] == file.mtime_ns and entry[1] == file.size
            if file.rel in self.parsed:
                results[file.rel] = self.parsed[file.rel]
                if listed:
                    fresh[key] = entry
                elif file.rel in self.pure:
                    fresh[key] = (file.mtime_ns, file.size, self.parsed[file.rel])
                    changed = True
            elif listed and entry is not None:
                results[file.rel] = entry[2]
                fresh[key] = entry
            else:
                jobs.append((file, options))
        read = _read_all(jobs, self.progress, self.workers)
        for (file, _), result in zip(jobs, read, strict=True):
            results[file.rel] = result
            fresh[(file.vault, file.rel)] = (file.mtime_ns, file.size, result)
        if self.use_cache and (jobs or changed or len(fresh) != len(cached)):
            save_cache(cache_path, config.root, fingerprint, fresh)
        return results


class NoteIndex:
    """Every note of a workspace (stubs included) with its dialect's lookups."""

    def __init__(
        self,
        notes: list[Note] | None = None,
        findings: list[Finding] | None = None,
        dialect: Dialect = DENDRON,
    ) -> None:
        self._notes: list[Note] = notes if notes is not None else []
        self._findings: list[Finding] = findings if findings is not None else []
        self.dialect = dialect
        self._by_key: dict[str, list[Note]] = defaultdict(list)
        self._by_id: dict[str, list[Note]] = defaultdict(list)
        self._by_rel: dict[str, list[Note]] = defaultdict(list)
        self._by_parent: dict[str, list[Note]] = defaultdict(list)
        self._by_name: dict[str, list[Note]] = defaultdict(list)  # by the dialect's name_key
        self._by_alias: dict[str, list[Note]] = defaultdict(list)
        self._lazy: _Lazy | None = None

    @property
    def lazy(self) -> bool:
        """Whether some notes are still unread (lookups read what they need)."""
        return self._lazy is not None

    @property
    def notes(self) -> list[Note]:
        self.load_all()
        return self._notes

    @notes.setter
    def notes(self, value: list[Note]) -> None:
        self.load_all()
        self._notes = value

    def files(self) -> list[NoteFile]:
        """Every note file, in a full load's order, without reading any: what scans the
        text of every note (plan discovery) need not parse them all. Once everything is
        read, the files of the notes that read."""
        if self._lazy is not None:
            return self._lazy.ordered_files()
        return [NoteFile(n.vault, n.fname, n.file, n.rel) for n in self._notes if n.file]

    @property
    def findings(self) -> list[Finding]:
        self.load_all()
        return self._findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self.load_all()
        self._findings = value

    def load_all(self) -> None:
        """Read every note not read yet (nothing, once the index is complete)."""
        lazy, self._lazy = self._lazy, None
        if lazy is None:
            return
        with lazy.loading():
            results = lazy.read_everything()
            self._findings = list(lazy.static_findings)
            for file in lazy.ordered_files():
                note, findings = results[file.rel]
                self._findings.extend(findings)
                if note is not None:
                    self.add(note)
            made = {(v, key): m[0] for (v, key), m in lazy.stubs.items() if m is not None}
            add_stubs(self, lazy.config.vaults, lazy.config.root, made)

    def add(self, note: Note) -> None:
        self.load_all()
        clean = self.dialect.clean_name
        self._notes.append(note)
        self._by_key[clean(note.fname)].append(note)
        self._by_id[note.id].append(note)
        if note.rel:
            self._by_rel[note.rel].append(note)
        self._by_parent[clean(self.dialect.parent_fname(note.fname))].append(note)
        if not self.dialect.has_stubs:  # the dialects that find notes by file name
            self._by_name[self.dialect.name_key(note.fname)].append(note)
            for alias in note.aliases:
                self._by_alias[alias.lower()].append(note)

    def remove(self, note: Note) -> None:
        self.load_all()
        clean = self.dialect.clean_name
        self._notes.remove(note)
        self._by_key[clean(note.fname)].remove(note)
        self._by_id[note.id].remove(note)
        if note.rel:
            self._by_rel[note.rel].remove(note)
        self._by_parent[clean(self.dialect.parent_fname(note.fname))].remove(note)
        if not self.dialect.has_stubs:
            self._by_name[self.dialect.name_key(note.fname)].remove(note)
            for alias in note.aliases:
                self._by_alias[alias.lower()].remove(note)

    def reread(
        self, file: NoteFile | None, rel: str, options: ReadOptions, *, now: bool = True
    ) -> Note | None:
        """A file changed (`file`: as listed now) or is gone (None): read it again — in a
        lazy index only when it had been read, or `now` — and update the index in place.
        A note that no longer reads keeps its last good state, with the new findings."""
        lazy = self._lazy
        if lazy is None:
            if file is None:
                self.replace_file(rel, None, [])
                return None
            note, findings = _read_one((file, options))
            if note is None and self._by_rel.get(rel):
                self._findings = [f for f in self._findings if f.path != rel] + findings
            else:
                self.replace_file(rel, note, findings)
            return note
        before = lazy.parsed.get(rel)
        lazy.update(file, rel)
        if file is None or (before is None and not now):
            lazy.parsed.pop(rel, None)
            return None
        note, findings = _read_one((file, options))
        if note is None and before is not None and before[0] is not None:
            lazy.parsed[rel] = (before[0], findings)
        else:
            lazy.parsed[rel] = (note, findings)
            lazy.pure.add(rel)
        return note

    def replace_file(self, rel: str, note: Note | None, findings: list[Finding]) -> None:
        """Swap what the index holds for one file (re-read after a change, or deleted when
        `note` is None): its note, its findings, and the stubs around it. Costs the same in
        a vault of ten notes or fifty thousand, which is what watch mode needs."""
        self.load_all()
        old = next((n for n in self._by_rel.get(rel, [])), None)
        if old is not None:
            self.remove(old)
            has_children = any(c.vault == old.vault for c in self.children(old.fname))
            stubs = self.dialect.has_stubs
            if note is None and has_children and stubs and old.fname != self.dialect.root_fname:
                # the hierarchy below it stays: Dendron shows a stub in the note's place
                self.add(make_stub(old.fname, old.vault, self.dialect))
            elif note is None:
                self._drop_empty_stubs(old)
        self._findings = [f for f in self._findings if f.path != rel] + findings
        if note is None:
            return
        for stub in [n for n in self.find(note.fname, note.vault) if n.stub]:
            self.remove(stub)
        self.add(note)
        for parent in self.dialect.ancestors(note.fname) if self.dialect.has_stubs else []:
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
        key = self.dialect.clean_name(fname)
        lazy = self._lazy
        if lazy is not None and key == self.dialect.clean_name(self.dialect.root_fname):
            self.load_all()  # root is its own parent: left to the full index
            lazy = None
        if lazy is None:
            return list(self._by_parent.get(key, []))
        child_keys = lazy.child_keys(key)
        order = lazy.vault_order
        notes = [n for k in child_keys for n in lazy.notes_at(k)]
        notes.sort(key=lambda n: (order.get(n.vault, -1), n.fname))  # a full load's order
        stubs = []
        for vault, place in order.items():
            for k in child_keys:
                made = lazy.stub_entry(vault, k)
                if made is not None:
                    stubs.append(((place, made[1]), made[0]))
        return notes + [stub for _, stub in sorted(stubs, key=lambda s: s[0])]

    def find(self, fname: str, vault: str | None = None) -> list[Note]:
        """Notes named `fname` (case-insensitive, space == dash), optionally in one vault."""
        key = self.dialect.clean_name(fname)
        lazy = self._lazy
        if lazy is None:
            found = self._by_key.get(key, [])
            return [n for n in found if vault is None or n.vault == vault]
        notes = lazy.notes_at(key, vault)
        for name in lazy.vault_order:
            stub = lazy.stub(name, key) if vault is None or name == vault else None
            if stub is not None:
                notes.append(stub)
        return notes

    def file_findings(self, fname: str) -> list[Finding]:
        """What reading the file(s) named `fname` found (any vault, case-insensitive)."""
        key = self.dialect.clean_name(fname)
        return self._findings_where(key, lambda name: name == key)

    def findings_under(self, prefix: str) -> list[Finding]:
        """What reading the files whose names start with `prefix` found."""
        key = self.dialect.clean_name(prefix)
        return self._findings_where(key, lambda name: name.startswith(key), prefix=True)

    def _findings_where(
        self, key: str, wanted: Callable[[str], bool], *, prefix: bool = False
    ) -> list[Finding]:
        clean = self.dialect.clean_name

        name_of = self.dialect.fname_of_path

        def matches(finding: Finding) -> bool:
            return finding.path.endswith(".md") and wanted(clean(name_of(finding.path)))

        lazy = self._lazy
        if lazy is None:
            return [f for f in self._findings if matches(f)]
        files = lazy.under(key) if prefix else lazy.at(key)
        read = [f for file in files for f in lazy.result(file)[1]]
        every = [*lazy.static_findings, *read]
        if wanted("root"):
            every += lazy.vault_findings()
        return [f for f in every if matches(f)]

    def notes_under(self, prefix: str) -> list[Note]:
        """The notes (no stubs) whose names start with `prefix` (case-insensitive)."""
        key = self.dialect.clean_name(prefix)
        lazy = self._lazy
        if lazy is None:
            clean = self.dialect.clean_name
            return [n for n in self._notes if not n.stub and clean(n.fname).startswith(key)]
        notes = [lazy.result(f)[0] for f in lazy.under(key)]
        return [n for n in notes if n is not None]

    def by_id(self, note_id: str) -> list[Note]:
        self.load_all()
        return list(self._by_id.get(note_id, []))

    def duplicate_ids(self) -> dict[str, list[Note]]:
        self.load_all()
        return {i: list(ns) for i, ns in self._by_id.items() if len(ns) > 1}

    def resolve(self, link: Link, source: Note) -> list[Note]:
        """The notes a link points at, as the dialect resolves links."""
        return self.dialect.resolve(link, source, self)

    def named(self, key: str) -> list[Note]:
        """The notes whose file name (the dialect's `name_key`) is `key`."""
        self.load_all()
        return list(self._by_name.get(key, []))

    def aliased(self, key: str) -> list[Note]:
        """The notes with the alias `key` (lower-case)."""
        self.load_all()
        return list(self._by_alias.get(key, []))

    def every_note(self) -> list[Note]:
        return self.notes

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    def __len__(self) -> int:
        return len(self.notes)


def read_options(config: DendronConfig, dialect: Dialect = DENDRON) -> ReadOptions:
    """How the notes of this workspace read (its settings, its dialect's)."""
    tasks = dialect.tasks_settings(config.root)
    types = dialect.property_types(config.root)
    return ReadOptions(
        config.hashtags, config.usertags, config.max_note_length, dialect, tasks, types
    )


def _fingerprint(config: DendronConfig, options: ReadOptions) -> str:
    from .._version import __version__

    vaults = ";".join(f"{v.name}={v.notes_dir}" for v in config.vaults)
    return f"{__version__}|{options}|{vaults}"


def _plain(fnames: list[str]) -> bool:
    """No empty hierarchy segment in these names: the names whose stubs a lazy index can
    tell alone. (Searched for in one string of them all, each between NULs, which no file
    name holds: C speed for 50,000 names.)"""
    joined = "\0".join(["", *fnames, ""])
    return not any(empty in joined for empty in ("..", "\0.", ".\0"))


def load_index(
    config: DendronConfig,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    dialect: Dialect = DENDRON,
    lazy: bool = False,
    loading: Callable[[], AbstractContextManager[None]] = nullcontext,
) -> NoteIndex:
    """Read every vault of `config` into a `NoteIndex`, reusing the cache for unchanged
    files; with `lazy`, list them only and read each note when a lookup first needs it
    (everything, under `loading`, when a caller needs the whole vault). A Dendron vault
    whose names have empty segments (`a..b`) is read at once."""
    options = read_options(config, dialect)
    findings = list(config.findings)
    listing: list[NoteFile] = []
    for vault in config.vaults:
        vault_files, listed = dialect.list_note_files(config.root, vault)
        listing += vault_files
        findings.extend(listed)
    files = {f.rel: f for f in listing}
    index = NoteIndex(dialect=dialect)
    index._lazy = _Lazy(config, options, findings, files, use_cache, progress, workers, loading)
    lazy_ok = not dialect.has_stubs or (
        isinstance(dialect, Dendron) and _plain([f.fname for f in listing])
    )
    if not (lazy and lazy_ok):
        index.load_all()
    return index


def add_stubs(
    index: NoteIndex, vaults: Iterable[Vault], root: Path, made: dict[Any, Note] | None = None
) -> None:
    """Add the stubs each vault's hierarchy needs, and report what a vault lacks, as the
    index's dialect says (`made`: stubs handed out already, by (vault, key), kept)."""
    dialect = index.dialect
    made = made or {}
    for vault in vaults:
        fnames = [n.fname for n in index.notes if n.vault == vault.name]
        index.findings.extend(dialect.vault_findings(root, vault, fnames))
        for fname in dialect.stub_fnames(fnames):
            stub = made.get((vault.name, dialect.clean_name(fname)))
            if stub is None or stub.fname != fname:
                stub = make_stub(fname, vault.name, dialect)
            index.add(stub)
