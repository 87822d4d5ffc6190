"""obsidiantools as the oracle for Obsidian's graph, with its known errors about Obsidian named.

obsidiantools (PyPI) finds a vault's wikilinks, embeds, Markdown links and tags
(`conformance/obsidian_dump.py`), but it resolves nothing the way Obsidian does: a link
connects to the note whose graph key is the link's exact text, a key being the file name,
or the path for a name two files share. So the links it finds are taken as they are, and its
targets are replaced by Obsidian's wherever one of the documented rules in
`CORRECTIONS` says obsidiantools is wrong; `obsidian_view` counts how often each rule did so.
A link whose target changes under no rule keeps obsidiantools' target: the two resolvers
must then agree, which `obsidian_view` checks.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any, NamedTuple
from urllib.parse import unquote

from . import npm_harness

DUMP_SCRIPT = Path(__file__).resolve().parent.parent / "conformance" / "obsidian_dump.py"
TAG_TYPES = frozenset({"hashtag", "usertag", "frontmatterTag"})
HELP = "https://help.obsidian.md"


class Correction(NamedTuple):
    """Where obsidiantools is wrong about Obsidian the app, with the source that says so."""

    why: str
    source: str


CORRECTIONS: dict[str, Correction] = {
    "case-insensitive": Correction(
        "Obsidian matches a link to a file name whatever its case ([[recurring tasks]] opens"
        " Recurring Tasks.md); obsidiantools compares the exact text",
        "the obsidian-tasks-docs corpus, whose published docs link so (e.g. docs/Getting"
        " Started/Recurring Tasks.md, linked as [[recurring tasks]])",
    ),
    "path-link": Correction(
        "[[Folder/Note]] is a path from the vault root; obsidiantools knows a note by its bare"
        " name unless the name is shared, so a path to a unique note finds nothing",
        f"{HELP}/links (Link to a file; the 'New link format' setting writes paths)",
    ),
    "shared-name": Correction(
        "a bare [[Note]] (or ![[photo.png]]) that two files share still resolves in Obsidian"
        " (to the one in the note's folder, else the shortest path, as its 'Shortest path"
        " when possible' link format assumes); obsidiantools' keys for shared names are"
        " paths, so it finds neither",
        f"{HELP}/links; issue 12 (resolution order)",
    ),
    "markdown-images": Correction(
        "![alt](images/x.png) embeds the file, as ![[x.png]] does (found as a Markdown link"
        " is: percent-decoded, the path from the root or from the note's folder, else by"
        " name); obsidiantools lists no images, so they are counted from the file (outside"
        " fenced code)",
        f"{HELP}/embeds (Embed an image in a note), {HELP}/links (Supported formats)",
    ),
    "same-note-heading": Correction(
        "[[#Heading]] links to a heading of the note itself; obsidiantools makes a"
        " nonexistent note named ''",
        f"{HELP}/links (Link to a heading in a note)",
    ),
    "markdown-links": Correction(
        "[text](Some%20Note.md) is a link like [[Some Note]] (percent-decoded, relative to"
        " the note's folder, then the vault); obsidiantools lists the raw URL and connects"
        " nothing",
        f"{HELP}/links (Supported formats for internal links)",
    ),
    "anchor-markdown-links": Correction(
        "[text](#Heading) links to a heading of the note itself, as [[#Heading]] does;"
        " obsidiantools' HTML-to-text step drops such links, so they are counted from the"
        " file (outside fenced code)",
        f"{HELP}/links (Link to a heading in a note; both link formats)",
    ),
    "property-links": Correction(
        "a [[link]] in a text or list property is a link of the note (Obsidian lists it in"
        " backlinks and the graph); obsidiantools reads links in the body only",
        f"{HELP}/properties (Internal links in Text and List properties)",
    ),
    "tag-characters": Correction(
        "a tag is letters, digits, _, - and /, so '#active.' is the tag 'active';"
        " obsidiantools' nested-tag pattern keeps the trailing punctuation",
        f"{HELP}/tags (Tag format)",
    ),
    "url-fragment-tags": Correction(
        "the #fragment of a link's URL ([text](https://help.obsidian.md/tags#Tag+format)) is"
        " no tag; obsidiantools reads the URLs its HTML step writes as <url> for tags (each"
        " such 'tag' ends in the '>')",
        f"{HELP}/tags (Tag format: a tag starts after a space or at a line's start)",
    ),
    "property-tags": Correction(
        "tags listed in the `tags:` property are the note's tags too; obsidiantools'"
        " tags_index has only those in the text",
        f"{HELP}/tags (Add a tag to a note), {HELP}/properties",
    ),
    "text-property-tags": Correction(
        "since Obsidian 1.9 a `tags:` property must be a list: a text value (`tags: a`, or"
        ' JSON frontmatter\'s "tags": "a") is no longer recognised',
        "the obsidian-tasks-docs corpus, docs/Support and Help/Missing tags, aliases and"
        " cssclasses in some Obsidian 1.9.x versions.md (quoting the 1.9.0 changelog)",
    ),
    "escaped-brackets": Correction(
        "\\[\\[x\\]\\] is escaped text, no link (its `#tag` inside is a tag like any"
        " other); obsidiantools' link pattern ignores the backslashes",
        f"{HELP}/syntax (Escaping Markdown syntax: a backslash before a character), and"
        " CommonMark's backslash escapes",
    ),
}

# Not differences, though they look like it: obsidiantools reads [[target|alias]] target
# first, as Obsidian does (it reads Dendron's [[alias|target]] backwards: issue 12, a Dendron
# vault only); and a bare [[Alias]] of a note's `aliases:` stays unresolved in both, which is
# Obsidian's behaviour (aliases feed link suggestions that write [[Note|Alias]]:
# {HELP}/aliases; https://forum.obsidian.md/t/78013 shows [[Alias]] in no backlinks).

_TAG = re.compile(r"[\w/-]+")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_ANCHOR_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(#[^)\s]+\)")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_ESCAPED = re.compile(r"\\\[\\\[([^\]\n]*?)\\\]\\\]")  # `\[\[x\]\]`: text, no link
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(<?([^)>\s]+)")  # `![alt](path)`
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _load_dump() -> ModuleType:
    spec = importlib.util.spec_from_file_location("obsidian_dump", DUMP_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def oracle_or_skip() -> None:
    """Skip (fail under CI=true) when obsidiantools is not installed."""

    def need() -> None:
        if importlib.util.find_spec("obsidiantools") is None:
            raise npm_harness.HarnessUnavailable("obsidiantools is not installed (pip: test extra)")

    npm_harness.or_skip(need, "obsidiantools must run as the Obsidian oracle")


def run_oracle(root: Path) -> dict[str, Any]:
    """obsidiantools' view of the vault at `root` (see conformance/obsidian_dump.py)."""
    result: dict[str, Any] = _load_dump().dump(root.resolve())
    return result


