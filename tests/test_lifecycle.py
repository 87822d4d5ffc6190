"""The guard: a whole job search, simulated.

A hypothesis state machine runs a real scaffolded workspace (the bundled plan, in a temp
folder) through weeks of a person's work: ticking, unticking, cancelling and adding
checklist items; writing their own text and frontmatter keys (with comments) around the
tool's regions in stage notes, company notes, the plan and the dashboard; adding companies
and interviews; moving companies through the pipeline; setting, changing and breaking offers
(bad values, YAML that does not parse) and fixing them again; breaking a stage note's YAML;
changing `start`; letting days pass; saving as editors do (in place, temp file + rename,
vim's rename-and-recreate, CRLF, a BOM, no final newline). The clock is injected: nothing
here reads today's date.

After every step, the step's changes are taken up either by a `Watcher` (kept on its own
loaded workspace of the same folder and fed the paths that changed, as its observer would
report them) or by a plain `sync`, and the contract is checked:

- convergence: `sync` then `sync` again: the second writes nothing, every byte stays;
- watch agrees with sync: after the watcher's round a fresh `open_workspace` + `sync` writes
  nothing, and after a plain `sync` the watcher, fed what changed, writes nothing;
- the person's bytes stay: outside the tool's regions and documented keys nothing the tool
  writes differs, other notes are never written, a note that does not read is never
  written, and every text the person inserted is still there;
- nothing raises: a note that does not read is a Finding (`ws.findings`) with file and line;
- `status --json` (the CLI, in-process) agrees with the notes, recounted here from the
  files by the README's "Progress" rules; a stage note broken on purpose is reported
  unreadable (named in `findings` with its line, not shown as 0/0) and the command exits 1.

Profiles (registered in tests/conftest.py, applied to this test only):

    CI=true pytest tests/test_lifecycle.py                  # "lifecycle": 300 runs of 10 steps
    pytest tests/test_lifecycle.py                          # "lifecycle-dev": 30 runs
    HYPOTHESIS_PROFILE=thousands pytest tests/test_lifecycle.py  # 2000 runs of 12 steps
    HYPOTHESIS_PROFILE=long pytest tests/test_lifecycle.py  # "long": 5000 runs of 25 steps,
                                                            # every distinct failure reported

The first two stop at the first failure (shrunk to a minimal run of steps); "long" goes on
and reports each distinct failure it finds, which takes a while: run it once in a while, and
after changing the tool's reading or writing.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from dendron_jobsearch import (
    AddError,
    Watcher,
    Workspace,
    add_company,
    add_interview,
    export_ics,
    extend_offer,
    load_jobsearch,
    load_settings,
    open_workspace,
    scaffold,
    set_offer,
    sync,
)
from dendron_jobsearch.cli import main

START = date(2027, 1, 4)
VAULT = "vault"  # Dendron's; in Obsidian and Foam the whole folder is the vault
PLAN = f"{VAULT}/interviews.all-stages.md"
DASHBOARD = f"{VAULT}/jobsearch.dashboard.md"
TASK_DUE = re.compile(r" 📅 \d{4}-\d{2}-\d{2}")  # the Tasks due date the tool keeps (Obsidian)
SETTINGS = "dendron-jobsearch.yml"
CACHE = ".dendron.jobsearch.cache"
FEED = "feed.ics"  # the calendar feed the settings name: sync and watch keep it current
STAGE_KEYS = ("status", "started", "completed", "due", "planned_due", "updated")
PIPELINE = (
    "wishlist",
    "applied",
    "screening",
    "interviewing",
    "offer",
    "accepted",
    "declined",
    "rejected",
    "withdrawn",
    "ghosted",
)
OFFERISH = ("offer", "accepted", "declined")
BOM = "\ufeff"

# ---------------------------------------------------------------------------------------
# What the person writes: text that stays a paragraph of its own (so the recount below can
# read checklists line by line), and frontmatter lines of their own.

_SAFE = st.characters(
    categories=("L", "M", "N", "Zs", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sc", "So"),
    exclude_characters="[]{}<>`#@|\\*_~!$&\"'%:",
)
_LETTER = st.characters(categories=("Lu", "Ll", "Lo"))
# body text may also hold what is a line break to Python but not to Markdown or Dendron
_BODY_EXTRA = st.sampled_from(["\u2028", "\x85", "\u00a0", "\t", ":", "'", '"', "%", "&"])
words = st.builds(
    lambda first, rest: (first + "".join(rest)).rstrip(),
    _LETTER,
    st.lists(st.one_of(_SAFE, _BODY_EXTRA), max_size=30),
)
paragraphs = st.lists(words, min_size=1, max_size=3).map("\n".join)
item_texts = st.builds(lambda first, rest: first + rest, _LETTER, st.text(_SAFE, max_size=20))
_FM_TEXT = st.text(_SAFE, max_size=16)  # inside double quotes, or after a `#`


def _key_line(kind: str, key: str, text: str) -> str:
    return {
        "quoted": f'{key}: "{text}"  # {text}',
        "time": f"{key}: 10:00 # a time, not 600",
        "word": f"{key}: yes\t# yes stays a word",
        "number": f"{key}: 08",
        "list": f'{key}:\n  - "{text}"\n  - b',
        "comment": f"# {key} {text}",
        "indented-comment": f"  # {key} {text}",
    }[kind]


fm_kinds = st.sampled_from(
    ["quoted", "time", "word", "number", "list", "comment", "indented-comment"]
)
company_names = st.builds(
    lambda word, rest: word + rest,
    st.sampled_from(
        [
            "Acme",
            "Acme (Robotics), Inc.",
            "null",
            "yes",
            "True",
            "1e3",
            "0x1F",
            "O'Brien",
            'Say "hi"',
            "a: b",
            "# tag",
            "Zoë & Co",
            "Ünïcode",
            "x",
        ]
    ),
    st.text(st.one_of(_SAFE, st.sampled_from(["'", '"', ":", "#", " ", "\u2028"])), max_size=6),
)
roles = st.text(st.one_of(_SAFE, st.sampled_from(["'", ":", "#", " ", "\t"])), max_size=12)
kinds = st.builds(
    lambda word, rest: word + rest,
    st.sampled_from(["phone screen", "system design", "onsite", "HR", "ML design"]),
    st.text(_SAFE, max_size=6),
)
SAVES = st.sampled_from(["inplace", "rename", "vim"])
VIA = st.sampled_from(["watch", "sync"])
STATUSES = st.sampled_from([" ", "x", "/", "-", "~"])
index = st.integers(0, 10**6)

# offer values as the person types them: (YAML text, what it means)
#   ("ok", value) | ("bad", None): value-invalid | ("broken", None): YAML that does not parse
Meaning = tuple[str, Any]
base_values: st.SearchStrategy[tuple[str, Meaning]] = st.sampled_from(
    [
        ("180000", ("ok", 180000.0)),
        ("'180,000'", ("ok", 180000.0)),
        ("95000.5", ("ok", 95000.5)),
        ("160k", ("ok", 160000.0)),
        ("'£160,000'", ("ok", 160000.0)),
        ("''", ("ok", None)),
        ("lots", ("bad", None)),
        ("[180000", ("broken", None)),
    ]
)
deadline_values: st.SearchStrategy[tuple[str | None, Meaning]] = st.one_of(
    st.integers(-5, 40).map(lambda d: (None, ("ok", d))),  # days from today, filled in later
    st.sampled_from(
        [
            ("''", ("ok", None)),
            ("someday", ("bad", None)),
            ("[2027-02-01", ("broken", None)),
        ]
    ),
)


# ---------------------------------------------------------------------------------------
# Reading notes here, independently of the tool.


def decode(raw: bytes) -> tuple[str, str, str]:
    """(BOM, line ending, text with LF endings and no BOM) of a note's bytes."""
    text = raw.decode("utf-8")
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom) :]
    eol = "\r\n" if "\r\n" in text else "\n"
    return bom, eol, text.replace("\r\n", "\n")


