"""Opening workspaces: discovery, dendron.yml variants, stubs, lookups, unreadable input, cache."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from dendron_jobsearch import WorkspaceError, cache_path, check, clear_cache, open_workspace
from dendron_jobsearch.vault import cache
from dendron_jobsearch.vault.dialects.dendron import DENDRON
from dendron_jobsearch.vault.index import PARALLEL_THRESHOLD
from dendron_jobsearch.workspace import gc_tuning

from .conftest import ROOT_SCHEMA, make_workspace

NOTE = "---\nid: {id}\ntitle: {title}\n---\n{body}"


def note(note_id: str, body: str = "", title: str = "T") -> str:
    return NOTE.format(id=note_id, title=title, body=body)


# dendron.yml text -> (vault name, notes folder relative to the workspace) of every vault
CONFIGS = [
    pytest.param(
        "version: 5\nworkspace:\n  vaults:\n    - fsPath: vault\n",
        [("vault", "vault")],
        id="v5",
    ),
    pytest.param(
        "version: 3\nworkspace:\n  vaults:\n    - fsPath: notes/main\n      name: Main\n",
        [("Main", "notes/main")],
        id="v3 named",
    ),
    pytest.param("version: 2\nvaults:\n  - fsPath: old\n", [("old", "old")], id="legacy top-level"),
    pytest.param(
        "version: 5\nworkspace:\n  vaults:\n    - fsPath: deps/sc\n      selfContained: true\n"
        "    - fsPath: s\n      seed: dendron.docs\n",
        [("sc", "deps/sc/notes"), ("dendron.docs", "seeds/dendron.docs/s")],
        id="self-contained and seed",
    ),
]


@pytest.mark.parametrize(("config", "expected"), CONFIGS)
def test_vaults_from_dendron_yml(
    tmp_path: Path, config: str, expected: list[tuple[str, str]]
) -> None:
    (tmp_path / "dendron.yml").write_text(config)
    ws = open_workspace(tmp_path)
    assert [(v.name, os.path.relpath(v.notes_dir, tmp_path)) for v in ws.config.vaults] == expected


def test_dendronrc_adds_vaults(tmp_path: Path) -> None:
    make_workspace(tmp_path, {})
    (tmp_path / "dendronrc.yml").write_text("workspace:\n  vaults:\n    - fsPath: extra\n")
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "x.md").write_text(note("x1"))
    ws = open_workspace(tmp_path)
    assert [v.name for v in ws.config.vaults] == ["vault", "extra"]
    assert ws.get("x") is not None and ws.get("x").vault == "extra"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("config", "line"),
    [
        pytest.param(
            "version: 5\nworkspace:\n  vaults:\n  - fsPath: a\n   bad: indent\n", 5, id="indent"
        ),
        pytest.param("version: 5\nworkspace: [unclosed\n", 3, id="unclosed flow"),
    ],
)
def test_malformed_dendron_yml_names_file_and_line(tmp_path: Path, config: str, line: int) -> None:
    (tmp_path / "dendron.yml").write_text(config)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(tmp_path)
    assert (caught.value.finding.path, caught.value.finding.line) == ("dendron.yml", line)


def test_workspace_is_found_by_walking_up(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"a": note("a1")})
    deep = tmp_path / "vault" / "sub" / "deeper"
    deep.mkdir(parents=True)
    assert open_workspace(deep).root == tmp_path


def test_no_workspace_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as raised:
        open_workspace(tmp_path)
    # the library has no -w: it says what it found, and how to make a workspace there
    assert raised.value.finding.message == (
        f"no vault in {tmp_path} or any folder above it (no dendron.yml, .obsidian/ or Foam "
        "workspace): run `dendron-jobsearch scaffold` there to make a workspace, or say "
        "--dialect obsidian|foam to read the folder as one"
    )
    with pytest.raises(WorkspaceError) as raised:
        open_workspace(tmp_path / "nonexistent")
    assert str(raised.value) == f"{tmp_path / 'nonexistent'}: workspace-missing: no such folder"


def test_notes_stubs_and_lookups(tmp_path: Path) -> None:
    make_workspace(
        tmp_path,
        {
            "interviews.System Design": note("sd", "[[interviews.all-stages]]"),
            "interviews.all-stages": note("all", "[[Interviews.system design]] [[missing.note]]"),
            "a.b.c.d": note("d"),
            ".hidden": note("h"),
        },
    )
    (tmp_path / "vault" / "folder.md").mkdir()
    (tmp_path / "vault" / "sub").mkdir()
    (tmp_path / "vault" / "sub" / "nested.md").write_text(note("n"))
    ws = open_workspace(tmp_path)
    real = sorted(n.fname for n in ws.notes if not n.stub)
    stubs = sorted((n.fname, n.title) for n in ws.notes if n.stub)
    assert real == ["a.b.c.d", "interviews.System Design", "interviews.all-stages", "root"]
    assert stubs == [("a", "A"), ("a.b", "B"), ("a.b.c", "C"), ("interviews", "Interviews")]
    assert ws.get("INTERVIEWS.SYSTEM-DESIGN") is ws.get("interviews.System Design")
    assert [n.fname for n in ws.by_id("all")] == ["interviews.all-stages"]
    resolved = {(r.source.fname, r.link.value): r.resolved for r in ws.links()}
    assert resolved == {
        ("interviews.System Design", "interviews.all-stages"): True,
        ("interviews.all-stages", "Interviews.system design"): True,
        ("interviews.all-stages", "missing.note"): False,
    }


def test_unreadable_notes_are_findings_and_the_rest_loads(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(note("out"))
    make_workspace(
        tmp_path / "ws",
        {
            "good": note("g", "[[latin]]"),
            "latin": b"---\nid: l\n---\ncaf\xe9\n",
            "binary": b"\x00\x01\x02PNG",
            "broken": "---\nid: b\ntitle: a: b\n---\n",
            "unclosed": "---\nid: u\n",
            "bare": "just text\n",
        },
    )
    (tmp_path / "ws" / "vault" / "link-out.md").symlink_to(outside)
    ws = open_workspace(tmp_path / "ws")
    found = sorted((f.code, f.path, f.line) for f in ws.findings)
    assert found == [
        ("frontmatter-invalid", "vault/broken.md", 3),
        ("frontmatter-invalid", "vault/unclosed.md", 1),
        ("frontmatter-missing", "vault/bare.md", 1),
        ("outside-vault", "vault/link-out.md", None),
        ("unreadable", "vault/binary.md", None),
        ("unreadable", "vault/latin.md", 4),
    ]
    # Dendron loads a note whose frontmatter never closes (all of it read as frontmatter)
    assert sorted(n.fname for n in ws.notes) == ["bare", "good", "root", "unclosed"]


def test_root_notes_other_than_root_md_are_left_out_as_dendron_does(tmp_path: Path) -> None:
    make_workspace(
        tmp_path,
        {"root.concepts": note("rc", "[[x]]"), "Root.upper": note("ru"), "rootless": note("rl")},
    )
    ws = open_workspace(tmp_path)
    assert sorted(n.fname for n in ws.notes) == ["Root.upper", "root", "rootless"]
    found = [(f.code, f.path, f.severity) for f in ws.findings]
    assert found == [("not-loaded", "vault/root.concepts.md", "warning")]


def test_a_duplicate_id_names_the_note_dendron_shows(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"a": note("same"), "b": note("same"), "c.d": note("same")})
    messages = {f.path: f.message for f in check(open_workspace(tmp_path)).errors}
    # Dendron reads level after level, a level by file name: `c.d` last
    assert messages["vault/a.md"].endswith(
        "Dendron shows vault/c.d.md and leaves the others out of its index"
    )
    assert "Dendron shows this one" in messages["vault/c.d.md"]


def test_check_reports_duplicates_broken_links_and_bad_names(tmp_path: Path) -> None:
    make_workspace(
        tmp_path,
        {
            "a": note("same", "\n[[nope]]\n[[Alias|b]]\n#tag"),
            "b": note("same"),
            "bad,name": note("c"),
        },
    )
    (tmp_path / "vault" / "root.schema.yml").unlink()
    report = check(open_workspace(tmp_path))
    assert [(f.code, f.path, f.line) for f in report.errors] == [
        ("duplicate-id", "vault/a.md", 2),
        ("duplicate-id", "vault/b.md", 2),
        ("schema-missing", "vault/root.schema.yml", None),
    ]
    assert [(f.code, f.path, f.line) for f in report.warnings] == [
        ("broken-link", "vault/a.md", 6),
        ("broken-link", "vault/a.md", 8),
        ("invalid-fname", "vault/bad,name.md", None),
    ]


def test_check_reports_merge_conflicts_where_they_start(tmp_path: Path) -> None:
    conflict = "<<<<<<< HEAD\n[[mine]]\n=======\n[[theirs]]\n>>>>>>> laptop\n"
    make_workspace(
        tmp_path,
        {
            "mine": note("m"),
            "theirs": note("t"),
            "body": note("b", "intro\n" + conflict),
            "front": "---\nid: f\n" + conflict.replace("[[", "title: ").replace("]]", "") + "---\n",
            "setext": note("s", "Heading\n=======\ntext\n"),
        },
    )
    ws = open_workspace(tmp_path)
    errors = [(f.code, f.path, f.line) for f in check(ws).errors]
    assert errors == [
        ("merge-conflict", "vault/body.md", 6),
        ("merge-conflict", "vault/front.md", 3),
    ]
    # in the body, the note stays, as in Dendron (both sides' links read); in the
    # frontmatter, the YAML fails and the note is not loaded
    body = ws.get("body")
    assert body is not None and [link.value for link in body.links] == ["mine", "theirs"]
    assert ws.get("front") is None
    setext = ws.get("setext")
    assert setext is not None and [(h.level, h.text) for h in setext.headings] == [(1, "Heading")]


def test_root_missing_is_an_error(tmp_path: Path) -> None:
    make_workspace(tmp_path, {})
    (tmp_path / "vault" / "root.md").unlink()
    assert [f.code for f in check(open_workspace(tmp_path)).errors] == ["root-missing"]


def parsed_by(root: Path) -> list[int]:
    """How many notes opening the workspace at `root` parsed (none: all from the cache)."""
    parsed: list[int] = []
    open_workspace(root, progress=lambda done, total: parsed.append(total))
    return parsed[-1:]


def test_cache_is_used_while_files_are_unchanged(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"a": note("a", "[[b]]"), "b": note("b")})
    parsed: list[int] = []
    first = open_workspace(tmp_path, progress=lambda done, total: parsed.append(total))
    assert cache_path(tmp_path).is_file() and parsed
    parsed.clear()
    second = open_workspace(tmp_path, progress=lambda done, total: parsed.append(total))
    assert parsed == []  # nothing was parsed: every note came from the cache
    assert [(n.fname, n.links) for n in second.notes] == [(n.fname, n.links) for n in first.notes]

    path = tmp_path / "vault" / "a.md"
    path.write_text(note("a", "[[c]] and more"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    third = open_workspace(tmp_path, progress=lambda done, total: parsed.append(total))
    assert parsed and parsed[-1] == 1  # only the changed note was parsed again
    assert [link.value for link in third.get("a").links] == ["c"]  # type: ignore[union-attr]


def test_the_cache_lives_in_the_users_cache_folder_one_file_per_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    one = make_workspace(tmp_path / "one", {"a": note("a")})
    two = make_workspace(tmp_path / "two", {"a": note("a")})
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "one").rglob("*"))
    open_workspace(one)
    open_workspace(two)
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "one").rglob("*")) == before
    reads = tmp_path / "xdg" / "dendron-jobsearch" / "reads"
    assert sorted(reads.iterdir()) == sorted([cache_path(one), cache_path(two)])
    assert cache_path(one) != cache_path(two)
    assert cache_path(one / "vault") == cache_path(one)  # found from inside, as `-w` finds it
    assert parsed_by(one) == parsed_by(two) == []


def test_a_cache_not_signed_by_this_user_is_ignored(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"a": note("a")})
    open_workspace(tmp_path)
    cache = cache_path(tmp_path)
    data = bytearray(cache.read_bytes())
    data[-5] ^= 0xFF  # someone else's bytes: the signature no longer matches
    cache.write_bytes(bytes(data))
    parsed: list[int] = []
    ws = open_workspace(tmp_path, progress=lambda done, total: parsed.append(total))
    assert parsed and ws.get("a") is not None


def test_a_cache_of_another_reader_revision_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_workspace(tmp_path, {"a": note("a")})
    open_workspace(tmp_path)
    monkeypatch.setattr(cache, "READER_REVISION", cache.READER_REVISION + 1)
    assert parsed_by(tmp_path)  # the reader changed: every note is read again


def test_a_cache_written_for_another_workspace_is_never_trusted(tmp_path: Path) -> None:
    """Same files, sizes and mtimes, other text: what a hash collision would serve."""
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    make_workspace(mine, {"a": note("a", "[[b]]")})
    make_workspace(theirs, {"a": note("a", "[[c]]")})
    for name in ("root.md", "a.md"):
        stat = (mine / "vault" / name).stat()
        os.utime(theirs / "vault" / name, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    open_workspace(mine)
    cache_path(theirs).write_bytes(cache_path(mine).read_bytes())  # signed, by this user
    parsed: list[int] = []
    ws = open_workspace(theirs, progress=lambda done, total: parsed.append(total))
    assert parsed and [link.value for link in ws.get("a").links] == ["c"]  # type: ignore[union-attr]


def test_a_moved_workspace_reads_its_notes_again(tmp_path: Path) -> None:
    make_workspace(tmp_path / "before", {"a": note("a", "[[b]]")})
    open_workspace(tmp_path / "before")
    moved = (tmp_path / "before").rename(tmp_path / "after")
    assert parsed_by(moved) == [2] and parsed_by(moved) == []


def test_an_old_cache_in_the_workspace_is_never_read_nor_deleted(tmp_path: Path) -> None:
    """`.dendron.jobsearch.cache` at the root, from an earlier version, is the person's."""
    make_workspace(tmp_path, {"a": note("a")})
    open_workspace(tmp_path)
    old = tmp_path / DENDRON.cache_name
    old.write_bytes(cache_path(tmp_path).read_bytes())  # as valid as a cache can be
    content, mtime = old.read_bytes(), old.stat().st_mtime_ns
    clear_cache(tmp_path)
    assert parsed_by(tmp_path) == [2]  # every note read: the old file was not used
    clear_cache(tmp_path)
    assert (old.read_bytes(), old.stat().st_mtime_ns) == (content, mtime)


