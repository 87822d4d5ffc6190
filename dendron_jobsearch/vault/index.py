"""Loading every vault of a workspace into one index of notes, as Dendron's engine does.

Notes are the `*.md` files directly in each vault's notes folder (dot-files skipped); missing
hierarchy levels become stubs; lookups go by `clean_name` and by id. A note that fails to
read becomes a finding and the rest of the vault loads.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import DendronConfig, Vault
from ..findings import Finding
from .cache import load_cache, save_cache
from .fnames import ancestors, clean_name, parent_fname
from .model import Link, Note
from .read import ReadOptions, read_note, stable_id
from .titles import gen_title

Progress = Callable[[int, int], None]
# Below this many notes to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 300


@dataclass(frozen=True, slots=True)
class NoteFile:
    vault: str
    fname: str
    path: str
    rel: str
    mtime_ns: int
    size: int


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def list_note_files(root: Path, vault: Vault) -> tuple[list[NoteFile], list[Finding]]:
    """The note files of a vault: top-level `*.md`, no dot-files, symlinks only if they stay
    inside the vault."""
    files: list[NoteFile] = []
    findings: list[Finding] = []
    folder = vault.notes_dir
    rel_folder = os.path.relpath(folder, root)
    try:
        entries = list(os.scandir(folder))
    except OSError as err:
        msg = f"vault {vault.name!r}: cannot list {rel_folder}: {err.strerror or err}"
        return [], [Finding("vault-missing", rel_folder, None, msg)]
    real_folder = os.path.realpath(folder)
    for entry in entries:
        name = entry.name
        if not name.endswith(".md") or name.startswith("."):
            continue
        rel = os.path.join(rel_folder, name) if rel_folder != "." else name
        try:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if not _inside(target, real_folder):
                    msg = f"symbolic link to {target}, outside the vault: not followed"
                    findings.append(Finding("outside-vault", rel, None, msg))
                    continue
            if not entry.is_file():
                continue
            stat = entry.stat()
        except OSError as err:
            findings.append(Finding("unreadable", rel, None, f"cannot read: {err.strerror}"))
            continue
        files.append(
            NoteFile(vault.name, name[:-3], entry.path, rel, stat.st_mtime_ns, stat.st_size)
        )
    files.sort(key=lambda f: f.fname)
    return files, findings


def make_stub(fname: str, vault: str) -> Note:
    """A hierarchy level no file holds, titled as Dendron titles it, with an id stable
    across loads (Dendron's are random) so exports do not change from run to run."""
    note_id = stable_id("stub", vault, clean_name(fname))
    return Note(fname, vault, None, note_id, gen_title(fname), stub=True)


def note_file_of(config: DendronConfig, path: Path) -> tuple[str, str, str] | None:
    """(vault name, fname, workspace-relative path) when `path` is a note file of a vault."""
    name = path.name
    if not name.endswith(".md") or name.startswith("."):
        return None
    folder = os.path.normpath(path.parent)
    for vault in config.vaults:
        if os.path.normpath(vault.notes_dir) == folder:
            rel_folder = os.path.relpath(vault.notes_dir, config.root)
            rel = os.path.join(rel_folder, name) if rel_folder != "." else name
            return vault.name, name[:-3], rel
    return None


def _read_one(job: tuple[NoteFile, ReadOptions]) -> tuple[Note | None, list[Finding]]:
    file, options = job
    return read_note(file.path, file.rel, file.fname, file.vault, options)


def _read_all(
    jobs: list[tuple[NoteFile, ReadOptions]], progress: Progress | None, workers: int | None
) -> Iterator[tuple[Note | None, list[Finding]]]:
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count > 1 and len(jobs) >= PARALLEL_THRESHOLD:
        import multiprocessing

        context = multiprocessing.get_context("fork")
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
    """Every note of a workspace (stubs included) with Dendron's lookups."""

    notes: list[Note] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _by_key: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    _by_id: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    _by_rel: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    _by_parent: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))

    def add(self, note: Note) -> None:
        self.notes.append(note)
        self._by_key[clean_name(note.fname)].append(note)
        self._by_id[note.id].append(note)
        if note.rel:
            self._by_rel[note.rel].append(note)
        self._by_parent[clean_name(parent_fname(note.fname))].append(note)

    def remove(self, note: Note) -> None:
        self.notes.remove(note)
        self._by_key[clean_name(note.fname)].remove(note)
        self._by_id[note.id].remove(note)
        if note.rel:
            self._by_rel[note.rel].remove(note)
        self._by_parent[clean_name(parent_fname(note.fname))].remove(note)

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
                self.add(make_stub(old.fname, old.vault))
            elif note is None:
                self._drop_empty_stubs(old)
        self.findings = [f for f in self.findings if f.path != rel] + findings
        if note is None:
            return
        for stub in [n for n in self.find(note.fname, note.vault) if n.stub]:
            self.remove(stub)
        self.add(note)
        for parent in ancestors(note.fname):
            if self.find(parent, note.vault):
                break
            self.add(make_stub(parent, note.vault))

    def _drop_empty_stubs(self, gone: Note) -> None:
        """Stubs above a deleted note that now hold nothing go too, as in a full load."""
        for parent in ancestors(gone.fname):
            stubs = [n for n in self.find(parent, gone.vault) if n.stub]
            if not stubs or any(c.vault == gone.vault for c in self.children(parent)):
                return
            for stub in stubs:
                self.remove(stub)

    def children(self, fname: str) -> list[Note]:
        """The notes (and stubs) one level below `fname`, in every vault: a lookup, not a
        scan, so what reads one hierarchy costs the same in any size of vault."""
        return list(self._by_parent.get(clean_name(fname), []))

    def find(self, fname: str, vault: str | None = None) -> list[Note]:
        """Notes named `fname` (case-insensitive, space == dash), optionally in one vault."""
        found = self._by_key.get(clean_name(fname), [])
        return [n for n in found if vault is None or n.vault == vault]

    def by_id(self, note_id: str) -> list[Note]:
        return list(self._by_id.get(note_id, []))

    def duplicate_ids(self) -> dict[str, list[Note]]:
        return {i: list(ns) for i, ns in self._by_id.items() if len(ns) > 1}

    def resolve(self, link: Link, source: Note) -> list[Note]:
        """The notes a link points at; a `prefix.*` reference matches by glob in its vault."""
        if link.type == "ref" and link.value.endswith("*"):
            import fnmatch

            vault = link.vault or source.vault
            pattern = clean_name(link.value)
            return [
                n
                for n in self.notes
                if n.vault == vault and fnmatch.fnmatchcase(clean_name(n.fname), pattern)
            ]
        return self.find(link.value, link.vault)

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    def __len__(self) -> int:
        return len(self.notes)


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
) -> NoteIndex:
    """Read every vault of `config` into a `NoteIndex`, reusing the cache for unchanged files."""
    options = ReadOptions(config.hashtags, config.usertags, config.max_note_length)
    index = NoteIndex()
    index.findings.extend(config.findings)
    files: list[NoteFile] = []
    for vault in config.vaults:
        vault_files, findings = list_note_files(config.root, vault)
        files.extend(vault_files)
        index.findings.extend(findings)
    fingerprint = _fingerprint(config, options)
    cached = load_cache(config.root, fingerprint) if use_cache else {}
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
    add_stubs(index, config.vaults, (config.root))
    if use_cache and (jobs or len(fresh) != len(cached)):
        save_cache(config.root, fingerprint, fresh)
    return index


