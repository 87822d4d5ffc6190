"""Reading one note file: frontmatter as Dendron reads it, or a finding with its line
(fixtures/tables/frontmatter.md); bytes that are not a note never raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from dendron_jobsearch.vault.read import ReadOptions, read_note

from .conftest import table


def read(tmp_path: Path, data: bytes, options: ReadOptions | None = None) -> str:
    path = tmp_path / "this.note.md"
    path.write_bytes(data)
    note, findings = read_note(
        str(path), "vault/this.note.md", "this.note", "vault", options or ReadOptions()
    )
    parts = []
    if note is not None:
        for key in ("id", "title", "remote", "at", "ratio"):
            if key == "title":
                parts.append(f"title={note.title!r}")
            elif key in note.frontmatter:
                parts.append(f"{key}={note.frontmatter[key]!r}")
        parts.append(f"body_line={note.body_line}")
    parts += [f"finding={f.code}@{f.line}" for f in findings]
    return " ".join(parts) + "\n"


@pytest.mark.parametrize(("text", "expected"), table("frontmatter.md"))
def test_frontmatter(tmp_path: Path, text: str, expected: str) -> None:
    assert read(tmp_path, text.encode()) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"---\nid: x\n---\ncaf\xe9\n", "finding=unreadable@4", id="latin-1 byte"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "finding=unreadable@None", id="binary"),
        pytest.param(
            b"\xef\xbb\xbf---\nid: bom\n---\n", "id='bom' title='Note' body_line=4", id="BOM"
        ),
        pytest.param(
            b"---\r\nid: crlf\r\n---\r\nbody\r\n", "id='crlf' title='Note' body_line=4", id="CRLF"
        ),
        pytest.param(
            b"", "title='Note' body_line=1 finding=frontmatter-missing@1", id="empty file"
        ),
    ],
)
def test_bytes_that_are_hard_to_read(tmp_path: Path, data: bytes, expected: str) -> None:
    assert read(tmp_path, data) == expected + "\n"


def test_a_note_over_max_note_length_loads_without_links(tmp_path: Path) -> None:
    body = "[[link]]\n" + "x" * 300
    result = read(tmp_path, f"---\nid: big\n---\n{body}".encode(), ReadOptions(max_note_length=100))
    assert result == "id='big' title='Note' body_line=4 finding=note-too-long@None\n"


def test_links_carry_file_lines_after_crlf_frontmatter(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"---\r\nid: x\r\ntags: [a, b]\r\n---\r\n\r\nsee [[target]]\r\n")
    note, _ = read_note(str(path), "n.md", "n", "v", ReadOptions())
    assert note is not None
    assert [(link.type, link.value, link.line) for link in note.links] == [
        ("wiki", "target", 6),
        ("frontmatterTag", "tags.a", None),
        ("frontmatterTag", "tags.b", None),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize(("text", "expected"), table("half-saved-yaml.md"))
def test_half_saved_yaml_names_the_line_of_the_mistake(
    tmp_path: Path, text: str, expected: str, newline: str
) -> None:
    assert read(tmp_path, text.replace("\n", newline).encode()) == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize(("text", "expected"), table("merge-conflicts.md"))
def test_merge_conflict_markers(tmp_path: Path, text: str, expected: str, newline: str) -> None:
    assert read(tmp_path, text.replace("\n", newline).encode()) == expected


def test_a_merge_conflict_says_where_it_starts_and_ends(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("---\nid: x\n---\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n")
    _note, findings = read_note(str(path), "vault/n.md", "n", "vault", ReadOptions())
    assert [str(f) for f in findings] == [
        "vault/n.md:4: merge-conflict: unresolved merge conflict (<<<<<<< at line 4, >>>>>>> at"
        " line 8): resolve it in your editor; the tool neither counts nor writes this note"
    ]
    assert findings[0].severity == "error"
