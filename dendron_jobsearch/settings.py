"""`dendron-jobsearch.yml` at the workspace root: the tool's own settings, validated with
messages that name the line and say what is expected. Written by `scaffold`, edited by the
person; the tool changes a single key in place and never re-dumps the file."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .dates import in_range
from .findings import Finding, WorkspaceError

SETTINGS_FILE = "dendron-jobsearch.yml"
DEFAULT_PLAN = "interviews.all-stages"
DIALECTS = ("dendron", "obsidian", "foam")
_DIALECT_LINE = re.compile(r"^dialect[ \t]*:[ \t]*['\"]?([A-Za-z]+)['\"]?[ \t]*(?:#.*)?$", re.M)


@dataclass(frozen=True)
class Settings:
    plan: str | None = None  # fname of the plan note
    vault: str | None = None  # vault the tool writes new notes into (default: the plan's)
    hierarchy: str = "jobsearch"  # stage notes, dashboard and companies live under it
    start: date | None = None  # first day of the search; stage due dates count from it
    offer_window_days: int = 7  # offers whose deadlines spread wider than this get a warning
    owner: str = ""  # written to stage notes' `owner`
    ics: str | None = None  # a calendar feed sync and watch keep current (path, from the root)
    dialect: str | None = None  # dendron, obsidian or foam: how the vault reads (default: found)
    folder: str | None = None  # Obsidian, Foam: the folder the job search lives in
    names: dict[str, str] | None = None  # Obsidian, Foam: the names of its parts

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_HIERARCHY = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$")


def _error(line: int | None, message: str) -> WorkspaceError:
    return WorkspaceError(Finding("config-invalid", SETTINGS_FILE, line, message))


def _check(key: str, value: Any, line: int) -> Any:
    if key in ("plan", "vault", "owner"):
        if not isinstance(value, str) or (key != "owner" and not value.strip()):
            raise _error(line, f"{key} must be text, got {value!r}")
        return value.strip()
    if key == "hierarchy":
        if not isinstance(value, str) or not _HIERARCHY.match(value):
            raise _error(
                line, f"hierarchy must be a lower-case dotted name like 'jobsearch', got {value!r}"
            )
        return value
    if key == "start":
        try:
            found = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            raise _error(line, f"start must be a date like 2026-12-01, got {value!r}") from None
        try:
            return in_range(found)
        except ValueError as err:
            raise _error(line, f"start: {err}") from None
    if key == "offer_window_days":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _error(line, f"offer_window_days must be a whole number of days, got {value!r}")
        return value
    if key == "ics":
        return _check_feed(value, line)
    return _check_vault_keys(key, value, line)


def _check_vault_keys(key: str, value: Any, line: int) -> Any:
    """The keys of the vault's app: which one, and where the job search lives in it."""
    if key == "folder":
        return _check_name(key, value, line, folder=True)
    if key == "names":
        return _check_names(value, line)
    if key == "dialect":
        if not isinstance(value, str) or value.strip().lower() not in DIALECTS:
            raise _error(line, f"dialect must be one of {', '.join(DIALECTS)}, got {value!r}")
        return value.strip().lower()
    raise AssertionError(key)  # pragma: no cover


def _check_feed(value: Any, line: int) -> str | None:
    """The feed's path: a file name ending in `.ics` (empty: no feed)."""
    if value is None or value == "":
        return None
    text = value.strip() if isinstance(value, str) else ""
    parts = text.replace("\\", "/").split("/")
    if not parts[-1].lower().endswith(".ics") or parts[-1].lower() == ".ics":
        raise _error(
            line, f"ics must be the path of a calendar file ending in .ics, like "
            f"calendar/jobsearch.ics, got {value!r}"
        )  # fmt: skip
    if text.startswith(("~", "/", "\\")) or ".." in parts or "\0" in text or ":" in parts[0]:
        raise _error(
            line, f"ics must be a path inside the workspace, like calendar/jobsearch.ics "
            f"(the tool writes nothing outside it), got {value!r}"
        )  # fmt: skip
    return text


_NAME_KEYS = ("plan", "stages", "companies", "interviews", "dashboard", "topics",
              "self_evaluation", "templates")  # fmt: skip
