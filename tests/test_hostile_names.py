"""Hostile names (fixtures/tables/hostile-names.md): a company, role, interview kind, currency,
stage or plan title, or file name holding Markdown, HTML, a region marker, a line break or
an app's own syntax is written as text in every place it lands, in Dendron, Obsidian and
Foam, and the dashboard keeps working.

Three layers: each place escapes a name as the table says; each escaped name, read back
in each app's reader, is nothing but the name's text (the same tokens as a plain name,
no link, tag, HTML, heading, column or marker); and whole workspaces full of hostile names
sync with nothing skipped, a second sync writes nothing, the dashboard keeps updating, and
its notes hold the same structure as a workspace of plain names (their diagrams render in
both Mermaid versions, where the harness is installed)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markdown_it.token import Token

from dendron_jobsearch import add_company, add_interview, load_settings, open_workspace, scaffold
from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.layout import FoamLayout, FolderLayout, Layout, layout_of
from dendron_jobsearch.jobsearch.pipeline import load_pipeline
from dendron_jobsearch.vault.dialects import Dialect
from dendron_jobsearch.vault.dialects.dendron import DENDRON
from dendron_jobsearch.vault.dialects.foam import FOAM
from dendron_jobsearch.vault.dialects.obsidian import OBSIDIAN
from dendron_jobsearch.vault.markdown import parser, scan_body
from dendron_jobsearch.write import escape, regions
from dendron_jobsearch.write.frontmatter import set_keys

from . import mermaid
from .conftest import make_workspace, table

CASES = table("hostile-names.md")
APPS: dict[str, tuple[Dialect, Layout]] = {
    "dendron": (DENDRON, Layout()),
    "obsidian": (OBSIDIAN, FolderLayout()),
    "foam": (FOAM, FoamLayout()),
}
_CODE = re.compile(r"\\u\{([0-9A-Fa-f]+)\}")


def name_of(text: str) -> str:
    """The case's name: its input, `\\u{2028}` read as the character, without the last
    newline (a name of two lines is two lines)."""
    return _CODE.sub(lambda m: chr(int(m.group(1), 16)), text.removesuffix("\n"))


NAMES = [name_of(str(case.values[0])) for case in CASES]


def coded(text: str) -> str:
    return text.replace(escape.WORD_JOINER, "\\u{2060}").replace("\u2028", "\\u{2028}")


def places(name: str) -> str:
    rows = {
        "text": escape.text(name),
        "cell": escape.cell(name),
        "label": escape.label(name),
        "gantt": escape.gantt(name),
        "flowchart": escape.flowchart(name),
        "target": "a link" if escape.linkable(name) else "text",
    }
    return "".join(f"{place}: {coded(value)}\n" for place, value in rows.items())


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_place_escapes_a_name_as_the_table_says(text: str, expected: str) -> None:
    assert places(name_of(text)) == expected


# --- reading an escaped name back -------------------------------------------------------

FM = {"title": "Dashboard"}  # what `{{fm.title}}` would splice in, were it read
# syntax the readers do not model (Obsidian comments, highlights, Dataview fields and block
# ids, math): it must not be in what the tool writes at all
UNREAD = re.compile(r"%%|==|::|[$^<]")
# Foam's core reads tags off remark's decoded text: `(?<=^|\s)#` then a letter (Foam's
# core/utils/hashtags.ts, HASHTAG_REGEX)
FOAM_TAG = re.compile(r"(?<!\S)#[0-9.]*[^\W\d]")


def tokens(body: str, dialect: Dialect) -> list[Token]:
    """The reader's tokens of `body`, every block's inline content parsed (the reader
    itself parses only blocks that could hold a link), text runs joined."""
    md = parser(dialect=dialect)
    env: dict[str, Any] = {"fm": FM}
    out = md.parse(body, env)
    for token in out:
        if token.type == "inline" and not token.children:
            parsed: list[Token] = []
            md.inline.parse(token.content, md, env, parsed)
            token.children = []
            for child in parsed:  # `text_special` (an escape, a reference) is text too
                if child.type in ("text", "text_special"):
                    last = token.children[-1] if token.children else None
                    if last is not None and last.type == "text":
                        last.content += child.content
                        continue
                    child.type = "text"
                token.children.append(child)
    return out


def shape(body: str, dialect: Dialect) -> list[tuple[str, list[str]]]:
    """The tokens a reader makes of `body`, without their text."""
    return [(t.type, [c.type for c in t.children or []]) for t in tokens(body, dialect)]


def shown(token: Token) -> str:
    """What an inline token shows: its text, links as `[[target]]`."""
    parts = []
    for child in token.children or []:
        link = child.meta.get("link") if child.type == "dendron_link" else None
        parts.append(f"[[{link.value}]]" if link is not None else child.content)
    return "".join(parts).replace(escape.WORD_JOINER, "")


def sections(region: str, dialect: Dialect) -> list[list[tuple[str, list[str]]]]:
    """The shapes of a region's `###` sections, in a fixed order (companies are listed by
    note name, and plain names sort otherwise than hostile ones)."""
    return sorted(shape(part, dialect) for part in re.split(r"\n(?=### )", region))


def inlines(body: str, dialect: Dialect) -> list[Token]:
    return [t for t in tokens(body, dialect) if t.type == "inline"]


def written_text_is_only_text(written: str, dialect: Dialect) -> None:
    assert not UNREAD.search(written), written
    assert all(regions.marker(line) is None for line in written.splitlines())
    for token in inlines(f"- {written}\n", dialect):
        assert not any(FOAM_TAG.search(c.content) for c in token.children or []), written


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("name", NAMES, ids=[str(case.id) for case in CASES])
def test_an_escaped_name_reads_back_as_the_name_and_nothing_else(name: str, app: str) -> None:
    dialect, layout = APPS[app]
    one_line = escape.line(name)
    contexts = {  # (with the name, with a plain word, what the name's inline must show)
        "list": ("- 2027-02-20 · {} · end\n", escape.text, f"2027-02-20 · {one_line} · end"),
        "heading": ("### {}\n", escape.text, one_line),
        "table": ("| A | B |\n|---|---|\n| {} | end |\n", escape.cell, one_line),
    }
    for where, (context, escaped, wanted) in contexts.items():
        body = context.format(escaped(name))
        assert shape(body, dialect) == shape(context.format("plain"), dialect), where
        assert shown(inlines(body, dialect)[-2 if where == "table" else 0]) == wanted, where
        links, headings, checklist = scan_body(body, "n", 1, frontmatter=FM, dialect=dialect)
        assert (links, len(headings), checklist) == ([], int(where == "heading"), []), where
        written_text_is_only_text(escaped(name), dialect)

    target = layout.company("Acme")
    for context, link in (("- {}\n", layout.link), ("| A |\n|---|\n| {} |\n", layout.table_link)):
        body = context.format(link(target, name))
        assert shape(body, dialect) == shape(context.format(link(target, "plain")), dialect)
        links, _, _ = scan_body(body, "n", 1, frontmatter=FM, dialect=dialect)
        assert [(x.value, (x.alias or "").removesuffix("\\")) for x in links] == [
            (target, escape.label(name))
        ]

    # a note someone named so: a link when a link can hold the name, else its name as text
    fname = layout.company_prefix + name
    for context, link in (("- {}\n", layout.link), ("| A |\n|---|\n| {} |\n", layout.table_link)):
        body = context.format(link(fname))
        links, _, _ = scan_body(body, "n", 1, frontmatter=FM, dialect=dialect)
        if escape.linkable(fname):
            assert [x.value for x in links] == [fname]
        else:
            assert links == []
            assert shape(body, dialect) == shape(context.format("plain"), dialect)
            leaf = fname if app == "dendron" else name
            assert shown(inlines(body, dialect)[-1]) == escape.line(leaf)


def test_a_marker_counts_only_alone_on_its_line_below_the_frontmatter() -> None:
    note = (
        "---\ntitle: Tail <!-- dendron-jobsearch:end dashboard --> x\n---\n"
        "a <!-- dendron-jobsearch:begin dashboard --> inline\n"
        "  <!-- dendron-jobsearch:begin dashboard -->  \r\n"
        "| [[Tail <!-- dendron-jobsearch:end dashboard --> x]] |\r\n"
        "<!-- dendron-jobsearch:end dashboard -->\n"
    )
    (found,) = regions.find_regions(note)
    assert note[found.start : found.stop].startswith("| [[Tail")
    assert regions.marker(" <!-- dendron-jobsearch:end x --> ") == ("end", "x")
    assert regions.marker("<!-- dendron-jobsearch:end x --> y") is None
    # what the tool writes into a region never opens or closes one
    content = "<!-- dendron-jobsearch:end dashboard -->\nok"
    replaced = regions.replace_region(note, "dashboard", content)
    assert replaced is not None
    assert [r.name for r in regions.find_regions(replaced)] == ["dashboard"]
    assert "\r\n&lt;!-- dendron-jobsearch:end dashboard -->\r\nok\r\n<!--" in replaced
    assert regions.find_regions(regions.block("x", content) + "\n")[0].name == "x"


# --- whole workspaces of hostile names --------------------------------------------------

START = date(2027, 1, 4)
TODAY = date(2027, 2, 10)  # every one-day stage overdue: the warnings name the stages too
PLAN = {"dendron": "p", "obsidian": "Job search/Plan", "foam": "Job search/Plan"}
MARKER = {"obsidian": ".obsidian", "foam": ".foam"}


def cli(root: Path, today: date, *args: str) -> tuple[int, dict[str, Any]]:
    env = {"DENDRON_JOBSEARCH_TODAY": today.isoformat()}
    result = CliRunner().invoke(main, ["-w", str(root), *args, "--json"], env=env)
    said = json.loads(result.stdout) if result.stdout.strip() else {"error": result.output}
    return result.exit_code, said


def plan_text(app: str, title: str, stages: list[str]) -> str:
    lines = [f"{n}. S{n:02d} {s} (**1 day**)\n    - item {n}\n" for n, s in enumerate(stages, 1)]
    head = f"---\nid: p\ntitle: {json.dumps(title)}\n---\n" if app == "dendron" else ""
    return head + "".join(lines)


def company_names(root: Path, names: list[str]) -> list[str]:
    """The names as companies: as given, or with a number when `company add` would refuse
    them (no letter or digit to name a note by) or two would share a note name."""
    layout = layout_of(open_workspace(root, use_cache=False), load_settings(root))
    taken: set[str] = set()
    out = []
    for number, name in enumerate(names, 1):
        fname = layout.company(name.strip()).lower()
        if not re.search(r"[0-9A-Za-z]", name) or fname in taken:
            name = f"{name} {number:02d}"
            fname = layout.company(name.strip()).lower()
        taken.add(fname)
        out.append(name)
    return out


def build(root: Path, app: str, names: list[str]) -> None:
    """A workspace of `app` whose plan, stages, companies, roles, sources, interview kinds
    and offer currencies are `names`; a third of the companies hold an open offer, the
    others are interviewing, with a round to come."""
    stages = [re.sub(r"[\r\n]+", " ", n) for n in names]  # a plan's line holds no line break
    if app == "dendron":
        make_workspace(root, {"p": plan_text(app, names[0], stages)})
    else:
        (root / MARKER[app]).mkdir(parents=True)
        (root / "Job search").mkdir()
        (root / "Job search" / "Plan.md").write_text(plan_text(app, names[0], stages))
    scaffold(root, plan=PLAN[app], dialect=app, start=START, today=START)
    settings = load_settings(root)
    companies = company_names(root, names)
    ws = open_workspace(root, use_cache=False)
    for number, (company, name) in enumerate(zip(companies, names, strict=True)):
        applied = START + timedelta(days=2 * number)
        add_company(ws, settings, company, role=name, source=name, referrer=name, applied=applied)
    ws = open_workspace(root, use_cache=False)
    for number, (company, name) in enumerate(zip(companies, names, strict=True)):
        if number % 3:
            kind = name if re.search(r"[0-9A-Za-z]", name) else f"{name} round"
            add_interview(ws, settings, company.strip(), TODAY + timedelta(days=number), kind)
    ws = open_workspace(root, use_cache=False)
    layout = layout_of(ws, settings)
    for number, (company, name) in enumerate(zip(companies, names, strict=True)):
        note = ws.get(layout.company(company.strip()))
        assert note is not None and note.path is not None, company
        keys: dict[str, Any] = {"pipeline": "interviewing"}
        if number % 3 == 0:
            deadline = TODAY + timedelta(days=5 + number)
            keys = {"pipeline": "offer", "offer_base": 100, "offer_deadline": deadline}
            keys["offer_currency"] = name
        text = note.path.read_text(encoding="utf-8")
        note.path.write_text(set_keys(text, keys), encoding="utf-8")


@dataclass
class Run:
    """A workspace built and synced: what each command said, and the notes afterwards."""

    root: Path
    app: str
    said: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def region(self, rel: str, name: str) -> str:
        text = self.text(rel)
        (found,) = [r for r in regions.find_regions(text) if r.name == name]
        return text[found.start : found.stop]


def run(root: Path, app: str, names: list[str]) -> Run:
    build(root, app, names)
    done = Run(root, app)
    done.said["sync"] = cli(root, TODAY, "sync")
    done.said["sync again"] = cli(root, TODAY, "sync")
    done.said["self-eval"] = cli(root, TODAY, "self-eval")
    done.said["self-eval again"] = cli(root, TODAY, "self-eval")
    done.said["next day"] = cli(root, TODAY + timedelta(days=1), "sync")
    return done


PLAIN = [f"Name {number:02d}" for number in range(1, len(NAMES) + 1)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Run, Run]]:
    """Per app, once: the workspace of hostile names and the same one of plain names."""
    made: dict[str, tuple[Run, Run]] = {}

    def once(app: str) -> tuple[Run, Run]:
        if app not in made:
            base = tmp_path_factory.mktemp(f"hostile-{app}")
            made[app] = (run(base / "hostile", app, NAMES), run(base / "plain", app, PLAIN))
        return made[app]

    return once


def evaluation(done: Run) -> str:
    """The self-evaluation note of the cycle, as `self-eval` created it."""
    (rel,) = [n for n in done.said["self-eval"][1]["created"] if n.endswith("4.md")]
    return str(rel)


def heading_texts(markdown: str, dialect: Dialect) -> list[str]:
    found = tokens(markdown, dialect)
    return [shown(found[i + 1]) for i, t in enumerate(found) if t.type == "heading_open"]


def dashboard(done: Run) -> str:
    layout = layout_of(open_workspace(done.root, use_cache=False), load_settings(done.root))
    return f"vault/{layout.dashboard}.md" if done.app == "dendron" else f"{layout.dashboard}.md"


@pytest.mark.parametrize("app", APPS)
def test_hostile_names_skip_nothing_and_the_dashboard_keeps_updating(
    app: str, runs: Callable[[str], tuple[Run, Run]]
) -> None:
    hostile, _plain = runs(app)
    said = hostile.said
    for what, (code, out) in said.items():
        assert (code, out.get("skipped"), out.get("findings")) == (0, [], []), (what, out)
    assert said["sync"][1]["changed"], "the first sync writes the dashboard"
    assert said["sync again"][1]["changed"] == []
    assert said["self-eval again"][1]["changed"] == []
    assert dashboard(hostile) in said["next day"][1]["changed"]


@pytest.mark.parametrize("app", APPS)
def test_hostile_names_make_the_same_notes_as_plain_ones(
    app: str, runs: Callable[[str], tuple[Run, Run]]
) -> None:
    """The dashboard's and the self-evaluation's regions read as the same tokens, links
    and tags as those of a workspace of plain names: a name adds nothing but its text."""
    hostile, plain = runs(app)
    dialect = APPS[app][0]
    seen = []
    for done in (hostile, plain):
        ws = open_workspace(done.root, use_cache=False)
        note = ws.get(layout_of(ws, load_settings(done.root)).dashboard)
        assert note is not None
        links = [r for r in ws.links() if r.source is note]
        assert [r.link.value for r in links if not r.resolved] == [], done.root
        assert not [r for r in links if r.link.type in ("hashtag", "usertag")]
        seen.append((len(links), note.tags, len(note.headings), len(note.iter_checklist())))
    assert seen[0] == seen[1]
    rel = dashboard(hostile)
    assert [r.name for r in regions.find_regions(hostile.text(rel))] == ["dashboard"]
    assert sections(hostile.region(rel, "dashboard"), dialect) == sections(
        plain.region(rel, "dashboard"), dialect
    )
    rel = evaluation(hostile)
    names = [r.name for r in regions.find_regions(hostile.text(rel))]
    assert names == [r.name for r in regions.find_regions(plain.text(evaluation(plain)))]
    for name in names:
        assert sections(hostile.region(rel, name), dialect) == sections(
            plain.region(evaluation(plain), name), dialect
        ), name


@pytest.mark.parametrize("app", APPS)
def test_every_name_shows_as_written(app: str, runs: Callable[[str], tuple[Run, Run]]) -> None:
    """Each company's name, role and currency, read back off the dashboard and the
    self-evaluation, are the names as the pipeline holds them (on one line); each company
    note keeps its name as its title (Foam: in `title:`, its heading escaped)."""
    hostile, _ = runs(app)
    dialect = APPS[app][0]
    ws = open_workspace(hostile.root, use_cache=False)
    pipeline = load_pipeline(ws, load_settings(hostile.root))
    board = [shown(t) for t in inlines(hostile.region(dashboard(hostile), "dashboard"), dialect)]
    headings = heading_texts(hostile.region(evaluation(hostile), "selfeval-companies"), dialect)
    assert len(headings) == len(pipeline.companies) == len(NAMES)
    for company in pipeline.companies:
        name = escape.line(company.name)
        assert name in headings, name
        assert escape.line(company.role) in board, company.role
        if company.offer is not None:
            assert escape.line(company.offer.currency) in board, company.offer.currency
        for interview in company.interviews:
            assert any(f" · {name} · {escape.line(interview.kind)} · " in x for x in board), name
        assert company.note.path is not None
        text = company.note.path.read_text(encoding="utf-8")
        # the tool's own regions only: no name made a marker of its own
        assert {r.name for r in regions.find_regions(text)} <= {"applications", "offer"}
    given = set(company_names(hostile.root, NAMES))
    titles = {c.note.title for c in pipeline.companies}
    if app == "obsidian":  # the title is the file name; the name, an alias
        titles |= {a for c in pipeline.companies for a in c.note.frontmatter.get("aliases", [])}
    assert {n.strip() for n in given} <= titles
    if app == "foam":  # the heading shows the title as text
        wrong = set()
        for company in pipeline.companies:
            first = company.note.headings[0]
            assert first.level == 1
            if heading_texts(f"# {first.text}\n", dialect) != [escape.line(company.name)]:
                wrong.add(company.name)
        assert wrong == set()  # `{{fm.title}}` too: Foam's `$FOAM_TITLE` is text, not a template


@pytest.mark.slow
@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("mermaid_of", ["dendron", "obsidian"])
def test_the_diagrams_of_hostile_names_render(
    app: str, mermaid_of: str, runs: Callable[[str], tuple[Run, Run]]
) -> None:
    """The schedule's gantt, the pipeline chart and the offer-alignment gantt of a
    dashboard full of hostile names render in Mermaid 9.4.3 (Dendron) and 11 (Obsidian)."""
    mermaid.mermaid_or_skip(mermaid_of)
    hostile, _ = runs(app)
    diagrams = mermaid.diagrams_in(hostile.region(dashboard(hostile), "dashboard"))
    assert len(diagrams) == 3
    assert mermaid.render(diagrams, mermaid_of) == [{"ok": True}] * 3


def test_a_new_note_named_with_a_line_break_keeps_the_table_whole(tmp_path: Path) -> None:
    """A company note someone named with a line break (no app makes one, a script can) is
    listed as text in one row: the table keeps its rows and the link no note can hold is
    not written."""
    root = tmp_path / "ws"
    (root / ".obsidian").mkdir(parents=True)
    scaffold(root, dialect="obsidian", start=START, today=START)
    folder = root / "Job search" / "Companies"
    folder.mkdir(exist_ok=True)
    (folder / "Two\nlines | here.md").write_text("---\npipeline: applied\n---\n")
    assert cli(root, TODAY, "sync")[0] == 0
    rows = [
        line
        for line in Run(root, "obsidian").region("Job search/Dashboard.md", "dashboard").split("\n")
        if line.startswith("| ") and "Two" in line
    ]
    # applied by its record's day: the first sync that saw it at `applied`
    assert rows == [rf"| Two lines \| here |  | applied | {TODAY.isoformat()} | 0 |"]


# --- the apps' own readers --------------------------------------------------------------

HTML_TAG = re.compile(r"<([a-zA-Z][\w-]*)")
# a link out of the vault the app makes of an address in a name (`a@b.com`: GFM's autolink);
# names keep addresses and domains as written (`Booking.com`), so those stay links out
EXTERNAL = re.compile(r'<a href="/?(?:mailto:|https?:)')


def html_tags(html: str) -> dict[str, int]:
    """How many of each HTML element a rendered note holds (links out of the vault aside)."""
    counts: dict[str, int] = {}
    for tag in HTML_TAG.findall(EXTERNAL.sub("", html)):
        counts[tag.lower()] = counts.get(tag.lower(), 0) + 1
    return counts


@pytest.mark.conformance
def test_dendron_reads_and_renders_hostile_names_as_plain_ones(
    oracle: Path, runs: Callable[[str], tuple[Run, Run]]
) -> None:
    """Dendron's own engine: every link of the dashboard and the self-evaluation resolves,
    none is a tag or user tag, its preview holds the same HTML elements as that of plain
    names, and we read every note as Dendron does."""
    from .oracle import compare, ours, run_oracle, without_table_escapes

    found = []
    for done in runs("dendron"):
        cycle = evaluation(done).removeprefix("vault/").removesuffix(".md")
        dump = run_oracle(done.root, render=("jobsearch.dashboard", cycle))
        assert dump["error"] is None, dump["error"]
        names = {n["fname"].lower() for n in dump["notes"]}
        seen = []
        for fname in ("jobsearch.dashboard", cycle):
            (note,) = [n for n in dump["notes"] if n["fname"] == fname]
            links = [x["value"] for x in note["links"] if x["type"] != "backlink"]
            assert [v for v in links if v.lower() not in names] == [], fname
            assert [v for v in links if v.startswith(("tags.", "user."))] == [], fname
            seen.append((len(links), html_tags(dump["rendered"][fname])))
        found.append(seen)
        assert compare(without_table_escapes(dump), ours(done.root)) == [], done.root
    assert found[0] == found[1]


@pytest.mark.conformance
def test_foam_reads_hostile_names_as_text(runs: Callable[[str], tuple[Run, Run]]) -> None:
    """Foam's own core: the dashboard and the self-evaluation hold the same tags (none of
    a name) and links as those of plain names, every company note is titled by its name,
    and we read the notes as Foam does."""
    from .foam_oracle import compare, oracle_or_skip, ours, run_oracle, theirs

    oracle_or_skip()
    found = []
    for done in runs("foam"):
        notes = theirs(run_oracle(done.root))
        mine = ours(done.root)
        seen = []
        for rel in (dashboard(done), evaluation(done)):
            links = notes[rel]["links"]
            assert [k for k in links if k[1] is None] == [], rel  # every link resolves
            seen.append((notes[rel]["tags"], sum(links.values())))
        found.append(seen)
        assert compare(notes, mine, "tags") == []
        assert compare(notes, mine, "title") == []
    assert found[0] == found[1]
    hostile, _ = runs("foam")
    ws = open_workspace(hostile.root, use_cache=False)
    pipeline = load_pipeline(ws, load_settings(hostile.root))
    titles = {theirs(run_oracle(hostile.root))[c.note.rel]["title"] for c in pipeline.companies}
    assert titles == {c.name for c in pipeline.companies}
