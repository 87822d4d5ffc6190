"""One long pasted line must not stall every command: reading a line costs in proportion to
its length, whatever it repeats (`vault/rules/scan.py`). Each form below once made a rule
look to the end of the line (or back to its start) at every place it could start, so that
a line of 200 KB took minutes.

A linear parse of ten times the text costs about ten times as much; a quadratic one a
hundred times, so the bound below (30 times, in CPU time, and a cap for 1 MB) tells them
apart on a busy machine without being a benchmark (that is `benchmarks/pathological.py`).
Each form is read as a 1 MB line in the dialect whose rule it is aimed at (some 2-10 s:
markdown-it-py tries its rules at every such character), and 10 times smaller in the others.
"""

from __future__ import annotations

import time

import pytest

from dendron_jobsearch.vault.dialects import Dialect
from dendron_jobsearch.vault.dialects.dendron import DENDRON
from dendron_jobsearch.vault.dialects.foam import FOAM
from dendron_jobsearch.vault.dialects.obsidian import OBSIDIAN
from dendron_jobsearch.vault.markdown import scan_body

ALL = (DENDRON, OBSIDIAN, FOAM)
# (what is repeated, the dialect read at 1 MB or None, the others read at 100 KB)
FORMS: list[tuple[str, Dialect | None, tuple[Dialect, ...]]] = [
    ("[[", DENDRON, (OBSIDIAN, FOAM)),  # a wiki link that never closes
    ("![[", DENDRON, (OBSIDIAN, FOAM)),  # a note reference or embed that never closes
    ("#a", DENDRON, (OBSIDIAN, FOAM)),  # a tag at every other character
    ("@", DENDRON, ()),  # a user tag glued to the one before
    ("{{fm.", DENDRON, ()),  # a variable that never closes
    ("[[a|", DENDRON, (OBSIDIAN, FOAM)),
    ("#[[", DENDRON, (OBSIDIAN, FOAM)),
    ("%%", OBSIDIAN, (DENDRON, FOAM)),  # comment marks
    ("^", DENDRON, (OBSIDIAN, FOAM)),
    ("[a] [[x]] ", DENDRON, (OBSIDIAN, FOAM)),  # a link after a bracket group: are they pairs?
    ("$a ", DENDRON, ()),  # inline math that never closes
    ("`", DENDRON, (OBSIDIAN, FOAM)),  # a code span that never closes (markdown-it's rule)
    ("[[a| ![[ #a @b {{fm. $a ` %% ^ *[ .# ", DENDRON, (OBSIDIAN, FOAM)),  # all of them
    ("@ ", None, (DENDRON,)),  # after white space: each looks back through the text before
    ("# ", None, ALL),
    ("[a] [#a ", None, ALL),  # a tag inside a bracket group: is it a reference's label?
    ("][", None, ALL),
    ("*[", None, (DENDRON,)),  # an abbreviation that never closes
    (".#", None, (OBSIDIAN,)),  # a tag glued to a word: is the word a URL?
]
LARGE = [(unit, dialect, 1_000_000) for unit, dialect, _ in FORMS if dialect is not None]
SMALL = [(unit, dialect, 100_000) for unit, _, others in FORMS for dialect in others]
CAP = 60.0  # CPU seconds for 1 MB: 2-10 s is linear; a quadratic rule takes hours


