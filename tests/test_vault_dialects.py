"""Obsidian vaults and Foam workspaces open like Dendron workspaces: found by their marker
(walking up), read by their own rules, the whole folder one vault, lazily or not."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dendron_jobsearch import WorkspaceError, open_workspace
from dendron_jobsearch.vault.dialects.dendron import DENDRON
from dendron_jobsearch.vault.dialects.detect import detect_dialect
from dendron_jobsearch.vault.dialects.foam import FOAM
from dendron_jobsearch.vault.dialects.obsidian import OBSIDIAN


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_marker_says_which_tool_a_folder_is(tmp_path: Path) -> None:
    assert detect_dialect(tmp_path) is None
    (tmp_path / ".obsidian").mkdir()
    assert detect_dialect(tmp_path) is OBSIDIAN
    foam = write(tmp_path / "foam", {".vscode/settings.json": '{\n  // c\n  "foam.x": 1,\n}\n'})
    assert detect_dialect(foam) is FOAM
    plain_vscode = write(tmp_path / "vs", {".vscode/settings.json": '{"editor.x": 1}'})
    assert detect_dialect(plain_vscode) is None
    (tmp_path / "f2" / ".foam").mkdir(parents=True)
    assert detect_dialect(tmp_path / "f2") is FOAM
    write(tmp_path / "d", {"dendron.yml": "version: 5\n"})
    assert detect_dialect(tmp_path / "d") is DENDRON


def test_an_obsidian_vault_opens_from_a_folder_inside_it(tmp_path: Path) -> None:
    vault = write(
        tmp_path / "My vault",
        {
            ".obsidian/app.json": '{"userIgnoreFilters": ["Archive/", "/^Drafts/.*secret/"]}',
            "Home.md": "See [[Job search/Plan|the plan]] and [[Acme]].\n",
            "Job search/Plan.md": "---\ntags: [job, search]\n---\n# Plan\n",
            "Job search/Companies/Acme.md": "#company\n",
            "Archive/Old.md": "old\n",
            "Drafts/my secret.md": "x\n",
            ".trash/Gone.md": "gone\n",
            "node_modules/x/README.md": "no\n",
        },
    )
    ws = open_workspace(vault / "Job search" / "Companies", use_cache=False)
    assert ws.root == vault.resolve() and ws.dialect is OBSIDIAN
    assert [n.fname for n in ws.notes] == ["Home", "Job search/Companies/Acme", "Job search/Plan"]
    assert not any(n.stub for n in ws.notes)  # folders are no notes
    plan = ws.get("job search/plan")
    assert plan is not None and plan.title == "Plan" and plan.tags == ["job", "search"]
    assert [n.fname for n in ws.index.children("Job search")] == ["Job search/Plan"]
    home = ws.get("Home")
    assert home is not None
    assert [(r.link.value, r.link.alias, [t.fname for t in r.targets]) for r in ws.links()] == [
        ("Job search/Plan", "the plan", ["Job search/Plan"]),
        ("Acme", None, ["Job search/Companies/Acme"]),
    ]
    assert ws.findings == []  # no frontmatter is no finding: Obsidian notes need none


def test_a_foam_workspace_opens_and_skips_what_its_settings_exclude(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            ".vscode/settings.json": '{"foam.edit.linkReferenceDefinitions": "withExtensions",'
            ' "files.exclude": {"_site/**": true}}',
            "index.md": '# Welcome\n\n[[notes/idea]]\n\n[notes/idea]: notes/idea.md "Idea"\n',
            "notes/idea.md": "---\ntitle: An idea\n---\nBack to [[index]].\n",
            "_site/index.md": "built\n",
        },
    )
    ws = open_workspace(root, use_cache=False)
    assert ws.dialect is FOAM
    titles = [(n.fname, n.title) for n in ws.notes]
    assert titles == [("index", "Welcome"), ("notes/idea", "An idea")]
    index = ws.get("index")
    assert index is not None and index.definitions is not None
    assert index.definitions.line == 5
    assert [(d.label, d.url, d.title) for d in index.definitions.definitions] == [
        ("notes/idea", "notes/idea.md", "Idea")
    ]
    assert [link.value for link in index.links] == ["notes/idea"]  # not twice


def test_the_dialect_can_be_chosen(tmp_path: Path) -> None:
    write(tmp_path, {"a/b.md": "[[b]]\n"})
    with pytest.raises(WorkspaceError):
        open_workspace(tmp_path)  # no marker: no workspace
    ws = open_workspace(tmp_path, dialect="obsidian", use_cache=False)
    assert [n.fname for n in ws.notes] == ["a/b"] and ws.dialect is OBSIDIAN
    assert open_workspace(tmp_path, dialect="foam", use_cache=False).dialect is FOAM
    (tmp_path / "dendron-jobsearch.yml").write_text("dialect: foam\n")
    assert open_workspace(tmp_path / "a", use_cache=False).dialect is FOAM  # remembered


@pytest.mark.parametrize("marker", [".obsidian/app.json", ".foam/templates/x.md"])
def test_a_lazy_open_answers_as_a_full_load(tmp_path: Path, marker: str) -> None:
    write(tmp_path, {marker: "{}", "a/b.md": "[[c]]\n", "c.md": "x\n", "a.md": "y\n"})
    full = open_workspace(tmp_path, use_cache=False)
    lazy = open_workspace(tmp_path, use_cache=False, lazy=True)
    for key in ("a", "a/b", "c", "", "A/B"):
        assert [n.fname for n in lazy.find(key)] == [n.fname for n in full.find(key)]
        assert [n.fname for n in lazy.index.children(key)] == [
            n.fname for n in full.index.children(key)
        ]
    assert [n.fname for n in lazy.notes] == [n.fname for n in full.notes]


def test_a_nested_note_that_does_not_read_is_found_by_its_name(tmp_path: Path) -> None:
    write(tmp_path, {".obsidian/app.json": "{}", "Jobs/Acme.md": "---\nstage: [broken\n---\n"})
    for lazy in (False, True):
        ws = open_workspace(tmp_path, use_cache=False, lazy=lazy)
        assert ws.get("Jobs/Acme") is None
        [finding] = ws.file_findings("jobs/acme")
        assert (finding.code, finding.path) == ("frontmatter-invalid", "Jobs/Acme.md")
        assert ws.findings_under("Jobs/") == [finding]


def test_properties_are_typed_as_obsidian_types_them(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".obsidian/app.json": "{}",
            "Acme.md": "---\napplied: 2027-01-20\ninterview: 2027-02-01T14:30\nround: 2\n"
            "remote: true\nroles: [Backend, Platform]\n"
            "aliases: [ACME Corp]\nTAGS: [a, '#b']\n---\n",
        },
    )
    note = open_workspace(tmp_path, use_cache=False).get("Acme")
    assert note is not None
    fm = note.frontmatter
    assert fm["applied"] == date(2027, 1, 20)
    assert fm["interview"] == datetime(2027, 2, 1, 14, 30)  # Obsidian's "Date & time"
    assert (fm["round"], fm["remote"], fm["roles"]) == (2, True, ["Backend", "Platform"])
    assert note.aliases == ["ACME Corp"] and note.tags == ["a", "b"]


def test_the_vaults_property_types_decide_how_a_value_shows(tmp_path: Path) -> None:
    """help.obsidian.md "Properties": one type per property name, kept in
    `.obsidian/types.json`; a value shows as its property's type."""
    types = '{"types": {"version": "text", "due": "date", "meet": "datetime", "count": "number",'
    types += ' "remote": "checkbox"}}'
    write(
        tmp_path,
        {
            ".obsidian/types.json": types,
            "Acme.md": "---\nversion: 2027-01-20\ndue: '2027-02-01'\nmeet: '2027-02-02T09:00'\n"
            "count: '3'\nremote: 'true'\nother: '2027-02-03'\n---\n",
        },
    )
    note = open_workspace(tmp_path, use_cache=False).get("Acme")
    assert note is not None
    assert note.frontmatter == {
        "version": "2027-01-20",  # a text property: YAML's date shows as the text written
        "due": date(2027, 2, 1),
        "meet": datetime(2027, 2, 2, 9, 0),
        "count": 3,
        "remote": True,
        "other": "2027-02-03",  # quoted and untyped: text, as YAML says
    }


