"""`dendron.yml` (and `dendronrc.yml`): where the vaults are and how notes read.

Follows Dendron's `DConfig`: `workspace.vaults` from config version 3 on, a top-level
`vaults:` in older files, `dendronrc.yml` beside it adding vaults (arrays concatenated).
A file that does not parse is a `WorkspaceError` naming the file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding, WorkspaceError

CONFIG_FILE = "dendron.yml"
_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
LOCAL_OVERRIDE = "dendronrc.yml"


@dataclass(frozen=True, slots=True)
class Vault:
    """A vault as configured: `notes_dir` is where its `*.md` notes are."""

    name: str
    fs_path: str
    notes_dir: Path


@dataclass(frozen=True, slots=True)
class DendronConfig:
    root: Path
    version: int | None
    vaults: tuple[Vault, ...]
    hashtags: bool = True
    usertags: bool = True
    max_note_length: int = 204_800
    findings: tuple[Finding, ...] = ()  # warnings about the config itself


def find_workspace_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `dendron.yml`, like git finds `.git`."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _load_yaml(path: Path, root: Path) -> dict[str, Any]:
    rel = os.path.relpath(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise WorkspaceError(Finding("config-invalid", rel, None, f"cannot read: {err}")) from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        msg = f"not valid YAML: {err.problem or err.context}"
        raise WorkspaceError(Finding("config-invalid", rel, line, msg)) from None
    except yaml.YAMLError as err:
        raise WorkspaceError(
            Finding("config-invalid", rel, None, f"not valid YAML: {err}")
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        msg = f"expected a mapping of settings, found a {type(data).__name__}"
        raise WorkspaceError(Finding("config-invalid", rel, 1, msg))
    return data


def _vault_entries(data: dict[str, Any]) -> list[Any]:
    workspace = data.get("workspace")
    if isinstance(workspace, dict) and isinstance(workspace.get("vaults"), list):
        return list(workspace["vaults"])
    legacy = data.get("vaults")  # before config version 3
    return list(legacy) if isinstance(legacy, list) else []


def vault_name(entry: dict[str, Any]) -> str:
    """`VaultUtils.getName`: seed, else name, else the last folder of fsPath."""
    for key in ("seed", "name"):
        if entry.get(key):
            return str(entry[key])
    return Path(str(entry["fsPath"])).name or str(entry["fsPath"])


def _notes_dir(root: Path, entry: dict[str, Any]) -> Path:
    """`VaultUtils.getRelPath`: where a vault keeps its notes."""
    fs_path = str(entry["fsPath"])
    if entry.get("selfContained"):
        base = root / fs_path / "notes"
    elif entry.get("workspace"):
        base = root / str(entry["workspace"]) / fs_path
    elif entry.get("seed"):
        base = root / "seeds" / str(entry["seed"]) / fs_path
    else:
        base = root / fs_path
    return Path(os.path.normpath(base))


def load_config(root: Path) -> DendronConfig:
    """Read `root/dendron.yml` plus `root/dendronrc.yml` when present."""
    config_path = root / CONFIG_FILE
    data = _load_yaml(config_path, root)
    entries = _vault_entries(data)
    findings: list[Finding] = []
    workspace_vaults = isinstance(data.get("workspace"), dict) and "vaults" in data["workspace"]
    if entries and not workspace_vaults and data.get("version") != 4:
        msg = (
            f"vaults are listed at the top level of a version {data.get('version')} config: "
            "Dendron 0.122 reads them there only in version 4 (otherwise it loads no vault); "
            "move them under workspace.vaults"
        )
        findings.append(Finding("config-legacy", CONFIG_FILE, None, msg))
    override = root / LOCAL_OVERRIDE
    if override.is_file():
        entries += _vault_entries(_load_yaml(override, root))
    vaults: list[Vault] = []
    seen: set[Path] = set()
    for position, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("fsPath"):
            msg = f"vault #{position} has no fsPath"
            raise WorkspaceError(Finding("config-invalid", CONFIG_FILE, None, msg))
        if "\0" in str(entry["fsPath"]):  # no file system has such a path
            msg = f"vault #{position}: fsPath {entry['fsPath']!r} holds a NUL character"
            raise WorkspaceError(Finding("config-invalid", CONFIG_FILE, None, msg))
        notes_dir = _notes_dir(root, entry)
        if notes_dir in seen:  # dendronrc.yml may repeat a vault of dendron.yml
            continue
        seen.add(notes_dir)
        vaults.append(Vault(vault_name(entry), str(entry["fsPath"]), notes_dir))
    workspace = data.get("workspace") if isinstance(data.get("workspace"), dict) else {}
    assert isinstance(workspace, dict)
    version = data.get("version")
    return DendronConfig(
        root=root,
        version=version if isinstance(version, int) else None,
        vaults=tuple(vaults),
        hashtags=workspace.get("enableHashTags", True) is not False,
        usertags=workspace.get("enableUserTags", True) is not False,
        max_note_length=int(workspace.get("maxNoteLength") or 204_800),
        findings=tuple(findings),
    )
