"""The link graph: a networkx MultiDiGraph of notes, stubs and missing targets, and its exports.

Nodes are keyed by fname (`dendron://vault/fname` when the workspace has several vaults).
Edges carry `kind`: `link` (with type, alias, anchor, line) or `child` (hierarchy).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from ..workspace import ResolvedLink, Workspace
    from .model import Note

GRAPH_FORMATS = ("json", "graphml", "dot", "mermaid")


def node_key(ws: Workspace, note: Note) -> str:
    return note.fname if len(ws.config.vaults) <= 1 else f"dendron://{note.vault}/{note.fname}"


def graph_json(ws: Workspace) -> dict[str, Any]:
    """`{"notes": [...], "links": [...]}` (the shape `graph --format json` documents),
    straight from the index (no networkx needed)."""
    return {
        "notes": [_note_json(n) for n in ws.notes],
        "links": [_link_json(r) for r in ws.links()],
    }


def _note_json(note: Note) -> dict[str, Any]:
    return {
        "fname": note.fname,
        "vault": note.vault,
        "id": note.id,
        "title": note.title,
        "stub": note.stub,
        "path": note.rel or None,
    }


def _link_json(resolved: ResolvedLink) -> dict[str, Any]:
    link = resolved.link
    target = resolved.targets[0].fname if len(resolved.targets) == 1 else link.value
    return {
        "from": resolved.source.fname,
        "from_vault": resolved.source.vault,
        "to": target,
        "vault": link.vault,
        "type": link.type,
        "value": link.value,
        "alias": link.alias,
        "anchor": link.anchor,
        "line": link.line,
        "resolved": resolved.resolved,
    }


def build_graph(ws: Workspace) -> nx.MultiDiGraph:
    import networkx as nx

    graph = nx.MultiDiGraph()
    for note in ws.notes:
        graph.add_node(
            node_key(ws, note),
            fname=note.fname,
            vault=note.vault,
            title=note.title,
            stub=note.stub,
            missing=False,
        )
    dialect = ws.index.dialect
    by_vault_key = {(n.vault, dialect.clean_name(n.fname)): n for n in ws.notes}
    for note in ws.notes:
        if note.fname == dialect.root_fname:
            continue
        parent_key = dialect.clean_name(dialect.parent_fname(note.fname))
        parent = by_vault_key.get((note.vault, parent_key))
        if parent is not None:
            graph.add_edge(node_key(ws, parent), node_key(ws, note), kind="child")
    for resolved in ws.links():
        link = resolved.link
        attrs = {
            "kind": "link",
            "type": link.type,
            "alias": link.alias or "",
            "anchor": link.anchor or "",
            "line": link.line or 0,
        }
        if resolved.targets:
            for target in resolved.targets:
                graph.add_edge(node_key(ws, resolved.source), node_key(ws, target), **attrs)
        else:
            missing = f"missing:{link.value}"
            if missing not in graph:
                graph.add_node(
                    missing, fname=link.value, vault="", title=link.value, stub=False, missing=True
                )
            graph.add_edge(node_key(ws, resolved.source), missing, **attrs)
    return graph


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: nx.MultiDiGraph) -> str:
    lines = ["digraph dendron {"]
    for node, data in graph.nodes(data=True):
        style = ' style="dashed"' if data["stub"] else ' color="red"' if data["missing"] else ""
        lines.append(f"  {_quote(node)} [label={_quote(data['title'])}{style}];")
    for source, target, data in graph.edges(data=True):
        style = ' style="dotted"' if data["kind"] == "child" else ""
        lines.append(f"  {_quote(source)} -> {_quote(target)} [kind={data['kind']}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(graph: nx.MultiDiGraph) -> str:
    """A Mermaid flowchart; labels are quoted, and characters Mermaid reserves are escaped."""
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    lines = ["graph LR"]
    for node, data in graph.nodes(data=True):
        label = str(data["title"]).replace('"', "#quot;")
        lines.append(f'  {ids[node]}["{label}"]')
        if data["stub"] or data["missing"]:
            lines.append(f"  class {ids[node]} {'missing' if data['missing'] else 'stub'}")
    for source, target, data in graph.edges(data=True):
        arrow = "-.->" if data["kind"] == "child" else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    lines.append("  classDef stub stroke-dasharray: 4 4")
    lines.append("  classDef missing stroke:#c00")
    return "\n".join(lines) + "\n"


def export_graph(ws: Workspace, fmt: str) -> str:
    """The graph in one of GRAPH_FORMATS, as text."""
    return _json_bytes(ws).decode("utf-8") if fmt == "json" else _drawn(ws, fmt)


def graph_bytes(ws: Workspace, fmt: str) -> bytes:
    """The graph in one of GRAPH_FORMATS, UTF-8 encoded, for writing out. JSON is encoded a
    few hundred links at a time and never held whole as one `str`: one emoji in a title
    makes such a string four bytes a character, the largest thing a load holds."""
    return _json_bytes(ws) if fmt == "json" else _drawn(ws, fmt).encode("utf-8")


def _drawn(ws: Workspace, fmt: str) -> str:
    """The networkx graph as GraphML, DOT or Mermaid."""
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    graph = ws.graph()
    if fmt == "graphml":
        import networkx as nx

        return "\n".join(nx.generate_graphml(graph)) + "\n"
    return to_dot(graph) if fmt == "dot" else to_mermaid(graph)


_LINKS_AT_ONCE = 512


def _json_bytes(ws: Workspace) -> bytes:
    """`graph_json`, compact (with `indent`, json falls back to its slow Python encoder)."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    notes = encode([_note_json(n) for n in ws.notes]).encode("utf-8")
    links = ws.links()
    parts = [
        encode([_link_json(r) for r in links[start : start + _LINKS_AT_ONCE]])[1:-1].encode()
        for start in range(0, len(links), _LINKS_AT_ONCE)
    ]
    return b'{"notes":' + notes + b',"links":[' + b",".join(parts) + b"]}\n"
