"""The read cache: parsed notes kept between runs so an unchanged vault loads in a blink.

It belongs to the user, not to the workspace: one file per workspace in the user's cache
folder (`platformdirs.user_cache_dir("dendron-jobsearch")`, `$XDG_CACHE_HOME/dendron-jobsearch`
on Linux), `reads/<hash of the workspace's resolved path>-<the dialect's cache_name>`, so a
command that only reads writes nothing inside the workspace. The file holds the workspace's
path too: one whose path differs (a hash collision) is ignored. An entry is reused only while
the note file's size and mtime are unchanged, and only by the reader revision that wrote it.
Any of these files may be deleted at any time. A `.dendron.jobsearch.cache` an earlier
version left at a workspace root is the person's file now: never read, never deleted.

The file is a pickle because it is several times faster to load than JSON and keeps YAML's
dates as dates. A pickle from someone else could run code, so every cache is signed with a
key private to this user (`key` in the same folder): a cache that was not written by this
user on this machine is ignored, never unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
from pathlib import Path
from typing import Any

import platformdirs

from ..findings import Finding, JobSearchError

# Bump when reading changes what a note holds (the reader, a dialect's rules, the note model):
# a cache another revision wrote is ignored, so no note is served as an older reader read it.
# 2: footnotes, indented code after paragraphs, math, quotes, root.*.md
# 3: dialects Obsidian and Foam: tasks' fields, tags, aliases, link definitions
# 4: embedded attachments (`![[diagram.svg]]`, `![alt](img/x.png)`) are links
READER_REVISION = 4
_MAGIC = b"DJSCACHE1\n"


def cache_dir() -> Path:
    """The user's cache folder of the tool: the signing key, and `reads/` with the caches."""
    return Path(platformdirs.user_cache_dir("dendron-jobsearch"))


def cache_file(root: Path, name: str) -> Path:
    """The read cache of the workspace at `root`, for a dialect whose cache is called `name`."""
    digest = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return cache_dir() / "reads" / f"{digest}-{name.lstrip('.')}"


def clear_caches(files: list[Path] | None = None) -> list[Path]:
    """Delete these read caches (default: every workspace's); returns the ones that were
    there. Raises `JobSearchError` when the system refuses."""
    if files is None:
        folder = cache_dir() / "reads"
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    removed = []
    for path in files:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as err:
            why = (err.strerror or str(err)).lower()
            finding = Finding("write-failed", str(path), None, f"cannot delete: {why}")
            raise JobSearchError(finding) from None
        removed.append(path)
    return removed


def _user_key() -> bytes | None:
    """This user's signing key, created on first use (None if it cannot be stored)."""
    path = cache_dir() / "key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    import secrets  # imported here, as `tempfile` below: a load that writes nothing needs neither

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except FileExistsError:
        return path.read_bytes()
    except OSError:
        return None


def _key(fingerprint: str) -> str:
    return f"r{READER_REVISION}|{fingerprint}"


def load_cache(path: Path, root: Path, fingerprint: str) -> dict[Any, Any]:
    """The entries of the cache at `path` when this user wrote it for the workspace at `root`
    with these read settings, else {}."""
    key = _user_key()
    if key is None:
        return {}
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    head = len(_MAGIC)
    if not blob.startswith(_MAGIC) or len(blob) < head + 32:
        return {}
    signature, payload = blob[head : head + 32], memoryview(blob)[head + 32 :]  # no copy
    if not hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
        return {}
    try:
        data = pickle.loads(payload)
    except Exception:
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != _key(fingerprint):
        return {}
    if data.get("workspace") != str(root.resolve()):
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def save_cache(path: Path, root: Path, fingerprint: str, entries: dict[Any, Any]) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not written."""
    import tempfile

    key = _user_key()
    if key is None:
        return
    data = {"workspace": str(root.resolve()), "fingerprint": _key(fingerprint), "entries": entries}
    payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    signature = hmac.new(key, payload, hashlib.sha256).digest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + signature + payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
