"""The link graph: a networkx MultiDiGraph of notes, stubs, attachments and missing targets,
and its exports.

Nodes are keyed by fname (`dendron://vault/fname` when the workspace has several vaults); an
embedded attachment by its path from the workspace root. Each node's `kind` is `note` or
`attachment`. Edges carry `kind`: `link` (with type, alias, anchor, line) or `child`
(hierarchy).
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
    """`{"notes": [...], "links": [...], "attachments": [...]}` (the shape `graph --format
    json` documents), straight from the index (no networkx needed)."""
    links = ws.links()
    return {
        "notes": [_note_json(n) for n in ws.notes],
        "links": [_link_json(r) for r in links],
        "attachments": _attachments_json(links),
    }


def _attachments_json(links: list[ResolvedLink]) -> list[dict[str, Any]]:
    """Every embedded file that exists, once, by path: the graph's attachment nodes."""
    found = {r.file: r.source.vault for r in links if r.file is not None}
    return [{"path": path, "vault": found[path]} for path in sorted(found)]


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
    if resolved.file is not None:
        target = resolved.file
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
        "attachment": resolved.attachment,
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
            kind="note",
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
        source = node_key(ws, resolved.source)
        if resolved.attachment:
            graph.add_edge(source, _attachment_node(graph, resolved), **attrs)
        elif resolved.targets:
            for target in resolved.targets:
                graph.add_edge(source, node_key(ws, target), **attrs)
        else:
            missing = f"missing:{link.value}"
            if missing not in graph:
                graph.add_node(
                    missing,
                    fname=link.value,
                    vault="",
                    title=link.value,
                    stub=False,
                    missing=True,
                    kind="note",
                )
            graph.add_edge(source, missing, **attrs)
    return graph


def _attachment_node(graph: nx.MultiDiGraph, resolved: ResolvedLink) -> str:
    """The node of an embedded file, added the first time: keyed by its path (`file:path`
    should a note hold that name), `missing-file:value` while there is no such file."""
    path = resolved.file
    key = f"missing-file:{resolved.link.value}" if path is None else path
    if key in graph and graph.nodes[key]["kind"] != "attachment":
        key = f"file:{key}"
    if key not in graph:
        name = (path or resolved.link.value).rpartition("/")[2]
        graph.add_node(
            key,
            fname=path or resolved.link.value,
            vault=resolved.source.vault if path else "",
            title=name,
            stub=False,
            missing=path is None,
            kind="attachment",
        )
    return key


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: nx.MultiDiGraph) -> str:
    lines = ["digraph dendron {"]
    for node, data in graph.nodes(data=True):
        style = ' style="dashed"' if data["stub"] else ' color="red"' if data["missing"] else ""
        if data["kind"] == "attachment":
            style += ' shape="box"'
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
        if data["kind"] == "attachment":
            lines.append(f"  class {ids[node]} attachment")
    for source, target, data in graph.edges(data=True):
        arrow = "-.->" if data["kind"] == "child" else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    lines.append("  classDef stub stroke-dasharray: 4 4")
    lines.append("  classDef missing stroke:#c00")
    lines.append("  classDef attachment fill:#eef")
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
    attachments = encode(_attachments_json(links)).encode("utf-8")
    return (
        b'{"notes":'
        + notes
        + b',"links":['
        + b",".join(parts)
        + b'],"attachments":'
        + attachments
        + b"}\n"
    )
