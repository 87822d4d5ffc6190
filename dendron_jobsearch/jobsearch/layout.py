"""Where the job search lives in a vault and how its notes are named, per dialect.

Every name the tool makes or looks for — the plan, stage notes, companies, interviews, the
dashboard, topic notes, the self-evaluation, templates — and every link it writes comes from
one `Layout`, so the rest of the job search never spells a note name itself.

- Dendron: dotted hierarchies (`jobsearch.stage.01-preparation-for-interviews`,
  `jobsearch.company.acme`, `templates.jobsearch.stage`), links `[[Title|fname]]`.
- Obsidian and Foam: folders (`Job search/Stages/01 Preparation for interviews`,
  `Job search/Companies/Acme`), names as people write them, links `[[path|Title]]` (the
  target first, as both apps read `[[target|alias]]`). The folder and the names of its parts
  are settings (`folder`, `names` in `dendron-jobsearch.yml`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from ..write import escape
from ..write import notes as new_notes
from ..write.regions import definitions_start

if TYPE_CHECKING:
    from ..settings import Settings
    from ..workspace import Workspace
    from .plan import Stage

TASKS_DUE = "\N{CALENDAR}"  # 📅, the Tasks plugin's due date
DIALECTS = ("dendron", "obsidian", "foam")
DEFAULT_FOLDER = "Job search"
# the parts of the job-search folder (Obsidian, Foam), by the key `names:` sets them with
DEFAULT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "plan": "Plan",
        "stages": "Stages",
        "companies": "Companies",
        "interviews": "Interviews",
        "dashboard": "Dashboard",
        "topics": "Topics",
        "self_evaluation": "Self evaluation",
        "templates": "Templates",
    }
)
# Obsidian refuses these in file names (and `#^[]|` break a link to the note): Obsidian
# help, "Internal links" and the app's "File name cannot contain any of the following".
_UNSAFE_IN_NAME = re.compile(r'[*"\\/<>:|?#^\[\]]+')


def slug(text: str) -> str:
    """A lower-case, dash-separated fname segment (no dots, nothing Dendron forbids); letters
    and digits of every script are kept (`日本語`, `société`), as Dendron's own names keep them."""
    normal = unicodedata.normalize("NFC", text).lower()
    cleaned = re.sub(r"[\W_]+", "-", normal).strip("-")
    return cleaned[:60].rstrip("-") or "stage"


def file_name(text: str, fallback: str = "Note") -> str:
    """A note name Obsidian and Foam accept as a file name and as a link target: the
    characters they refuse become spaces, a leading dot is dropped (a hidden file)."""
    cleaned = " ".join(_UNSAFE_IN_NAME.sub(" ", text).split()).strip(". ")
    return cleaned[:80].rstrip(". ") or fallback


