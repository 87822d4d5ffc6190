"""Time the plan-scoped commands (`status --json`) against the size of the vault.

Issue 11's target: the commands that need the plan, its stage notes, the companies and the
dashboard read what they use plus one directory listing, so their cost does not grow with
the vault (`status` cold <= 0.25 s at 10,000 notes, <= 0.5 s at 50,000, and the 50,000 /
1,000 ratio under 2).

For each size, a synthetic vault from `make_vault.py` is copied into a scratch folder,
scaffolded, given one company and synced (with the CLI's clock fixed, so every run is the
same), then `status --json` runs as a whole process `--repeat` times cold (the read cache
deleted first; a plan-scoped command does not open it anyway) and warm. Medians are
reported with the ratio to the smallest size. Stdlib only; reuses `run.py`'s timing.

    python benchmarks/plan_scoped.py --sizes 1000,10000,50000 --repeat 5 \\
        --cli benchmarks/out/venv/bin/dendron-jobsearch
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402 -- sibling script: the same whole-process timing as the graph runs

TODAY = "2026-12-01"


def prepare(cli: str, n: int, seed: int, scratch: Path) -> Path:
    """A scaffolded, synced copy of the synthetic vault of `n` notes."""
    source = run.synthetic_workload(n, seed).path
    ws = scratch / f"vault-{n}"
    shutil.copytree(source, ws)
    env = {**os.environ, "DENDRON_JOBSEARCH_TODAY": TODAY}
    for argv in (["scaffold"], ["company", "add", "Acme"], ["sync"]):
        subprocess.run([cli, "-w", str(ws), *argv], env=env, check=True, capture_output=True)
    return ws


def median_wall(cli: str, ws: Path, repeat: int, cold: bool) -> tuple[float, float]:
    """Median wall seconds and peak MB of `status --json` over `repeat` runs."""
    env = {**os.environ, "DENDRON_JOBSEARCH_TODAY": TODAY}
    cache = subprocess.run(
        [cli, "-w", str(ws), "cache", "path"], capture_output=True, text=True, check=True
    ).stdout.strip()
    walls, rss = [], []
    for _ in range(repeat):
        if cold:
            Path(cache).unlink(missing_ok=True)
        done = run.run_once([cli, "-w", str(ws), "status", "--json"], timeout=120, env=env)
        if not done.ok:
            raise SystemExit(f"status failed on {ws}: {done.stderr_tail}")
        walls.append(done.wall_s)
        rss.append(done.max_rss_mb)
    return statistics.median(walls), statistics.median(rss)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cli", default=shutil.which("dendron-jobsearch") or "dendron-jobsearch")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="plan-scoped-") as tmp:
        for n in sizes:
            ws = prepare(args.cli, n, args.seed, Path(tmp))
            run.warm_page_cache(ws)
            cold = median_wall(args.cli, ws, args.repeat, cold=True)
            warm = median_wall(args.cli, ws, args.repeat, cold=False)
            rows.append((n, cold, warm))
            run.log(f"  {n:,} notes: cold {cold[0]:.3f} s, warm {warm[0]:.3f} s")
            shutil.rmtree(ws)
    base_cold, base_warm = rows[0][1][0], rows[0][2][0]
    print(f"| `status --json` | cold | warm | cold / {sizes[0]:,} | warm / {sizes[0]:,} |")
    print("|---|---|---|---|---|")
    for n, (cold, cold_mb), (warm, warm_mb) in rows:
        print(
            f"| {n:,} notes | {cold:.3f} s, {cold_mb:.0f} MB | {warm:.3f} s, {warm_mb:.0f} MB "
            f"| {cold / base_cold:.2f} | {warm / base_warm:.2f} |"
        )


if __name__ == "__main__":
    main()