_BAD_NAME = re.compile(r'[*"\\<>:|?#^\[\]]')


def _check_name(key: str, value: Any, line: int, *, folder: bool = False) -> str:
    """A note or folder name (Obsidian, Foam): text a file name and a link can hold."""
    text = value.strip().strip("/") if isinstance(value, str) else ""
    parts = text.split("/")
    if (
        not text
        or _BAD_NAME.search(text)
        or any(p.strip() in ("", ".", "..") or p.startswith(".") for p in parts)
        or (not folder and len(parts) > 1 and not key.endswith("templates"))
    ):
        raise _error(
            line, f"{key} must be a name a file and a link can hold, like 'Job search', "
            f"got {value!r}"
        )  # fmt: skip
    return text


def _check_names(value: Any, line: int) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _error(line, f"names must be 'part: name' lines, got {value!r}")
    names: dict[str, str] = {}
    for key, name in value.items():
        if key not in _NAME_KEYS:
            raise _error(line, f"names: unknown part {key!r}; known: {', '.join(_NAME_KEYS)}")
        names[str(key)] = _check_name(f"names.{key}", name, line)
    return names


def load_settings(root: Path) -> Settings:
    """The settings of the workspace at `root` (defaults when the file does not exist)."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    try:
        text = path.read_text(encoding="utf-8-sig")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as err:
        raise _error(None, f"not UTF-8: {err}") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise _error(mark.line + 1 if mark else None, f"not valid YAML: {err.problem}") from None
    if node is None:
        return Settings()
    if not isinstance(node, yaml.MappingNode):
        raise _error(1, "expected settings as 'key: value' lines")
    known = [f.name for f in fields(Settings)]
    values: dict[str, Any] = {}
    constructor = yaml.SafeLoader(text)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise _error(line, f"unknown setting {key!r}{hint}; known: {', '.join(known)}")
        value = constructor.construct_object(value_node, deep=True)
        values[key] = _check(key, value, line)
    return Settings(**values)


def remembered_dialect(root: Path) -> str | None:
    """The `dialect` `dendron-jobsearch.yml` at `root` names, if it names a known one. Read
    on its own, leniently, before a workspace opens: a mistake elsewhere in the file is
    `load_settings`' to report, and does not keep the vault from opening."""
    try:
        text = (root / SETTINGS_FILE).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    match = _DIALECT_LINE.search(text)
    name = match.group(1).lower() if match else None
    return name if name in DIALECTS else None


def render_settings(settings: Settings, dialect: str | None = None) -> str:
    """A new settings file, commented so the person knows what each key does."""
    start = settings.start.isoformat() if settings.start else ""
    dialect = dialect or settings.dialect or "dendron"
    if dialect != "dendron":  # Obsidian, Foam: the folder, not a hierarchy
        plan = yaml_text(settings.plan or "")
        return (
            "# dendron-jobsearch settings (see the README)\n"
            f"dialect: {dialect}  # the app whose vault this is: dendron, obsidian, foam\n"
            f"plan: {plan}  # the plan note (its path, without .md)\n"
            f"folder: {yaml_text(settings.folder or 'Job search')}  # where the job search lives\n"
            f"start: {start}  # first day of the search; stage due dates count from it\n"
            f"offer_window_days: {settings.offer_window_days}  # warn if offer deadlines "
            "spread wider\n"
        )
    return (
        "# dendron-jobsearch settings (see the README)\n"
        f"plan: {settings.plan or DEFAULT_PLAN}  # the plan note (fname)\n"
        + (f"vault: {settings.vault}  # where new notes go\n" if settings.vault else "")
        + f"hierarchy: {settings.hierarchy}  # stage notes, dashboard, companies live under it\n"
        f"start: {start}  # first day of the search; stage due dates count from it\n"
        f"offer_window_days: {settings.offer_window_days}  # warn if offer deadlines spread wider\n"
        + (
            f"dialect: {settings.dialect}  # how the vault reads: dendron, obsidian or foam\n"
            if settings.dialect == "dendron"
            else ""
        )
    )


def yaml_text(value: str) -> str:
    """A plain YAML scalar when it reads back as itself, else single-quoted."""
    dumped = yaml.safe_dump(value, default_flow_style=True, width=1_000_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
