"""New notes' frontmatter, written through python-frontmatter with the project's handler: the
same bytes as the hand-written lines before it (the expectations were taken from them)."""

from __future__ import annotations

import datetime
from typing import Any

import frontmatter as python_frontmatter
import pytest

from dendron_jobsearch.vault.dialects.dendron import Dendron
from dendron_jobsearch.vault.yaml12 import load
from dendron_jobsearch.write import notes

ID = "0123456789abcdefghijklm"
NOW = 1767225600000
HEAD = f"---\nid: {ID}\ntitle: {{title}}\ndesc: {{desc}}\nupdated: {NOW}\ncreated: {NOW}\n"

TRICKY: dict[str, Any] = {
    "status": "todo",
    "due": "2027.01.04",
    "stage": 3,
    "started": datetime.date(2027, 1, 4),
    "priority": "",
    "owner": "me",
    "yes": "yes",
    "time": "10:00",
    "none": None,
    "flag": True,
    "list": ["a", "b: c"],
    "quote": "it's",
    "colon": "a: b",
    "unicode": "Café — ü",
}
TRICKY_LINES = (
    "status: todo\ndue: 2027.01.04\nstage: 3\nstarted: 2027-01-04\npriority: ''\nowner: me\n"
    "yes: 'yes'\ntime: '10:00'\nnone: null\nflag: true\nlist: [a, 'b: c']\nquote: it's\n"
    "colon: 'a: b'\nunicode: Café — ü\n"
)


@pytest.fixture(autouse=True)
def _fixed_id_and_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Dendron, "new_note_id", lambda self: ID)
    monkeypatch.setattr(notes, "now_ms", lambda: NOW)


def test_frontmatter_bytes_are_unchanged() -> None:
    assert notes.frontmatter("Acme") == HEAD.format(title="Acme", desc="''") + "---\n"
    assert (
        notes.frontmatter("08", TRICKY, desc="d: x")
        == HEAD.format(title="'08'", desc="'d: x'") + TRICKY_LINES + "---\n"
    )


def test_a_note_keeps_its_body_as_given() -> None:
    text = notes.note_text("Root", "\n\n  indented first line\nbody  \n\n", {"k": "v"})
    head = HEAD.format(title="Root", desc="''")
    assert text == head + "k: v\n---\n\n  indented first line\nbody  \n"


def test_dendron_keys_come_first_in_dendrons_order() -> None:
    post = python_frontmatter.Post("")
    post.metadata = {"status": "todo", "tags": ["a"], "title": "T", "id": ID}
    text = python_frontmatter.dumps(post, handler=notes.NewNoteYAML())
    assert text == f"---\nid: {ID}\ntitle: T\ntags: [a]\nstatus: todo\n---"


def test_what_is_written_reads_back() -> None:
    fm = load(notes.frontmatter("08", TRICKY, desc="d: x").strip("-\n"))
    assert fm == {"id": ID, "title": "08", "desc": "d: x", "updated": NOW, "created": NOW, **TRICKY}