def test_clearing_the_cache_is_always_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    one = make_workspace(tmp_path / "one", {"a": note("a")})
    two = make_workspace(tmp_path / "two", {"a": note("a")})
    open_workspace(one)
    open_workspace(two)
    assert clear_cache(one / "vault") == [cache_path(one)]
    assert not cache_path(one).exists() and cache_path(two).is_file()
    assert clear_cache(one) == []  # nothing left to delete
    assert open_workspace(one).get("a") is not None and cache_path(one).is_file()
    assert clear_cache(every_workspace=True) == sorted([cache_path(one), cache_path(two)])
    assert list((tmp_path / "xdg" / "dendron-jobsearch" / "reads").iterdir()) == []
    assert open_workspace(two).get("a") is not None and cache_path(two).is_file()


def test_parallel_and_serial_reads_agree(tmp_path: Path) -> None:
    notes = {f"n.{i}": note(f"id{i}", f"[[n.{i + 1}]] #t{i}\n- [ ] item {i}") for i in range(400)}
    make_workspace(tmp_path, notes)
    serial = open_workspace(tmp_path, use_cache=False, workers=1)
    parallel = open_workspace(tmp_path, use_cache=False, workers=2)
    assert [(n.fname, n.links, n.checklist) for n in serial.notes] == [
        (n.fname, n.links, n.checklist) for n in parallel.notes
    ]


