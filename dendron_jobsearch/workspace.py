"""The public entry point: open a workspace (Dendron's, an Obsidian vault or a Foam
workspace) and ask it for notes, links and the graph."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DendronConfig
from .findings import Finding, WorkspaceError
from .vault.cache import cache_file, clear_caches
from .vault.dialects import Dialect, NoteFile
from .vault.dialects.detect import dialect_named, find_root
from .vault.index import NoteIndex, Progress, load_index
from .vault.model import Link, Note

if TYPE_CHECKING:
    import networkx as nx

    from .vault.attachments import VaultFiles

_GC_TUNING: ContextVar[bool] = ContextVar("dendron_jobsearch_gc_tuning", default=False)


@contextmanager
def gc_tuning() -> Iterator[None]:
    """Inside it, opening a workspace pauses Python's cyclic garbage collector for the load
    and then freezes what was loaded (`gc.freeze`), and `Watcher.start` freezes the vault it
    watches: a load allocates millions of small objects that all stay alive, and the
    collector would walk the growing heap again and again for nothing (a third of a warm load
    of 10,000 notes). For a process that loads a vault and then mostly reads it, as the
    command line does. Outside it the library leaves the collector as it finds it."""
    token = _GC_TUNING.set(True)
    try:
        yield
    finally:
        _GC_TUNING.reset(token)


@contextmanager
def _loading() -> Iterator[None]:
    """A load: under `gc_tuning()`, with the collector paused, and what it loaded frozen."""
    if not _GC_TUNING.get():
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()


def freeze_loaded() -> None:
    """Under `gc_tuning()`: collect once, then move everything alive out of the collector's
    way, so later collections cost the same in any vault size. Elsewhere: nothing."""
    if _GC_TUNING.get():
        gc.collect()
        gc.freeze()


@dataclass(frozen=True, slots=True)
class ResolvedLink:
    """A link placed in the workspace: where it comes from and the notes it reaches; for
    an embed of a file that is no note (`attachment`: `![[diagram.svg]]`), that file's path
    from the workspace root instead (`file`, None when there is no such file)."""

    source: Note
    link: Link
    targets: tuple[Note, ...]
    attachment: bool = False
    file: str | None = None

    @property
    def resolved(self) -> bool:
        return bool(self.targets) or self.file is not None


@dataclass
class Workspace:
    """A loaded workspace (Dendron, Obsidian or Foam). Build one with `open_workspace`."""

    config: DendronConfig
    index: NoteIndex
    _graph: nx.MultiDiGraph | None = field(default=None, repr=False)
    _files: dict[str, VaultFiles] | None = field(default=None, repr=False)

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def dialect(self) -> Dialect:
        """Whose rules the vault is read by (`dialect.name`: dendron, obsidian, foam)."""
        return self.index.dialect

    @property
    def notes(self) -> list[Note]:
        """Every note, hierarchy stubs included (`note.stub`)."""
        return self.index.notes

    @property
    def findings(self) -> list[Finding]:
        """What went wrong while reading (unreadable files, bad frontmatter, ...)."""
        return self.index.findings

    def find(self, fname: str, vault: str | None = None) -> list[Note]:
        """Notes by name, the way Dendron looks them up (case-insensitive, space == dash)."""
        return self.index.find(fname, vault)

    def get(self, fname: str, vault: str | None = None) -> Note | None:
        """The one non-stub note with this name, or None."""
        found = [n for n in self.index.find(fname, vault) if not n.stub]
        return found[0] if len(found) == 1 else None

    def note_files(self) -> list[NoteFile]:
        """Every note file (vault, fname, path), none of them read for it: for what looks at
        every note's text without needing each parsed."""
        return self.index.files()

    def file_findings(self, fname: str) -> list[Finding]:
        """What reading the file(s) named `fname` found (any vault, case-insensitive), also
        for a file that did not read at all and so is no note: callers that count or write
        a note ask this first, so an unreadable note is never taken for a missing one."""
        return self.index.file_findings(fname)

    def findings_under(self, prefix: str) -> list[Finding]:
        """What reading the files whose names start with `prefix` found (case-insensitive):
        `file_findings` for a whole hierarchy, also its files that did not read at all."""
        return self.index.findings_under(prefix)

    def by_id(self, note_id: str) -> list[Note]:
        return self.index.by_id(note_id)

    def links(self) -> list[ResolvedLink]:
        """Every link of every note, with the notes it resolves to (none when broken), or
        for an embedded attachment the file it finds."""
        embeds_file = self.dialect.embeds_file
        return [
            self._attachment(note, link)
            if embeds_file(link)
            else ResolvedLink(note, link, tuple(self.index.resolve(link, note)))
            for note in self.index.notes
            for link in note.links
        ]

    def _attachment(self, note: Note, link: Link) -> ResolvedLink:
        """An embedded attachment, found among the files of the note's vault (listed the
        first time one is asked for)."""
        if self._files is None:
            self._files = {
                v.name: self.dialect.vault_files(self.root, v) for v in self.config.vaults
            }
        files = self._files.get(note.vault)
        found = None if files is None else self.dialect.resolve_file(link, note, files)
        file = None if files is None or found is None else files.rel(found)
        return ResolvedLink(note, link, (), attachment=True, file=file)

    def backlinks(self, note: Note) -> list[ResolvedLink]:
        return [r for r in self.links() if note in r.targets]

    def graph(self) -> nx.MultiDiGraph:
        """The link graph (networkx), built on first use: see `vault.graph.build_graph`."""
        if self._graph is None:
            from .vault.graph import build_graph

            self._graph = build_graph(self)
        return self._graph

    def reload_file(self, path: Path) -> Note | None:
        """Re-read one note file (or forget it, when it is gone) and update the index in
        place; the rest of the vault is not read again. Returns the note, if it reads."""
        return self._reread(path, now=True)

    def refresh_file(self, path: Path) -> None:
        """A note file changed: as `reload_file`, except that a workspace opened lazily
        reads it again only if it had read it (else when a lookup first needs it)."""
        self._reread(path, now=False)

    def _reread(self, path: Path, *, now: bool) -> Note | None:
        from .vault.index import read_options

        dialect = self.index.dialect
        located = dialect.note_file_of(self.config.root, self.config.vaults, path)
        if located is None:
            return None
        vault, fname, rel = located
        self._graph = None
        self._files = None  # listed again when next asked: attachments may have come too
        try:
            stat = path.stat() if path.is_file() else None
        except OSError:
            stat = None
        file = None
        if stat is not None:
            file = NoteFile(vault, fname, str(path), rel, stat.st_mtime_ns, stat.st_size)
        return self.index.reread(file, rel, read_options(self.config, dialect), now=now)

    def relpath(self, path: Path) -> str:
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)