# the file formats Obsidian opens besides notes (https://help.obsidian.md/file-formats)
ATTACHMENTS = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg", ".webp", ".avif"}
    | {".mp3", ".webm", ".wav", ".m4a", ".ogg", ".3gp", ".flac"}
    | {".mp4", ".ogv", ".mov", ".mkv", ".pdf", ".canvas", ".base"}
)


def is_attachment(text: str) -> bool:
    """A link to a file that is not a note (`diagram.png`): an embed of one is compared by
    the file it finds; other links to one are no links of ours, and left out on both sides."""
    return PurePosixPath(text.split("#", 1)[0]).suffix.lower() in ATTACHMENTS


class Resolver:
    """Obsidian's resolution of a link text, as its help pages describe it."""

    def __init__(self, paths: list[str], files: list[str] | None = None) -> None:
        self.by_path = {p.lower(): p for p in paths}
        self.by_name: dict[str, list[str]] = {}
        for p in paths:
            self.by_name.setdefault(PurePosixPath(p).stem.lower(), []).append(p)
        self.files = {f.lower(): f for f in files or []}
        self.files_by_name: dict[str, list[str]] = {}
        for f in files or []:
            self.files_by_name.setdefault(PurePosixPath(f).name.lower(), []).append(f)

    def file(self, text: str, source: str) -> str | None:
        """The attachment an embed names: a `./` or `../` path from the note's folder (a
        `..` above the root dropped, as a URL's), else the path from the root, else by
        name, the one in the note's folder first, else the shortest path."""
        folder = str(PurePosixPath(source).parent).removeprefix(".")
        if text.startswith(("./", "../")):
            parts: list[str] = []
            for part in f"{folder}/{text}".split("/"):
                if part == "..":
                    parts = parts[:-1]
                elif part not in ("", "."):
                    parts.append(part)
            return self.files.get("/".join(parts).lower())
        if text.lower() in self.files:
            return self.files[text.lower()]
        named = self.files_by_name.get(PurePosixPath(text).name.lower(), [])
        named = [f for f in named if f.lower().endswith("/" + text.lower())]
        return min(
            named, key=lambda f: (str(PurePosixPath(f).parent) != folder, len(f), f), default=None
        )

    def __call__(self, text: str, source: str) -> str | None:
        if text == "":
            return source
        path = text if text.lower().endswith(".md") else f"{text}.md"
        folder = PurePosixPath(source).parent
        for candidate in (path, str(folder / path)):
            found = self.by_path.get(str(PurePosixPath(candidate)).lower())
            if found:
                return found
        named = self.by_name.get(PurePosixPath(path).stem.lower(), [])
        if "/" in text:  # a path names its folders: the file must end with it
            named = [p for p in named if p.lower().endswith("/" + path.lower())]
        return min(named, key=lambda p: (len(p), p)) if named else None