def test_a_changed_note_is_read_again_where_it_lies(tmp_path: Path) -> None:
    write(tmp_path, {".obsidian/app.json": "{}", "Jobs/Acme.md": "[[Plan]]\n", "Plan.md": "x\n"})
    ws = open_workspace(tmp_path, use_cache=False)
    path = tmp_path / "Jobs" / "Acme.md"
    path.write_text("[[Nowhere]]\n", encoding="utf-8")
    note = ws.reload_file(path)
    assert note is not None and note.fname == "Jobs/Acme"
    assert [(r.link.value, r.resolved) for r in ws.links()] == [("Nowhere", False)]
    assert ws.reload_file(tmp_path / ".obsidian" / "x.md") is None  # not a note
    path.unlink()
    ws.reload_file(path)
    assert [n.fname for n in ws.notes] == ["Plan"]  # and no folder stub left behind


def test_foams_own_ignore_globs_replace_its_defaults(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".vscode/settings.json": '{"foam.files.ignore": ["**/drafts/**"]}',
            "a.md": "x\n",
            "notes/drafts/b.md": "y\n",
            "_site/c.md": "z\n",  # ignored only by Foam's default, replaced here
        },
    )
    ws = open_workspace(tmp_path, use_cache=False)
    assert [n.fname for n in ws.notes] == ["_site/c", "a"]


