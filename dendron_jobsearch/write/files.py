"""Writing files safely: never outside the vault, never over a file that appeared meanwhile,
atomically (temp file in the same folder, fsync, rename), keeping the file's mode — or, for a
new file, the mode an editor would give it (0666 less the umask).

A write the operating system refuses (permission, read-only file system, full disk, file
size limit) is a `WriteError` naming the file; the temp file is removed, so nothing is ever
left half-written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from ..findings import Finding, JobSearchError


class UnsafePath(ValueError):
    """A path that would leave the folder it must stay in."""


class WriteError(JobSearchError):
    """A write refused, by the operating system or because it would leave the workspace:
    `cannot write PATH: reason`."""

    def __init__(self, path: str, reason: str, code: str = "write-failed") -> None:
        super().__init__(Finding(code, path, None, reason))

    def __str__(self) -> str:
        return f"cannot write {self.finding.path}: {self.finding.message}"


def reason(err: OSError) -> str:
    """`permission denied`, `no space left on device`, ...: the OS's words, lower-cased."""
    text = err.strerror or (errno.errorcode.get(err.errno or 0) if err.errno else None) or str(err)
    return text[0].lower() + text[1:] if text else "unknown error"


@contextlib.contextmanager
def refused_as(shown: str) -> Iterator[None]:
    """Turn an OSError inside the block into a WriteError naming `shown`."""
    try:
        yield
    except OSError as err:
        raise WriteError(shown, reason(err)) from None


def ensure_inside(root: Path, path: Path, shown: str) -> None:
    """Refuse to write `path` unless it resolves inside `root`: a `..`, an absolute path or
    a symbolic link (the file itself or a folder on the way) that leaves the workspace would
    let a cloned vault overwrite any file of the person's (`~/.bashrc`)."""
    base = os.path.realpath(root)
    real = os.path.realpath(path)
    if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
        return
    raise WriteError(
        shown, f"refused: it leads outside the workspace (to {real})", code="write-refused"
    )


def confined(folder: Path, name: str) -> Path:
    """`folder / name`, refusing anything that resolves outside `folder` (`..`, `/`, links)."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise UnsafePath(f"{name!r} is not a plain file name")
    target = (folder / name).resolve()
    base = folder.resolve()
    if target.parent != base:
        raise UnsafePath(f"{name!r} would be written outside {folder}")
    return folder / name


def confined_under(folder: Path, rel: str) -> Path:
    """`folder / rel` for a path of plain names (`Job search/Stages/01 Plan.md`), refusing
    anything that resolves outside `folder` (`..`, an absolute path, a link out)."""
    parts = rel.split("/")
    if any(not p or p in (".", "..") or "\\" in p for p in parts):
        raise UnsafePath(f"{rel!r} is not a path of plain names")
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise UnsafePath(f"{rel!r} would be written outside {folder}")
    return folder.joinpath(*parts)


def create_new(path: Path, text: str, shown: str | None = None) -> bool:
    """Create `path` with `text` unless it exists; True when this call created it.

    The content goes to a temp file first and is linked into place, so the note appears
    whole or not at all, and a file created meanwhile by someone else is never replaced."""
    with refused_as(shown or str(path)):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _write_temp(path, text.encode("utf-8"))
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return True


def replace_if_unchanged(path: Path, expected: bytes, new: bytes, shown: str | None = None) -> bool:
    """Replace `path` with `new` only while it still holds `expected` (the person's save
    wins a race: then nothing is written and False returned). Keeps the file's mode; a
    note that is a symbolic link stays one (the file it names is replaced)."""
    path = Path(os.path.realpath(path))
    try:
        with path.open("rb") as handle:
            if handle.read() != expected:
                return False
        mode = path.stat().st_mode & 0o7777
    except OSError:
        return False
    refuse_read_only(mode, shown or str(path))
    with refused_as(shown or str(path)):
        tmp = _write_temp(path, new, mode)
        try:
            with path.open("rb") as handle:  # a last look, as late as possible
                if handle.read() != expected:
                    return False
            os.replace(tmp, path)
            tmp = ""
            return True
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def write_file(path: Path, text: str | bytes, shown: str | None = None) -> None:
    """Write `path` whole (an export, a graph; text as UTF-8): atomic, its mode kept if it
    exists. A symbolic link stays a link (its target is replaced); a device or a pipe
    (`-o /dev/null`, `-o /dev/stdout`) is written straight through, as a shell's `>` writes
    it: renaming a temp file over it would put a plain file in its place."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with refused_as(shown or str(path)):
        try:
            found = path.stat()
        except FileNotFoundError:
            found = None
        if found is not None and not stat.S_ISREG(found.st_mode):
            with open(path, "wb") as handle:
                handle.write(data)
            return
        path = Path(os.path.realpath(path))
        mode = found.st_mode & 0o7777 if found is not None else None
        if mode is not None:
            refuse_read_only(mode, shown or str(path))
        tmp = _write_temp(path, data, mode)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def refuse_read_only(mode: int, shown: str) -> None:
    """A file nobody may write (`chmod 0444`) is one the person made read-only: refused, as
    the system refuses it to anyone but root (who would otherwise replace it silently)."""
    if not mode & 0o222:
        reason = f"permission denied (the file is read-only, mode {mode:04o})"
        raise WriteError(shown, reason)


# The temp files `_write_temp` makes: `.NAME.8 hex digits.tmp`
_TEMP = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def remove_stale_temps(folder: Path, before: float) -> list[str]:
    """Remove the tool's own temp files in `folder` last changed before `before` (a time
    stamp): what a write killed between its temp file and its rename (`kill -9`) left
    behind. Only that exact name pattern, and only ones older than this run; the names
    removed are returned."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".tmp") and _TEMP.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < before:
                        os.unlink(entry.path)
                        removed.append(entry.name)
    return removed


def _write_temp(path: Path, data: bytes, mode: int | None = None) -> str:
    """A hidden temp file beside `path` holding `data`, synced to disk. Created with 0666 so
    the kernel applies the umask (as for any editor's file), then given `mode` if set."""
    import secrets  # here: what only reads never pays for it (with hmac, ~4 ms of start-up)

    tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp
