"""What one pathological line costs to read, against an ordinary note, byte for byte.

A rule that rescans the rest of a line at each place it could start (a `[[` that never
closes, a `#` glued to a word, ...) makes a line's cost grow with the square of its length;
markdown-it-py itself is linear. This reads notes of `--size` bytes through the project's
reader (`vault/read.py: parse_note_text`, the size cap lifted), each one line of one form
repeated, in every dialect, and prints seconds and µs per byte beside an ordinary note's
(dendron-site's notes concatenated, or, without the corpus, a made-up note like them) and
beside markdown-it-py's own cost for the same text, with no rule of ours: a line that makes
markdown-it-py itself try its rules at every character costs several times an ordinary
note, whatever our rules do. The last line is the worst ratio; the target is 5 times.

    python benchmarks/pathological.py --size 1000000
    python benchmarks/pathological.py --size 100000 --forms '[[,{{fm.' --json
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from dendron_jobsearch.vault.dialects import Dialect
from dendron_jobsearch.vault.dialects.dendron import DENDRON
from dendron_jobsearch.vault.dialects.foam import FOAM
from dendron_jobsearch.vault.dialects.obsidian import OBSIDIAN
from dendron_jobsearch.vault.frontmatter import split_frontmatter
from dendron_jobsearch.vault.read import ReadOptions, parse_note_text

DIALECTS: dict[str, Dialect] = {"dendron": DENDRON, "obsidian": OBSIDIAN, "foam": FOAM}
# each form: the unit repeated (on one line, after a link, so that the line is parsed
# inline in every dialect) to make a note of the size asked; `tests/test_linear_rules.py`
FORMS = {
    "[[": "[[",
    "![[": "![[",
    "#a": "#a",
    "@": "@",
    "@+space": "@ ",
    "#+space": "# ",
    "{{fm.": "{{fm.",
    "[[a|": "[[a|",
    "#[[": "#[[",
    "%%": "%%",
    "^": "^",
    "[a] [[x]]": "[a] [[x]] ",
    "[a] [#a": "[a] [#a ",
    "][": "][",
    "$a": "$a ",
    "`": "`",
    "*[": "*[",
    ".#": ".#",
    "mixed": "[[a| ![[ #a @b {{fm. $a ` %% ^ *[ .# ",
    # markdown-it-py's own rules: emphasis marks, and a link label looked for through a run
    # of `[` (closed once at the end)
    "*a": "*a",
    "[[...]": "[[",
}
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dendron-site" / "vault"
_MADE_UP = """# Acme Corp: platform engineer

Applied on 2024-03-02 through [[Jane|people.jane-doe]] (#referral, @jane).

## Process

- [x] recruiter call, see ![[notes.calls#2024-03-04:#2024-03-05]]
- [ ] take-home: *due Friday*, [spec](https://example.com/spec)
  - [ ] write `README`, check [[dendron://work/tasks.acme]]

> They use Kubernetes and $k$ replicas; **on-call** one week in six.

```sh
make test  # [[not-a-link]]
```

| stage | date |
|---|---|
| onsite | {{fm.onsite}} |

"""


def ordinary_text(size: int) -> tuple[str, str]:
    """Ordinary notes' bodies of about `size` characters, and where they come from."""
    bodies: list[str] = []
    total = 0
    source = "dendron-site"
    texts = (
        [split_frontmatter(path.read_text()).body for path in sorted(CORPUS.glob("*.md"))]
        if CORPUS.is_dir()
        else []
    )
    if not texts:
        source, texts = "made-up note", [_MADE_UP]
    while total < size:
        for text in texts:
            bodies.append(text)
            total += len(text)
            if total >= size:
                break
    return "\n\n".join(bodies), source


def cost(text: str, options: ReadOptions | None, repeat: int) -> float:
    """The fastest of `repeat` reads of the note `text`, in seconds (collector paused); with
    no options, markdown-it-py alone parsing it (CommonMark, tables, strikethrough)."""
    times = []
    plain = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        if options is None:
            plain.parse(text)
        else:
            note, _ = parse_note_text(text, None, "vault/n.md", "n", "vault", options)
            assert note is not None
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="bytes a note (default 1 MB)")
    ap.add_argument("--forms", help="comma-separated forms (default: all)")
    ap.add_argument("--dialects", default=",".join(DIALECTS), help="comma-separated")
    ap.add_argument("--repeat", type=int, default=1, help="reads of each note; the best counts")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    forms = args.forms.split(",") if args.forms else list(FORMS)
    rows: list[dict[str, Any]] = []
    worst: dict[str, Any] | None = None
    bare: dict[str, float] = {}  # form -> markdown-it-py's own µs a byte
    for name in args.dialects.split(","):
        options = ReadOptions(max_note_length=sys.maxsize, dialect=DIALECTS[name])
        text, source = ordinary_text(args.size)
        cost(text[:20_000], options, 1)  # imports and the parser built: not the note's cost
        base = cost(text, options, args.repeat) / len(text.encode()) * 1e6
        rows.append({"dialect": name, "form": "ordinary", "source": source, "us_per_byte": base})
        for form in forms:
            unit = FORMS[form]
            line = unit * (args.size // len(unit.encode())) + ("]" if form == "[[...]" else "")
            note = "---\nnotes: x\n---\n[[start]] " + line + "\n"
            size = len(note.encode())
            if form not in bare:
                bare[form] = cost(note, None, args.repeat) / size * 1e6
            seconds = cost(note, options, args.repeat)
            row = {
                "dialect": name,
                "form": form,
                "bytes": size,
                "seconds": seconds,
                "us_per_byte": seconds / size * 1e6,
                "ratio": seconds / size * 1e6 / base,
                "markdown_it_us_per_byte": bare[form],
            }
            rows.append(row)
            if worst is None or row["ratio"] > worst["ratio"]:
                worst = row
    if args.json:
        print(json.dumps({"size": args.size, "rows": rows, "worst": worst}, indent=2))
        return
    print(f"{'dialect':9} {'form':14} {'seconds':>8} {'us/byte':>8} {'x ordinary':>10} alone")
    for row in rows:
        took = f"{row['seconds']:8.3f}" if "seconds" in row else " " * 8
        ratio = f"{row['ratio']:10.1f}" if "ratio" in row else " " * 10
        alone = f"{row['markdown_it_us_per_byte']:5.2f}" if "ratio" in row else ""
        form = f"{row['form']:14}"
        print(f"{row['dialect']:9} {form} {took} {row['us_per_byte']:8.3f} {ratio} {alone}")
    print(f"ordinary: {rows[0]['source']}, concatenated; alone: markdown-it-py's own us/byte")
    if worst is not None:
        print(
            f"worst: {worst['form']!r} ({worst['dialect']}), {worst['ratio']:.1f}x ordinary "
            f"(markdown-it-py alone: {worst['markdown_it_us_per_byte']:.1f} us a byte)"
        )


if __name__ == "__main__":
    main()
