"""Property-based: over generated notes (frontmatter styles, CRLF, BOM, no final newline,
regions present or not, checklists anywhere), a sync edit changes nothing but the tool's
regions and keys, and a second edit changes nothing at all."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dendron_jobsearch.vault.model import Note
from dendron_jobsearch.write.writer import Edit, apply_edit

OWNED = ("status", "started", "completed", "updated")
BEGIN = "<!-- dendron-jobsearch:begin progress -->"
END = "<!-- dendron-jobsearch:end progress -->"

words = st.text(alphabet="abcdefgh XYZ.,:#'\"-[]()", min_size=0, max_size=12)
value_styles = st.one_of(
    st.builds(lambda w: w.replace("'", "").replace('"', "").replace("#", "").strip() or "x", words),
    st.builds(lambda w: "'" + w.replace("'", "''") + "'", words),
    st.builds(lambda w: '"' + w.replace('"', "").replace("\\", "") + '"', words),
    st.sampled_from(["10:00", "yes", "08", "''", "[a, b]", "2026-01-02", "1700000000000"]),
)
comments = st.sampled_from(["", "  # a comment", "\t# tab comment"])
owned_values = st.sampled_from(["''", "w", "x", "b", "2026-01-01", "1700000000000"])


@st.composite
def notes(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [f"id: {draw(st.text(alphabet='abc123', min_size=1, max_size=8))}"]
    custom = draw(
        st.lists(st.sampled_from(["title", "desc", "due", "owner", "tags", "x_y"]), unique=True)
    )
    for key in custom:
        lines.append(f"{key}: {draw(value_styles)}{draw(comments)}")
    for key in draw(st.lists(st.sampled_from(OWNED), unique=True)):
        lines.append(f"{key}: {draw(owned_values)}{draw(comments)}")
    if draw(st.booleans()):
        lines.append("# a whole-line comment")
    order = draw(st.permutations(lines))
    body_parts = draw(
        st.lists(
            st.sampled_from(
                ["- [ ] todo", "- [x] done", "  - [/] nested", "plain text 10:00", "## Heading", "",
                 "> - [ ] quoted", "```\n- [ ] in code\n```"]
            ),
            max_size=6,
        )
    )  # fmt: skip
    if draw(st.booleans()):
        inside = draw(st.sampled_from(["", "old progress", "**1/2 done**\nsecond line"]))
        at = draw(st.integers(min_value=0, max_value=len(body_parts)))
        body_parts.insert(at, f"{BEGIN}\n{inside}\n{END}" if inside else f"{BEGIN}\n{END}")
    text = "---\n" + "\n".join(order) + "\n---\n" + "\n".join(body_parts)
    if draw(st.booleans()):
        text += "\n"
    text = text.replace("\n", eol)
    return ("\ufeff" if draw(st.booleans()) else "") + text


def outside(text: str) -> str:
    """The note minus what the tool owns: region insides and its keys' lines."""
    text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), BEGIN + END, text, flags=re.S)
    head, sep, rest = text.partition("---")
    fm, sep2, body = rest.partition("\n---")
    fm = re.sub(rf"(?m)^({'|'.join(OWNED)}):[^\r\n]*(\r?\n|\r?\Z)", "", fm)
    return head + sep + fm.rstrip("\r\n") + sep2 + body


NOTE = Note("n", "v", "/nowhere/n.md", "id", "N")


@settings(max_examples=300, deadline=None)
@given(
    text=notes(),
    status=st.sampled_from(["", "w", "x"]),
    started=st.booleans(),
    progress=st.sampled_from(["**0/2 done (0%)**", "**2/2 done (100%)** · done", ""]),
)
def test_only_owned_bytes_change_and_a_second_edit_is_a_no_op(
    text: str, status: str, started: bool, progress: str
) -> None:
    keys: dict[str, object] = {"status": status}
    if started:
        keys["started"] = date(2026, 3, 4)
    edit = Edit(keys, {"progress": progress})
    new = apply_edit(text, edit)
    assert outside(new) == outside(text)
    assert apply_edit(new, edit) == new or "updated" in keys
    assert new.startswith("\ufeff") == text.startswith("\ufeff")
    assert new.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))
    if "\r\n" in text:
        assert "\n" not in new.replace("\r\n", "")
    if BEGIN in text:
        assert progress in new
    else:
        assert BEGIN not in new  # a stage note's region is never added behind the person's back


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("a: 1\nupdated: 5\n  # mine, about updated\nb: 2\n",
         "a: 1\nupdated: 9\n  # mine, about updated\nb: 2\n"),
        ("updated: 5  # why\n# a comment line\nb: 2\n",
         "updated: 9  # why\n# a comment line\nb: 2\n"),
        ("updated:\n  - x\n  - y\nb: 2\n", "updated: 9\nb: 2\n"),
        ("updated: |\n  text\n  # inside the text\nb: 2\n", "updated: 9\nb: 2\n"),
        ("updated: 5\n\n  # after a blank line\nb: 2\n",
         "updated: 9\n\n  # after a blank line\nb: 2\n"),
    ],
)  # fmt: skip
def test_a_key_is_replaced_with_its_value_and_nothing_of_the_persons(
    block: str, expected: str
) -> None:
    """Found by the lifecycle simulation: an indented comment line under a key the tool
    owns was taken for part of its value and dropped."""
    from dendron_jobsearch.write.yamlkeys import set_key

    assert set_key(block, "updated", 9) == expected
