"""A YAML loader that reads scalars the way Dendron's js-yaml 4 does (YAML 1.2 core schema).

PyYAML implements YAML 1.1, where `title: 08` is the string "08", `yes` is true and `10:00`
is 600; js-yaml 4 reads those as 8, "yes" and "10:00". Dendron shows titles through js-yaml,
so we must too. Parsing stays in libyaml (C) where available; only scalar typing changes.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Base: type[yaml.SafeLoader]
try:
    _Base = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class DendronLoader(_Base):  # type: ignore[misc,valid-type]
    """Safe loading with js-yaml 4's implicit types: null, bool, int, float, timestamp, merge."""


DendronLoader.yaml_implicit_resolvers = {}

_RESOLVERS: list[tuple[str, str, str]] = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$",
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
        r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$",
        "0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^<<$", "<"),
]
for _tag, _pattern, _first in _RESOLVERS:
    DendronLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
# the empty plain scalar is null too
DendronLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """js-yaml 4 ints: 0b/0o/0x prefixes, and a leading 0 is still decimal."""
    text = str(loader.construct_scalar(node))
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping; a key given twice is an error, as in js-yaml (PyYAML keeps the last)."""
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"duplicated mapping key {key!r}",
                key_node.start_mark,
            )
        if isinstance(key, str | int | float | bool):
            seen[key] = 1
    return dict(loader.construct_pairs(node, deep=True))


def _construct_yaml_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    data: dict[Any, Any] = {}
    yield data
    data.update(_construct_mapping(loader, node))


DendronLoader.add_constructor("tag:yaml.org,2002:map", _construct_yaml_map)
DendronLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
DendronLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def load(text: str) -> Any:
    return yaml.load(text, Loader=DendronLoader)
