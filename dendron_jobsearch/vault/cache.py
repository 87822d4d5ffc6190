"""The read cache: parsed notes kept between runs so an unchanged vault loads in a blink.

It lives at the workspace root under the dialect's `cache_name` (Dendron's:
`.dendron.jobsearch.cache`, which Dendron's generated `.gitignore` already ignores), never
touches Dendron's own `.dendron.cache.json`, and may be deleted at any time. An entry is
reused only while the file's size and mtime are unchanged, and only by the reader revision
that wrote it.

The file is a pickle because it is several times faster to load than JSON and keeps YAML's
dates as dates. A pickle from someone else could run code, so every cache is signed with a
key private to this user (`~/.cache/dendron-jobsearch/key`): a cache that was not written by
this user on this machine is ignored, never unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from pathlib import Path
from typing import Any

from .dialects.dendron import CACHE_NAME as CACHE_NAME  # where tests and tools look for it

# Bump when reading changes what a note holds (the reader, a dialect's rules, the note model):
# a cache another revision wrote is ignored, so no note is served as an older reader read it.
READER_REVISION = 1
_MAGIC = b"DJSCACHE1\n"


def _key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dendron-jobsearch" / "key"


def _user_key() -> bytes | None:
    """This user's signing key, created on first use (None if it cannot be stored)."""
    path = _key_path()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
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


def load_cache(path: Path, fingerprint: str) -> dict[Any, Any]:
    """The entries of the cache at `path` when it is valid for these read settings, else {}."""
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
    signature, payload = blob[head : head + 32], blob[head + 32 :]
    if not hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
        return {}
    try:
        data = pickle.loads(payload)
    except Exception:
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != _key(fingerprint):
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def save_cache(path: Path, fingerprint: str, entries: dict[Any, Any]) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not written."""
    key = _user_key()
    if key is None:
        return
    payload = pickle.dumps(
        {"fingerprint": _key(fingerprint), "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL
    )
    signature = hmac.new(key, payload, hashlib.sha256).digest()
    try:
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
