"""Time from a save to the dashboard being rewritten, in watch mode, on synthetic vaults.

    python benchmarks/watch_latency.py [--sizes 1000,10000] [--saves 20] [--debounce 0.05]

For each size: a vault from make_vault.py (reused from benchmarks/out/ when present) is
copied, scaffolded, and watched by a real watchdog observer in this process. Each save ticks
or unticks an item of stage 1 through a temp file and a rename (as editors do); the clock
runs from the rename until the dashboard shows the new count. The debounce is part of it,
and is also reported apart, since it is a setting rather than work. What must hold: the
figure does not grow with the vault (only the saved note is read again).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from dendron_jobsearch import Watcher, load_settings, open_workspace, scaffold  # noqa: E402


def vault_of(size: int, out: Path) -> Path:
    source = out / f"vault-{size}-s1"
    if not (source / "dendron.yml").is_file():
        script = HERE / "make_vault.py"
        subprocess.run(
            [
                sys.executable,
                str(script),
                "--notes",
                str(size),
                "--out",
                str(source),
                "--seed",
                "1",
            ],
            check=True,
        )
    target = out / f"watch-{size}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".dendron.*"))
    return target


def measure(root: Path, saves: int, debounce: float) -> tuple[list[float], list[float], float]:
    scaffold(root)
    load_started = time.perf_counter()
    ws = open_workspace(root)
    load_seconds = time.perf_counter() - load_started
    watcher = Watcher(ws, load_settings(root), debounce=debounce, log=lambda _line: None)
    watcher.start()
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    time.sleep(0.5)
    stage = next((root / "vault").glob("jobsearch.stage.01-*.md"))
    dashboard = root / "vault" / "jobsearch.dashboard.md"
    timings = []
    try:
        for n in range(saves):
            text = stage.read_text()
            ticked = n % 2 == 0
            text = (
                text.replace("- [ ] algo", "- [x] algo")
                if ticked
                else text.replace("- [x] algo", "- [ ] algo")
            )
            want = "**1/" if ticked else "**0/"
            temp = stage.with_name(f".{stage.name}.tmp")
            temp.write_text(text)
            started = time.perf_counter()
            os.replace(temp, stage)
            while want not in dashboard.read_text():
                if time.perf_counter() - started > 10:
                    raise RuntimeError("the dashboard was not rewritten within 10 s")
                time.sleep(0.002)
            timings.append(time.perf_counter() - started)
            time.sleep(debounce + 0.1)
    finally:
        watcher.stop()
        thread.join()
    return timings, watcher.durations, load_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--debounce", type=float, default=0.05)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(
        "| notes | save → dashboard rewritten, median | p90 | debounce in it "
        "| work per save | load |"
    )
    print("|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        timings, work, load_seconds = measure(vault_of(size, args.out), args.saves, args.debounce)
        timings.sort()
        median = statistics.median(timings)
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"| {size:,} | {median * 1000:.0f} ms | {p90 * 1000:.0f} ms "
            f"| {args.debounce * 1000:.0f} ms | {statistics.median(work) * 1000:.0f} ms "
            f"| {load_seconds:.2f} s |"
        )


if __name__ == "__main__":
    main()