@dataclass(frozen=True)
class Layout:
    """Dendron's layout; `FolderLayout` is Obsidian's and Foam's."""

    dialect: ClassVar[str] = "dendron"
    app: ClassVar[str] = "Dendron"  # the app's name, for what the exports say of a note
    tasks_plugin: ClassVar[bool] = False  # whether the Tasks plugin reads the vault's tasks
    hierarchy: str = "jobsearch"
    due_format: ClassVar[str] = "%Y.%m.%d"  # Dendron's task notes write `due` so
    template_prefix: ClassVar[str] = "templates.jobsearch."

    # the plan and the notes it links to
    @property
    def plan(self) -> str:
        return "interviews.all-stages"

    def topic(self, name: str) -> str:
        """The note a link of the bundled plan names (`interviews.System Design`)."""
        return f"interviews.{name}"

    # stages
    def stage(self, stage: Stage) -> str:
        return f"{self.hierarchy}.stage.{stage.number:02d}-{slug(stage.title)}"

    @property
    def stages(self) -> str:
        """The parent of the stage notes."""
        return f"{self.hierarchy}.stage"

    def stage_number_prefix(self, number: int) -> str:
        """What every name of stage `number`'s note starts with, whatever its title."""
        return f"{self.hierarchy}.stage.{number:02d}-"

    @property
    def dashboard(self) -> str:
        return f"{self.hierarchy}.dashboard"

    # companies and interviews
    @property
    def companies(self) -> str:
        """The parent of the company notes."""
        return f"{self.hierarchy}.company"

    @property
    def company_prefix(self) -> str:
        return self.companies + "."

    def company(self, name: str) -> str:
        return self.company_prefix + slug(name)

    def interviews(self, company: str) -> str:
        """The parent of a company's interview notes."""
        return f"{company}.interview"

    def interview(self, company: str, day: date, kind: str) -> str:
        return f"{self.interviews(company)}.{day.isoformat()}-{slug(kind)}"

    def is_interview(self, fname: str) -> bool:
        return ".interview." in fname.lower()

    # the self-evaluation
    @property
    def self_evaluation(self) -> str:
        """The plan's self-evaluation note, when the plan links to none."""
        return f"{self.hierarchy}.self-evaluation"

    def is_self_evaluation(self, fname: str) -> bool:
        """A note name that is a self-evaluation note (`… self evaluation`, any case,
        space or dash)."""
        last = self.leaf(fname).lower().replace(" ", "-")
        return last.endswith("self-evaluation")

    def cycle(self, parent: str, start: date) -> str:
        """The self-evaluation note of the cycle that started on `start`."""
        return f"{parent}.{start.strftime('%Y.%m.%d')}"

    def leaf(self, fname: str) -> str:
        return fname.rsplit(".", 1)[-1]

    # templates
    def template(self, name: str) -> str:
        return self.template_prefix + name

    def template_file(self, name: str) -> str:
        """The bundled template of `name` (in `vault_templates/`)."""
        return f"templates.jobsearch.{name}.md"

    # new notes and edits
    def note_text(
        self, title: str, body: str, custom: dict[str, Any] | None = None, kind: str = ""
    ) -> str:
        """A new note of `kind` (stage, company, ...): Dendron's frontmatter, then `custom`."""
        return new_notes.note_text(title, body, custom)

    def stamp(self, today: date) -> Any:
        """What `updated` is bumped to (None: Dendron's epoch milliseconds, now)."""
        return None

    def append_before(self, text: str) -> int | None:
        """Where a region appended to a note must stay above (None: the end)."""
        return None

    def day(self, value: date) -> str:
        """A date as the stage notes' `due` keys hold it."""
        return value.strftime(self.due_format)

    def task_due(self, value: date) -> str:
        """What a stage's checklist items carry of its due date (Dendron: nothing)."""
        return ""

    def due_value(self, value: date) -> Any:
        """`due` / `planned_due` as written into a stage note (Dendron: `YYYY.MM.DD`)."""
        return value.strftime(self.due_format)

    # links
    def link(self, target: str, label: str = "") -> str:
        """A wikilink to `target` showing `label` (none: the bare target), the label made
        safe (`escape.label`). A name no link can hold (a file named with a line break or
        `]]`) is written as text instead."""
        if not escape.linkable(target):
            return escape.text(label) or escape.text(target)
        shown = escape.label(label)
        return f"[[{shown}|{target}]]" if shown else f"[[{target}]]"

    def table_link(self, target: str, label: str = "") -> str:
        """`link`, its pipe escaped so a table cell keeps it whole."""
        if not escape.linkable(target):
            return escape.cell(label) or escape.cell(target)
        shown = escape.label(label)
        return f"[[{shown}\\|{target}]]" if shown else f"[[{target}]]"

    def link_target(self, inner: str) -> str:
        """The target of a link this layout wrote, from what is between `[[` and `]]`."""
        return inner.replace("\\|", "|").rsplit("|", 1)[-1].strip()


@dataclass(frozen=True)
class FolderLayout(Layout):
    """Obsidian's and Foam's: the job search in one folder, notes named as people name
    files (`Job search/Stages/01 Preparation for interviews`)."""

    dialect: ClassVar[str] = "obsidian"
    app: ClassVar[str] = "Obsidian"
    tasks_plugin: ClassVar[bool] = True
    due_format: ClassVar[str] = "%Y-%m-%d"  # a date property, as Obsidian types it
    folder: str = DEFAULT_FOLDER
    names: Mapping[str, str] = field(default_factory=lambda: DEFAULT_NAMES)

    def note_text(
        self, title: str, body: str, custom: dict[str, Any] | None = None, kind: str = ""
    ) -> str:
        """Only the note's own properties (no ids, no epoch times); empty values as empty
        properties; the keys Dendron's task notes have and these apps do not, left out."""
        keys = {k: v for k, v in (custom or {}).items() if k != "priority"}
        if not keys.get("owner"):
            keys.pop("owner", None)
        return new_notes.note_text(title, body, self.kind_keys(kind) | keys, ids=False)

    def kind_keys(self, kind: str) -> dict[str, Any]:
        """A nested tag saying what the note is (`jobsearch/stage`), so a Dataview or
        search query finds the search's notes (`#jobsearch/stage`): help.obsidian.md,
        Tags > Nested tags; Properties > Default properties (`tags`, a list)."""
        return {"tags": [f"jobsearch/{kind}"]} if kind else {}

    def stamp(self, today: date) -> Any:
        return today

    def task_due(self, value: date) -> str:
        """The Tasks plugin's due date field (obsidian-tasks-docs: Getting Started/Dates)."""
        return f"{TASKS_DUE} {value.isoformat()}"

    def due_value(self, value: date) -> Any:
        return value  # a date property, `YYYY-MM-DD`

    def part(self, key: str) -> str:
        return f"{self.folder}/{self.names.get(key) or DEFAULT_NAMES[key]}"

    @property
    def plan(self) -> str:
        return self.part("plan")

    def topic(self, name: str) -> str:
        return f"{self.part('topics')}/{file_name(name)}"

    def stage(self, stage: Stage) -> str:
        return f"{self.stage_number_prefix(stage.number)}{file_name(stage.title, 'Stage')}"

    @property
    def stages(self) -> str:
        return self.part("stages")

    def stage_number_prefix(self, number: int) -> str:
        return f"{self.stages}/{number:02d} "

    @property
    def dashboard(self) -> str:
        return self.part("dashboard")

    @property
    def companies(self) -> str:
        return self.part("companies")

    @property
    def company_prefix(self) -> str:
        return self.companies + "/"

    def company(self, name: str) -> str:
        return self.company_prefix + file_name(name, "Company")

    def interviews(self, company: str) -> str:
        return f"{company}/{self.names.get('interviews') or DEFAULT_NAMES['interviews']}"

    def interview(self, company: str, day: date, kind: str) -> str:
        return f"{self.interviews(company)}/{day.isoformat()} {file_name(kind, 'Interview')}"

    def is_interview(self, fname: str) -> bool:
        interviews = (self.names.get("interviews") or DEFAULT_NAMES["interviews"]).lower()
        return f"/{interviews}/" in fname.lower()

    @property
    def self_evaluation(self) -> str:
        return self.topic(self.names.get("self_evaluation") or DEFAULT_NAMES["self_evaluation"])

    def cycle(self, parent: str, start: date) -> str:
        return f"{parent}/{start.isoformat()}"

    def leaf(self, fname: str) -> str:
        return fname.rsplit("/", 1)[-1]

    def template(self, name: str) -> str:
        return f"{self.templates_folder}/{name.capitalize()}"

    @property
    def templates_folder(self) -> str:
        """Obsidian: `Templates/Job search`, under the core Templates plugin's folder."""
        return f"{self.names.get('templates') or DEFAULT_NAMES['templates']}/{self.folder}"

    def link(self, target: str, label: str = "") -> str:
        """`[[path|label]]`; without a label the note's own name shows (a bare link would
        show the whole path)."""
        if not escape.linkable(target):
            return escape.text(label) or escape.text(self.leaf(target))
        return f"[[{target}|{escape.label(label) or escape.label(self.leaf(target))}]]"

    def link_target(self, inner: str) -> str:
        return inner.replace("\\|", "|").split("|", 1)[0].strip()

    def table_link(self, target: str, label: str = "") -> str:
        if not escape.linkable(target):
            return escape.cell(label) or escape.cell(self.leaf(target))
        return f"[[{target}\\|{escape.label(label) or escape.label(self.leaf(target))}]]"


