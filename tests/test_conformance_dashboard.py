r"""Every link the dashboard and the self-evaluation write resolves in Dendron's own engine,
the `[[Title\|fname]]` links of their tables included, in its link index and in the HTML of
its preview; and we read each of them as Dendron does (but for the alias's backslash, the
known difference the README's *Conformance* names)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import (
    load_jobsearch,
    load_settings,
    open_workspace,
    scaffold,
    self_evaluate,
    sync,
)
from dendron_jobsearch.cli import main

from .oracle import compare, ours, run_oracle, without_table_escapes

pytestmark = pytest.mark.conformance

START, TODAY = date(2027, 1, 4), date(2027, 3, 2)
DASHBOARD, CYCLE = "jobsearch.dashboard", "interviews.Self evaluation.2027.01.04"
COMPANIES = {  # name -> frontmatter set by hand: offers, a process still running
    "Acme (Robotics), Inc.": {"pipeline": "offer", "offer_base": "150000",
                              "offer_deadline": "2027-03-04"},
    "Beta: Quant's Fund": {"pipeline": "interviewing"},
    "Ünïcödé & <b>Co</b> | [x] > y": {"pipeline": "offer", "offer_base": "160000",
                                      "offer_deadline": "2027-03-09"},
}  # fmt: skip
TABLE_LINK = re.compile(r"\[\[([^\]|]+)\\\|([^\]|]+)\]\]")


def key(fname: str) -> str:
    return fname.lower().replace(" ", "-")


def workspace(root: Path) -> Path:
    scaffold(root, start=START, today=START)

    def cli(*args: str) -> list[str]:
        result = CliRunner().invoke(main, ["-w", str(root), *args, "--json"])
        assert result.exit_code == 0, result.stderr
        created: list[str] = json.loads(result.stdout)["created"]
        return created

    for name, keys in COMPANIES.items():
        (created,) = cli("company", "add", name, "--applied", "2027-02-01")
        path = root / created
        text = path.read_text()
        for k, value in keys.items():
            text = re.sub(rf"(?m)^{k}:.*$", f"{k}: {value}", text)
        path.write_text(text)
    cli("interview", "add", "beta-quant-s-fund", "--date", "2027-03-05", "--kind", "onsite")
    settings = load_settings(root)
    assert sync(open_workspace(root, use_cache=False), settings, today=TODAY).ok
    self_evaluate(load_jobsearch(open_workspace(root, use_cache=False), settings, TODAY))
    return root


def test_every_link_the_dashboard_writes_resolves_in_dendron(oracle: Path, tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    dump = run_oracle(root, render=(DASHBOARD, CYCLE))
    assert dump["error"] is None, dump["error"]
    notes = {key(n["fname"]): n for n in dump["notes"]}
    ws = open_workspace(root, use_cache=False)
    for fname in (DASHBOARD, CYCLE):
        note = ws.get(fname)
        assert note is not None and note.file is not None
        written = TABLE_LINK.findall(Path(note.file).read_text())
        assert len(written) >= 3, fname  # the tables link by title
        theirs = [x for x in notes[key(fname)]["links"] if x["type"] != "backlink"]
        assert [x["value"] for x in theirs if key(x["value"]) not in notes] == []  # all resolve
        # Dendron reads the link to the fname, keeping the backslash in the alias...
        seen = {(x["value"], x.get("alias")) for x in theirs}
        assert [(t, a) for a, t in written if (t, a + "\\") not in seen] == []
        # ...we read it to the same fname, the alias without it, and every link resolves
        mine = [r for r in ws.links() if r.source is note]
        assert [r.link.value for r in mine if not r.resolved] == []
        assert {(r.link.value, r.link.alias) for r in mine} >= {(t, a) for a, t in written}
    assert compare(without_table_escapes(dump), ours(root)) == []

    # the preview: every link of the dashboard's tables goes to a note of the workspace
    ids = {n["id"] for n in dump["notes"]}
    for fname in (DASHBOARD, CYCLE):
        html = dump["rendered"][fname]
        assert isinstance(html, str), html
        tables = "".join(re.findall(r"<table>.*?</table>", html, re.S))
        anchors = re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', tables, re.S)
        assert len(anchors) >= 3
        assert [href for href, _ in anchors if href not in ids] == []
        # Dendron 0.122's preview shows the alias as its engine reads it, with the backslash
        # (a stage note, a task note to Dendron, also gets its task box and due date)
        shown = [re.sub(r"<[^>]+>", "", text) for _, text in anchors]
        assert [text for text in shown if "\\" not in text] == []