def _rule(text: str, ot_target: str | None, target: str | None, resolver: Resolver) -> str:
    if text == "":
        return "same-note-heading"
    if "/" in text:
        return "path-link"
    if len(resolver.by_name.get(PurePosixPath(text).stem.lower(), [])) > 1:
        return "shared-name"
    if target is not None and ot_target is None:
        return "case-insensitive"
    raise AssertionError(f"no rule explains [[{text}]]: obsidiantools {ot_target}, ours {target}")


def _embedded(
    text: str, ot_target: str | None, source: str, resolve: Resolver, used: Counter[str]
) -> str | None:
    """The file `![[text]]` embeds: obsidiantools' own, but for a name two files share."""
    if ot_target is None and len(resolve.files_by_name.get(text.lower(), [])) > 1:
        used["shared-name"] += 1
        return resolve.file(text, source)
    return ot_target


def _links(
    note: dict[str, Any], vault: Path, resolve: Resolver, used: Counter[str]
) -> Counter[str | None]:
    source = note["path"]
    links: Counter[str | None] = Counter()
    body = (vault / source).read_text(encoding="utf-8")
    # obsidiantools' text of a link: the target, heading and alias cut off
    escaped = Counter(t.split("|")[0].split("#")[0].strip() for t in _ESCAPED.findall(body))
    found_links = [(f, False) for f in note["wikilinks"]] + [(f, True) for f in note["embeds"]]
    for found, embed in found_links:
        text, ot_target = found["text"], found["target"]
        if escaped[text] > 0:
            escaped[text] -= 1
            used["escaped-brackets"] += 1
            continue
        if is_attachment(text):  # an embedded file is compared; a link to one is none of ours
            if embed:
                links[_embedded(text, ot_target, source, resolve, used)] += 1
            continue
        target = resolve(text, source)
        if target != ot_target:
            used[_rule(text, ot_target, target, resolve)] += 1
        links[target] += 1
    for url in note["md_links"]:
        url = url.strip("<>").split(" ", 1)[0]
        if _EXTERNAL.match(url) or is_attachment(unquote(url)):
            continue
        used["markdown-links"] += 1
        links[resolve(unquote(url.split("#", 1)[0]), source)] += 1
    for _ in _ANCHOR_LINK.finditer(_FENCE.sub("", body)):
        used["anchor-markdown-links"] += 1
        links[source] += 1
    for url in _IMAGE.findall(_CODE_SPAN.sub("", _COMMENT.sub("", _FENCE.sub("", body)))):
        path = unquote(url.split("#", 1)[0])
        if not _EXTERNAL.match(url) and is_attachment(path):
            used["markdown-images"] += 1
            links[resolve.file(path, source)] += 1
    for text in note["property_links"]:
        if not is_attachment(text):
            used["property-links"] += 1
            links[resolve(text, source)] += 1
    return links