def parse_line(unit: str, size: int, dialect: Dialect) -> tuple[float, int]:
    """CPU seconds to read a note of one `size`-character line of `unit` (after a link, so
    that its paragraph is parsed inline in every dialect), and how many links it holds."""
    body = "[[start]] " + unit * (size // len(unit)) + "\n"
    start = time.process_time()
    links, _, _ = scan_body(body, "n", 1, frontmatter={"notes": "x"}, dialect=dialect)
    return time.process_time() - start, len(links)


@pytest.mark.parametrize(
    ("unit", "dialect", "size"),
    LARGE + SMALL,
    ids=[f"{unit.strip()[:12]}-{d.name}-{size // 1000}KB" for unit, d, size in LARGE + SMALL],
)
def test_a_long_line_costs_in_proportion_to_its_length(
    unit: str, dialect: Dialect, size: int
) -> None:
    small, small_links = parse_line(unit, size // 10, dialect)
    large, large_links = parse_line(unit, size, dialect)
    assert large < CAP
    assert large < 30 * max(small, 0.05), (  # a tenth of a small line: too quick to time
        f"{large:.2f} s for {size} bytes, {small:.2f} s for a tenth"
    )
    assert large_links >= small_links  # a longer line of tags holds more of them


def links(text: str, dialect: Dialect = DENDRON) -> list[tuple[str, str, str | None]]:
    found, _, _ = scan_body(
        text, "this.note", 1, frontmatter={"notes": "[[R|w#r]]"}, dialect=dialect
    )
    return [(link.type, link.value, link.alias) for link in found]


@pytest.mark.parametrize("dialect", ALL, ids=[d.name for d in ALL])
def test_what_closes_after_a_run_of_openers_is_still_read(dialect: Dialect) -> None:
    assert links("x [[[[[[x]]", dialect) == [("wiki", "x", None)]
    assert links("x #[[#[[#[[x]]", dialect) == [("wiki", "x", None)]
    assert links("x ``` [[x]]", dialect) == [("wiki", "x", None)]  # a code span never closed
    if dialect is DENDRON:  # alias first; the reference takes everything up to its `]]`
        assert links("x [[a|[[a|[[a|b]]") == [("wiki", "b", "a")]
        assert links("x ![[![[![[x]]") == [("ref", "![[![[x", None)]
    else:
        assert links("x [[a|[[a|[[a|b]]", dialect) == [("wiki", "a", "b")]
        assert links("x ![[![[![[x]]", dialect) == [("ref", "x", None)]


def test_dendron_tags_after_runs_of_symbols() -> None:
    assert links("x #a#a#a") == [("hashtag", "tags.a", "#a")] * 3
    assert links("x @ @ @ @bob") == [("usertag", "user.bob", "@bob")]
    assert links("x # # # #t") == [("hashtag", "tags.t", "#t")]
    assert links("x a#b #c") == []  # a symbol glued to a word hides the rest of the run


def test_bracket_groups_pair_up_into_references_before_a_link_or_tag() -> None:
    """remark reads `[a] [b]` as a reference: an odd group out takes what follows as its
    label, which holds no link (`rules/wikilink.py`, `rules/hashtag.py`)."""
    assert links("x [a] [a] [a] [[x]]") == []
    assert links("x [a] [a] [[x]]") == [("wiki", "x", None)]
    assert links("x [a] [#t]") == []
    assert links("x [a] [b] [#t]") == [("hashtag", "tags.t", "#t")]


def test_variables_math_and_abbreviations_after_runs_that_never_close() -> None:
    assert links("x {{fm.{{fm.{{fm.notes}}") == [("wiki", "w", "R")]
    assert links("x {{ {{ {{fm.notes}} }} }}") == [("wiki", "w", "R")]  # outer pairs: no value
    assert links("x $a [[z]] $a x$ [[y]]") == [("wiki", "y", None)]  # `[[z]]` is TeX
    assert links("x $a \\$ [[z]] x$ [[y]]") == [("wiki", "y", None)]  # `\$` does not close
    assert links("x $a \\\\$ [[z]] x$ [[y]]") == [("wiki", "z", None), ("wiki", "y", None)]
    assert links("*[*[*[a]: [[x]] #t") == []  # an abbreviation takes the rest of its line


def test_obsidian_tags_and_comments() -> None:
    assert links("x .#.#.#tag", OBSIDIAN) == [("hashtag", "tag", None)]
    assert links("x https://a.b/c#frag", OBSIDIAN) == []  # a URL's fragment is no tag
    assert links("x https://a.b/c #tag", OBSIDIAN) == [("hashtag", "tag", None)]  # a new word
    assert links("x www.a.b/#x\t#tag", OBSIDIAN) == [("hashtag", "tag", None)]
    assert links("%%\n[[x]]\n", OBSIDIAN) == []  # a comment block never closed hides the rest
    assert links("x %% [[y]] %%\n[[x]]", OBSIDIAN) == [("wiki", "y", None), ("wiki", "x", None)]


@pytest.mark.parametrize("dialect", ALL, ids=[d.name for d in ALL])
def test_markdown_links_after_a_run_of_brackets_are_still_read(dialect: Dialect) -> None:
    """markdown-it's link rule is only skipped where no link can end (`rules/link.py`): a
    `](` later on the line, or a reference the note defines, still makes the links the
    same line makes without the run of `[` before them."""
    inline = " [a](b) ![i](c.png) [x] "
    assert links("x " + "[" * 500 + inline + "]", dialect) == links("x" + inline, dialect)
    assert links("x" + inline, dialect)  # the line holds links in every dialect
    defined = " [a] [t][a] ![i][a]\n\n[a]: d.md\n"
    assert links("x " + "[" * 500 + defined, dialect) == links("x" + defined, dialect)