def encode(bom: str, eol: str, text: str) -> bytes:
    return (bom + text.replace("\n", eol)).encode("utf-8")


def frontmatter_end(lines: list[str]) -> int:
    """Index of the closing `---` line (line 0 opens the frontmatter)."""
    assert lines[0] == "---", lines[:3]
    return next(i for i in range(1, len(lines)) if lines[i].startswith("---"))


@dataclass
class Item:
    status: str
    children: list[Item] = field(default_factory=list)


ITEM = re.compile(r"^( *)[-*+] \[([^\]\n])\](?:[ \t]|$)")
REGION = re.compile(
    r"(<!-- dendron-jobsearch:begin ([\w.-]+) -->)(?s:.*?)(<!-- dendron-jobsearch:end \2 -->)"
)


def checklist(text: str) -> list[Item]:
    """The checklist items of a note (LF text), nested by indentation."""
    lines = text.split("\n")
    roots: list[Item] = []
    stack: list[tuple[int, Item]] = []
    for line in lines[frontmatter_end(lines) + 1 :]:
        match = ITEM.match(line)
        if match is None:
            if line.strip():
                stack = []  # anything else ends the list
            continue
        indent, item = len(match.group(1)), Item(match.group(2))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(item)
        stack.append((indent, item))
    return roots


GONE = ("-", "~")  # cancelled, not a task (README "Progress")


def _alive(items: list[Item], gone: tuple[str, ...] = GONE) -> list[Item]:
    return [i for i in items if i.status not in gone]


def _leaves(item: Item, gone: tuple[str, ...] = GONE) -> int:
    alive = _alive(item.children, gone)
    return sum(_leaves(c, gone) for c in alive) if alive else 1


def tally(items: list[Item], gone: tuple[str, ...] = GONE) -> tuple[int, int, int]:
    """(done, total, started) by README's "Progress": `[ ]` to do, `[/]` in progress, `[x]`
    done, `[-]` and `[~]` leave the count; an item with sub-items counts through them,
    unless it is itself done (then its leaves are done) or cancelled (then none count). An
    item whose sub-items have all left the count is a leaf again: still a task to do."""
    done = total = started = 0
    for item in _alive(items, gone):
        alive = _alive(item.children, gone)
        if item.status == "x":
            leaves = _leaves(item, gone)
            done, total, started = done + leaves, total + leaves, started + leaves
        elif alive:
            d, t, s = tally(alive, gone)
            done, total, started = done + d, total + t, started + s
        else:
            total += 1
            started += item.status == "/"
    return done, total, started


def percent(done: int, total: int) -> int:
    """Org-mode's cookie: floor, but any progress shows at least 1%."""
    if total == 0:
        return 0
    return max(100 * done // total, 1 if done else 0)


def outside(text: str, keys: tuple[str, ...], task_dates: bool = False) -> str:
    """The note without what the tool owns: its regions' content and its keys' values (a
    person's comment after an owned key's value is kept); with `task_dates`, also the
    Tasks due dates of task lines (Obsidian's stage notes)."""
    text = REGION.sub(r"\1\3", text)
    if task_dates:
        text = "".join(
            TASK_DUE.sub("", line) if ITEM.match(line) else line
            for line in re.split(r"(?<=\n)", text)
        )
    match = re.match(r"(\ufeff?---)(.*?)(\r?\n---)", text, re.S)
    if match is None:
        return text
    pattern = re.compile(
        rf"(\r?\n)({'|'.join(keys)})[ \t]*:[^#\r\n]*?((?:[ \t]+#[^\r\n]*)?)(?=\r?\n|\Z)"
    )
    block = pattern.sub(lambda m: f"{m[1]}{m[2]}:{m[3]}" if m[3] else "", match[2])
    return text[: match.start(2)] + block + text[match.end(2) :]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace (the read cache aside), by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != CACHE
    }


def key_line_number(raw: bytes, key: str) -> int | None:
    """The 1-based file line of a top-level frontmatter key."""
    lines = decode(raw)[2].split("\n")
    for number, line in enumerate(lines[: frontmatter_end(lines)], start=1):
        if re.match(rf"{re.escape(key)}[ \t]*:", line):
            return number
    return None


def file_name(text: str, fallback: str) -> str:
    """An Obsidian or Foam note's name for `text`: what those apps refuse in a file name or
    a link (`* " \\ / < > : | ? # ^ [ ]`) a space, spaces collapsed, no dot at either end
    (help.obsidian.md, Internal links)."""
    cleaned = " ".join(re.sub(r'[*"\\/<>:|?#^\[\]]+', " ", text).split()).strip(". ")
    return cleaned[:80].rstrip(". ") or fallback


def slug(text: str) -> str:
    """Letters and digits of every script kept, everything else a dash."""
    kept = "".join(c if c.isalnum() else "-" for c in unicodedata.normalize("NFC", text).lower())
    cleaned = re.sub(r"-+", "-", kept).strip("-")
    return cleaned[:60].rstrip("-") or "stage"


