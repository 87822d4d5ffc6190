"""Where a whole-vault load's time goes, phase by phase, in one process.

`run.py` times whole processes; this splits one `graph --format json` into the phases
issue 11 names, each timed on its own (best of `--repeat`), so the figures say which phase
is worth working on:

- imports: the command line's modules, and those a load adds (markdown-it, ...);
- listing: one directory listing of every vault;
- parse: every note read and parsed in this process (and per note);
- pool start-up: a fork server and one worker until its first result comes back;
- pickling: the parsed results through pickle, as they travel back from a worker;
- cache save / cache load: the read cache written, and read back (warm loads);
- index: the results put in the index, with the stubs;
- links: every link resolved; JSON: the graph built and encoded.

    python benchmarks/profile_load.py ../shared/corpora/dendron-site --repeat 3
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def best(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs of `step` (with the collector paused, as the CLI loads)."""
    times, value = [], None
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        value = step()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times), value


def import_time(statement: str) -> float:
    """Seconds a fresh interpreter takes to run `statement`, less a bare one's (best of 5)."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd="/")
        return time.perf_counter() - start

    bare = min(run("pass") for _ in range(5))
    return min(run(statement) for _ in range(5)) - bare


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from dendron_jobsearch import open_workspace
    from dendron_jobsearch.config import load_config
    from dendron_jobsearch.vault import index as index_module
    from dendron_jobsearch.vault.cache import load_cache, save_cache
    from dendron_jobsearch.vault.graph import export_graph
    from dendron_jobsearch.vault.parallel import map_shared

    root = args.workspace.resolve()
    config = load_config(root)
    options = index_module.read_options(config)
    rows: list[tuple[str, float, str]] = []
    cli = "import dendron_jobsearch.cli, dendron_jobsearch.commands.graph_cmd"
    rows.append(("imports: the command line (click, PyYAML, ours)", import_time(cli), ""))
    parse_imports = import_time(f"{cli}; import dendron_jobsearch.vault.markdown") - rows[0][1]
    rows.append(("imports: what parsing adds (markdown-it-py, the rules)", parse_imports, ""))

    def listing() -> list[Any]:
        files = []
        for vault in config.vaults:
            files += options.dialect.list_note_files(config.root, vault)[0]
        return [f.statted() for f in files]

    seconds, files = best(args.repeat, listing)
    rows.append(("listing (and the stats the cache compares)", seconds, f"{len(files)} files"))
    jobs = [(f, options) for f in files]
    seconds, results = best(args.repeat, lambda: [index_module._read_one(j) for j in jobs])
    per_note = f"{1000 * seconds / max(1, len(jobs)):.2f} ms a note"
    rows.append(("parse, every note in one process", seconds, per_note))
    first = jobs[:1] * 17  # one chunk's worth for the worker, one left for this process
    seconds, _ = best(args.repeat, lambda: map_shared(index_module._read_one, first, 2))
    rows.append(("pool start-up: fork server + a worker's first chunk back", seconds, ""))

    def through_pickle() -> Any:
        return pickle.loads(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))

    seconds, _ = best(args.repeat, through_pickle)
    size = len(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    rows.append(
        ("pickling the results (a worker's dumps + our loads)", seconds, f"{size >> 10} KiB")
    )
    entries = {
        (f.vault, f.rel): (f.mtime_ns, f.size, r) for f, r in zip(files, results, strict=True)
    }
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        seconds, _ = best(args.repeat, lambda: save_cache(cache, root, "profile", entries))
        rows.append(("cache save", seconds, f"{cache.stat().st_size >> 10} KiB"))
        seconds, _ = best(args.repeat, lambda: load_cache(cache, root, "profile"))
        rows.append(("cache load (read, check the signature, unpickle)", seconds, ""))

    def index() -> Any:
        ws = open_workspace(root, use_cache=True, lazy=True)
        ws.notes  # noqa: B018 -- the load itself, from the cache primed above
        return ws

    open_workspace(root)  # prime the cache
    seconds, ws = best(args.repeat, index)
    rows.append(("warm load: cache compared, index and stubs built", seconds, ""))
    seconds, links = best(args.repeat, ws.links)
    rows.append(("links resolved", seconds, f"{len(links)} links"))
    seconds, text = best(args.repeat, lambda: export_graph(ws, "json"))
    rows.append(
        ("graph JSON built and encoded (links included)", seconds, f"{len(text) >> 10} KiB")
    )
    print(f"Profile of a load of {root.name} ({len(files)} notes), best of {args.repeat}:\n")
    print("| phase | time | |\n|---|---|---|")
    for name, secs, note in rows:
        print(f"| {name} | {1000 * secs:.0f} ms | {note} |")
    json.dump({name: secs for name, secs, _ in rows}, sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