DialectChoice = str | Dialect | None


def _chosen(dialect: DialectChoice) -> Dialect | None:
    if dialect is None or not isinstance(dialect, str):
        return dialect
    try:
        return dialect_named(dialect)
    except ValueError as err:
        raise WorkspaceError(Finding("config-invalid", "--dialect", None, str(err))) from None


def locate_workspace(
    path: str | Path | None = None, dialect: DialectChoice = None
) -> tuple[Path, Dialect]:
    """The workspace at or above `path` (default: the current folder) and its dialect: the
    nearest folder holding `dendron.yml`, `.obsidian/`, a Foam `.vscode/settings.json` or
    `.foam/`, or a `dendron-jobsearch.yml` that names a `dialect`. Its dialect is `dialect`
    when given (`"dendron"`, `"obsidian"`, `"foam"`), else the one `dendron-jobsearch.yml`
    remembers, else the marker's. An Obsidian or Foam dialect asked for by name reads a
    folder with no marker too (the folder itself)."""
    start = Path(path).expanduser() if path is not None else Path.cwd()
    if not start.is_dir():
        msg = "not a folder" if start.exists() else "no such folder"
        raise WorkspaceError(Finding("workspace-missing", str(start), None, msg))
    asked = _chosen(dialect)
    found = find_root(start)
    if found is None:
        if asked is not None and not asked.has_ids:
            return start.resolve(), asked
        msg = (
            f"no vault in {start} or any folder above it (no dendron.yml, .obsidian/ or Foam "
            "workspace): run `dendron-jobsearch scaffold` there to make a workspace, or say "
            "--dialect obsidian|foam to read the folder as one"
        )
        raise WorkspaceError(Finding("workspace-missing", str(start), None, msg))
    root, detected = found
    if asked is None:
        from .settings import remembered_dialect

        remembered = remembered_dialect(root)
        asked = dialect_named(remembered) if remembered else None
    return root, asked or detected


