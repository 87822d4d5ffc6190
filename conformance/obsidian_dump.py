"""What obsidiantools (PyPI, the well-kept Python reader of Obsidian vaults) sees in a vault,
as JSON: every note with its wikilinks, embedded files, Markdown links, tags, aliases and
backlinks, each link with the file obsidiantools' own graph connects it to (or null).

    python conformance/obsidian_dump.py VAULT [OUT.json]

obsidiantools keeps no line numbers and resolves nothing itself: a link connects to the note
whose graph key is the link's text. A key is the file's name without `.md`, or, for a name
two files share, the path without `.md` (`Vault.md_file_index`). `target` below applies that
rule, so it is obsidiantools' resolution, not Obsidian's; where the two differ, see
`tests/test_conformance_obsidian.py` (KNOWN_DIFFERENCES).
"""

from __future__ import annotations

import json
import re
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from obsidiantools.api import Vault

WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")


def _posix(path: Path) -> str:
    return path.as_posix()


def property_links(front: dict[str, Any]) -> list[str]:
    """The `[[...]]` in the note's text and list properties, as obsidiantools parsed them
    (it finds none itself: it reads links in the body only). Alias and heading cut off as
    obsidiantools cuts them."""
    values: list[Any] = []
    for value in front.values():
        values += value if isinstance(value, list) else [value]
    found = [m for v in values if isinstance(v, str) for m in WIKILINK.findall(v)]
    return [m.split("|")[0].rstrip().split("#", 1)[0].removesuffix(".md") for m in found]


def dump(root: Path) -> dict[str, Any]:
    """Connect the vault with obsidiantools and return its view (nested tags kept)."""
    vault = Vault(root).connect(show_nested_tags=True, attachments=True)
    notes_by_key = {key: _posix(rel) for key, rel in vault.md_file_index.items()}
    media_by_key = {key: _posix(Path(rel)) for key, rel in vault.media_file_index.items()}

    def note_target(text: str) -> str | None:
        return notes_by_key.get(text)

    def file_target(text: str) -> str | None:
        # an embed names a note (`![[Note]]`) or a file with its extension (`![[a.png]]`)
        found = notes_by_key.get(text.removesuffix(".md")) or media_by_key.get(text)
        if found is None and (root / text).is_file():
            found = text  # a media file obsidiantools found on disk under that name
        return found

    notes = []
    for key, rel in sorted(notes_by_key.items(), key=lambda kv: kv[1]):
        front = vault.front_matter_index.get(key) or {}
        aliases = front.get("aliases") or front.get("alias") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        notes.append(
            {
                "path": rel,
                "key": key,
                "aliases": [str(a) for a in aliases],
                "frontmatter_tags": front.get("tags"),
                "tags": list(vault.tags_index.get(key, [])),
                "wikilinks": [
                    {"text": t, "target": note_target(t)} for t in vault.wikilinks_index[key]
                ],
                "embeds": [
                    {"text": t, "target": file_target(t)} for t in vault.embedded_files_index[key]
                ],
                "md_links": list(vault.md_links_index.get(key, [])),
                "property_links": property_links(front),
                "backlinks": sorted(
                    notes_by_key.get(b, b) for b in vault.backlinks_index.get(key, [])
                ),
            }
        )
    return {
        "oracle": f"obsidiantools@{version('obsidiantools')}",
        "vault": str(root),
        "notes": notes,
        "attachments": sorted(media_by_key.values()),
        "nonexistent_notes": sorted(vault.nonexistent_notes),
    }


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    text = json.dumps(dump(Path(argv[1]).resolve()), indent=1, ensure_ascii=False)
    if len(argv) == 3:
        Path(argv[2]).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