def test_a_parallel_load_with_a_thread_running_never_forks_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fork` would copy this process with the thread (and whatever lock it holds) frozen in
    the child; the workers come from a fork server (Linux) or fresh interpreters instead."""
    notes = {f"n.{i}": note(f"id{i}", f"[[n.{i + 1}]] #t{i}") for i in range(PARALLEL_THRESHOLD)}
    make_workspace(tmp_path, notes)
    methods: list[str | None] = []
    real_get_context = multiprocessing.get_context

    def get_context(method: str | None = None) -> Any:
        methods.append(method)
        return real_get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", get_context)
    lock, stop = threading.Lock(), threading.Event()

    def busy() -> None:
        with lock:  # held all through the load
            stop.wait(30)

    thread = threading.Thread(target=busy)
    thread.start()
    try:
        parallel = open_workspace(tmp_path, use_cache=False, workers=2)
    finally:
        stop.set()
        thread.join()
    assert methods and "fork" not in methods
    serial = open_workspace(tmp_path, use_cache=False, workers=1)
    assert [(n.fname, n.links) for n in parallel.notes] == [
        (n.fname, n.links) for n in serial.notes
    ]


def gc_state() -> tuple[bool, int]:
    return gc.isenabled(), gc.get_freeze_count()


@pytest.mark.parametrize("enabled", [True, False], ids=["gc-enabled", "gc-disabled"])
def test_opening_a_workspace_leaves_the_garbage_collector_alone(
    tmp_path: Path, enabled: bool
) -> None:
    make_workspace(tmp_path, {"a": note("a", "[[b]]")})
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        before = gc_state()
        open_workspace(tmp_path)  # cold
        open_workspace(tmp_path)  # warm
        assert gc_state() == before
    finally:
        (gc.enable if was else gc.disable)()


def test_gc_tuning_is_opt_in(tmp_path: Path) -> None:
    """What the command line asks for: the collector paused for the load, what was loaded
    frozen out of its way, the collector enabled again after."""
    make_workspace(tmp_path, {"a": note("a")})
    enabled, frozen = gc_state()
    try:
        with gc_tuning():
            open_workspace(tmp_path)
        assert gc.isenabled() == enabled and gc.get_freeze_count() > frozen
        frozen = gc.get_freeze_count()
        open_workspace(tmp_path)  # outside it again: nothing frozen
        assert gc_state() == (enabled, frozen)
    finally:
        gc.unfreeze()


def test_the_command_line_tunes_the_garbage_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from dendron_jobsearch import workspace
    from dendron_jobsearch.cli import main

    make_workspace(tmp_path, {"a": note("a")})
    frozen: list[bool] = []
    monkeypatch.setattr(workspace.gc, "freeze", lambda: frozen.append(True))
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "graph"])
    assert result.exit_code == 0 and frozen
    frozen.clear()
    open_workspace(tmp_path)  # the command is over: the library call tunes nothing
    assert frozen == []


def test_root_schema_written_by_helper_is_dendrons(tmp_path: Path) -> None:
    make_workspace(tmp_path, {})
    assert (tmp_path / "vault" / "root.schema.yml").read_text() == ROOT_SCHEMA


def test_reloading_one_file_keeps_the_hierarchy_whole(tmp_path: Path) -> None:
    """Watch mode updates the index one file at a time; stubs come and go as in a full load."""
    make_workspace(tmp_path, {"a.b": note("ab"), "a.b.c": note("abc")})
    ws = open_workspace(tmp_path)
    vault = tmp_path / "vault"

    def shape() -> list[tuple[str, bool]]:
        return sorted((n.fname, n.stub) for n in ws.notes)

    (vault / "a.b.md").unlink()
    ws.reload_file(vault / "a.b.md")
    assert shape() == [("a", True), ("a.b", True), ("a.b.c", False), ("root", False)]
    assert shape() == sorted((n.fname, n.stub) for n in open_workspace(tmp_path).notes)

    (vault / "a.b.md").write_text(note("ab2"))
    ws.reload_file(vault / "a.b.md")
    assert shape() == [("a", True), ("a.b", False), ("a.b.c", False), ("root", False)]

    (vault / "x.y.z.md").write_text(note("xyz"))
    ws.reload_file(vault / "x.y.z.md")
    assert shape() == sorted((n.fname, n.stub) for n in open_workspace(tmp_path).notes)
    (vault / "x.y.z.md").unlink()
    ws.reload_file(vault / "x.y.z.md")  # its stubs x and x.y hold nothing now
    assert shape() == [("a", True), ("a.b", False), ("a.b.c", False), ("root", False)]


def test_backlinks_are_the_links_that_reach_a_note(tmp_path: Path) -> None:
    make_workspace(
        tmp_path,
        {
            "a": "---\nid: a\ntitle: A\n---\nsee [[B note|b]] and [[b#part]]\n",
            "b": "---\nid: b\ntitle: B\n---\nback to [[a]]\n",
            "c": "---\nid: c\ntitle: C\n---\nnothing of b, only [[missing]]\n",
        },
    )
    ws = open_workspace(tmp_path, use_cache=False)
    b = ws.get("b")
    assert b is not None
    found = [(r.source.fname, r.link.alias, r.link.anchor) for r in ws.backlinks(b)]
    assert found == [("a", "B note", None), ("a", None, "part")]
    assert ws.backlinks(ws.get("c")) == []  # type: ignore[arg-type]