def add_stubs(index: NoteIndex, vaults: Iterable[Vault], root: Path) -> None:
    """Invent the missing hierarchy levels, per vault, the way Dendron's `createStubs` does,
    and report vaults without `root.md`.

    Dendron walks up from a note to its closest existing ancestor and creates a stub for each
    level between; empty segments right below that ancestor (`a..b`) get no stub."""
    for vault in vaults:
        members = sorted((n for n in index.notes if n.vault == vault.name), key=lambda n: n.fname)
        known = {clean_name(n.fname) for n in members}
        if "root" not in known and os.path.isdir(vault.notes_dir):
            rel = os.path.relpath(vault.notes_dir / "root.md", root)
            msg = f"vault {vault.name!r} has no root.md: Dendron refuses to load it"
            index.findings.append(Finding("root-missing", rel, None, msg))
        schema = vault.notes_dir / "root.schema.yml"
        if os.path.isdir(vault.notes_dir) and not schema.is_file():
            rel = os.path.relpath(schema, root)
            msg = f"vault {vault.name!r} has no root.schema.yml: Dendron's engine fails to load it"
            index.findings.append(Finding("schema-missing", rel, None, msg))
        for note in members:
            if note.fname == "root" or clean_name(parent_fname(note.fname)) in known:
                continue
            ancestor = parent_fname(note.fname)
            while ancestor and clean_name(ancestor) not in known:
                ancestor = ancestor.rpartition(".")[0]
            base = "" if ancestor in ("", "root") else ancestor
            path = base
            for part in note.fname[len(base) :].lstrip(".").split(".")[:-1]:
                path = f"{path}.{part}" if path else part
                if clean_name(path) in known:
                    continue
                known.add(clean_name(path))
                index.add(make_stub(path, vault.name))
