"""The dialect seam: the reader registers the dialect's markdown-it rules from its table, and
the index and the read cache go by the dialect; Dendron's is the one there is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it.rules_inline import StateInline

from dendron_jobsearch.config import load_config
from dendron_jobsearch.vault.cache import cache_file
from dendron_jobsearch.vault.dialects import MarkdownRules
from dendron_jobsearch.vault.dialects.dendron import DENDRON, Dendron
from dendron_jobsearch.vault.index import load_index
from dendron_jobsearch.vault.links import RawLink
from dendron_jobsearch.vault.markdown import parser
from dendron_jobsearch.vault.read import ReadOptions, parse_note_text
from dendron_jobsearch.vault.rules import push_link
from dendron_jobsearch.vault.rules.dispatch import Dispatcher

from .conftest import make_workspace

TEXT = "---\nid: n\n---\n[[target]] ![[ref]] #tag @user\n"


@dataclass(frozen=True)
class NoWikilinks(Dendron):
    """Dendron with one row of its table removed."""

    cache_name = ".no-wikilinks.cache"

    def markdown_rules(self, hashtags: bool = True, usertags: bool = True) -> MarkdownRules:
        rules = super().markdown_rules(hashtags, usertags)
        return replace(rules, inline=[r for r in rules.inline if r[0] != "dendron_wikilink"])


def kinds(options: ReadOptions) -> list[str]:
    note, _ = parse_note_text(TEXT, None, "n.md", "n", "vault", options)
    assert note is not None
    return [link.type for link in note.links]


def test_the_reader_uses_the_dialects_rule_table() -> None:
    assert kinds(ReadOptions()) == ["wiki", "ref", "hashtag", "usertag"]
    assert kinds(ReadOptions(dialect=NoWikilinks())) == ["ref", "hashtag", "usertag"]
    assert kinds(ReadOptions(hashtags=False, dialect=NoWikilinks())) == ["ref", "usertag"]
    # registered in the table's order, ahead of markdown-it's own `link` rule
    names = [name for name, _, _ in DENDRON.markdown_rules().inline]
    # (all behind one rule that tries only those that can start at a character)
    [dispatch] = parser().inline.ruler.getRules("")
    assert isinstance(dispatch, Dispatcher)
    chain = dispatch.names
    assert [n for n in chain if n in names] == names
    assert chain.index("dendron_usertag") < chain.index("link")


@dataclass(frozen=True)
class PercentTags(Dendron):
    """Dendron with one more rule: `%word` a hashtag, at a character no rule of the reader's
    starts at (so one the reader's table of start characters does not know)."""

    cache_name = ".percent-tags.cache"

    def markdown_rules(self, hashtags: bool = True, usertags: bool = True) -> MarkdownRules:
        rules = super().markdown_rules(hashtags, usertags)
        return replace(rules, inline=[*rules.inline, ("percent_tag", percent_tag, "link")])


def percent_tag(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "%":
        return False
    end = pos + 1
    while end < len(src) and src[end].isalpha():
        end += 1
    return push_link(state, RawLink("hashtag", f"tags.{src[pos + 1 : end]}"), "", end, silent)


def test_a_rule_of_a_dialect_is_tried_at_every_character_it_may_start_at() -> None:
    # the reader tries a rule only where it can start; a rule it knows nothing of, everywhere
    note, _ = parse_note_text(
        "---\nid: n\n---\n[[a]] %one, *%two* and `%code` %three\n",
        None,
        "n.md",
        "n",
        "vault",
        ReadOptions(dialect=PercentTags()),
    )
    assert note is not None
    assert [link.value for link in note.links] == ["a", "tags.one", "tags.two", "tags.three"]


def test_a_workspace_loads_through_its_dialect(tmp_path: Path) -> None:
    make_workspace(tmp_path, {"a.b": TEXT})
    config = load_config(tmp_path)
    index = load_index(config, dialect=NoWikilinks())
    assert index.dialect == NoWikilinks() != DENDRON
    [note] = index.find("A.B")
    assert [link.type for link in note.links] == ["ref", "hashtag", "usertag"]
    assert [n.fname for n in index.notes if n.stub] == ["a"]  # the dialect's hierarchy
    # and its cache (in the user's cache folder, as every read cache), not Dendron's
    assert cache_file(tmp_path, NoWikilinks.cache_name).is_file()
    assert not cache_file(tmp_path, DENDRON.cache_name).exists()
    [again] = load_index(config).find("a.b")  # Dendron's own read is not the cached one
    assert [link.type for link in again.links] == ["wiki", "ref", "hashtag", "usertag"]
