"""Measure the shape of a Dendron workspace, to calibrate and check ``make_vault.py``.

Why this exists: a benchmark on synthetic data is only meaningful if the synthetic vault
looks like a real one where it matters for a reader's cost -- how big notes are, how many
links they carry and of which kinds, how deep the hierarchy goes, how many parents are
missing (stubs) and how many links point nowhere. This script prints those numbers for any
workspace, so the same command run on the real corpus and on a generated vault shows at a
glance whether the generator still matches::

    python benchmarks/corpus_stats.py /work/shared/corpora/dendron-site
    python benchmarks/corpus_stats.py benchmarks/out/vault-2000-s1

The parsing here is a deliberately small regex approximation of Dendron's (frontmatter,
fenced and inline code stripped, ``[[...]]``, ``![[...]]``, ``#tag``, ``@user``). It is a
measuring stick for distributions, not a reference implementation: use the conformance
harness for exactness. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FRONTMATTER_RE = re.compile(r"\A---\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)
FENCE_RE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\2[ \t]*$", re.S | re.M)
INLINE_CODE_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
LINK_RE = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
HASHTAG_RE = re.compile(r"(?<![\w#&/\[])#([a-zA-Z][\w.-]*[\w-])")
USERTAG_RE = re.compile(r"(?<![\w@./])@([a-zA-Z][\w.-]*[\w-])")
HEADING_RE = re.compile(r"^#{1,6}[ \t]+\S", re.M)
CHECK_RE = re.compile(r"^[ \t]*[-*] \[[ xX]\] ", re.M)
TABLE_SEP_RE = re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.M)
FM_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*):", re.M)
ID_RE = re.compile(r"^id:[ \t]*['\"]?([^'\"\n]*)", re.M)


@dataclass
class Link:
    """One wikilink or note reference, reduced to what the statistics need."""

    is_ref: bool
    target: str
    alias: bool
    xvault: bool
    anchor: bool


@dataclass
class NoteStats:
    """Per-note measurements."""

    fname: str
    size: int
    body_size: int
    trailing_newline: bool
    links: list[Link] = field(default_factory=list)
    hashtags: int = 0
    usertags: int = 0
    links_in_code: int = 0
    fences: int = 0
    headings: int = 0
    checks: int = 0
    tables: int = 0
    fm_keys: list[str] = field(default_factory=list)
    id_len: int = 0


def parse_link(inner: str, is_ref: bool) -> Link:
    """Split ``alias|dendron://vault/target#anchor`` the way Dendron does (alias first)."""
    alias = False
    if "|" in inner:
        _, inner = inner.split("|", 1)
        alias = True
    xvault = inner.startswith("dendron://")
    if xvault:
        rest = inner[len("dendron://") :]
        inner = rest.split("/", 1)[1] if "/" in rest else rest
    anchor = "#" in inner
    target = inner.split("#", 1)[0].strip().lower()
    return Link(is_ref=is_ref, target=target, alias=alias, xvault=xvault, anchor=anchor)


def measure_note(path: Path) -> NoteStats:
    """Read one note and count the features we care about."""
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    m = FRONTMATTER_RE.match(text)
    fm, body = (m.group(1), m.group(2)) if m else ("", text)
    st = NoteStats(
        fname=path.name[: -len(".md")].lower(),
        size=len(raw),
        body_size=len(body.strip().encode()),
        trailing_newline=raw.endswith(b"\n"),
    )
    st.fm_keys = FM_KEY_RE.findall(fm)
    idm = ID_RE.search(fm)
    st.id_len = len(idm.group(1).strip()) if idm else 0
    fences = FENCE_RE.findall(body)
    st.fences = len(fences)
    for fm_ in FENCE_RE.finditer(body):
        st.links_in_code += len(LINK_RE.findall(fm_.group(0)))
    prose = FENCE_RE.sub("", body)
    prose = INLINE_CODE_RE.sub("", prose)
    st.links = [parse_link(inner, bang == "!") for bang, inner in LINK_RE.findall(prose)]
    no_links = LINK_RE.sub("", prose)
    no_links = re.sub(r"\]\([^)]*\)|<[^>]+>|https?://\S+", "", no_links)
    st.hashtags = len(HASHTAG_RE.findall(no_links))
    st.usertags = len(USERTAG_RE.findall(no_links))
    st.headings = len(HEADING_RE.findall(prose))
    st.checks = len(CHECK_RE.findall(prose))
    st.tables = len(TABLE_SEP_RE.findall(prose))
    return st


