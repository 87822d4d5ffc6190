"""dendron-jobsearch: run a structured job search inside a Dendron workspace, an Obsidian
vault or a Foam workspace.

The public API, kept small (the command line uses nothing else):

    from dendron_jobsearch import open_workspace, check, load_settings, load_jobsearch
    ws = open_workspace("path/to/workspace")          # notes, links, graph, findings
    open_workspace("vault", dialect="obsidian")       # or "foam", "dendron"; ws.dialect
    detect_dialect(Path("vault")), DIALECTS           # which tool's vault a folder is
    ws.notes, ws.get("interviews.all-stages"), ws.links(), ws.graph(), ws.findings
    check(ws)                                         # `dendron-jobsearch check`
    search = load_jobsearch(ws, load_settings(ws.root))
    search.plan, search.schedule, search.stages, search.progress, search.projected_finish
    search.remaining(stage), search.behind(stage)     # the days it counts, behind its window
    search.plan_findings                              # plan-inconsistent: times it misses
    scaffold("my-search"), sync(ws, load_settings(ws.root)), Watcher(ws, settings)
    load_pipeline(ws, settings)                       # companies, interviews, offers
    export_jira(search), export_ics(search)           # `export jira`, `export ics`
    export_applications(ws, settings, "csv")          # `export applications`
    search.alignment                                  # the offer-alignment plan, or None
    set_offer(ws, settings, "Acme", base="180k", deadline=day)   # `offer set`
    extend_offer(ws, settings, "Acme", to=day)        # `offer extend`
    parse_money("£160k") -> Money(160000.0, "GBP")    # amounts as people write pay
    self_evaluate(search)                             # `dendron-jobsearch self-eval`
    cache_path("path/to/workspace"), clear_cache()    # `cache path`, `cache clear`
    in_range(day)                                     # a day a search can name (1900-2999)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .checks import CheckReport
    from .dates import in_range
    from .findings import Finding, JobSearchError, WorkspaceError
    from .jobsearch.alignment import AlignmentPlan, plan_alignment
    from .jobsearch.applications import Application, ApplicationsRecord, Step, load_applications
    from .jobsearch.model import JobSearch, load_jobsearch
    from .jobsearch.money import Money, parse_money
    from .jobsearch.offerlog import Change, History
    from .jobsearch.pipeline import Offer, Pipeline, load_pipeline
    from .jobsearch.plan import Plan, PlanError, parse_plan
    from .jobsearch.schedule import Schedule, build_schedule
    from .settings import Settings, load_settings
    from .usecases.check import check
    from .usecases.companies import AddError, add_company, add_interview
    from .usecases.export import (
        APPLICATION_FORMATS,
        export_applications,
        export_ics,
        export_jira,
    )
    from .usecases.offers import OfferError, extend_offer, set_offer
    from .usecases.scaffold import scaffold
    from .usecases.selfeval import self_evaluate
    from .usecases.sync import sync
    from .vault.dialects import Dialect, NoteFile
    from .vault.dialects.detect import DIALECTS, detect_dialect
    from .vault.graph import GRAPH_FORMATS, export_graph, graph_bytes
    from .vault.model import ChecklistItem, DefinitionsBlock, Heading, Link, Note, TaskFields
    from .views.alignment import alignment_lines
    from .views.dashboard import overview
    from .views.pipeline import funnel_line, money, part_text
    from .watch import Watcher
    from .workspace import (
        ResolvedLink,
        Workspace,
        cache_path,
        clear_cache,
        locate_workspace,
        open_workspace,
    )
    from .write.files import WriteError, write_file
    from .write.templates import TemplateError
    from .write.writer import WriteResult

# Exported names are imported on first use (PEP 562) so the command line starts fast.
_EXPORTS = {
    "check": "usecases.check",
    "CheckReport": "checks",
    "in_range": "dates",
    "Finding": "findings",
    "WorkspaceError": "findings",
    "JobSearchError": "findings",
    "ChecklistItem": "vault.model",
    "TaskFields": "vault.model",
    "DefinitionsBlock": "vault.model",
    "NoteFile": "vault.dialects",
    "Dialect": "vault.dialects",
    "DIALECTS": "vault.dialects.detect",
    "detect_dialect": "vault.dialects.detect",
    "locate_workspace": "workspace",
    "Heading": "vault.model",
    "Link": "vault.model",
    "Note": "vault.model",
    "ResolvedLink": "workspace",
    "Workspace": "workspace",
    "open_workspace": "workspace",
    "cache_path": "workspace",
    "clear_cache": "workspace",
    "Settings": "settings",
    "load_settings": "settings",
    "JobSearch": "jobsearch.model",
    "load_jobsearch": "jobsearch.model",
    "Pipeline": "jobsearch.pipeline",
    "Offer": "jobsearch.pipeline",
    "Money": "jobsearch.money",
    "parse_money": "jobsearch.money",
    "Change": "jobsearch.offerlog",
    "History": "jobsearch.offerlog",
    "OfferError": "usecases.offers",
    "set_offer": "usecases.offers",
    "extend_offer": "usecases.offers",
    "part_text": "views.pipeline",
    "Application": "jobsearch.applications",
    "ApplicationsRecord": "jobsearch.applications",
    "Step": "jobsearch.applications",
    "load_applications": "jobsearch.applications",
    "APPLICATION_FORMATS": "usecases.export",
    "export_applications": "usecases.export",
    "export_ics": "usecases.export",
    "export_jira": "usecases.export",
    "AlignmentPlan": "jobsearch.alignment",
    "plan_alignment": "jobsearch.alignment",
    "alignment_lines": "views.alignment",
    "load_pipeline": "jobsearch.pipeline",
    "self_evaluate": "usecases.selfeval",
    "AddError": "usecases.companies",
    "add_company": "usecases.companies",
    "add_interview": "usecases.companies",
    "Plan": "jobsearch.plan",
    "PlanError": "jobsearch.plan",
    "parse_plan": "jobsearch.plan",
    "Schedule": "jobsearch.schedule",
    "build_schedule": "jobsearch.schedule",
    "scaffold": "usecases.scaffold",
    "sync": "usecases.sync",
    "Watcher": "watch",
    "GRAPH_FORMATS": "vault.graph",
    "export_graph": "vault.graph",
    "graph_bytes": "vault.graph",
    "TemplateError": "write.templates",
    "funnel_line": "views.pipeline",
    "money": "views.pipeline",
    "overview": "views.dashboard",
    "WriteError": "write.files",
    "write_file": "write.files",
    "WriteResult": "write.writer",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "APPLICATION_FORMATS",
    "DIALECTS",
    "GRAPH_FORMATS",
    "AddError",
    "AlignmentPlan",
    "Application",
    "ApplicationsRecord",
    "Change",
    "CheckReport",
    "ChecklistItem",
    "DefinitionsBlock",
    "Dialect",
    "Finding",
    "Heading",
    "History",
    "JobSearch",
    "JobSearchError",
    "Link",
    "Money",
    "Note",
    "NoteFile",
    "Offer",
    "OfferError",
    "Pipeline",
    "Plan",
    "PlanError",
    "ResolvedLink",
    "Schedule",
    "Settings",
    "Step",
    "TaskFields",
    "TemplateError",
    "Watcher",
    "Workspace",
    "WorkspaceError",
    "WriteError",
    "WriteResult",
    "__version__",
    "add_company",
    "add_interview",
    "alignment_lines",
    "build_schedule",
    "cache_path",
    "check",
    "clear_cache",
    "detect_dialect",
    "export_applications",
    "export_graph",
    "export_ics",
    "export_jira",
    "extend_offer",
    "funnel_line",
    "graph_bytes",
    "in_range",
    "load_applications",
    "load_jobsearch",
    "load_pipeline",
    "load_settings",
    "locate_workspace",
    "money",
    "open_workspace",
    "overview",
    "parse_money",
    "parse_plan",
    "part_text",
    "plan_alignment",
    "scaffold",
    "self_evaluate",
    "set_offer",
    "sync",
    "write_file",
]