def _tags(note: dict[str, Any], vault: Path, used: Counter[str]) -> list[str]:
    tags = set()
    for text in _ESCAPED.findall((vault / note["path"]).read_text(encoding="utf-8")):
        clean = _TAG.match(text[1:]) if text.startswith("#") else None
        if clean:  # read as a link by obsidiantools, so its tag was lost
            used["escaped-brackets"] += 1
            tags.add(clean.group(0))
    for tag in note["tags"]:
        if ">" in tag:
            used["url-fragment-tags"] += 1
            continue
        clean = _TAG.match(tag)
        if clean and clean.group(0) != tag:
            used["tag-characters"] += 1
        if clean:
            tags.add(clean.group(0))
    prop = note["frontmatter_tags"] or []
    if isinstance(prop, str):
        used["text-property-tags"] += 1
        prop = []
    for tag in prop:
        used["property-tags"] += 1
        tags.add(str(tag).removeprefix("#"))
    return sorted(tags)


def obsidian_view(dump: dict[str, Any]) -> tuple[dict[str, Any], Counter[str]]:
    """Per note: the Counter of link targets (a path, or None when unresolved) and the tags,
    as Obsidian has them: obsidiantools' findings with CORRECTIONS applied. Also how many
    links or tags each correction changed."""
    resolve = Resolver([n["path"] for n in dump["notes"]], dump["attachments"])
    used: Counter[str] = Counter()
    view = {
        note["path"]: {
            "links": _links(note, Path(dump["vault"]), resolve, used),
            "tags": _tags(note, Path(dump["vault"]), used),
        }
        for note in dump["notes"]
    }
    return view, used


def ours(root: Path) -> dict[str, Any]:
    """Our reading of the vault at `root`, in `obsidian_view`'s shape."""
    from dendron_jobsearch import open_workspace

    ws = open_workspace(root, dialect="obsidian", use_cache=False)
    view: dict[str, Any] = {}
    for note in ws.notes:
        if not note.stub:
            # tags are no links in Obsidian: `Note.tags`
            view[note.rel] = {"links": Counter(), "tags": sorted(set(note.tags))}
    for resolved in ws.links():
        link = resolved.link
        if link.type in TAG_TYPES or resolved.source.rel not in view:
            continue
        if _EXTERNAL.match(link.value):
            continue
        # one note, or the embedded file (the vault is the workspace's folder)
        target = resolved.targets[0].rel if len(resolved.targets) == 1 else resolved.file
        view[resolved.source.rel]["links"][target] += 1
    return view


def compare(a: dict[str, Any], b: dict[str, Any], what: str) -> list[str]:
    """Where Obsidian (`a`, by the corrected oracle) and we (`b`) differ."""
    diffs = [f"note only in Obsidian: {p}" for p in sorted(a.keys() - b.keys())]
    diffs += [f"note only in ours: {p}" for p in sorted(b.keys() - a.keys())]
    for path in sorted(a.keys() & b.keys()):
        x, y = a[path][what], b[path][what]
        if what == "tags":
            if x != y:
                diffs.append(f"{path}: tags Obsidian={x} ours={y}")
            continue
        diffs += [f"{path}: link only in Obsidian -> {t}" for t in sorted((x - y), key=str)]
        diffs += [f"{path}: link only in ours -> {t}" for t in sorted((y - x), key=str)]
    return diffs
