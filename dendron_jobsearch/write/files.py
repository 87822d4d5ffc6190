"""Writing files safely: never outside the vault, never over a file that appeared meanwhile,
atomically (temp file in the same folder, fsync, rename), keeping the file's mode."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class UnsafePath(ValueError):
    """A path that would leave the folder it must stay in."""


def confined(folder: Path, name: str) -> Path:
    """`folder / name`, refusing anything that resolves outside `folder` (`..`, `/`, links)."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise UnsafePath(f"{name!r} is not a plain file name")
    target = (folder / name).resolve()
    base = folder.resolve()
    if target.parent != base:
        raise UnsafePath(f"{name!r} would be written outside {folder}")
    return folder / name


def create_new(path: Path, text: str) -> bool:
    """Create `path` with `text` unless it exists; True when this call created it.

    The content goes to a temp file first and is linked into place, so the note appears
    whole or not at all, and a file created meanwhile by someone else is never replaced."""
    tmp = _write_temp(path, text.encode("utf-8"))
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return True


def replace_if_unchanged(path: Path, expected: bytes, new: bytes) -> bool:
    """Replace `path` with `new` only while it still holds `expected` (the person's save
    wins a race: then nothing is written and False returned). Keeps the file's mode."""
    try:
        with path.open("rb") as handle:
            if handle.read() != expected:
                return False
        mode = path.stat().st_mode & 0o7777
    except OSError:
        return False
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


def _write_temp(path: Path, data: bytes, mode: int | None = None) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