def quantiles(
    values: list[int], points: tuple[int, ...] = (10, 25, 50, 75, 90, 99)
) -> dict[str, int]:
    """Percentiles as a small dict, nearest-rank (robust for tiny samples)."""
    if not values:
        return {}
    s = sorted(values)
    return {f"p{p}": s[min(len(s) - 1, (p * len(s)) // 100)] for p in points} | {"max": s[-1]}


def workspace_stats(ws: Path) -> dict[str, object]:
    """Aggregate statistics for every ``*.md`` note of every vault directory under ``ws``."""
    vault_dirs = sorted({p.parent for p in ws.rglob("*.md") if ".git" not in p.parts})
    notes = [measure_note(p) for d in vault_dirs for p in sorted(d.glob("*.md"))]
    names = {n.fname for n in notes}
    missing_parents = set()
    for n in notes:
        parts = n.fname.split(".")
        for i in range(1, len(parts)):
            anc = ".".join(parts[:i])
            if anc not in names:
                missing_parents.add(anc)
    links = [ln for n in notes for ln in n.links]
    wikis = [ln for ln in links if not ln.is_ref]
    refs = [ln for ln in links if ln.is_ref]
    plain = [ln for ln in links if not ln.target.startswith(("tags.", "user."))]
    broken = [ln for ln in plain if ln.target not in names]
    fm_counter: Counter[str] = Counter(k for n in notes for k in n.fm_keys)
    nonempty = [n.body_size for n in notes if n.body_size > 0]
    n_notes = len(notes) or 1

    def frac(num: int, den: int) -> float:
        return round(num / den, 4) if den else 0.0

    return {
        "workspace": str(ws),
        "notes": len(notes),
        "bytes": sum(n.size for n in notes),
        "depth_hist": dict(sorted(Counter(n.fname.count(".") + 1 for n in notes).items())),
        "size_quantiles": quantiles([n.size for n in notes]),
        "body_quantiles_nonempty": quantiles(nonempty),
        "frontmatter_only_frac": frac(sum(n.body_size == 0 for n in notes), n_notes),
        "no_trailing_newline_frac": frac(sum(not n.trailing_newline for n in notes), n_notes),
        "missing_parents": len(missing_parents),
        "missing_parents_per_note": frac(len(missing_parents), n_notes),
        "wikilinks": len(wikis),
        "refs": len(refs),
        "links_per_note": quantiles([len(n.links) for n in notes]),
        "links_per_note_mean": round(statistics.fmean(len(n.links) for n in notes), 2)
        if notes
        else 0,
        "notes_without_links_frac": frac(sum(not n.links for n in notes), n_notes),
        "wikilink_alias_frac": frac(sum(ln.alias for ln in wikis), len(wikis)),
        "link_xvault_frac": frac(sum(ln.xvault for ln in links), len(links)),
        "wikilink_anchor_frac": frac(sum(ln.anchor for ln in wikis), len(wikis)),
        "ref_anchor_frac": frac(sum(ln.anchor for ln in refs), len(refs)),
        "links_to_tags_or_users": len(links) - len(plain),
        "broken_link_frac_excl_tags_users": frac(len(broken), len(plain)),
        "hashtags": sum(n.hashtags for n in notes),
        "usertags": sum(n.usertags for n in notes),
        "frontmatter_tags_notes": fm_counter.get("tags", 0),
        "fences": sum(n.fences for n in notes),
        "links_inside_fences": sum(n.links_in_code for n in notes),
        "headings": sum(n.headings for n in notes),
        "checklist_items": sum(n.checks for n in notes),
        "tables": sum(n.tables for n in notes),
        "id_lengths": dict(Counter(n.id_len for n in notes).most_common(5)),
        "frontmatter_keys": dict(fm_counter.most_common(15)),
    }


def main() -> None:
    """CLI entry point: print the statistics of one or more workspaces as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspaces", nargs="+", type=Path)
    args = ap.parse_args()
    out = [workspace_stats(ws) for ws in args.workspaces]
    print(json.dumps(out if len(out) > 1 else out[0], indent=1))


if __name__ == "__main__":
    main()
