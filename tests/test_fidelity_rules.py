"""Where remark v8 (Dendron's parser) draws blocks and emphasis otherwise than CommonMark, in
shapes found in real vaults: each case here is also a fixture workspace compared with
Dendron's engine (`fixtures/workspaces/quote-in-list`, `usertags-closed-emphasis`,
`nested-list-fences`, in `test_conformance.py`)."""

from __future__ import annotations

from dendron_jobsearch.vault.markdown import scan_body


def links(text: str) -> list[str]:
    found, _, _ = scan_body(text, "this.note", 1)
    return [link.value for link in found]


def test_a_quote_line_after_a_list_item_leaves_the_next_fence_whole() -> None:
    """`> note` after `1. step` is the item's; the fence after it is code, blank line and
    all: no `#if` / `#endif` tags (`rules/paragraph.py`)."""
    text = "1. Build\n> On Windows, use MSVC.\n```c\n#if WIN32\nx\n\n#endif\n```\n[[after]]\n"
    assert links(text) == ["after"]
    assert links("- item\n> quoted\n```\n#if A\n\n#endif\n```\n[[after]]\n") == ["after"]


def test_a_quote_before_a_list_still_takes_its_lazy_lines() -> None:
    """A quote that is no item's runs on to the blank line, as remark reads it: the fence
    opened inside ends with the quote (`rules/blockquote.py`)."""
    assert links("> quote\n- item\n```\ncode\n\n[[in.code]]\n```\n") == ["in.code"]


def test_a_user_tag_right_after_a_closed_emphasis_is_read() -> None:
    """remark pairs `**` without flanking rules, so `**Interviewer:**` is closed and the
    tag glued to it starts afresh (`rules/hashtag.py: _closes_earlier`)."""
    assert links("**Interviewer:**@**Jane Doe**") == ["user.**Jane"]
    assert links("*Note:*@**Name**") == ["user.**Name**"]
    assert links("_Owner:_@**Name**") == ["user.**Name**"]
    assert links("*a* b:*@x") == []  # that `*` opens an emphasis never closed: no tag
    assert links("@Name**::**@**Name**") == ["user.Name**"]  # the first tag holds the `**`


def test_in_nested_lists_a_fence_ends_with_the_item_remark_puts_it_in() -> None:
    """A fence line indented less than its item's text is still the item's for remark (it
    starts with a space); the next item ends it (`rules/fence.py: _item_end`)."""
    text = (
        "- Contacts\n"
        "    - email\n"
        "        ```\n"
        "        jane@example.com\n"
        "    ```\n"
        "    - discord: @john123\n"
        "    - slack\n"
        "    ```\n"
        "    #general\n"
        "    ```\n"
    )
    assert links(text) == ["user.john123"]
    # after `1. ` remark takes four columns off the item's lines: the fence is no longer the
    # inner item's, and runs on over the next one
    ordered = "1. a\n    - b\n        ```\n        #c1\n    ```\n    - discord: @john123\n"
    assert links(ordered) == []


def test_a_line_inside_a_fence_indented_less_than_it_stays_code() -> None:
    """A decision, not Dendron's reading: remark takes a list item's lines' least indent off
    all of them, so a fence opened deeper than a later line of the same item is no longer a
    fence and that line is text (Dendron reads `#c1` below). Following it means remark's
    list tokenizer; markdown-it keeps the fence, and the line is code to us."""
    text = "- a\n    - b\n        ```\n    code #c1\n        ```\n    - discord: @john123\n"
    assert links(text) == ["user.john123"]
