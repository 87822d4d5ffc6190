"""Generate a synthetic Dendron workspace shaped like the real dendron-site corpus.

Why: the only real corpus we have (``/work/shared/corpora/dendron-site``, 1,012 notes, 2.1 MB)
is too small to show how reading a vault scales. This script produces workspaces of any
size whose *shape* matches that corpus where it matters for a reader's cost, so timings on
10,000 or 50,000 notes say something about real vaults:

* note body sizes are drawn from the corpus's measured distribution (11 % frontmatter-only,
  median ~1.1 kB, a long tail up to ~77 kB), ~19 % of files lack a trailing newline;
* the hierarchy has the corpus's depth profile (1-7 segments, most notes at depth 3-6) with
  heavy-tailed fan-out, date-named series (``x.release.2022-11-08``), camelCase and ``_ref``
  segments, and ~5 % missing parents (stubs);
* links per note follow the corpus (about half of notes have none, a long tail to 100+),
  with the corpus's mix: ``[[alias|dendron://vault/target#anchor]]`` (alias first, as in
  Dendron), plain ``[[target]]``, note references ``![[target#h,1:#*]]`` / ``![[t#a:#b]]``,
  block anchors ``#^id``, ``#hashtags``, ``@usertags`` and frontmatter ``tags:``;
* ~6 % of links (excluding tags/users) point to notes that do not exist;
* the traps a correct reader must get right are present: ``[[links]]`` inside fenced code
  blocks and inline code (which must not count), checklists, tables, headings, non-ASCII.

Numbers were measured with ``benchmarks/corpus_stats.py``; run it on a generated workspace
to compare. Output is fully deterministic for a given ``--notes`` and ``--seed`` (one
seeded ``random.Random``; no iteration over sets, so ``PYTHONHASHSEED`` does not matter),
and 50,000 notes (~110 MB) take about 15 s.

Usage::

    python benchmarks/make_vault.py --notes 10000 --out benchmarks/out/vault-10000-s1 --seed 1

The workspace is ``DIR/dendron.yml`` (version 5, one vault ``vault``), ``DIR/vault/*.md``
(including ``root.md``) and ``DIR/vault/root.schema.yml``. A marker ``DIR/.make_vault.json``
records the parameters so ``run.py`` can reuse a vault instead of regenerating it; the
script refuses to overwrite a non-empty directory that lacks that marker.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

GENERATOR_VERSION = 1
MARKER = ".make_vault.json"
VAULT = "vault"
T = TypeVar("T")

# --- Shape of the real corpus (measured with corpus_stats.py on dendron-site) ---------------

#: Quantile function of non-empty body sizes in bytes (frontmatter stripped).
BODY_SIZE_QUANTILES: list[tuple[float, int]] = [
    (0.00, 6), (0.05, 93), (0.10, 161), (0.15, 225), (0.20, 309), (0.25, 377),
    (0.30, 483), (0.35, 629), (0.40, 755), (0.45, 924), (0.50, 1147), (0.55, 1347),
    (0.60, 1600), (0.65, 1830), (0.70, 2164), (0.75, 2577), (0.80, 3154), (0.85, 4023),
    (0.90, 5143), (0.95, 6872), (0.99, 17013), (0.995, 28000), (1.00, 77069),
]  # fmt: skip
#: Notes per hierarchy depth (number of dot-separated segments), root excluded.
DEPTH_WEIGHTS = {1: 12, 2: 76, 3: 379, 4: 195, 5: 159, 6: 178, 7: 12}
STUB_PER_NOTE = 0.053  # missing parents / notes
FRONTMATTER_ONLY = 0.11
NO_TRAILING_NEWLINE = 0.187
BROKEN_LINKS = 0.06  # of wikilinks + refs, excluding #tags / @users
REF_SHARE = 0.22  # note references among links
XVAULT = 0.48  # dendron://vault/ prefix
WIKI_ALIAS = 0.90
# Anchors are attempted this often; targets without headings bring the measured shares
# down to the corpus's 0.37 (wikilinks) and 0.74 (refs).
WIKI_ANCHOR = 0.43
REF_ANCHOR = 0.88
HEADINGS_BASE, BYTES_PER_HEADING = 1.2, 400
FENCES_PER_KB = 0.4
LINKS_IN_FENCE = 0.055  # each such fence holds a wikilink and a ref
BYTES_PER_LINK = 620
#: P(note has no links) by body size: (size upper bound, probability), as measured.
NO_LINKS_BY_SIZE = ((64, 0.88), (256, 0.7), (1024, 0.55), (2048, 0.3), (10**9, 0.13))
HASHTAG_NOTES, USERTAG_NOTES = 0.12, 0.08
CHECKLIST_NOTES, TABLE_NOTES, FM_TAGS_NOTES = 0.012, 0.012, 0.03
EPOCH_MS_START, EPOCH_MS_END = 1_590_969_600_000, 1_685_577_600_000  # 2020-06 .. 2023-06

WORDS = """\
account action activity address agent alert algorithm alias anchor api app archive area
article asset audit backlink backup badge balance banner basic batch benchmark blog board
book branch browser budget bug build bundle button cache calendar campaign canvas card
career catalog category change channel chapter chart check chore cli client cloud cluster
code collection column command comment commit community company compare component concept
config connection contact content context contract cookie core course cover create credit
cron css customer daily dashboard data database date debug default deploy design desk
detail dev device diagram diff digest directory disk doc domain draft driver edit editor
email engine entry environment error event example export extension feature feed field
file filter flow folder font form format forum frontmatter function gallery garden gateway
git glossary goal graph grid group guide habit handbook header health help hierarchy
history home hook host icon idea image import inbox index infra input insight install
integration interview inventory invoice issue item job journal key kit label lab language
launch layout lead learn ledger lesson library license link list local log lookup loop
mail manual map market media meeting memo menu merge message meta metric migration model
module monitor naming network news node note notebook object offer onboarding option order
outline output overview owner package page panel paper parser partner path pattern payment
people performance permission person phase pipeline plan platform plugin pod policy portal
post preview price priority process product profile project prompt proposal protocol
publish query question queue quote read readme recipe record ref reference release remote
report repo request research resource review roadmap role root route rule runbook sample
schema scope scratch screen script search section security seed server service session
setting setup sheet shortcut sidebar site skill snippet source spec sprint stack stage
standup start status step storage store story strategy stream study style summary support
survey sync system table tag talk task team template test theme thread ticket timeline tip
todo token tool topic track trait tree trend tutorial type update upgrade usage user
vault version video view vision wiki widget workflow workspace writing
""".split()  # noqa: SIM905 -- a word list reads better as a paragraph
PROSE_EXTRA = """\
the a an of to and in for with on by from is are was be can will should this that it as at
when then each every into over under about after before also only more most new old
""".split()  # noqa: SIM905
UNICODE_WORDS = "café naïve façade über résumé — 🌱 “quoted” 日本語 Ω →".split()  # noqa: SIM905
CODE_LINES = [
    "const {a} = require('{b}');", "npm install -g @dendronhq/{a}", "git commit -m '{a} {b}'",
    "{a}: {b}", "  - {a}", "export function {a}({b}) {{ return {b}; }}", "dendron {a} --{b}",
    "SELECT {a} FROM {b};", "\"{a}\": \"{b}\",", "def {a}({b}):", "    return {b}", "# {a} {b}",
    "pip install {a}-{b}", "{a} = [{b}]", "cd {a} && make {b}", "<div class=\"{a}\">{b}</div>",
]  # fmt: skip
FENCE_LANGS = ["", "bash", "json", "yaml", "js", "ts", "md", "python", "sh", "html"]


@dataclass(slots=True)
class Node:
    """One name in the hierarchy: a note file, or a stub (missing parent) if ``stub``."""

    fname: str
    depth: int
    parent: int  # index into the node list, -1 for domains
    domain: int
    children: int = 0
    stub: bool = False
    series_next: int = 0  # > 0: children are dated; days since epoch of the next child
    # filled in by plan_notes()
    id: str = ""
    title: str = ""
    body_size: int = 0
    headings: list[str] = field(default_factory=list)
    block_ids: list[str] = field(default_factory=list)


# --- small random helpers -----------------------------------------------------------------


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling: about 3x faster, equally deterministic."""
    return seq[int(rng.random() * len(seq))]


