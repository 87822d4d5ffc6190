"""Time dendron-jobsearch against Dendron's own engine, as whole processes.

Why whole processes: what a user waits for is ``dendron-jobsearch ...`` returning, which
includes interpreter start-up and imports, not just a parse function. The same goes for
Dendron: ``node dump.js`` pays for Node start-up and loading the engine packages. So every
measurement here is one fresh child process, timed by wall clock from spawn to exit, with
its peak resident memory as ``/usr/bin/time -f %M`` reports it (the largest RSS of any one
process in the child's tree, not a sum; see ``run_once`` for why GNU time is the spawner).

Workloads: the real corpus (copied to a writable scratch directory, because it is
read-only and both tools write caches) and synthetic vaults from ``make_vault.py``
(``benchmarks/out/vault-N-sSEED``, reused when the marker says size, seed and generator
version match). For each, with ``--repeat`` runs each (best-of and median reported):

* ours cold json     -- our read cache of the workspace (the file ``dendron-jobsearch cache
  path`` prints, in the user's cache folder) deleted before every run, then
  ``dendron-jobsearch -w WS graph --format json --output /dev/null``;
* ours cold graphml  -- the same with ``--format graphml`` (also builds the networkx graph);
* ours warm          -- the json command again with the cache left in place (primed once);
* Dendron cold/warm  -- ``CI=true node dump.js WS OUT.json`` from the conformance oracle, with
  ``vault/.dendron.cache.json`` deleted before each cold run and kept for warm runs.
  Dendron is only run on the corpus unless ``--dendron-on-synthetic`` (then on synthetic
  vaults up to ``--dendron-max-notes``), because its cold load is slow (~17 s for 1,012
  notes, ~25 s for 2,000 on the machine this was written on).

"Cold" means no *application* cache. The OS page cache is warmed for every contestant by
reading the workspace once before timing, so disk speed does not decide the comparison.

A failing command never crashes the runner: its series stops, and the table shows FAILED
with the exit status; the stderr tail is printed under the table and saved in the JSON.

Output: Markdown tables on stdout (progress goes to stderr), full results as JSON
(``--out``). Stdlib only; run it as a script: ``python benchmarks/run.py --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT_DIR = HERE / "out"
OLD_CACHE = ".dendron.jobsearch.cache"  # where earlier versions kept ours (not copied)
DENDRON_CACHE = ".dendron.cache.json"
TELEMETRY = Path.home() / ".dendron.telemetry"
TELEMETRY_DISABLED = '{"status":"disabled by cli command"}'
STDERR_TAIL = 1500  # characters of stderr kept for a failed run

sys.path.insert(0, str(HERE))
import make_vault  # noqa: E402 -- sibling script, imported so vaults are made in-process

# --- running one process ------------------------------------------------------------------


@dataclass
class Run:
    """One timed child process."""

    ok: bool
    wall_s: float
    max_rss_mb: float
    returncode: int | None
    timed_out: bool = False
    stderr_tail: str = ""
    cpu_s: float = 0.0  # user + system CPU: less sensitive than wall time to a busy machine
    load_avg: float = 0.0  # 1-minute load average when the run started
    tree_rss_mb: float = 0.0  # sampled peak of the summed RSS of all the child's processes


def find_gnu_time() -> str | None:
    """``/usr/bin/time`` if it is GNU time (needed for ``-f %M -o FILE``), else None."""
    exe = shutil.which("time", path="/usr/bin:/bin:/usr/local/bin")
    if exe is None:
        return None
    try:
        res = subprocess.run([exe, "-f", "%M", "-o", os.devnull, "true"], timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return exe if res.returncode == 0 else None


GNU_TIME = find_gnu_time()


class TreeSampler(threading.Thread):
    """Samples the summed RSS of every process in one session, every ``interval`` seconds.

    Why: ``%M`` is the peak of the single largest process. A tool that fans work out to
    worker processes uses more than that, so we also track the sum over the child's
    session (shared pages are counted once per process, so this errs high; runs shorter
    than one interval are not seen). Reads only ``/proc/*/stat``; Linux only, else idle.
    """

    def __init__(self, sid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.sid, self.interval, self.peak_kb = sid, interval, 0
        self.page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            total = 0
            try:
                entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
            except OSError:
                return
            for pid in entries:
                try:
                    with open(f"/proc/{pid}/stat", "rb") as fh:
                        fields = fh.read().rsplit(b")", 1)[1].split()
                except (OSError, IndexError):
                    continue  # exited meanwhile
                if int(fields[3]) == self.sid:  # fields after "(comm)": 3 session, 21 rss
                    total += int(fields[21]) * self.page_kb
            self.peak_kb = max(self.peak_kb, total)

    def stop(self) -> float:
        """Stop sampling; return the peak in MB."""
        self.done.set()
        self.join()
        return self.peak_kb / 1024


def kill_group(pid: int) -> None:
    """SIGKILL the child's process group (it has its own session: nothing else is hit)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def wait_child(pid: int, timeout: float) -> tuple[int, resource.struct_rusage, bool]:
    """Wait for ``pid`` for up to ``timeout`` s; return (wait status, rusage, timed out).

    Sleeps in ``select`` on a pidfd rather than in a blocking ``wait4`` so that a signal
    (Ctrl-C, SIGTERM) interrupts the wait and the caller can kill the child.
    """
    deadline = time.monotonic() + timeout
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = -1  # old kernel: poll instead
    try:
        while (remaining := deadline - time.monotonic()) > 0:
            if fd >= 0:
                if select.select([fd], [], [], remaining)[0]:
                    break
            else:
                got, status, usage = os.wait4(pid, os.WNOHANG)
                if got:
                    return status, usage, False
                time.sleep(0.002)
        else:
            kill_group(pid)
            _, status, usage = os.wait4(pid, 0)
            return status, usage, True
        _, status, usage = os.wait4(pid, 0)
        return status, usage, False
    finally:
        if fd >= 0:
            os.close(fd)


def run_once(
    argv: list[str], *, timeout: float, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Run:
    """Spawn ``argv`` in its own session; return its wall time and peak RSS.

    Why GNU time as a go-between: Linux charges a child with the resident size of the
    process that forked it (the pre-``exec`` image), so measuring straight from this
    runner -- which holds a generated vault's plan in memory -- would report our own size
    as the child's floor. ``/usr/bin/time`` is a 2 MB forker, so its ``%M`` is the
    command's own peak (the largest process of its tree, not a sum). Its start-up, about
    a millisecond, is inside the wall time. Without GNU time we fall back to ``os.wait4``
    rusage and say so in the results.
    """
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        rss_file = Path(tmp) / "rss"
        full = [GNU_TIME, "-f", "%M %U %S", "-o", str(rss_file), *argv] if GNU_TIME else argv
        load = os.getloadavg()[0]
        with (Path(tmp) / "stderr").open("w+b") as err:
            t0 = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    full,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    env=env,
                    cwd=cwd,
                    start_new_session=True,
                )
            except OSError as exc:
                return Run(False, 0.0, 0.0, None, stderr_tail=f"could not start: {exc}")
            try:
                sampler = TreeSampler(proc.pid)  # start_new_session: session id == pid
                sampler.start()
                try:
                    status, usage, timed_out = wait_child(proc.pid, timeout)
                finally:
                    tree_mb = sampler.stop()
            except BaseException:
                kill_group(proc.pid)  # interrupted: do not leave the child running
                proc.wait()
                raise
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped already: tell Popen
            err.seek(0)
            tail = err.read().decode("utf-8", errors="replace")[-STDERR_TAIL:]
        maxrss_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        if GNU_TIME:  # last line of the -o file is "%M %U %S"
            lines = rss_file.read_text().splitlines() if rss_file.exists() else []
            fields = lines[-1].split() if lines else []
            try:
                maxrss_kb, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
            except (IndexError, ValueError):
                maxrss_kb = 0  # killed before time could report
    ok = proc.returncode == 0 and not timed_out
    return Run(
        ok,
        wall,
        maxrss_kb / 1024,
        proc.returncode,
        timed_out,
        "" if ok else tail,
        cpu,
        load,
        tree_mb,
    )


@dataclass
class Series:
    """Repeated runs of one command on one workload, plus their summary."""

    name: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)
    skipped: str = ""  # reason, when the series was not run at all
    note: str = ""  # something the reader of the results should know

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.ok for r in self.runs)

    @property
    def failure(self) -> Run | None:
        return next((r for r in self.runs if not r.ok), None)

    def summary(self) -> dict[str, object]:
        good = [r.wall_s for r in self.runs if r.ok]
        out: dict[str, object] = {"name": self.name, "argv": self.argv, "ok": self.ok}
        if self.skipped:
            out["skipped"] = self.skipped
        if self.note:
            out["note"] = self.note
        if good:
            out |= {
                "best_s": round(min(good), 4),
                "median_s": round(statistics.median(good), 4),
                "max_rss_mb": round(max(r.max_rss_mb for r in self.runs if r.ok), 1),
                "median_cpu_s": round(statistics.median(r.cpu_s for r in self.runs if r.ok), 4),
                "max_tree_rss_mb": round(max(r.tree_rss_mb for r in self.runs if r.ok), 1),
            }
        if (bad := self.failure) is not None:
            out["error"] = {
                "returncode": bad.returncode,
                "timed_out": bad.timed_out,
                "stderr_tail": bad.stderr_tail,
            }
        out["runs"] = [asdict(r) for r in self.runs]
        return out


def repeat(
    series: Series,
    n: int,
    *,
    timeout: float,
    before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Series:
    """Run ``series.argv`` ``n`` times (calling ``before()`` first each time).

    Stops at the first failure: a broken command fails the same way every time, and a
    timed-out one would only waste another timeout.
    """
    for i in range(n):
        if before is not None:
            before()
        run = run_once(series.argv, timeout=timeout, env=env, cwd=cwd)
        series.runs.append(run)
        status = "FAILED"
        if run.ok:
            status = f"{run.wall_s:7.2f} s wall {run.cpu_s:7.2f} s cpu {run.max_rss_mb:7.1f} MB"
        log(f"    {series.name:<18} run {i + 1}/{n}: {status}")
        if not run.ok:
            break
    return series


def log(msg: str) -> None:
    """Progress to stderr, so stdout carries only the result tables."""
    print(msg, file=sys.stderr, flush=True)


# --- workspaces ---------------------------------------------------------------------------


@dataclass
class Workload:
    """A workspace to measure and what we know about it."""

    label: str
    path: Path
    notes: int
    bytes: int
    synthetic: bool
    series: dict[str, Series] = field(default_factory=dict)
    dendron: dict[str, object] = field(default_factory=dict)


def md_files(ws: Path) -> list[Path]:
    """Every note file of the workspace's vault directories (good enough for sizing)."""
    return [p for p in ws.rglob("*.md") if ".git" not in p.parts]


def warm_page_cache(ws: Path) -> None:
    """Read every file once so no contestant pays for the disk (see module docstring)."""
    for p in ws.rglob("*"):
        if p.is_file():
            with p.open("rb") as fh:
                while fh.read(1 << 20):
                    pass


def corpus_workload(corpus: Path) -> Workload:
    """Copy the (read-only) corpus to ``out/corpus-NAME`` without caches, writable."""
    dest = OUT_DIR / f"corpus-{corpus.name}"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(corpus, dest, ignore=shutil.ignore_patterns(DENDRON_CACHE, OLD_CACHE))
    for p in [dest, *dest.rglob("*")]:
        p.chmod(p.stat().st_mode | 0o200)
    files = md_files(dest)
    return Workload(
        label=f"{corpus.name} (real)",
        path=dest,
        notes=len(files),
        bytes=sum(p.stat().st_size for p in files),
        synthetic=False,
    )


def synthetic_workload(n: int, seed: int) -> Workload:
    """Reuse ``out/vault-N-sSEED`` when its marker matches, else generate it."""
    dest = OUT_DIR / f"vault-{n}-s{seed}"
    marker = make_vault.read_marker(dest)
    wanted = {"notes": n, "seed": seed, "version": make_vault.GENERATOR_VERSION}
    if marker is not None and all(marker.get(k) == v for k, v in wanted.items()):
        log(f"  reusing {dest.relative_to(REPO)}")
        info = marker
    else:
        log(f"  generating {n:,} notes (seed {seed}) into {dest.relative_to(REPO)} ...")
        info = make_vault.generate(n, dest, seed)
        log(f"  generated in {info['seconds']} s")
    size = info.get("bytes")
    return Workload(
        label=f"synthetic {n:,} (seed {seed})",
        path=dest,
        notes=n,
        bytes=size if isinstance(size, int) else 0,
        synthetic=True,
    )


def remove(path: Path) -> None:
    """Delete a cache whether it is a file or a directory; absent is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


# --- the contestants ----------------------------------------------------------------------


def our_prefix(args: argparse.Namespace) -> list[str]:
    """``dendron-jobsearch``, or ``PY -m dendron_jobsearch``."""
    return [args.python, "-m", "dendron_jobsearch"] if args.python else [str(args.cli)]


def our_command(args: argparse.Namespace, ws: Path, fmt: str) -> list[str]:
    """Our command writing a graph to /dev/null."""
    return [*our_prefix(args), "-w", str(ws), "graph", "--format", fmt, "--output", os.devnull]


def our_cache(args: argparse.Namespace, ws: Path) -> Path:
    """Our read cache of ``ws``, as ``cache path`` names it (in the user's cache folder); an
    install from before that command kept it at the workspace root."""
    argv = [*our_prefix(args), "-w", str(ws), "cache", "path"]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=REPO)
    return Path(done.stdout.strip()) if done.returncode == 0 else ws / OLD_CACHE


def measure_ours(args: argparse.Namespace, wl: Workload) -> None:
    """Cold json, cold graphml (each run after deleting our cache), then warm json."""
    cache = our_cache(args, wl.path)

    def drop_cache() -> None:
        remove(cache)

    # cwd=REPO so that ``--python PY -m dendron_jobsearch`` works even when not installed.
    for key, fmt in (("ours_cold_json", "json"), ("ours_cold_graphml", "graphml")):
        s = Series(key, our_command(args, wl.path, fmt))
        wl.series[key] = repeat(s, args.repeat, before=drop_cache, timeout=args.timeout, cwd=REPO)
    warm = Series("ours_warm", our_command(args, wl.path, "json"))
    wl.series["ours_warm"] = warm
    if not wl.series["ours_cold_json"].ok:
        warm.skipped = "cold json run failed"
        return
    drop_cache()
    prime = run_once(warm.argv, timeout=args.timeout, cwd=REPO)  # untimed: leaves a cache
    if not prime.ok:
        warm.runs.append(prime)
        return
    if not cache.exists():
        warm.note = f"no {cache} appeared after a run: 'warm' is not using a cache"
        log(f"    WARNING: {warm.note}")
    repeat(warm, args.repeat, timeout=args.timeout, cwd=REPO)


def find_oracle(args: argparse.Namespace) -> tuple[Path | None, str]:
    """The oracle directory if usable, else None and a reason to print."""
    d: Path = args.oracle_dir
    engine = d / "node_modules" / "@dendronhq" / "engine-server"
    missing = [str(p) for p in (engine, d / "dump.js") if not p.exists()]
    if missing:
        return None, f"Dendron oracle not found ({', '.join(missing)} missing)"
    if shutil.which(args.node) is None:
        return None, f"node executable {args.node!r} not found"
    return d, ""


def ensure_telemetry_file() -> None:
    """Dendron's engine expects ~/.dendron.telemetry; create it (opted out) if absent."""
    if not TELEMETRY.exists():
        TELEMETRY.write_text(TELEMETRY_DISABLED, encoding="utf-8")
        log(f"  created {TELEMETRY} (telemetry disabled)")


def read_dump(path: Path) -> dict[str, object]:
    """What the oracle reported: engine-only init time, error, note and stub counts."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {"dump_error": f"unreadable dump: {exc}"}
    notes = data.get("notes") or []
    return {
        "init_ms": data.get("init_ms"),
        "error": data.get("error"),
        "notes": len(notes),
        "stubs": sum(1 for n in notes if n.get("stub")),
    }


def measure_dendron(args: argparse.Namespace, wl: Workload, oracle: Path) -> None:
    """Dendron cold (its vault cache deleted before each run), then warm (cache kept)."""
    ensure_telemetry_file()
    dump_file = OUT_DIR / f".dendron-dump-{os.getpid()}.json"
    argv = [args.node, str(oracle / "dump.js"), str(wl.path), str(dump_file)]
    env = {**os.environ, "CI": "true"}
    caches = [d / DENDRON_CACHE for d in sorted({p.parent for p in md_files(wl.path)})]

    def drop_cache() -> None:
        for c in caches:
            remove(c)

    reps = args.dendron_repeat or args.repeat
    try:
        cold = Series("dendron_cold", argv)
        repeat(cold, reps, before=drop_cache, timeout=args.dendron_timeout, env=env, cwd=oracle)
        wl.series["dendron_cold"] = cold
        if cold.ok:
            wl.dendron["cold"] = read_dump(dump_file)
        warm = Series("dendron_warm", argv)
        wl.series["dendron_warm"] = warm
        if cold.ok:
            repeat(warm, reps, timeout=args.dendron_timeout, env=env, cwd=oracle)
            if warm.ok:
                wl.dendron["warm"] = read_dump(dump_file)
        else:
            warm.skipped = "cold run failed"
        for info in wl.dendron.values():
            if isinstance(info, dict) and info.get("error"):
                log(f"    note: Dendron reported an error: {info['error']}")
    finally:
        dump_file.unlink(missing_ok=True)
        drop_cache()  # leave the workspace as we found it


# --- reporting ----------------------------------------------------------------------------

COLUMNS = [
    ("ours_cold_json", "ours cold json"),
    ("ours_cold_graphml", "ours cold graphml"),
    ("ours_warm", "ours warm"),
    ("dendron_cold", "Dendron cold"),
    ("dendron_warm", "Dendron warm"),
]
RATIOS = [
    ("dendron_cold", "ours_cold_json", "Dendron cold ÷ ours cold json"),
    ("dendron_warm", "ours_warm", "Dendron warm ÷ ours warm"),
]


def median(wl: Workload, key: str) -> float | None:
    """Median wall time of a successful series, else None."""
    s = wl.series.get(key)
    good = [r.wall_s for r in s.runs if r.ok] if s and s.ok else []
    return statistics.median(good) if good else None


def cell(wl: Workload, key: str, what: str, notes: list[str]) -> str:
    """One table cell; failures and skips get a footnote number."""
    s = wl.series.get(key)
    if s is None:
        return "—"
    if s.skipped:
        notes.append(f"{wl.label}, {key}: skipped ({s.skipped})")
        return f"— [{len(notes)}]"
    if not s.ok:
        bad = s.failure
        assert bad is not None
        why = "timeout" if bad.timed_out else f"exit {bad.returncode}"
        tail = bad.stderr_tail.strip().splitlines()[-12:]
        notes.append(
            f"{wl.label}, {key}: {why}; `{' '.join(s.argv)}`\n"
            + "\n".join(f"    {line}" for line in tail)
        )
        return f"FAILED ({why}) [{len(notes)}]"
    good = [r for r in s.runs if r.ok]
    if s.note and what == "time":
        notes.append(f"{wl.label}, {key}: {s.note}")
        mark = f" [{len(notes)}]"
    else:
        mark = ""
    if what == "time":
        walls = [r.wall_s for r in good]
        return f"{statistics.median(walls):.2f} s (best {min(walls):.2f}){mark}"
    peak, tree = max(r.max_rss_mb for r in good), max(r.tree_rss_mb for r in good)
    return f"{peak:.0f} MB" + (f" (Σ processes ≈ {tree:.0f} MB)" if tree > 1.25 * peak else "")


def row_label(wl: Workload) -> str:
    """Row title: what the workload is and how big."""
    return f"{wl.label}: {wl.notes:,} notes, {wl.bytes / 1e6:.1f} MB"


def markdown(workloads: list[Workload], dendron_note: str) -> str:
    """Wall-time table (median, best), memory table, ratios, footnotes."""
    notes: list[str] = []
    lines = ["### Wall time per process (median of runs, best in parentheses)", ""]
    head = ["workload", *(t for _, t in COLUMNS), *(t for _, _, t in RATIOS)]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for wl in workloads:
        cells = [cell(wl, k, "time", notes) for k, _ in COLUMNS]
        for num, den, _ in RATIOS:
            a, b = median(wl, num), median(wl, den)
            cells.append(f"{a / b:.1f}x" if a is not None and b else "—")
        lines.append("| " + " | ".join([row_label(wl), *cells]) + " |")
    lines += ["", "### Peak resident memory (largest process, largest of the runs)", ""]
    head = ["workload", *(t for _, t in COLUMNS)]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    scratch: list[str] = []  # footnotes were already collected by the time table
    for wl in workloads:
        cells = [cell(wl, k, "mem", scratch) for k, _ in COLUMNS]
        cells = [c.split(" [")[0] for c in cells]
        lines.append("| " + " | ".join([row_label(wl), *cells]) + " |")
    extra = []
    for wl in workloads:
        for kind, info in wl.dendron.items():
            if isinstance(info, dict) and info.get("init_ms") is not None:
                extra.append(
                    f"- {wl.label}: Dendron {kind} `engine.init()` alone took "
                    f"{info['init_ms']} ms ({info['notes']} notes incl. {info['stubs']} stubs, "
                    f"error: {info['error'] or 'none'})"
                )
    if dendron_note:
        extra.append(f"- {dendron_note}")
    loads = [r.load_avg for wl in workloads for s in wl.series.values() for r in s.runs]
    if loads:
        cpus = os.cpu_count() or 1
        busy = (
            " -- busy machine: wall times are noisy, compare cpu_s in the JSON"
            if max(loads) > 0.5 * cpus
            else ""
        )
        extra.append(
            f"- 1-minute load average at run starts: {min(loads):.2f}-{max(loads):.2f} "
            f"on {cpus} CPUs{busy}"
        )
    if extra:
        lines += ["", *extra]
    if notes:
        lines += ["", "Notes:", ""] + [f"[{i}] {n}" for i, n in enumerate(notes, 1)]
    return "\n".join(lines)


def node_version(node: str) -> str:
    """``node --version`` or a reason why not (recorded in the JSON metadata)."""
    try:
        res = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable: {exc}"
    return res.stdout.strip()


# --- main ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options (see the module docstring for what is measured)."""
    default_oracle = os.environ.get("DENDRON_ORACLE_HOME") or str(
        Path.home() / ".cache" / "dendron-jobsearch-oracle"
    )
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="10000,50000", help="synthetic vault sizes, comma-separated")
    ap.add_argument("--seed", type=int, default=1, help="make_vault.py seed (default 1)")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=Path("/work/shared/corpora/dendron-site"),
        help="real workspace to measure (copied to benchmarks/out first)",
    )
    ap.add_argument("--no-corpus", action="store_true", help="skip the real corpus")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    ap.add_argument("--out", type=Path, default=HERE / "results.json", help="JSON results file")
    ap.add_argument(
        "--cli",
        type=Path,
        default=REPO / ".venv" / "bin" / "dendron-jobsearch",
        help="our console script (default: the repo venv's)",
    )
    ap.add_argument("--python", help="run `PYTHON -m dendron_jobsearch` instead of --cli")
    ap.add_argument("--skip-ours", action="store_true", help="only run Dendron")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run of ours")
    ap.add_argument(
        "--oracle-dir",
        type=Path,
        default=Path(default_oracle),
        help="holds node_modules/@dendronhq/engine-server and dump.js "
        "(default: $DENDRON_ORACLE_HOME or ~/.cache/dendron-jobsearch-oracle, "
        "where the tests install it)",
    )
    ap.add_argument("--node", default="node", help="node executable (default: from PATH)")
    ap.add_argument("--skip-dendron", action="store_true", help="only run ours")
    ap.add_argument(
        "--dendron-on-synthetic",
        action="store_true",
        help="also run Dendron on synthetic vaults of at most --dendron-max-notes",
    )
    ap.add_argument("--dendron-max-notes", type=int, default=10_000, help="default 10,000")
    ap.add_argument("--dendron-repeat", type=int, default=0, help="default: --repeat")
    ap.add_argument("--dendron-timeout", type=float, default=1800, help="seconds per run")
    args = ap.parse_args(argv)
    try:
        args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes must be comma-separated integers, got {args.sizes!r}")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Build the workloads, measure every contestant, print tables, write JSON."""
    args = parse_args(argv)
    # Turn SIGTERM into an exception, so the child being timed is killed on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    if GNU_TIME is None:
        log("NOTE: GNU /usr/bin/time not found; peak RSS includes the runner's own size.")
    oracle, dendron_note = (None, "Dendron skipped (--skip-dendron)")
    if not args.skip_dendron:
        oracle, dendron_note = find_oracle(args)
        if oracle is None:
            log(f"NOTE: {dendron_note}; the Dendron columns will be empty.")
            log("      Pass --oracle-dir DIR or set DENDRON_ORACLE_HOME to a directory holding")
            log("      node_modules/@dendronhq/engine-server and dump.js.")
    if not args.skip_ours and not args.python and not args.cli.exists():
        log(f"NOTE: {args.cli} does not exist; our runs will fail (try --python).")

    workloads: list[Workload] = []
    if args.no_corpus:
        pass
    elif not (args.corpus / "dendron.yml").is_file():
        log(f"NOTE: no Dendron workspace at {args.corpus}; skipping the real corpus.")
    else:
        workloads.append(corpus_workload(args.corpus))
    workloads += [synthetic_workload(n, args.seed) for n in args.size_list]

    started = dt.datetime.now(dt.UTC)
    for wl in workloads:
        log(f"== {row_label(wl)} ({wl.path})")
        warm_page_cache(wl.path)
        if not args.skip_ours:
            measure_ours(args, wl)
        wants_dendron = not wl.synthetic or (
            args.dendron_on_synthetic and wl.notes <= args.dendron_max_notes
        )
        if oracle is not None and wants_dendron:
            measure_dendron(args, wl, oracle)
        elif oracle is not None and wl.synthetic:
            why = "--dendron-on-synthetic not given"
            if args.dendron_on_synthetic:
                why = f"more than --dendron-max-notes={args.dendron_max_notes:,}"
            for key in ("dendron_cold", "dendron_warm"):
                wl.series[key] = Series(key, [], skipped=why)

    print(markdown(workloads, "" if oracle is not None else dendron_note))
    result = {
        "meta": {
            "started_utc": started.isoformat(timespec="seconds"),
            "argv": sys.argv,
            "repeat": args.repeat,
            "python": sys.version.split()[0],
            "rss_method": f"{GNU_TIME} -f '%M %U %S'" if GNU_TIME else "os.wait4 (runner included)",
            "ours": our_command(args, Path("WS"), "FORMAT"),
            "node": node_version(args.node) if oracle is not None else None,
            "oracle_dir": str(oracle) if oracle is not None else None,
            "dendron_note": dendron_note if oracle is None else "",
            "machine": {
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
        },
        "workloads": [
            {
                "label": wl.label,
                "path": str(wl.path),
                "notes": wl.notes,
                "bytes": wl.bytes,
                "synthetic": wl.synthetic,
                "dendron_dump": wl.dendron,
                "series": {k: s.summary() for k, s in wl.series.items()},
            }
            for wl in workloads
        ],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    log(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