def save(path: Path, data: bytes, how: str) -> None:
    """Write a note the way editors do."""
    if how == "inplace":  # truncate and write, in two chunks (two `modified` events)
        with path.open("wb") as handle:
            handle.write(data[:7])
            handle.flush()
            handle.write(data[7:])
    elif how == "rename":  # a temp file renamed over the note
        temp = path.with_name(f".{path.name}.goutputstream-1")
        temp.write_bytes(data)
        os.replace(temp, path)
    else:  # vim: rename the note away, write it anew, drop the backup
        backup = path.with_name(path.name + "~")
        if path.exists():
            os.replace(path, backup)
        path.write_bytes(data)
        backup.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------
# The model of what the person did.


@dataclass
class CompanyModel:
    name: str
    fname: str
    rel: str
    role: str
    pipeline: str  # as written
    applied: Meaning
    base: Meaning
    deadline: Meaning
    interviews: set[str] = field(default_factory=set)
    # the applications record's applied day, as the last sync wrote it (None: no line yet)
    recorded_applied: date | None = None

    def applied_shown(self, today: date) -> date | None:
        """The day every view shows: the `applied:` key's, else the record's applied line
        (today's when the company is at `applied` and the line is not written yet)."""
        if self.applied[0] == "ok" and isinstance(self.applied[1], date):
            return self.applied[1]
        if self.recorded_applied is None and self.pipeline == "applied":
            return today
        return self.recorded_applied

    def settled(self, today: date) -> None:
        """What a sync wrote into the record: the key's day on the applied line, else
        today's when the company is at `applied` for the first time."""
        if not self.broken:
            self.recorded_applied = self.applied_shown(today)

    @property
    def broken(self) -> bool:
        return "broken" in (self.base[0], self.deadline[0])

    def bad_keys(self) -> set[str]:
        keys = {
            key
            for key, meaning in (
                ("applied", self.applied),
                ("offer_base", self.base),
                ("offer_deadline", self.deadline),
            )
            if meaning[0] == "bad"
        }
        if self.pipeline not in ("", *PIPELINE):
            keys.add("pipeline")
        return keys