def workspace_root(path: str | Path | None = None, dialect: DialectChoice = None) -> Path:
    """The folder of the workspace at or above `path` (default: the current folder),
    found as `open_workspace` finds it, and raising the same `WorkspaceError`s."""
    return locate_workspace(path, dialect)[0]


def open_workspace(
    path: str | Path | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    lazy: bool = False,
    dialect: DialectChoice = None,
) -> Workspace:
    """Open the workspace at or above `path` (default: the current folder): a Dendron
    workspace (`dendron.yml`), an Obsidian vault (`.obsidian/`) or a Foam workspace, read by
    that tool's rules (`dialect`: `"dendron"`, `"obsidian"` or `"foam"` to choose; see
    `locate_workspace`). An Obsidian or Foam vault is one vault, the whole folder.

    Raises `WorkspaceError` when `path` is not a folder, there is no workspace in it or
    above it (code `workspace-missing`, either way) or it cannot be read; problems with single
    notes never raise, they are `Workspace.findings`. Unchanged notes come from the read
    cache (`cache_path`; not with `use_cache=False`), which is never inside the workspace.

    From `PARALLEL_THRESHOLD` notes to read on, worker processes read them (`workers`, default
    one per CPU; 1 reads them here), never forked from this process (a fork server on Linux,
    fresh interpreters elsewhere): as with any `multiprocessing` code, a script that opens a
    workspace at import time needs the `if __name__ == "__main__":` guard. The garbage
    collector is left as it is, unless the call runs inside `gc_tuning()`.

    With `lazy`, only the vaults' folders are listed now, and each note is read the first
    time a lookup needs it (`get`, `find`, `index.children`, `file_findings`): what reads
    a few notes costs the same in any size of vault. The answers are those of a full load;
    what needs every note (`notes`, `findings`, `links`, `graph`, `by_id`) reads the rest
    first, through the cache and the worker processes. The command line opens so.
    """
    root, chosen = locate_workspace(path, dialect)
    config = chosen.load_config(root)
    with _loading():
        index = load_index(
            config,
            use_cache=use_cache,
            progress=progress,
            workers=workers,
            lazy=lazy,
            loading=_loading,
            dialect=chosen,
        )
    return Workspace(config, index)


def cache_path(path: str | Path | None = None, dialect: DialectChoice = None) -> Path:
    """Where the read cache of the workspace at or above `path` is kept (whether or not it
    exists yet): a file of its own in the user's cache folder, never inside the workspace."""
    root, chosen = locate_workspace(path, dialect)
    return cache_file(root, chosen.cache_name)


def clear_cache(
    path: str | Path | None = None, *, every_workspace: bool = False, dialect: DialectChoice = None
) -> list[Path]:
    """Delete the read cache of the workspace at or above `path`, or with `every_workspace`
    every workspace's (no workspace needed then); returns the files deleted. Only ever
    costs the next load its speed. Raises `JobSearchError` when the system refuses."""
    if every_workspace:
        return clear_caches()
    return clear_caches([cache_path(path, dialect)])
