"""Dendron's dialect (0.122, as its engine reads a vault; checked against it by the
conformance tests).

- Notes are the `*.md` files directly in a vault's notes folder (no sub-folders, no
  dot-files, no `root.*.md` but `root.md`); the fname is the file name without `.md`.
- Dots make the hierarchy (`a.b.c` → parent `a.b`); a missing level is a stub titled from its
  name (`genTitle`). Case is kept on disk, but lookups go by `cleanName` (lower-case, space ==
  dash), so every index is keyed by `clean_name`.
- Links: `[[alias|target]]` (alias first), note references `![[...]]`, `#tags`, `@users`,
  `{{fm.key}}` variables, as markdown-it rules in remark's order (`vault/rules/`); and the
  blocks where remark v8 and its plugins (footnotes, math) read otherwise than CommonMark.
- New notes carry `id` (23 characters of `[0-9a-z]`), `title`, `desc`, `updated` and
  `created` (epoch milliseconds), in Dendron's key order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ...findings import Finding
from ..targets import is_attachment, normalize
from ..titles import gen_title
from ..values import frontmatter_tags, js_string, stable_id
from . import MarkdownRules, NoteFile, undecodable, undecodable_finding

if TYPE_CHECKING:
    from ...config import DendronConfig, Vault
    from ..attachments import VaultFiles
    from ..model import Heading, Link, Note
    from . import Lookup

# the read cache's file name; the file lives in the user's cache folder (vault/cache.py)
CACHE_NAME = ".dendron.jobsearch.cache"
_ILLEGAL = re.compile(r"[(),']")
_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
ID_LENGTH = 23
# What any of Dendron's inline rules starts with: `[[`, `![[`, `#`, `@`, `{{`, `*[`, and
# an image `![` (an attachment: `vault/attachments.py`).
_MAY_LINK = re.compile(r"\[\[|[#@]|\{\{|\*\[|!\[")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _note_fname(name: str) -> str | None:
    """The fname of a file called `name` in a notes folder, or None if it is not a note."""
    if not name.endswith(".md") or name.startswith("."):
        return None
    return name[:-3]


def _skipped_by_dendron(fname: str) -> bool:
    """`root.concepts.md`: Dendron's loader reads `root.md` and skips every other file the
    glob `root.*` matches (case-sensitive: `Root.x.md` loads)."""
    return fname.startswith("root.")


def _read_order(note: Note) -> tuple[bool, int, str]:
    """The order Dendron's loader reads a vault's files in: `root.md`, then by level, each
    level sorted by file name (its directory listing is sorted so)."""
    return (note.fname != "root", note.fname.count("."), note.fname + ".md")


@dataclass(frozen=True)
class Dendron:
    """Dendron's rules (see the module's docstring); `DENDRON` is the one instance needed."""

    name: ClassVar[str] = "dendron"
    cache_name: ClassVar[str] = CACHE_NAME
    has_stubs: ClassVar[bool] = True
    tags_are_notes: ClassVar[bool] = True
    has_ids: ClassVar[bool] = True
    markdown_self_links: ClassVar[bool] = True
    root_fname: ClassVar[str] = "root"
    # DNodeExplicitPropsEnum order; a new note's other keys follow in the order given.
    note_keys: ClassVar[tuple[str, ...]] = (
        "id",
        "title",
        "desc",
        "updated",
        "created",
        "config",
        "color",
        "tags",
        "traitIds",
        "image",
    )

    # the workspace

    def is_workspace(self, folder: Path) -> bool:
        from ...config import CONFIG_FILE

        return (folder / CONFIG_FILE).is_file()

    def load_config(self, root: Path) -> DendronConfig:
        """`dendron.yml` (and `dendronrc.yml`)."""
        from ...config import load_config

        return load_config(root)

    def tasks_settings(self, root: Path) -> None:
        """Dendron reads no Tasks fields."""
        return None

    # where notes live

    def list_note_files(self, root: Path, vault: Vault) -> tuple[list[NoteFile], list[Finding]]:
        """Top-level `*.md` of the notes folder, no dot-files, symlinks only if they stay
        inside the vault; named only, not statted (see `NoteFile`)."""
        files: list[NoteFile] = []
        findings: list[Finding] = []
        folder = vault.notes_dir
        rel_folder = os.path.relpath(folder, root)
        try:
            entries = list(os.scandir(folder))
        except OSError as err:
            msg = f"vault {vault.name!r}: cannot list {rel_folder}: {err.strerror or err}"
            return [], [Finding("vault-missing", rel_folder, None, msg)]
        real_folder = os.path.realpath(folder)
        prefix = "" if rel_folder == "." else rel_folder + os.sep
        for entry in entries:
            name = entry.name
            if not name.endswith(".md") or name.startswith("."):  # `_note_fname`, inlined
                continue
            fname = name[:-3]
            rel = prefix + name
            if undecodable(name):
                findings.append(undecodable_finding(rel))
                continue
            if fname.startswith("root."):  # `_skipped_by_dendron`, inlined
                msg = "Dendron's engine loads no note named root.* but root.md: left out"
                findings.append(Finding("not-loaded", rel, None, msg))
                continue
            try:
                if entry.is_file(follow_symlinks=False):  # the common case, in one call
                    files.append(NoteFile(vault.name, fname, entry.path, rel))
                    continue
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not _inside(target, real_folder):
                        msg = f"symbolic link to {target}, outside the vault: not followed"
                        findings.append(Finding("outside-vault", rel, None, msg))
                        continue
                if not entry.is_file():  # from the directory entry's type: no stat
                    continue
            except OSError as err:
                findings.append(Finding("unreadable", rel, None, f"cannot read: {err.strerror}"))
                continue
            files.append(NoteFile(vault.name, fname, entry.path, rel))
        return files, findings

    def note_file_of(
        self, root: Path, vaults: Sequence[Vault], path: Path
    ) -> tuple[str, str, str] | None:
        fname = _note_fname(path.name)
        if fname is None or _skipped_by_dendron(fname) or undecodable(path.name):
            return None
        folder = os.path.normpath(path.parent)
        for vault in vaults:
            if os.path.normpath(vault.notes_dir) == folder:
                rel_folder = os.path.relpath(vault.notes_dir, root)
                rel = os.path.join(rel_folder, path.name) if rel_folder != "." else path.name
                return vault.name, fname, rel
        return None

    def fname_of_path(self, rel: str) -> str:
        """Notes lie flat in their folder: the file's name."""
        return Path(rel).name.removesuffix(".md")

    def vault_findings(self, root: Path, vault: Vault, fnames: Iterable[str]) -> list[Finding]:
        """A vault without `root.md` or `root.schema.yml`: Dendron's engine will not load it."""
        if not os.path.isdir(vault.notes_dir):
            return []
        findings = []
        if "root" not in {self.clean_name(f) for f in fnames}:
            rel = os.path.relpath(vault.notes_dir / "root.md", root)
            msg = f"vault {vault.name!r} has no root.md: Dendron refuses to load it"
            findings.append(Finding("root-missing", rel, None, msg))
        schema = vault.notes_dir / "root.schema.yml"
        if not schema.is_file():
            rel = os.path.relpath(schema, root)
            msg = f"vault {vault.name!r} has no root.schema.yml: Dendron's engine fails to load it"
            findings.append(Finding("schema-missing", rel, None, msg))
        return findings

    def shown_duplicate(self, same_id: Sequence[Note], notes: Iterable[Note]) -> Note:
        """Of the notes `same_id` sharing an id, the one Dendron's index keeps (its `notes`
        by id hold one note an id). Each vault is read root first, then one level of the
        hierarchy after the other (`a`, `a.b`, `a.b.c`), a level in the order of file names;
        a note read puts itself by its id, and a note below the first level then puts its
        nearest ancestor by its id again. The last one put stays; of several vaults, the last
        in the config wins. Checked against the engine (`fixtures/workspaces/duplicate-ids`)."""
        note_id = same_id[0].id
        vaults = list(dict.fromkeys(n.vault for n in same_id))
        last_vault = max(
            vaults, key=lambda v: max(i for i, n in enumerate(same_id) if n.vault == v)
        )
        in_vault = [n for n in notes if n.vault == last_vault and n.file is not None]
        by_name = {self.clean_name(n.fname): n for n in in_vault}
        shown = next(n for n in same_id if n.vault == last_vault)
        known = {self.clean_name(n.fname) for n in in_vault if "." not in n.fname}
        for note in sorted(in_vault, key=_read_order):
            if note.id == note_id:
                shown = note
            if "." not in note.fname:
                continue
            ancestor = self.parent_fname(note.fname)
            while self.clean_name(ancestor) not in known and ancestor != "root":
                known.add(self.clean_name(ancestor))  # a stub, created now
                ancestor = self.parent_fname(ancestor)
            put = by_name.get(self.clean_name(ancestor))
            if put is not None and put.id == note_id:
                shown = put
            known.add(self.clean_name(note.fname))
        return shown

    # names and hierarchy

    def clean_name(self, fname: str) -> str:
        """`cleanName`: `Foo Bar` and `foo-bar` are the same note."""
        return fname.lower().replace(" ", "-")

    def clean_names(self, fnames: list[str]) -> list[str]:
        """`clean_name` of each, in one pass over the names joined by NULs (which no file
        name holds): C speed for a listing of 50,000."""
        return "\0".join(fnames).lower().replace(" ", "-").split("\0") if fnames else []

    def parent_fname(self, fname: str) -> str:
        """`a.b.c` -> `a.b`; one-segment notes are children of `root`."""
        head, dot, _ = fname.rpartition(".")
        return head if dot else "root"

    def ancestors(self, fname: str) -> list[str]:
        parts = fname.split(".")
        return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]

    def stub_fnames(self, fnames: Iterable[str]) -> list[str]:
        """As Dendron's `createStubs`: from a note up to its closest existing ancestor, a stub
        for each level between; empty segments right below that ancestor (`a..b`) get none."""
        names = sorted(fnames)
        known = {self.clean_name(f) for f in names}
        stubs: list[str] = []
        for fname in names:
            if fname == "root" or self.clean_name(self.parent_fname(fname)) in known:
                continue
            ancestor = self.parent_fname(fname)
            while ancestor and self.clean_name(ancestor) not in known:
                ancestor = ancestor.rpartition(".")[0]
            base = "" if ancestor in ("", "root") else ancestor
            path = base
            for part in fname[len(base) :].lstrip(".").split(".")[:-1]:
                path = f"{path}.{part}" if path else part
                if self.clean_name(path) in known:
                    continue
                known.add(self.clean_name(path))
                stubs.append(path)
        return stubs

    def fname_problem(self, fname: str) -> str | None:
        """Dendron's `validateFname` rejects empty or space-padded segments and `(),'`; a
        writer must also refuse anything that could name a path outside the vault."""
        if not fname:
            return "the name is empty"
        if "/" in fname or "\\" in fname:
            return "a note name cannot contain '/' or '\\'"
        if _ILLEGAL.search(fname):
            return "hierarchy names cannot contain parentheses, commas, or single quotes"
        if ".." in fname:
            return "a hierarchy segment is empty ('..')"
        for segment in fname.split("."):
            if not segment:
                return "a hierarchy segment is empty"
            if segment != segment.strip():
                return f"the segment {segment!r} has leading or trailing spaces"
        if any(ord(ch) < 32 for ch in fname):
            return "a note name cannot contain control characters"
        return None

    def title(self, fname: str) -> str:
        """`NoteUtils.genTitle`."""
        return gen_title(fname)

    def note_title(self, fm: dict[str, Any], fname: str, headings: Sequence[Heading]) -> str:
        """Dendron derives a title only when the key is absent; a value is shown as
        JavaScript shows it. (Dendron keeps an empty `title:` as null, and `0` as a number;
        we keep text.)"""
        if "title" not in fm:
            return self.title(fname)
        value = fm["title"]
        return "" if value is None else js_string(value)

    def note_id(self, fm: dict[str, Any], vault: str, fname: str) -> str:
        """The frontmatter's `id` as Dendron shows it; a note without one gets a stand-in
        (Dendron would give it a random one)."""
        return stable_id(vault, fname) if fm.get("id") is None else js_string(fm["id"])

    def name_key(self, fname: str) -> str:
        return self.clean_name(fname)

    # links

    def markdown_rules(self, hashtags: bool = True, usertags: bool = True) -> MarkdownRules:
        """remark's order: remark-abbr first of all, then Dendron's tokenizers ahead of the
        Markdown link rule. (Imported on first use: a load from the cache parses nothing.)"""
        from .. import attachments
        from ..rules import (
            abbr,
            blockquote,
            fence,
            footnote,
            hashtag,
            html_block,
            math_inline,
            noteref,
            paragraph,
            usertag,
            variable,
            wikilink,
        )

        inline = [
            ("dendron_abbr", abbr.abbr, "text"),
            # remark-math tries `$` last of all, but no other rule starts at a `$`
            ("dendron_math", math_inline.math_inline, "text"),
            ("dendron_noteref", noteref.noteref, "link"),
            ("dendron_wikilink", wikilink.wikilink, "link"),
            ("dendron_variable", variable.variable, "link"),
            ("dendron_hashtag", hashtag.hashtag, "link"),
            ("dendron_usertag", usertag.usertag, "link"),
            ("attachment_image", attachments.image, "image"),
        ]
        wanted = {"dendron_hashtag": hashtags, "dendron_usertag": usertags}
        return MarkdownRules(
            inline=[rule for rule in inline if wanted.get(rule[0], True)],
            block=[
                ("html_block", html_block.html_block, html_block.ALT),
                ("blockquote", blockquote.blockquote, blockquote.ALT),
                ("reference", footnote.footnote, footnote.ALT),
                ("paragraph", paragraph.paragraph, paragraph.ALT),
                ("fence", fence.fence, fence.ALT),
            ],
            may_link=_MAY_LINK,
        )

    def frontmatter_links(self, fm: dict[str, Any]) -> list[Link] | None:
        """`tags: a` / `tags: [a, b]` are links to `tags.a`, as Dendron's `getLinks` does."""
        return frontmatter_tags(fm)

    def definitions(self, body: str, first_line: int) -> tuple[str, None]:
        """Link reference definitions are the person's own links in Dendron."""
        return body, None

    def property_types(self, root: Path) -> tuple[tuple[str, str], ...]:
        """None: YAML's types are the values' types."""
        return ()

    def properties(
        self, fm: dict[str, Any], types: tuple[tuple[str, str], ...] = ()
    ) -> tuple[list[str], list[str]]:
        """Dendron's tags are links to notes (`frontmatter_links`), and it has no aliases."""
        return [], []

    def resolve(self, link: Link, source: Note, index: Lookup) -> list[Note]:
        """By name (`cleanName`), in the link's vault if it names one; a `prefix.*`
        reference matches by glob in its vault."""
        if link.type == "ref" and link.value.endswith("*"):
            import fnmatch

            vault = link.vault or source.vault
            pattern = self.clean_name(link.value)
            return [
                n
                for n in index.every_note()
                if n.vault == vault and fnmatch.fnmatchcase(self.clean_name(n.fname), pattern)
            ]
        return index.find(link.value, link.vault)

    # attachments

    def embeds_file(self, link: Link) -> bool:
        """An image `![](assets/images/x.png)`; `![[name]]` is a note reference, always."""
        return link.type == "markdown" and is_attachment(link.value)

    def vault_files(self, root: Path, vault: Vault) -> VaultFiles:
        """The files of the notes folder and below (its `assets/`), dot-files and
        `node_modules/` left out."""
        from ..attachments import list_files

        return list_files(
            root, vault.notes_dir, lambda name: name.startswith(".") or name == "node_modules"
        )

    def resolve_file(self, link: Link, source: Note, files: VaultFiles) -> str | None:
        """A path in the note's vault, with or without a leading `/` (dendron-site:
        dendron.topic.images.md, "`assets/images` folder located in your vault" and
        `![](/assets/images/...)`)."""
        path = normalize(link.value)
        return None if path is None else files.find(path)

    # new notes

    def new_note_id(self) -> str:
        """Dendron's current id format: 23 characters of `[0-9a-z]`."""
        import secrets  # on first use: with hmac and hashlib it costs start-up ~4 ms

        return "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))

    def new_frontmatter(self, title: str, desc: str, now_ms: int) -> dict[str, Any]:
        return {
            "id": self.new_note_id(),
            "title": title,
            "desc": desc,
            "updated": now_ms,
            "created": now_ms,
        }


DENDRON = Dendron()