class Lifecycle(RuleBasedStateMachine):
    TEMPLATE: ClassVar[Path]  # the scaffolded workspace, copied per example
    STAGES: ClassVar[list[str]]  # relative paths of its stage notes, in plan order
    # which app's vault it is, and where that app's notes of the search are
    DIALECT: ClassVar[str] = "dendron"
    PREFIX: ClassVar[str] = f"{VAULT}/"  # the vault's folder ("" : the whole folder)
    PLAN: ClassVar[str] = PLAN
    DASHBOARD: ClassVar[str] = DASHBOARD
    GONE: ClassVar[tuple[str, ...]] = GONE  # statuses that leave the count

    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="lifecycle-", dir=self.TEMPLATE.parent))
        self.root = self.base / "ws"
        shutil.copytree(self.TEMPLATE, self.root)
        self.today = START
        self.start = START
        self.logs: list[str] = []
        self.watcher = Watcher(
            open_workspace(self.root),
            load_settings(self.root),
            clock=lambda: self.today,
            log=self.logs.append,
        )
        self.seen = snapshot(self.root)  # the files as the watcher last saw them
        self.via = "sync"  # the very first sync appends the plan's stage list
        self.snippets: dict[str, list[str]] = {}  # rel -> texts the person wrote there
        self.broken_stages: dict[str, str] = {}  # rel -> the line that breaks its YAML
        self.companies: dict[str, CompanyModel] = {}  # slug -> company
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)
        gc.unfreeze()  # open_workspace freezes the heap: let each example's garbage go

    # --- helpers -------------------------------------------------------------------------

    def path(self, rel: str) -> Path:
        return self.root / rel

    @property
    def folders(self) -> bool:
        return self.DIALECT != "dendron"

    def rel_of(self, fname: str) -> str:
        return f"{self.PREFIX}{fname}.md"

    def fname_of(self, rel: str) -> str:
        return rel.removeprefix(self.PREFIX).removesuffix(".md")

    def company_key(self, name: str) -> tuple[str, str]:
        """(key, fname) of a company: Dendron's slug; Obsidian's and Foam's file name, its
        key case-insensitive as those apps' names are."""
        if not self.folders:
            return slug(name), f"jobsearch.company.{slug(name)}"
        leaf = file_name(name, "Company")
        return leaf.lower(), f"Job search/Companies/{leaf}"

    def new_key(self) -> str:
        self.counter += 1
        return f"my_key_{self.counter}"

    def remember(self, rel: str, text: str) -> None:
        self.snippets.setdefault(rel, []).append(text)

    def edit(self, rel: str, change: Callable[[str], str], how: str) -> None:
        """Read a note, change its LF text, save it back with its own BOM and line ends."""
        path = self.path(rel)
        bom, eol, text = decode(path.read_bytes())
        save(path, encode(bom, eol, change(text)), how)

    def anchors(self, text: str) -> list[int]:
        """Line indexes where a paragraph of the person's may go: the body's start, before
        a heading or a region, after a region, the end; never inside a region."""
        lines = text.split("\n")
        body = frontmatter_end(lines) + 1
        found = [body, len(lines)]
        inside = False
        for number in range(body, len(lines)):
            line = lines[number]
            if "dendron-jobsearch:begin" in line:
                found.append(number)
                inside = True
            elif "dendron-jobsearch:end" in line:
                found.append(number + 1)
                inside = False
            elif not inside and re.match(r"#{1,6} ", line):
                found.append(number)
        return sorted(set(found))

    def insert_paragraph(self, rel: str, where: int, text: str, how: str) -> None:
        def change(note: str) -> str:
            lines = note.split("\n")
            at = self.anchors(note)[where % len(self.anchors(note))]
            if at >= len(lines) - (lines[-1] == ""):  # the end of the note
                return note + ("" if note.endswith("\n") else "\n") + "\n" + text + "\n"
            return "\n".join([*lines[:at], "", text, "", *lines[at:]])

        self.edit(rel, change, how)
        self.remember(rel, text)

    def insert_fm_line(self, rel: str, where: int, line: str, how: str) -> None:
        def change(note: str) -> str:
            lines = note.split("\n")
            end = frontmatter_end(lines)
            # after `---`, up to before the closing one, never inside a key's value
            places = [n for n in range(1, end + 1) if n == end or lines[n][:1] not in " \t-"]
            at = places[where % len(places)]
            return "\n".join([*lines[:at], line, *lines[at:]])

        self.edit(rel, change, how)

    def set_fm_value(self, rel: str, key: str, value: str, how: str) -> None:
        def change(note: str) -> str:
            lines = note.split("\n")
            end = frontmatter_end(lines)
            for number in range(1, end):
                if re.match(rf"{key}[ \t]*:", lines[number]):
                    lines[number] = f"{key}: {value}"
                    return "\n".join(lines)
            return "\n".join([*lines[:end], f"{key}: {value}", *lines[end:]])

        self.edit(rel, change, how)

    # --- rules: checklists ---------------------------------------------------------------

    @rule(stage=index, item=index, status=STATUSES, how=SAVES, via=VIA)
    def mark_item(self, stage: int, item: int, status: str, how: str, via: str) -> None:
        """Tick, untick, cancel, start or un-task one checklist item of a stage note."""
        rel = self.STAGES[stage % len(self.STAGES)]

        def change(note: str) -> str:
            lines = note.split("\n")
            body = frontmatter_end(lines) + 1
            items = [n for n in range(body, len(lines)) if ITEM.match(lines[n])]
            if not items:
                return note
            n = items[item % len(items)]
            at = lines[n].index("[") + 1
            lines[n] = lines[n][:at] + status + lines[n][at + 1 :]
            return "\n".join(lines)

        self.edit(rel, change, how)
        self.via = via

    @rule(
        stage=index,
        parent=index,
        as_child=st.booleans(),
        text=item_texts,
        status=STATUSES,
        how=SAVES,
        via=VIA,
    )
    def add_item(
        self, stage: int, parent: int, as_child: bool, text: str, status: str, how: str, via: str
    ) -> None:
        """A new item at the end of the checklist, or as the first sub-item of another."""
        rel = self.STAGES[stage % len(self.STAGES)]

        def change(note: str) -> str:
            lines = note.split("\n")
            body = frontmatter_end(lines) + 1
            items = [n for n in range(body, len(lines)) if ITEM.match(lines[n])]
            if as_child and items:
                n = items[parent % len(items)]
                indent = len(lines[n]) - len(lines[n].lstrip(" ")) + 2
                at = n + 1
            elif items:
                indent, at = 0, items[-1] + 1
            else:
                indent, at = 0, lines.index("## Checklist") + 2
            return "\n".join([*lines[:at], f"{' ' * indent}- [{status}] {text}", *lines[at:]])

        self.edit(rel, change, how)
        self.remember(rel, text)
        self.via = via

    # --- rules: the person's own text ----------------------------------------------------

    def _targets(self) -> list[str]:
        return [
            *self.STAGES,
            self.PLAN,
            self.DASHBOARD,
            *(c.rel for c in self.companies.values()),
            *(
                self.rel_of(fname)
                for c in self.companies.values()
                for fname in sorted(c.interviews)
            ),
        ]

    @rule(note=index, where=index, text=paragraphs, how=SAVES, via=VIA)
    def write_paragraph(self, note: int, where: int, text: str, how: str, via: str) -> None:
        """A paragraph of the person's before, between or after the tool's regions."""
        targets = self._targets()
        self.insert_paragraph(targets[note % len(targets)], where, text, how)
        self.via = via

    @rule(note=index, where=index, kind=fm_kinds, text=_FM_TEXT, how=SAVES, via=VIA)
    def write_frontmatter(
        self, note: int, where: int, kind: str, text: str, how: str, via: str
    ) -> None:
        """A frontmatter key (or comment) of the person's, anywhere in the block."""
        targets = self._targets()
        rel = targets[note % len(targets)]
        line = _key_line(kind, self.new_key(), text)
        self.insert_fm_line(rel, where, line, how)
        self.remember(rel, line)
        self.via = via

    @rule(
        stage=index,
        key=st.sampled_from(["status", "updated"]),
        below=st.booleans(),
        how=SAVES,
        via=VIA,
    )
    def comment_owned_key(self, stage: int, key: str, below: bool, how: str, via: str) -> None:
        """A comment on a key the tool owns, after its value or on an indented line below
        it: the value is the tool's, the comment the person's."""
        rel = self.STAGES[stage % len(self.STAGES)]
        comment = f"  # {self.new_key()} about {key}"

        def change(note: str) -> str:
            lines = note.split("\n")
            for number in range(1, frontmatter_end(lines)):
                if lines[number].startswith(f"{key}:"):
                    if below:
                        lines.insert(number + 1, comment)
                    elif "#" in lines[number]:
                        break
                    else:
                        lines[number] += comment
                    self.remember(rel, comment)
                    break
            return "\n".join(lines)

        self.edit(rel, change, how)
        self.via = via

    @rule(
        note=index,
        crlf=st.booleans(),
        bom=st.booleans(),
        final_newline=st.booleans(),
        how=SAVES,
        via=VIA,
    )
    def resave(
        self, note: int, crlf: bool, bom: bool, final_newline: bool, how: str, via: str
    ) -> None:
        """Save a note again with other line endings, with or without a BOM and a final
        newline, as another editor would."""
        targets = self._targets()
        path = self.path(targets[note % len(targets)])
        _bom, _eol, text = decode(path.read_bytes())
        text = text.rstrip("\n") + ("\n" if final_newline else "")
        save(path, encode(BOM if bom else "", "\r\n" if crlf else "\n", text), how)
        self.via = via

    # --- rules: breaking a stage note ----------------------------------------------------

    @precondition(lambda self: len(self.broken_stages) < 2)
    @rule(stage=index, where=index, how=SAVES, via=VIA)
    def break_stage(self, stage: int, where: int, how: str, via: str) -> None:
        """A key of the person's with an unclosed `[`: the note's YAML no longer parses."""
        rel = self.STAGES[stage % len(self.STAGES)]
        if rel in self.broken_stages:
            return
        line = f"{self.new_key()}: [open, list"
        self.insert_fm_line(rel, where, line, how)
        self.broken_stages[rel] = line
        self.via = via

    @precondition(lambda self: self.broken_stages)
    @rule(which=index, how=SAVES, via=VIA)
    def fix_stage(self, which: int, how: str, via: str) -> None:
        rel = sorted(self.broken_stages)[which % len(self.broken_stages)]
        line = self.broken_stages.pop(rel)
        self.edit(rel, lambda note: note.replace(line, line + "]"), how)
        self.remember(rel, line + "]")
        self.via = via

    # --- rules: companies, interviews, offers --------------------------------------------

    @rule(name=company_names, role=roles, applied=st.none() | st.integers(-20, 0), via=VIA)
    def company_add(self, name: str, role: str, applied: int | None, via: str) -> None:
        self.via = via
        ws = open_workspace(self.root)
        day = self.today + timedelta(days=applied) if applied is not None else None
        fname_slug, fname = self.company_key(name.strip())
        before = snapshot(self.root)
        try:
            result = add_company(ws, load_settings(self.root), name, role=role, applied=day)
        except AddError:
            assert fname_slug in self.companies, f"company add {name!r} refused"
            assert snapshot(self.root) == before, "a refused company add changed files"
            return
        assert fname_slug not in self.companies, f"{name!r} overwrote or doubled a company"
        rel = self.rel_of(fname)
        assert result.created == [rel]
        self.companies[fname_slug] = CompanyModel(
            name=name.strip(),
            fname=fname,
            rel=rel,
            role=role.strip(),
            pipeline="applied" if day else "wishlist",
            applied=("ok", day),
            base=("ok", None),
            deadline=("ok", None),
        )

    def _company(self, which: int) -> CompanyModel:
        return self.companies[sorted(self.companies)[which % len(self.companies)]]

    @precondition(lambda self: any(not c.broken for c in self.companies.values()))
    @rule(
        which=index,
        by=st.sampled_from(["name", "slug", "fname"]),
        day=st.integers(-10, 30),
        kind=kinds,
        final=st.booleans(),
        via=VIA,
    )
    def interview_add(
        self, which: int, by: str, day: int, kind: str, final: bool, via: str
    ) -> None:
        """`interview add` (`--final`: the company's last round, held or to come)."""
        self.via = via
        readable = [c for c in self.companies.values() if not c.broken]
        company = readable[which % len(readable)]
        when = self.today + timedelta(days=day)
        if self.folders:
            leaf = file_name(kind.strip(), "Interview")
            base = f"{company.fname}/Interviews/{when.isoformat()} {leaf}"
        else:
            base = f"{company.fname}.interview.{when.isoformat()}-{slug(kind.strip())}"
        fname, number = base, 1
        taken = {f.lower() for f in company.interviews}
        while fname.lower() in taken:  # two of a kind on one day: -2, -3, ... (Obsidian: " 2")
            number += 1
            fname = f"{base} {number}" if self.folders else f"{base}-{number}"
        leaf = company.fname.rsplit("/" if self.folders else ".", 1)[-1]
        reference = {"name": company.name, "slug": leaf}
        ws = open_workspace(self.root)
        try:
            result = add_interview(
                ws,
                load_settings(self.root),
                reference.get(by, company.fname),
                when,
                kind,
                final=final,
                today=self.today,
            )
        except AddError as err:
            raise AssertionError(f"interview add {fname} refused: {err}") from None
        assert fname not in company.interviews, f"{fname} added twice"
        assert result.created == [self.rel_of(fname)]
        company.interviews.add(fname)

    @precondition(lambda self: self.companies)
    @rule(
        which=index,
        stage=st.sampled_from([*PIPELINE, "", "hired", "maybe later"]),
        how=SAVES,
        via=VIA,
    )
    def move_pipeline(self, which: int, stage: str, how: str, via: str) -> None:
        """Edit the `pipeline:` line of a company note."""
        company = self._company(which)
        self.set_fm_value(company.rel, "pipeline", stage or "''", how)
        company.pipeline = stage
        self.via = via

    @precondition(lambda self: self.companies)
    @rule(
        which=index,
        value=st.integers(-30, 0).map(lambda d: (None, ("ok", d)))
        | st.sampled_from([("''", ("ok", None)), ("yesterday", ("bad", None))]),
        how=SAVES,
        via=VIA,
    )
    def set_applied(
        self, which: int, value: tuple[str | None, Meaning], how: str, via: str
    ) -> None:
        company = self._company(which)
        written, meaning = value
        if written is None:  # a day relative to today
            day = self.today + timedelta(days=meaning[1])
            written, meaning = day.isoformat(), ("ok", day)
        self.set_fm_value(company.rel, "applied", written, how)
        company.applied = meaning
        self.via = via

    @precondition(lambda self: self.companies)
    @rule(
        which=index,
        base=base_values | st.none(),
        deadline=deadline_values | st.none(),
        how=SAVES,
        via=VIA,
    )
    def set_offer(
        self,
        which: int,
        base: tuple[str, Meaning] | None,
        deadline: tuple[str | None, Meaning] | None,
        how: str,
        via: str,
    ) -> None:
        """Set, change or break an offer (`offer_base`, `offer_deadline`), or fix it."""
        company = self._company(which)
        self.via = via
        if base is not None:
            self.set_fm_value(company.rel, "offer_base", base[0], how)
            company.base = base[1]
        if deadline is not None:
            written, meaning = deadline
            if written is None:
                day = self.today + timedelta(days=meaning[1])
                written, meaning = day.isoformat(), ("ok", day)
            self.set_fm_value(company.rel, "offer_deadline", written, how)
            company.deadline = meaning

    @precondition(lambda self: any(not c.broken for c in self.companies.values()))
    @rule(
        which=index,
        thousands=st.integers(90, 400) | st.none(),
        deadline=st.integers(-3, 40) | st.none(),
        via=VIA,
    )
    def offer_command(
        self, which: int, thousands: int | None, deadline: int | None, via: str
    ) -> None:
        """`offer set NAME --base 170k --deadline D`: the keys changed, the company moved to
        `offer` if it was before it; the same command again writes nothing."""
        readable = [c for c in self.companies.values() if not c.broken]
        company = readable[which % len(readable)]
        self.via = via
        base = f"{thousands}k" if thousands is not None else None
        day = self.today + timedelta(days=deadline) if deadline is not None else None
        for again in (False, True):
            ws = open_workspace(self.root)
            result = set_offer(
                ws, load_settings(self.root), company.name, base=base, deadline=day,
                day=self.today,
            )  # fmt: skip
            assert result.changed in ([], [company.rel]), result.changed
            assert not (again and result.changed), f"offer set again wrote {result.changed}"
        if thousands is not None:
            company.base = ("ok", thousands * 1000.0)
        if day is not None:
            company.deadline = ("ok", day)
        if company.pipeline in ("", "wishlist", "applied", "screening", "interviewing"):
            company.pipeline = "offer"

    @precondition(
        lambda self: any(
            not c.broken and c.deadline[0] == "ok" and c.deadline[1] is not None
            for c in self.companies.values()
        )
    )
    @rule(which=index, days=st.integers(1, 14), via=VIA)
    def offer_extended(self, which: int, days: int, via: str) -> None:
        """`offer extend NAME --to D`: an extension granted."""
        dated = [
            c for c in self.companies.values()
            if not c.broken and c.deadline[0] == "ok" and c.deadline[1] is not None
        ]  # fmt: skip
        company = dated[which % len(dated)]
        assert isinstance(company.deadline[1], date)
        to = company.deadline[1] + timedelta(days=days)
        ws = open_workspace(self.root)
        result = extend_offer(ws, load_settings(self.root), company.name, to, day=self.today)
        assert result.changed == [company.rel], result.changed
        company.deadline = ("ok", to)
        if company.pipeline in ("", "wishlist", "applied", "screening", "interviewing"):
            company.pipeline = "offer"
        self.via = via

    def _asked_extensions(self) -> list[tuple[CompanyModel, date, date]]:
        """The extensions the alignment plan asks for today: (company, its ask, decision)."""
        ws = open_workspace(self.root)
        plan = load_jobsearch(ws, load_settings(self.root), self.today).alignment
        if plan is None:
            return []
        by_name = {c.name: c for c in self.companies.values() if not c.broken}
        return [
            (by_name[o.company.name], o.extend_to, plan.decision)
            for o in plan.offers
            if o.extend_to is not None and o.company.name in by_name
        ]

    def _exploding_offer(self, which: int) -> None:
        """An offer due tomorrow (`offer set`) while another company is interviewing (its
        `pipeline:` edited): what makes the plan ask for an extension."""
        readable = [c for c in self.companies.values() if not c.broken]
        if len(readable) < 2:
            return
        offered = readable[which % len(readable)]
        other = readable[(which + 1) % len(readable)]
        tomorrow = self.today + timedelta(days=1)
        ws = open_workspace(self.root)
        set_offer(ws, load_settings(self.root), offered.name, base="150k", deadline=tomorrow,
                  day=self.today)  # fmt: skip
        offered.base, offered.deadline = ("ok", 150_000.0), ("ok", tomorrow)
        if offered.pipeline in ("", "wishlist", "applied", "screening", "interviewing"):
            offered.pipeline = "offer"
        self.set_fm_value(other.rel, "pipeline", "interviewing", "rename")
        other.pipeline = "interviewing"

    @rule(which=index, via=VIA)
    def grant_asked_extension(self, which: int, via: str) -> None:
        """The company grants what the alignment plan asked (`offer extend NAME --to` its
        ask): the plan then asks nothing more of it and keeps its decision date — advice
        followed converges (issue 16, finding 2). With nothing asked yet, an offer due
        tomorrow arrives first while another company is interviewing."""
        asked = self._asked_extensions()
        if not asked:
            self._exploding_offer(which)
            asked = self._asked_extensions()
        event(f"extensions asked: {min(len(asked), 2)}")
        if not asked:
            return
        company, to, decision = asked[which % len(asked)]
        ws = open_workspace(self.root)
        result = extend_offer(ws, load_settings(self.root), company.name, to, day=self.today)
        assert result.changed == [company.rel], result.changed
        company.deadline = ("ok", to)
        self.via = via
        plan = load_jobsearch(open_workspace(self.root), load_settings(self.root), self.today)
        after = plan.alignment
        assert after is not None and after.decision == decision, (
            f"granting {company.name}'s extension to {to} moved the decision date "
            f"{decision} → {after.decision if after else None}"
        )
        still = [o.ask for o in after.offers if o.ask and o.company.name == company.name]
        assert not still, f"granted {company.name}'s extension to {to}, asked again: {still}"

    # --- rules: settings and time --------------------------------------------------------

    @rule(days=st.integers(-30, 30), via=VIA)
    def change_start(self, days: int, via: str) -> None:
        """Move `start` in dendron-jobsearch.yml, keeping the line's comment."""
        self.start += timedelta(days=days)
        path = self.path(SETTINGS)
        text = re.sub(
            r"(?m)^start: \S+", f"start: {self.start.isoformat()}", path.read_text("utf-8")
        )
        save(path, text.encode("utf-8"), "rename")
        self.via = via

    @rule(days=st.integers(1, 20))
    def advance_day(self, days: int) -> None:
        """Days pass; nothing is saved, so no watcher would notice: a plain sync runs."""
        self.today += timedelta(days=days)
        self.via = "sync"

    # --- the checks ------------------------------------------------------------------------

    def check_tool_writes(self, before: dict[str, bytes], after: dict[str, bytes]) -> None:
        """What the tool changed between two snapshots: only its regions and keys, only in
        stage notes, the plan and the dashboard, never a note that does not read."""
        assert sorted(after) == sorted(before), (
            f"the tool created or removed files: {sorted(set(after) ^ set(before))}"
        )
        owned: dict[str, tuple[str, ...]] = {
            **dict.fromkeys(self.STAGES, STAGE_KEYS),
            self.PLAN: ("updated",),
            self.DASHBOARD: ("updated",),
            # the applications record (a region appended at the end the first time)
            **{c.rel: ("updated",) for c in self.companies.values() if not c.broken},
        }
        appended = {
            self.PLAN: ("stages",),
            # the applications record and the offer history, each appended once
            **{c.rel: ("applications", "offer") for c in self.companies.values()},
        }
        for rel, old in before.items():
            new = after[rel]
            if new == old or rel == FEED:  # the feed is the tool's, whole (checked below)
                continue
            assert rel in owned, f"the tool wrote {rel}, which it does not own"
            assert rel not in self.broken_stages, f"the tool wrote {rel}, which does not read"
            old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
            dates = self.DIALECT == "obsidian" and rel in self.STAGES
            was = outside(old_text, owned[rel], dates)
            now = outside(new_text, owned[rel], dates)
            new_regions = [r for r in appended.get(rel, ()) if f"begin {r} -->" not in old_text]
            if new_regions:  # appended at the end, if at all
                names = "|".join(new_regions)
                added = re.fullmatch(
                    rf"(?:(?:\r?\n){{1,2}}<!-- dendron-jobsearch:begin ({names}) -->"
                    rf"<!-- dendron-jobsearch:end \1 -->\r?\n)*",  # or none yet
                    now[len(was) :],
                )
                assert now.startswith(was) and added, f"{rel}: regions {names} not appended"
            else:
                assert now == was, f"{rel}: the person's bytes changed\n{_diff(was, now)}"
            if "\r\n" in old_text and "\n" not in old_text.replace("\r\n", ""):
                assert "\n" not in new_text.replace("\r\n", ""), f"{rel}: CRLF not kept"

    def feed_watcher(self) -> list[str]:
        """The watcher's round for whatever changed since it last looked (as its observer
        would report it); returns what it wrote."""
        now = snapshot(self.root)
        changed = [
            self.root / rel
            for rel in sorted(set(now) | set(self.seen))
            if now.get(rel) != self.seen.get(rel)
        ]
        result = self.watcher.process(changed) if changed else None
        self.seen = snapshot(self.root)
        self.check_tool_writes(now, self.seen)
        return result.changed if result else []

    @invariant()
    def after_every_step(self) -> None:
        """What the person left reads right (status, findings); then the step is taken up,
        by the watcher or by sync, and the two must agree; then the regions are right."""
        self.check_status()
        self.check_findings(open_workspace(self.root))
        if self.via == "watch":
            self.settle_by_watching()
        else:
            self.settle_by_syncing()
        for company in self.companies.values():
            company.settled(self.today)
        self.check_persons_text()
        self.check_regions()
        self.check_feed()
        self.logs.clear()

    def check_feed(self) -> None:
        """The feed is what `export ics` gives for the notes as they are, byte for byte
        (while a note it is made from does not read, it stays as it was)."""
        ws = open_workspace(self.root)
        search = load_jobsearch(ws, load_settings(self.root), self.today)
        if search.problems:
            return
        assert self.path(FEED).read_bytes().decode() == export_ics(search), "the feed is stale"

    def fresh_sync(self) -> list[str]:
        """`sync` on a freshly opened workspace (as the command line runs it)."""
        ws = open_workspace(self.root)
        return sync(ws, load_settings(self.root), today=self.today).changed

    def settle_by_watching(self) -> None:
        self.feed_watcher()
        settled = snapshot(self.root)
        first = self.fresh_sync()
        if first:  # not settled: is sync itself at least stable?
            synced = snapshot(self.root)
            second = self.fresh_sync()
            assert (second, snapshot(self.root)) == ([], synced), (
                f"a second sync still wrote {second}\n{_diffs(synced, snapshot(self.root))}"
            )
        assert first == [], (
            f"watch and sync disagree: after the watcher's round, sync wrote {first}"
            f"\n{_diffs(settled, snapshot(self.root))}"
        )

    def settle_by_syncing(self) -> None:
        before = snapshot(self.root)
        self.fresh_sync()
        synced = snapshot(self.root)
        self.check_tool_writes(before, synced)
        second = self.fresh_sync()
        assert (second, snapshot(self.root)) == ([], synced), (
            f"a second sync still wrote {second}\n{_diffs(synced, snapshot(self.root))}"
        )
        wrote = self.feed_watcher()
        assert wrote == [], (
            f"watch and sync disagree: after sync, the watcher wrote {wrote}"
            f"\n{_diffs(synced, snapshot(self.root))}"
        )

    def check_persons_text(self) -> None:
        for rel, texts in self.snippets.items():
            text = decode(self.path(rel).read_bytes())[2]
            for snippet in texts:
                assert snippet in text, f"{rel}: the person's {snippet!r} is gone"

    def check_findings(self, ws: Workspace) -> None:
        """A note that does not read is an error finding with its file and line; no other
        note is one."""
        broken = {*self.broken_stages, *(c.rel for c in self.companies.values() if c.broken)}
        errors = {f.path: f for f in ws.findings if f.severity == "error"}
        assert set(errors) == broken, f"error findings {sorted(errors)}, broken {sorted(broken)}"
        for finding in errors.values():
            assert isinstance(finding.line, int) and finding.line > 0, f"{finding}: no line"

    def recount(self) -> dict[str, tuple[int, int, int]]:
        """(done, total, started) of each readable stage note, from its file."""
        return {
            rel: tally(checklist(decode(self.path(rel).read_bytes())[2]), self.GONE)
            for rel in self.STAGES
            if rel not in self.broken_stages
        }

    def check_regions(self) -> None:
        """After sync, each stage's progress region, the plan's stage list and the
        dashboard's table show the stage's figures."""
        plan = decode(self.path(self.PLAN).read_bytes())[2]
        dashboard = decode(self.path(self.DASHBOARD).read_bytes())[2]
        for rel, (done, total, _started) in self.recount().items():
            fname = self.fname_of(rel)
            region = REGION.search(decode(self.path(rel).read_bytes())[2])
            assert region is not None, f"{rel} lost its progress region"
            cookie = f"**{done}/{total} done ({percent(done, total)}%)**"
            assert cookie in region.group(0), f"{rel}: progress region says {region.group(0)!r}"
            if self.folders:  # [[path|Title]]: the target first
                listed = re.search(rf"\[\[{re.escape(fname)}\|[^\]]*\]\] · {done}/{total} · ", plan)
                row = re.compile(rf"\| \[\[{re.escape(fname)}(?:\\\|[^\]]*)?\]\] \|")
            else:
                listed = re.search(rf"\|{re.escape(fname)}\]\] · {done}/{total} · ", plan)
                # the row's link is [[Title\|fname]] (or [[fname]])
                row = re.compile(rf"\| \[\[(?:[^\]]*\\\|)?{re.escape(fname)}\]\] \|")
            assert listed, f"{self.PLAN}: {fname} is not {done}/{total}"
            line = next((x for x in dashboard.split("\n") if row.search(x)), "")
            assert f" | {done}/{total} ({percent(done, total)}%) | " in line, (
                f"{self.DASHBOARD}: {line!r} is not {done}/{total}"
            )

    def check_status(self) -> None:
        """`status --json` agrees with the notes."""
        clock = {"DENDRON_JOBSEARCH_TODAY": self.today.isoformat()}
        result = CliRunner().invoke(main, ["-w", str(self.root), "status", "--json"], env=clock)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"status raised {result.exception!r}"
        )
        data = json.loads(result.stdout)
        stages = {self.rel_of(s["fname"]): s for s in data["stages"]}
        assert sorted(stages) == sorted(self.STAGES)
        findings = data["findings"]
        for rel in self.broken_stages:
            state = stages[rel]
            named = any(f["path"] == rel and isinstance(f.get("line"), int) for f in findings)
            not_empty = (state["done"], state["total"]) != (0, 0)
            assert (result.exit_code, named, not_empty) == (1, True, True), (
                f"{rel} does not read, but status says {state['done']}/{state['total']}, "
                f"exit {result.exit_code}, findings {[f['path'] for f in findings]} "
                "(expected: unreadable, named with its line, exit 1)"
            )
        expected = self.recount()
        shown = {rel: (s["done"], s["total"]) for rel, s in stages.items() if rel in expected}
        figures = {rel: (done, total) for rel, (done, total, _) in expected.items()}
        assert shown == figures, f"status figures {shown} but the notes say {figures}"
        for rel, (done, total, started) in expected.items():
            state = stages[rel]
            assert state["percent"] == percent(done, total), f"{rel}: percent {state}"
            late = state["status"] not in ("x", "d") and state["due"] < self.today.isoformat()
            assert state["overdue"] == late, f"{rel}: overdue on {self.today}: {state}"
            assert (state["status"] == "x") == (total > 0 and done == total), f"{rel}: {state}"
            if state["status"] != "x":
                assert state["status"] in ("w" if done else "", "w" if started else ""), state
        broken_companies = [c.rel for c in self.companies.values() if c.broken]
        if broken_companies:  # named, never dropped, and the command says so
            assert result.exit_code == 1, f"{broken_companies} do not read, yet status exits 0"
            unreadable = {self.rel_of(fname) for fname in data["unreadable"]}
            assert set(broken_companies) <= unreadable, (broken_companies, data["unreadable"])
        if not self.broken_stages and not broken_companies:
            assert result.exit_code == 0, f"status exited {result.exit_code}: {result.output}"
            plan = data["plan"]
            assert (plan["done"], plan["total"]) == tuple(
                map(sum, zip(*figures.values(), strict=True))
            )
        self.check_companies(data)

    def check_companies(self, data: dict[str, Any]) -> None:
        listed = {c["fname"]: c for c in data["companies"]}
        known = {c.fname for c in self.companies.values()}
        assert set(listed) <= known, f"unknown companies {set(listed) - known}"
        invalid: set[tuple[str, int | None]] = set()
        for company in self.companies.values():
            if company.broken:
                continue
            assert company.fname in listed, f"{company.fname} is missing from status"
            shown = listed[company.fname]
            stage = company.pipeline or "wishlist"
            applied = company.applied_shown(self.today)
            day = applied.isoformat() if applied else None
            assert (shown["name"], shown["role"]) == (company.name, company.role), shown
            assert shown["pipeline"] == (stage if stage in PIPELINE else None), shown
            assert (shown["applied"], shown["interviews"]) == (day, len(company.interviews))
            base, deadline = company.base[1], company.deadline[1]
            offer = shown["offer"]
            # an offer_base set but unreadable is an offer whose total is unknown
            unset = base is None and company.base[0] != "bad"
            if unset and deadline is None and stage not in OFFERISH:
                assert offer is None, shown
            else:
                assert offer is not None, shown
                assert offer["base"] == base, shown
                # only the base is set here: the total is the base, unknown when it does
                # not read (never a sum of what does)
                assert (offer["total"], offer["total_known"]) == (base, company.base[0] != "bad"), (
                    shown
                )
                assert offer["deadline"] == (deadline.isoformat() if deadline else None), shown
            raw = self.path(company.rel).read_bytes()
            invalid |= {(company.rel, key_line_number(raw, key)) for key in company.bad_keys()}
        reported = {
            (f["path"], f["line"]) for f in data["findings"] if f["code"] == "value-invalid"
        }
        assert reported == invalid, f"value-invalid findings {reported}, expected {invalid}"


