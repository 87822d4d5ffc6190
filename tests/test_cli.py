"""The command line as a user meets it: exit codes, JSON shapes, exports, clean errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from dendron_jobsearch import open_workspace
from dendron_jobsearch.cli import main

from .conftest import make_workspace

GOOD = {
    "plan": "---\nid: p\ntitle: Plan\n---\n1. Prep [[plan.prep]] #todo\n2. Apply [[nowhere]]\n",
    "plan.prep": "---\nid: pp\ntitle: Prep\n---\n- [ ] read\n",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_json_lists_findings_and_exits_0_without_errors(tmp_path: Path) -> None:
    make_workspace(tmp_path, GOOD)
    code, out, _ = run("-w", str(tmp_path), "check", "--json")
    data = json.loads(out)
    assert code == 0 and data["errors"] == []
    assert [(w["code"], w["path"], w["line"]) for w in data["warnings"]] == [
        ("broken-link", "vault/plan.md", 5),
        ("broken-link", "vault/plan.md", 6),
    ]
    assert set(data["warnings"][0]) == {"code", "path", "line", "message"}


def test_check_exits_1_on_errors_and_names_file_and_line(tmp_path: Path) -> None:
    make_workspace(tmp_path, {**GOOD, "broken": "---\nid: x\ntitle: a: b\n---\n"})
    code, out, _ = run("-w", str(tmp_path), "check")
    assert code == 1
    assert "vault/broken.md:3" in out and "frontmatter-invalid" in out


def test_malformed_dendron_yml_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "dendron.yml").write_text("version: 5\nworkspace:\n  vaults: [\n")
    code, _, err = run("-w", str(tmp_path), "check")
    assert code == 1
    assert err.startswith("error: dendron.yml:4: config-invalid:")
    assert "Traceback" not in err


def test_w_at_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    code, _, err = run("-w", str(missing), "status")
    assert (code, err) == (1, f"error: {missing}: no such folder\n")


@pytest.mark.parametrize("how", ["-w", "cwd"])
def test_a_folder_without_a_workspace_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    if how == "-w":
        code, _, err = run("-w", str(empty), "status")
    else:
        monkeypatch.chdir(empty)
        code, _, err = run("status")
    assert code == 1
    assert err == (
        f"error: no dendron.yml in {empty} or any folder above it: run `dendron-jobsearch"
        " scaffold` there to make a workspace, or point -w at one\n"
    )


def test_graph_json_has_the_documented_shape(tmp_path: Path) -> None:
    make_workspace(tmp_path, GOOD)
    code, out, _ = run("-w", str(tmp_path), "graph")
    data = json.loads(out)
    assert code == 0
    notes = {n["fname"]: n for n in data["notes"]}
    assert set(notes) == {"root", "plan", "plan.prep"}
    assert notes["plan"] == {
        "fname": "plan",
        "vault": "vault",
        "id": "p",
        "title": "Plan",
        "stub": False,
        "path": "vault/plan.md",
    }
    links = [(lk["from"], lk["to"], lk["type"], lk["line"], lk["resolved"]) for lk in data["links"]]
    assert links == [
        ("plan", "plan.prep", "wiki", 5, True),
        ("plan", "tags.todo", "hashtag", 5, False),
        ("plan", "nowhere", "wiki", 6, False),
    ]
    required = {"from", "to", "vault", "type", "value", "alias", "anchor", "line", "resolved"}
    assert required <= set(data["links"][0])


def test_graph_exports_load_in_their_tools(tmp_path: Path) -> None:
    make_workspace(tmp_path, GOOD)
    out_file = tmp_path / "g.graphml"
    assert (
        run("-w", str(tmp_path), "graph", "--format", "graphml", "--output", str(out_file))[0] == 0
    )
    graph = nx.read_graphml(out_file)
    assert graph.has_edge("plan", "plan.prep") and graph.nodes["missing:nowhere"]["missing"]
    code, dot, _ = run("-w", str(tmp_path), "graph", "--format", "dot")
    assert code == 0 and dot.startswith("digraph dendron {") and '"plan" -> "plan.prep"' in dot
    code, mermaid, _ = run("-w", str(tmp_path), "graph", "--format", "mermaid")
    assert code == 0 and mermaid.startswith("graph LR\n") and '["Plan"]' in mermaid


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    make_workspace(tmp_path, GOOD)
    assert run("-w", str(tmp_path), "graph", "--format", "png")[0] == 2


def test_python_dash_m_finds_the_workspace_from_the_current_folder(tmp_path: Path) -> None:
    make_workspace(tmp_path, GOOD)
    result = subprocess.run(
        [sys.executable, "-m", "dendron_jobsearch", "check", "--json"],
        cwd=tmp_path / "vault",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["warnings"]) == 2


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["graph", "--help"]])
def test_help_works_everywhere(args: list[str]) -> None:
    assert run(*args)[0] == 0


def test_graph_json_is_the_whole_graph_however_many_links(tmp_path: Path) -> None:
    """The links are encoded a few hundred at a time: the text is still one JSON document
    holding every link once, in order."""
    from dendron_jobsearch.vault.graph import graph_json

    notes = {f"n.{i}": f"[[n.{i + 1}]] [[n.{i + 2}]] #t{i}" for i in range(400)}
    make_workspace(tmp_path, notes)
    code, out, _ = run("-w", str(tmp_path), "graph")
    assert code == 0
    expected = graph_json(open_workspace(tmp_path))
    assert len(expected["links"]) > 1000
    assert json.loads(out) == expected


def test_graph_into_dev_null_leaves_the_device_a_device(tmp_path: Path) -> None:
    """`-o /dev/null` once renamed a temp file over the device, leaving a plain file there
    for every program of the machine."""
    import stat

    make_workspace(tmp_path, GOOD)
    assert run("-w", str(tmp_path), "graph", "-o", os.devnull)[0] == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not list(Path(os.devnull).parent.glob(".null.*.tmp"))


def test_graph_into_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    make_workspace(tmp_path / "ws", GOOD)
    target = tmp_path / "exports" / "graph.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert run("-w", str(tmp_path / "ws"), "graph", "-o", str(link))[0] == 0
    assert link.is_symlink() and json.loads(target.read_text())["notes"]