def poisson(rng: random.Random, lam: float) -> int:
    """Poisson sample; Knuth for small means, rounded normal for large (fast enough, stdlib)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def sample_body_size(rng: random.Random) -> int:
    """Inverse-CDF sample from the corpus quantiles, log-interpolated between points."""
    u = rng.random()
    i = bisect.bisect_right([q for q, _ in BODY_SIZE_QUANTILES], u)
    (q0, s0), (q1, s1) = BODY_SIZE_QUANTILES[max(0, i - 1)], BODY_SIZE_QUANTILES[min(i, 22)]
    if q1 == q0:
        return s0
    t = (u - q0) / (q1 - q0)
    return round(math.exp(math.log(s0) + t * (math.log(s1) - math.log(s0))))


def slugify(text: str) -> str:
    """Heading anchor as Dendron (github-slugger) computes it for our ASCII headings."""
    return "-".join(text.lower().split())


def yaml_scalar(text: str) -> str:
    """Quote a title the way Dendron does when YAML would otherwise not read it as a string."""
    plain = text.replace(" ", "").isalpha() and text.isascii()
    special = text.lower() in {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
    return text if plain and not special else "'" + text.replace("'", "''") + "'"


# --- hierarchy ----------------------------------------------------------------------------


class Hierarchy:
    """Builds dotted names with the corpus's depth profile by preferential attachment.

    Why a Pólya urn: real hierarchies have a few huge parents (``changelog.release``) and
    many small ones; drawing a parent with probability proportional to 1 + its children
    reproduces that heavy tail in O(1) per note.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.nodes: list[Node] = []
        # "root" is reserved at the top: a domain called root would overwrite root.md.
        self.siblings: dict[int, set[str]] = {-1: {"root"}}

    def segment(self, parent: int) -> str:
        """A fresh child name under ``parent`` (-1: a domain), unique among its siblings."""
        rng, used = self.rng, self.siblings.setdefault(parent, set())
        if parent >= 0 and self.nodes[parent].series_next:
            node = self.nodes[parent]
            day = node.series_next
            node.series_next += pick(rng, (1, 1, 7, 7, 14))
            name = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
            if name not in used:
                used.add(name)
                return name
        for attempt in range(8):
            r = rng.random() * (0.86 if parent < 0 else 1.0)  # domains: plain names
            a, b, c = pick(rng, WORDS), pick(rng, WORDS), pick(rng, WORDS)
            if r < 0.55:
                name = a
            elif r < 0.86:
                name = f"{a}-{b}"
            elif r < 0.90:
                name = f"{a}-{b}-{c}"
            elif r < 0.94:
                name = f"{a}{b.capitalize()}"  # camelCase segments exist in the corpus
            elif r < 0.96:
                name = f"_{a}"
            else:
                name = f"{a}-{rng.randint(0, 9)}-{rng.randint(0, 20)}-x"
            if attempt >= 4:
                name = f"{name}-{len(used)}"
            if name not in used:
                used.add(name)
                return name
        raise RuntimeError("could not find a unique segment name")  # pragma: no cover

    def add(self, parent: int, name: str | None = None) -> int:
        """Append a node under ``parent`` and return its index."""
        seg = name if name is not None else self.segment(parent)
        if name is not None:
            self.siblings.setdefault(parent, set()).add(name)
        if parent < 0:
            node = Node(fname=seg, depth=1, parent=-1, domain=len(self.nodes))
        else:
            p = self.nodes[parent]
            p.children += 1
            node = Node(fname=f"{p.fname}.{seg}", depth=p.depth + 1, parent=parent, domain=p.domain)
        if node.depth in (2, 3, 4) and self.rng.random() < 0.04:
            node.series_next = self.rng.randint(18_400, 19_300)  # a journal-like date series
        self.nodes.append(node)
        return len(self.nodes) - 1

    def build(self, n_notes: int) -> None:
        """Create ``n_notes - 1`` real notes plus the stubs above them (root is separate)."""
        rng = self.rng
        n_stubs = round(STUB_PER_NOTE * n_notes)
        total = n_notes - 1 + n_stubs
        # Top-level domains grow slower than the vault (12 for the corpus's 1,012 notes);
        # the other nodes follow the corpus's profile over depths 2-7.
        domains = max(1, min(total, round(12 * math.sqrt(n_notes / 1012))))
        deeper = {d: w for d, w in DEPTH_WEIGHTS.items() if d > 1}
        counts = {d: int((total - domains) * w / sum(deeper.values())) for d, w in deeper.items()}
        counts[3] += total - domains - sum(counts.values())
        counts[1] = domains
        if n_notes >= 100:
            # Small ``tags`` and ``user`` domains, as in the corpus: targets of #tags and
            # @users, kept out of the urns so ordinary notes do not grow under them.
            tags, user = self.add(-1, "tags"), self.add(-1, "user")
            n_tags = max(2, round(0.02 * n_notes))
            groups = [self.add(tags) for _ in range(max(1, n_tags // 10))]
            for _ in range(n_tags - len(groups)):
                self.add(pick(rng, [tags, *groups]))
            for _ in range(max(1, round(0.003 * n_notes))):
                self.add(user)
            for nd in self.nodes:
                counts[nd.depth] = max(0, counts[nd.depth] - 1)
        urns: dict[int, list[int]] = {d: [] for d in range(1, max(DEPTH_WEIGHTS) + 2)}
        while len(urns[1]) < max(1, counts[1]):
            urns[1].append(self.add(-1))
        for depth in range(2, max(DEPTH_WEIGHTS) + 1):
            for _ in range(counts[depth]):
                level = depth - 1
                while not urns[level]:  # tiny vaults: a level may be empty
                    level -= 1
                parent = pick(rng, urns[level])
                urns[level].append(parent)  # rich get richer
                urns[level + 1].append(self.add(parent))
        internal = [i for i, nd in enumerate(self.nodes) if nd.children]
        for i in rng.sample(internal, min(n_stubs, len(internal))):
            self.nodes[i].stub = True
        real = sum(not nd.stub for nd in self.nodes)
        while real < n_notes - 1:  # clamping above can leave us short: add shallow leaves
            self.add(pick(rng, urns[2] or urns[1]))
            real += 1
        if real > n_notes - 1:  # too few internal nodes to stub: drop surplus leaves instead
            leaves = [i for i, nd in enumerate(self.nodes) if not nd.children and not nd.stub]
            for i in rng.sample(leaves, real - (n_notes - 1)):
                self.nodes[i].stub = True  # a childless stub is simply not written


# --- per-note plan ------------------------------------------------------------------------


def make_title(rng: random.Random, fname: str) -> str:
    """Dendron's default title (last segment, dashes to spaces, capitalised) or a custom one."""
    last = fname.rsplit(".", 1)[-1]
    if rng.random() < 0.2:
        return " ".join(pick(rng, WORDS) for _ in range(rng.randint(2, 5))).title()
    if last[:4].isdigit():
        return last
    return " ".join(w.capitalize() for w in last.replace("_", " ").replace("-", " ").split())


def plan_notes(rng: random.Random, nodes: list[Node]) -> None:
    """Decide id, title, size, headings and block ids of every note before writing bodies.

    Why a separate pass: links carry anchors into their *target's* headings, so every
    note's headings must be known before any body is generated.
    """
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    for nd in nodes:
        if nd.stub:
            continue
        nd.id = "".join(rng.choices(alphabet, k=23))
        nd.title = make_title(rng, nd.fname)
        if rng.random() < FRONTMATTER_ONLY:
            continue
        nd.body_size = sample_body_size(rng)
        seen: set[str] = set()
        n_headings = poisson(rng, HEADINGS_BASE + nd.body_size / BYTES_PER_HEADING)
        for _ in range(min(n_headings, nd.body_size // 40)):
            text = " ".join(rng.choices(WORDS, k=rng.randint(1, 4))).capitalize()
            while slugify(text) in seen:
                text += " " + pick(rng, WORDS)
            seen.add(slugify(text))
            nd.headings.append(text)
        if rng.random() < 0.04:
            nd.block_ids = ["".join(rng.choices(alphabet, k=rng.randint(6, 12))) for _ in range(2)]


# --- bodies -------------------------------------------------------------------------------

Line = str | list[str]  # a list of sentences is a "slot" where inline links may be inserted


def block_len(block: list[Line]) -> int:
    """Approximate rendered length of a block in bytes (ASCII assumed), separators included."""
    return (
        sum(len(ln) + 1 if isinstance(ln, str) else sum(map(len, ln)) + len(ln) for ln in block) + 1
    )


class BodyWriter:
    """Renders note bodies; holds the shared pools so each note costs a few list operations.

    Why pools: 50,000 notes are ~110 MB of text. Drawing whole pre-built sentences keeps
    generation fast, and a reader's cost hardly depends on how varied the prose is.
    """

    TAG_PREFIXES = frozenset(f"tags.{c}" for c in "abcdefghijklmnopqrstuvwxyz")
    USER_PREFIXES = frozenset(f"user.{c}" for c in "abcdefghijklmnopqrstuvwxyz")

    def __init__(self, rng: random.Random, nodes: list[Node]) -> None:
        self.rng = rng
        self.nodes = nodes
        self.sentences = [self._sentence(4, 16) for _ in range(20_000)]
        self.short = [self._sentence(1, 4) for _ in range(2_000)]
        self.avg_sentence = sum(len(s) + 1 for s in self.sentences) / len(self.sentences)
        self.code = [
            pick(rng, CODE_LINES).format(a=pick(rng, WORDS), b=pick(rng, WORDS))
            for _ in range(4_000)
        ]
        self.real = [i for i, nd in enumerate(nodes) if not nd.stub]
        self.stubs = [nd.fname for nd in nodes if nd.stub]
        # Tag and user notes are reached through #tags and @users, not wikilinks (as in the
        # corpus). Link popularity is Zipf-like over a random order of notes: a few hubs,
        # a long tail.
        order = [i for i in self.real if not nodes[i].fname.startswith(("tags.", "user."))]
        rng.shuffle(order)
        self.popular = order
        acc, self.popular_cum = 0.0, []
        for rank in range(len(order)):
            acc += 1.0 / (rank + 1) ** 0.8
            self.popular_cum.append(acc)
        self.by_domain: dict[int, list[int]] = {}
        for i in order:
            self.by_domain.setdefault(nodes[i].domain, []).append(i)
        # Only names starting with a letter: Dendron does not read ``#2022-01-01`` as a tag.
        tag_names = [nd.fname[5:] for nd in nodes if nd.fname[:6] in self.TAG_PREFIXES]
        user_names = [nd.fname[5:] for nd in nodes if nd.fname[:6] in self.USER_PREFIXES]
        n_extra = max(10, len(nodes) // 100)
        self.tags = tag_names + [self._tag() for _ in range(n_extra)]
        self.users = user_names + [
            pick(rng, WORDS) + str(rng.randint(1, 99)) for _ in range(n_extra)
        ]

    def _sentence(self, lo: int, hi: int) -> str:
        rng = self.rng
        words = rng.choices(WORDS + PROSE_EXTRA * 2, k=rng.randint(lo, hi))
        if rng.random() < 0.05:
            words[rng.randrange(len(words))] = pick(rng, UNICODE_WORDS)
        if rng.random() < 0.04:
            words.append(f"[{pick(rng, WORDS)}](https://example.com/{pick(rng, WORDS)})")
        if rng.random() < 0.03:
            words.append(f"`{pick(rng, WORDS)}`")
        if rng.random() < 0.03:
            words.append(f"**{pick(rng, WORDS)}**")
        return " ".join(words).capitalize() + "."

    def _tag(self) -> str:
        rng = self.rng
        return pick(rng, WORDS) if rng.random() < 0.6 else f"{pick(rng, WORDS)}.{pick(rng, WORDS)}"

    def prose(self, nbytes: int) -> list[str]:
        """A slot of whole sentences totalling roughly ``nbytes``."""
        if nbytes < 16:
            return [pick(self.rng, WORDS).capitalize() + "."]
        if nbytes < self.avg_sentence * 0.75:
            return [pick(self.rng, self.short)]
        return self.rng.choices(self.sentences, k=round(nbytes / self.avg_sentence))

    # -- links --

    def target(self, src: Node) -> tuple[str, Node | None]:
        """Pick a link target: usually popular or same-domain, sometimes a missing note."""
        rng = self.rng
        if rng.random() < BROKEN_LINKS:
            r = rng.random()
            if r < 0.25 and self.stubs:
                return pick(rng, self.stubs), None
            base = self.nodes[pick(rng, self.popular)].fname
            if r < 0.7:
                return f"{base}.{pick(rng, WORDS)}-{pick(rng, WORDS)}", None
            return f"{base.rsplit('.', 1)[0]}.{pick(rng, WORDS)}-old", None
        if rng.random() < 0.3 and src.domain in self.by_domain:
            i = pick(rng, self.by_domain[src.domain])
        else:
            i = rng.choices(self.popular, cum_weights=self.popular_cum)[0]
        return self.nodes[i].fname, self.nodes[i]

    def anchor(self, tgt: Node | None, ref: bool) -> str:
        """An anchor into the target's real headings or block ids (or a missing one)."""
        rng = self.rng
        if tgt is None or not tgt.headings:
            if tgt is not None and tgt.block_ids and rng.random() < 0.5:
                return "#^" + pick(rng, tgt.block_ids)
            return "#" + slugify(pick(rng, WORDS)) if rng.random() < 0.3 else ""
        if tgt.block_ids and rng.random() < 0.1:
            return "#^" + pick(rng, tgt.block_ids)
        k = rng.randrange(len(tgt.headings))
        h = slugify(tgt.headings[k])
        if not ref:
            return "#" + h
        r = rng.random()
        if r < 0.35:
            return f"#{h},1:#*"
        if r < 0.5 and k + 1 < len(tgt.headings):
            return f"#{h}:#{slugify(tgt.headings[rng.randrange(k + 1, len(tgt.headings))])}"
        return "#" + h

    def link(self, src: Node, ref: bool) -> str:
        """One ``[[alias|dendron://vault/target#anchor]]`` or ``![[...]]`` token."""
        rng = self.rng
        fname, tgt = self.target(src)
        prefix = f"dendron://{VAULT}/" if rng.random() < XVAULT else ""
        anchor = (
            self.anchor(tgt, ref) if rng.random() < (REF_ANCHOR if ref else WIKI_ANCHOR) else ""
        )
        if ref:
            return f"![[{prefix}{fname}{anchor}]]"
        if rng.random() < WIKI_ALIAS:
            if tgt is not None and rng.random() < 0.6:
                alias = tgt.title
            else:
                alias = " ".join(pick(rng, WORDS) for _ in range(rng.randint(1, 5)))
            return f"[[{alias}|{prefix}{fname}{anchor}]]"
        return f"[[{prefix}{fname}{anchor}]]"

    def n_links(self, size: int) -> int:
        """Links in a note of ``size`` body bytes: zero-inflated, heavy-tailed (as measured)."""
        rng = self.rng
        p_zero = next(p for bound, p in NO_LINKS_BY_SIZE if size <= bound)
        if rng.random() < p_zero:
            return 0
        return 1 + poisson(rng, size / BYTES_PER_LINK * rng.lognormvariate(-0.18, 0.6))

    # -- blocks --

    def fence(self, src: Node) -> list[Line]:
        """A fenced code block; some contain wikilinks and refs that a reader must ignore."""
        rng = self.rng
        mark = "~~~" if rng.random() < 0.05 else "```"
        lines: list[Line] = [mark + pick(rng, FENCE_LANGS)]
        lines += rng.choices(self.code, k=rng.randint(1, 12))
        if rng.random() < LINKS_IN_FENCE:
            lines.insert(
                rng.randint(1, len(lines)),
                f"See {self.link(src, False)} and {self.link(src, True)}",
            )
        lines.append(mark)
        return lines

    def table(self) -> list[Line]:
        """A small Markdown table."""
        rng = self.rng
        cols = rng.randint(2, 4)
        rows = [" | ".join(pick(rng, WORDS).title() for _ in range(cols))]
        rows.append(" | ".join("---" for _ in range(cols)))
        for _ in range(rng.randint(2, 6)):
            rows.append(
                " | ".join(" ".join(rng.choices(WORDS, k=rng.randint(1, 3))) for _ in range(cols))
            )
        return [f"| {r} |" for r in rows]

    def section(self, budget: int) -> list[list[Line]]:
        """Prose blocks (paragraphs, lists, quotes) filling roughly ``budget`` bytes."""
        rng, used = self.rng, 0
        blocks: list[list[Line]] = []
        while used < budget - 25 or not blocks:
            r = rng.random()
            size = min(budget - used, pick(rng, (80, 150, 250, 400, 600)))
            if r < 0.55:
                blocks.append([self.prose(size)])
            elif r < 0.85:
                items = rng.randint(2, 6)
                bullet = "1." if rng.random() < 0.15 else "-"
                blocks.append([[bullet, *self.prose(size // items)] for _ in range(items)])
            elif r < 0.9:
                blocks.append([[">", *self.prose(size)]])
            elif r < 0.95:
                blocks.append([f"![{pick(rng, WORDS)}](/assets/images/{pick(rng, WORDS)}.png)"])
            else:
                blocks.append(
                    ["---" if rng.random() < 0.5 else "<!-- " + pick(rng, self.sentences) + " -->"]
                )
            used += block_len(blocks[-1])
        return blocks

    def body(self, nd: Node) -> str:
        """The Markdown body of one note (without frontmatter)."""
        rng = self.rng
        size = nd.body_size
        k_links = self.n_links(size)
        n_refs = sum(rng.random() < REF_SHARE for _ in range(k_links))
        hashtags = 1 + poisson(rng, size / 1500) if rng.random() < HASHTAG_NOTES else 0
        usertags = 1 + poisson(rng, size / 1500) if rng.random() < USERTAG_NOTES else 0
        fences = [self.fence(nd) for _ in range(poisson(rng, size * FENCES_PER_KB / 1000))]
        headings = [f"{'#' * pick(rng, (2, 2, 2, 3, 3, 1, 4))} {h}" for h in nd.headings]
        fixed = 62 * k_links + 10 * (hashtags + usertags) + sum(map(block_len, fences))
        fixed += sum(len(h) + 2 for h in headings)
        # 0.93: blocks overshoot their budget by about a sentence; measured, not derived.
        budget = max(1, int((size - fixed) * 0.93) // (len(headings) + 1))
        # Short notes often start right at a heading ("## Summary"), with no intro.
        skip_intro = headings and budget < 120 and rng.random() < 0.7
        blocks: list[list[Line]] = [] if skip_intro else self.section(budget)
        for heading in headings:
            blocks.append([heading])
            blocks += self.section(budget)
        if rng.random() < CHECKLIST_NOTES:
            blocks.insert(
                rng.randint(0, len(blocks)),
                [
                    [pick(rng, ("- [ ]", "- [x]")), *self.prose(60)]
                    for _ in range(rng.randint(2, 8))
                ],
            )
        if rng.random() < TABLE_NOTES:
            for _ in range(rng.randint(1, 3)):
                blocks.insert(rng.randint(0, len(blocks)), self.table())
        for f in fences:
            blocks.insert(rng.randint(0, len(blocks)), f)
        for _ in range(n_refs):
            blocks.insert(rng.randint(0, len(blocks)), [self.link(nd, True)])
        tokens = [self.link(nd, False) for _ in range(k_links - n_refs)]
        tokens += ["#" + pick(rng, self.tags) for _ in range(hashtags)]
        tokens += ["@" + pick(rng, self.users) for _ in range(usertags)]
        if rng.random() < 0.02:
            tokens.append(f"`{self.link(nd, False)}`")  # inline code: must not count
        slots = [ln for b in blocks for ln in b if isinstance(ln, list)]
        if not slots and tokens:
            slots.append(self.prose(60))
            blocks.append([slots[-1]])
        for tok in tokens:
            slot = pick(rng, slots)
            slot.insert(rng.randint(1, len(slot)), tok)
        for bid in nd.block_ids:
            if slots:
                slot = pick(rng, slots)
                slot[-1] = f"{slot[-1]} ^{bid}"
        return "\n\n".join(
            "\n".join(ln if isinstance(ln, str) else " ".join(ln) for ln in b) for b in blocks
        )


# --- files --------------------------------------------------------------------------------


def frontmatter(rng: random.Random, nd: Node, tags: list[str]) -> str:
    """Dendron frontmatter: id, title, desc, updated/created (epoch ms), a few optional keys."""
    created = rng.randint(EPOCH_MS_START, EPOCH_MS_END)
    updated = min(EPOCH_MS_END + 86_400_000 * 180, created + int(rng.expovariate(1 / 8e9)))
    lines = [
        "---",
        f"id: {nd.id}",
        f"title: {yaml_scalar(nd.title)}",
        "desc: ''",
        f"updated: {updated}",
        f"created: {created}",
    ]
    r = rng.random()
    if r < 0.06:
        lines.append("stub: false")
    elif r < 0.12:
        lines.append(f"nav_order: {pick(rng, (1, 2, 3, 4, 1.1, 3.1))}")
    elif r < 0.14:
        lines.append("published: false")
    elif r < 0.16:
        lines.append("nav_exclude: true")
    elif r < 0.17:
        lines += ["config:", "  global:", "    enableChildLinks: false"]
    if rng.random() < FM_TAGS_NOTES:
        picked = [pick(rng, tags) for _ in range(rng.randint(1, 3))]
        if len(picked) == 1 and rng.random() < 0.3:
            lines.append(f"tags: {picked[0]}")
        else:
            lines += ["tags:", *(f"  - {t}" for t in dict.fromkeys(picked))]
    lines.append("---")
    return "\n".join(lines) + "\n"


DENDRON_YML = """\
version: 5
dev:
    enablePreviewV2: true
commands:
    lookup:
        note:
            selectionMode: extract
            confirmVaultOnCreate: false
            leaveTrace: false
            bubbleUpCreateNew: true
            fuzzThreshold: 0.2
            vaultSelectionModeOnCreate: smart
    randomNote: {}
    insertNoteLink:
        aliasMode: none
        enableMultiSelect: false
    insertNoteIndex:
        enableMarker: false
    copyNoteLink: {}
    templateHierarchy: template
workspace:
    vaults:
        -
            fsPath: vault
    journal:
        dailyDomain: daily
        name: journal
        dateFormat: y.MM.dd
        addBehavior: childOfCurrent
    scratch:
        name: scratch
        dateFormat: y.MM.dd.HHmmss
        addBehavior: asOwnDomain
    graph:
        zoomSpeed: 1
        createStub: false
    enableAutoCreateOnDefinition: false
    enableXVaultWikiLink: true
    enableRemoteVaultInit: true
    workspaceVaultSyncMode: noCommit
    enableAutoFoldFrontmatter: false
    maxPreviewsCached: 10
    maxNoteLength: 204800
    enableUserTags: true
    enableHashTags: true
    enableEditorDecorations: true
    enableFullHierarchyNoteTitle: false
preview:
    enableFMTitle: true
    enableNoteTitleForLink: true
    enablePrettyRefs: true
    enableKatex: true
    automaticallyShowPreview: false
publishing:
    enableFMTitle: true
    enableNoteTitleForLink: true
    enablePrettyRefs: true
    enableKatex: true
    copyAssets: true
    siteHierarchies:
        - root
    writeStubs: false
    siteRootDir: docs
    seo:
        title: Synthetic
        description: Synthetic benchmark vault
    github:
        enableEditLink: false
    enablePrettyLinks: true
"""

ROOT_SCHEMA = """\
version: 1
imports: []
schemas:
  - id: root
    children: []
    title: root
    parent: root
"""


def generate(n_notes: int, out: Path, seed: int) -> dict[str, object]:
    """Write the workspace into ``out`` (atomically, via a sibling temp dir); return stats."""
    if n_notes < 2:
        raise SystemExit("--notes must be at least 2 (root plus one note)")
    if out.exists() and any(out.iterdir()) and read_marker(out) is None:
        raise SystemExit(f"refusing to overwrite {out}: not empty and not made by make_vault.py")
    t0 = time.perf_counter()
    rng = random.Random(seed)
    h = Hierarchy(rng)
    h.build(n_notes)
    nodes = h.nodes
    plan_notes(rng, nodes)
    writer = BodyWriter(rng, nodes)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        counts = write_workspace(tmp, nodes, writer, rng)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    info: dict[str, object] = {
        "generator": "benchmarks/make_vault.py",
        "version": GENERATOR_VERSION,
        "notes": counts["notes"],
        "seed": seed,
        "bytes": counts["bytes"],
        "stubs": sum(nd.stub and nd.children > 0 for nd in nodes),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (tmp / MARKER).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return info


def write_workspace(
    tmp: Path, nodes: list[Node], writer: BodyWriter, rng: random.Random
) -> dict[str, int]:
    """Write dendron.yml, the root schema and every note into ``tmp``; return counts."""
    (tmp / VAULT).mkdir(parents=True)
    (tmp / "dendron.yml").write_text(DENDRON_YML, encoding="utf-8")
    (tmp / VAULT / "root.schema.yml").write_text(ROOT_SCHEMA, encoding="utf-8")
    domains = [nd for nd in nodes if nd.depth == 1 and not nd.stub]
    root_body = "# Welcome\n\nSynthetic benchmark vault. Start with:\n\n" + "\n".join(
        f"- [[{d.title}|{d.fname}]]" for d in domains[:20]
    )
    root = (
        f"---\nid: root\ntitle: Root\ndesc: ''\nupdated: {EPOCH_MS_START}\n"
        f"created: {EPOCH_MS_START}\n---\n{root_body}\n"
    )
    total_bytes = len(root.encode())
    (tmp / VAULT / "root.md").write_bytes(root.encode())
    written = 1
    for nd in nodes:
        if nd.stub:
            continue
        fm = frontmatter(rng, nd, writer.tags)
        if nd.body_size:
            sep = "\n" if rng.random() < 0.5 else ""
            text = fm + sep + writer.body(nd) + "\n"
        else:
            text = fm
        if rng.random() < NO_TRAILING_NEWLINE:
            text = text.rstrip("\n")
        data = text.encode("utf-8")
        (tmp / VAULT / f"{nd.fname}.md").write_bytes(data)
        total_bytes += len(data)
        written += 1
    return {"notes": written, "bytes": total_bytes}


def read_marker(out: Path) -> dict[str, object] | None:
    """The parameters a previous run recorded in ``out``, or None if it is not ours."""
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=int, required=True, help="number of .md files, root included")
    ap.add_argument("--out", type=Path, required=True, help="workspace directory to (re)create")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    out: Path = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    info = generate(args.notes, out, args.seed)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