def _diff(old: str, new: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(old.splitlines(True), new.splitlines(True), "before", "after")
    )


def _diffs(old: dict[str, bytes], new: dict[str, bytes]) -> str:
    return "".join(
        f"--- {rel}\n{_diff(old[rel].decode(), new[rel].decode())}"
        for rel in sorted(old)
        if rel in new and old[rel] != new[rel]
    )


def _scaffolded(root: Path, dialect: str, basetemp: Path) -> Path:
    """A scaffolded workspace of `dialect` with the calendar feed on, synced once."""
    with pytest.MonkeyPatch.context() as patch:  # the cache key stays out of the home folder
        patch.setenv("XDG_CACHE_HOME", str(basetemp / "xdg-cache"))
        scaffold(root, start=START, today=START, dialect=dialect)
        settings_file = root / SETTINGS
        settings_file.write_text(settings_file.read_text() + f"ics: {FEED}\n")
        sync(open_workspace(root), load_settings(root), today=START)  # the feed is there
    (root / CACHE).unlink(missing_ok=True)  # its fingerprint names this folder: no use in copies
    return root


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scaffolded workspace for the whole session (each example copies it)."""
    root = tmp_path_factory.mktemp("lifecycle") / "template"
    return _scaffolded(root, "dendron", tmp_path_factory.getbasetemp())


def profile() -> settings:
    name = os.environ.get("HYPOTHESIS_PROFILE") or (
        "lifecycle" if os.environ.get("CI") == "true" else "lifecycle-dev"
    )
    return settings.get_profile(name)


def test_a_whole_search(template: Path) -> None:
    class Search(Lifecycle):
        TEMPLATE = template
        STAGES = sorted(
            f"{VAULT}/{p.name}" for p in (template / VAULT).glob("jobsearch.stage.*.md")
        )

    assert len(Search.STAGES) == 10
    run_state_machine_as_test(Search, settings=profile())


# The same search in an Obsidian vault and a Foam workspace, in their own names and
# conventions (`Job search/...`, `[[path|Title]]`, properties, Obsidian's Tasks due dates).
# In Obsidian the Tasks plugin's statuses decide what counts: without its settings, its
# defaults (obsidian-tasks-docs/docs/Getting Started/Statuses.md: `[ ]`, `[x]`, `[/]`,
# `[-]`), where `[~]` is an unknown status, read as a task to do. Fewer examples each: the
# rules are the same, the names and the writing differ.
FOLDER_VAULTS = [("obsidian", ("-",)), ("foam", GONE)]


@pytest.mark.parametrize(("dialect", "gone"), FOLDER_VAULTS, ids=[d for d, _ in FOLDER_VAULTS])
def test_a_whole_search_in_another_app(
    tmp_path_factory: pytest.TempPathFactory, dialect: str, gone: tuple[str, ...]
) -> None:
    root = tmp_path_factory.mktemp(f"lifecycle-{dialect}") / "template"
    built = _scaffolded(root, dialect, tmp_path_factory.getbasetemp())

    class Search(Lifecycle):
        TEMPLATE = built
        STAGES = sorted(
            p.relative_to(built).as_posix() for p in (built / "Job search/Stages").glob("*.md")
        )
        DIALECT = dialect
        PREFIX = ""
        PLAN = "Job search/Plan.md"
        DASHBOARD = "Job search/Dashboard.md"
        GONE = gone

    assert len(Search.STAGES) == 10
    chosen = profile()
    fewer = settings(chosen, max_examples=max(5, chosen.max_examples // 5))
    run_state_machine_as_test(Search, settings=fewer)
