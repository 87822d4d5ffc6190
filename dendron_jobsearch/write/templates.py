"""Templates: bundled in `vault_templates/`, overridable by a `templates.jobsearch.<name>` note
in the person's vault, rendered in Jinja2's sandbox with Dendron's template variables.

Dendron renders its templates with Handlebars; the variables it offers (`{{ TITLE }}`,
`{{ FNAME }}`, `{{ fm.key }}`, `{{ CURRENT_YEAR }}`, ...) read the same in Jinja2, so a
template written for Dendron's variables works here too. Handlebars blocks (`{{#if}}`) do
not: the tool's templates use Jinja2 statements instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding, JobSearchError
from ..vault.frontmatter import split_frontmatter

if TYPE_CHECKING:
    from ..vault.model import Note

TEMPLATE_PREFIX = "templates.jobsearch."


class TemplateError(JobSearchError):
    """A template that does not render; names the template file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(Finding("template-invalid", path, line, message))
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Template:
    name: str
    source: str  # the whole file: frontmatter and body
    origin: str  # where it came from, for messages
    body_line: int  # file line of the body's first line

    @property
    def body(self) -> str:
        return split_frontmatter(self.source).body


def bundled_file(filename: str) -> str:
    """A file of `vault_templates/`: inside the package once installed from a wheel, at the
    top of the source tree in a checkout (an editable install)."""
    installed = resources.files("dendron_jobsearch") / "vault_templates" / filename
    if installed.is_file():
        return installed.read_text("utf-8")
    checkout = Path(__file__).resolve().parents[2] / "vault_templates" / filename
    return checkout.read_text("utf-8")


def load_template(name: str, note: Note | None = None) -> Template:
    """The person's template note `templates.jobsearch.<name>` when given, else bundled."""
    fname = TEMPLATE_PREFIX + name
    if note is not None and note.file is not None:
        with open(note.file, encoding="utf-8-sig") as handle:
            text = handle.read()
        return Template(name, text, note.rel, split_frontmatter(text).body_line)
    text = bundled_file(f"{fname}.md")
    return Template(name, text, f"vault_templates/{fname}.md", split_frontmatter(text).body_line)


def load_template_file(name: str, path: Path, origin: str) -> Template:
    """A template the person keeps as a file in the vault (Obsidian's `Templates/` folder,
    Foam's `.foam/templates/`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateError(origin, None, f"cannot read the template: {err}") from None
    return Template(name, text, origin, split_frontmatter(text).body_line)


_FOAM_VARIABLE = re.compile(r"\$\{?(FOAM_[A-Z_]+)\}?")


FOAM_VALUES = "__foam"  # the context key Foam's variables are read from


def foam_variables(text: str) -> str:
    """Foam's template variables a job-search template may hold (`$FOAM_TITLE`,
    `${FOAM_DATE_YEAR}`, ...: foam-docs/docs/user/features/templates.md) as Jinja2
    expressions reading `foam_values`, so a title is output as text — a company called
    `{{fm.title}}` is never itself rendered as a template; others are left as written."""
    known = foam_values("", date.min)

    def expression(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"{{{{ {FOAM_VALUES}.{name} }}}}" if name in known else match.group(0)

    return _FOAM_VARIABLE.sub(expression, text)


def foam_values(title: str, today: date) -> dict[str, str]:
    """What Foam fills its variables with."""
    return {
        "FOAM_TITLE": title,
        "FOAM_TITLE_SAFE": title,
        "FOAM_DATE_YEAR": f"{today.year:04d}",
        "FOAM_DATE_MONTH": f"{today.month:02d}",
        "FOAM_DATE_DATE": f"{today.day:02d}",
        "FOAM_DATE_WEEK": f"{today.isocalendar().week:02d}",
        "FOAM_DATE_DAY_ISO": str(today.isoweekday()),
    }


def dendron_variables(
    title: str, fname: str, desc: str, fm: dict[str, Any], today: date | None = None
) -> dict[str, Any]:
    """The variables Dendron's templates offer (`common-server/src/template.ts`); the dates
    are `today`'s (the command's day: `DENDRON_JOBSEARCH_TODAY` when set), the time of day
    the clock's."""
    now = datetime.now()
    if today is not None:
        now = datetime.combine(today, now.time())
    return {
        "TITLE": title,
        "FNAME": fname,
        "DESC": desc,
        "title": title,
        "fname": fname,
        "desc": desc,
        "fm": fm,
        "CURRENT_YEAR": now.strftime("%Y"),
        "CURRENT_MONTH": now.strftime("%m"),
        "CURRENT_MONTH_NAME": now.strftime("%B"),
        "CURRENT_MONTH_NAME_SHORT": now.strftime("%b"),
        "CURRENT_WEEK": f"{now.isocalendar().week:02d}",
        "CURRENT_DAY": now.strftime("%d"),
        "CURRENT_HOUR": now.strftime("%H"),
        "CURRENT_MINUTE": now.strftime("%M"),
        "CURRENT_SECOND": now.strftime("%S"),
        "CURRENT_DAY_OF_WEEK": (now.weekday() + 1) % 7,  # JavaScript's getDay: Sunday is 0
        "CURRENT_DAY_OF_WEEK_ABBR": now.strftime("%a"),
        "CURRENT_DAY_OF_WEEK_FULL": now.strftime("%A"),
        "CURRENT_DAY_OF_WEEK_SINGLE": now.strftime("%a")[0],
        "CURRENT_QUARTER": (now.month - 1) // 3 + 1,
    }


def render(template: Template, context: dict[str, Any]) -> str:
    """The template's body rendered in a bounded sandbox (`sandbox`: no Python, no files,
    no other templates, limited size and time); whatever stops it is a TemplateError at the
    template's line, never a traceback."""
    import jinja2

    from .sandbox import BoundedSandbox, Refused, guarded_tree, template_line

    env = BoundedSandbox()
    body = template.body
    if "FOAM_" in body:  # a Foam template: its variables, filled as Foam fills them
        today = context.get("today") or date.today()
        body = foam_variables(body)
        context = {**context, FOAM_VALUES: foam_values(str(context.get("title", "")), today)}

    def line(lineno: int | None) -> int | None:
        return template.body_line + lineno - 1 if lineno else None

    try:
        compiled = env.from_string(guarded_tree(env, body))
        out: list[str] = []
        for chunk in compiled.generate(context):  # guard_output has counted it
            env.check_time()
            out.append(chunk)
        return "".join(out)
    except jinja2.TemplateSyntaxError as err:
        message = f"template does not parse: {err.message}"
        raise TemplateError(template.origin, line(err.lineno), message) from None
    except Refused as err:
        where = line(err.lineno or template_line(err))
        raise TemplateError(template.origin, where, f"template does not render: {err}") from None
    except RecursionError as err:
        message = "template does not render: it calls itself too deeply (a macro without end?)"
        raise TemplateError(template.origin, line(template_line(err)), message) from None
    except MemoryError as err:
        message = "template does not render: it needs more memory than there is"
        raise TemplateError(template.origin, line(template_line(err)), message) from None
    except Exception as err:  # the template's own mistake (`1/0`, a filter's bad argument)
        message = f"template does not render: {err}"
        raise TemplateError(template.origin, line(template_line(err)), message) from None