@dataclass(frozen=True)
class FoamLayout(FolderLayout):
    """Foam's: as Obsidian's, with the templates where Foam looks for them."""

    dialect: ClassVar[str] = "foam"
    app: ClassVar[str] = "Foam"
    tasks_plugin: ClassVar[bool] = False

    @property
    def templates_folder(self) -> str:
        return ".foam/templates"

    def template(self, name: str) -> str:
        return f"{self.templates_folder}/{slug(self.folder)}-{name}"

    def note_text(
        self, title: str, body: str, custom: dict[str, Any] | None = None, kind: str = ""
    ) -> str:
        """As Obsidian's, with the title as the first `#` heading (Foam titles a note so)
        and a `type:` (Foam's templates and graph use it). A title Markdown would not show
        as written (`<img …>`, `#tag`) is escaped in the heading and kept whole in a
        `title:` property, which Foam reads first."""
        keys = {k: v for k, v in (custom or {}).items() if k != "priority"}
        if not keys.get("owner"):
            keys.pop("owner", None)
        keys = self.kind_keys(kind) | keys
        titled = body.lstrip("\n").startswith("# ")  # a template that titles it itself
        shown = escape.text(title)
        if shown != title:
            keys = {"title": title} | keys
            rest = body.lstrip("\n").removeprefix(f"# {title}")
            if titled and rest[:1] in ("", "\n", "\r"):  # the template's `# $FOAM_TITLE`
                body = f"# {shown}{rest}"
        return new_notes.note_text(shown, body, keys, ids=False, heading=not titled)

    def kind_keys(self, kind: str) -> dict[str, Any]:
        return {"type": f"jobsearch-{kind}"} if kind else {}

    def task_due(self, value: date) -> str:
        return ""  # Foam has no task dates of its own

    def append_before(self, text: str) -> int | None:
        return definitions_start(text)


def make_layout(dialect: str, settings: Settings) -> Layout:
    """The layout of a vault of `dialect` with the person's settings."""
    if dialect == "dendron":
        return Layout(settings.hierarchy)
    names = MappingProxyType({**DEFAULT_NAMES, **(settings.names or {})})
    cls = FoamLayout if dialect == "foam" else FolderLayout
    return cls(settings.hierarchy, settings.folder or DEFAULT_FOLDER, names)


def dialect_name(ws: Workspace | None) -> str:
    """The dialect a workspace was read in ("dendron" for none yet: a new workspace)."""
    if ws is None:
        return "dendron"
    name = getattr(ws.index.dialect, "name", None)
    if isinstance(name, str) and name in DIALECTS:
        return name
    cls = type(ws.index.dialect).__name__.lower()
    return next((d for d in DIALECTS if d in cls), "dendron")


def layout_of(ws: Workspace | None, settings: Settings) -> Layout:
    return make_layout(dialect_name(ws), settings)