def run(*args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from dendron_jobsearch.cli import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_command_line_reads_the_dialect_asked_for(tmp_path: Path) -> None:
    import json

    write(tmp_path, {"Notes/a.md": "[[b]] #idea\n", "b.md": "x\n"})
    code, _, err = run("-w", str(tmp_path), "check")
    assert code == 1 and "no dendron.yml" in err  # no marker: nothing to read by default
    code, out, _ = run("-w", str(tmp_path), "--dialect", "obsidian", "graph")
    assert code == 0
    graph = json.loads(out)
    assert [n["fname"] for n in graph["notes"]] == ["Notes/a", "b"]
    assert [(e["from"], e["to"], e["resolved"]) for e in graph["links"]] == [("Notes/a", "b", True)]
    code, out, _ = run("-w", str(tmp_path), "--dialect", "foam", "check", "--json")
    assert (code, json.loads(out)) == (0, {"errors": [], "warnings": []})
    code, out, _ = run("-w", str(tmp_path), "--dialect", "foam", "cache", "path")
    assert code == 0 and out.strip().endswith("foam.jobsearch.cache")
    code, _, err = run("-w", str(tmp_path), "--dialect", "logseq", "check")
    assert code == 2 and "logseq" in err


def test_the_settings_remember_the_dialect(tmp_path: Path) -> None:
    from dendron_jobsearch import JobSearchError, load_settings

    (tmp_path / "dendron-jobsearch.yml").write_text("start: 2027-01-04\ndialect: Obsidian\n")
    assert load_settings(tmp_path).dialect == "obsidian"
    (tmp_path / "dendron-jobsearch.yml").write_text("start: 2027-01-04\ndialect: logseq\n")
    with pytest.raises(JobSearchError) as raised:
        load_settings(tmp_path)
    assert str(raised.value) == (
        "dendron-jobsearch.yml:2: config-invalid: dialect must be one of dendron, obsidian, "
        "foam, got 'logseq'"
    )


def _shape(ws: object) -> list[tuple[object, ...]]:
    notes = ws.notes  # type: ignore[attr-defined]
    return [
        (
            n.fname,
            n.title,
            n.tags,
            n.aliases,
            n.definitions,
            [(i.status, i.fields) for i in n.checklist],
        )
        for n in notes
    ]


def test_worker_processes_and_the_read_cache_give_the_same_notes(tmp_path: Path) -> None:
    files = {".obsidian/app.json": "{}"}
    for i in range(320):
        files[f"Folder {i % 7}/Note {i}.md"] = (
            f"---\naliases: [N{i}]\n---\n- [ ] task {i} 📅 2027-01-{i % 28 + 1:02d} ⏫\n#t{i}\n"
        )
    write(tmp_path, files)
    one = _shape(open_workspace(tmp_path, use_cache=False, workers=1))
    assert one[0][5][0][1] is not None
    assert _shape(open_workspace(tmp_path, use_cache=False, workers=2)) == one
    assert _shape(open_workspace(tmp_path, workers=1)) == one  # writes the cache
    assert _shape(open_workspace(tmp_path, workers=1)) == one  # and reads it
