"""The sandbox templates render in: Jinja2's, with limits, so that no template — the person's
own, or one copied from elsewhere — can take the machine.

Jinja2's sandbox keeps a template from Python; it does not keep it from asking for 10 GB
(`{{ 'x' * 10**10 }}`) or from looping for hours. Here every way a template has to grow a
value or repeat work is bounded before it runs, and anything else a template can do is
linear in its own length:

- a value: at most `MAX_SIZE` characters (or items, counted through nested lists), checked
  before an operator, filter or method that could grow one (`*`, `+`, `%`, `~`, `center`,
  `replace`, `join`, `format`, ...) allocates it, and on every value passed or returned;
- the output: at most `MAX_SIZE` characters in all, macros' and `{% set %}` blocks' included;
- `range()`: at most `MAX_RANGE` numbers; loops: at most `MAX_LOOPS` turns in all;
- numbers: at most `MAX_INT_BITS` bits (`10**10**10` is refused, not computed);
- time: `TIME_LIMIT` seconds, checked at every call, filter, loop turn and output.

Each refusal is a `Refused` naming the limit; `render` in `templates` gives it its line.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from jinja2 import ChainableUndefined, nodes
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

MAX_SIZE = 1_000_000  # characters (or items) in one value, and in the whole output
MAX_RANGE = 10_000  # numbers in one range()
MAX_LOOPS = 100_000  # loop turns in all
MAX_INT_BITS = 10_000  # about 3,000 digits
TIME_LIMIT = 5.0  # seconds


class Refused(Exception):
    """What the sandbox does not let a template do; `lineno` (of the template's text) when
    it is known before the template runs."""

    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.lineno = lineno


def weight(value: Any, limit: int = MAX_SIZE) -> int:
    """How big a value is written out, roughly: the characters of its strings plus one per
    item, counted through nested lists, dicts and namespaces (so `[a, a]` weighs twice `a`);
    it stops counting once past `limit`."""
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str | range):
            total += len(item)
        elif isinstance(item, dict):
            total += 1 + len(item)
            pending += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            total += 1 + len(item)
            pending += item
        elif isinstance(item, Namespace):  # `namespace()`: its attributes are a dict
            pending.append(getattr(item, "_Namespace__attrs", {}))
        else:
            total += 1
    return total


def _size(value: Any) -> int:
    """A width or count: its number; anything else: its weight."""
    return value if isinstance(value, int) else weight(value)


def _largest(values: Any) -> int:
    if isinstance(values, dict):
        values = list(values.values())
    if not isinstance(values, list | tuple):
        values = [values]
    return max((weight(v) for v in values), default=0)


_SPECS = re.compile(r"%(?:\([^)]*\))?[-#0 +*\d.]*|:[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")


def _formatted(fmt: str, values: Any) -> int:
    """What `fmt % values` or `fmt.format(...)` can grow to: its text, each field the largest
    value, and every width it names (`{:>80}`, `%-20s`; `%*d` and `{:{w}}` take theirs from
    the values)."""
    specs = _SPECS.findall(fmt)
    digits = [d for spec in specs for d in re.findall(r"\d+", spec)]
    widths = sum(int(d) if len(d) < 10 else MAX_SIZE + 1 for d in digits)
    if any("*" in s or "{" in s for s in specs):
        found = values.values() if isinstance(values, dict) else values
        numbers = found if isinstance(found, Iterable) and not isinstance(found, str) else [found]
        widths += sum(abs(n) for n in numbers if isinstance(n, int))
    return len(fmt) + (fmt.count("%") + fmt.count("{")) * _largest(values) + widths


def _replaced(text: str, old: str, new: str) -> int:
    return len(text) + (text.count(old) if old else len(text) + 1) * len(new)


# What a call can grow a string to, for the str methods that can grow one far past what
# they are given: (the string, the call's arguments) → characters
_METHODS: dict[str, Callable[..., int]] = {
    "center": lambda s, width, *_: len(s) + width,
    "ljust": lambda s, width, *_: len(s) + width,
    "rjust": lambda s, width, *_: len(s) + width,
    "zfill": lambda s, width: len(s) + width,
    "expandtabs": lambda s, tabsize=8: len(s) + s.count("\t") * tabsize,
    "replace": lambda s, old, new, *_: _replaced(s, old, new),
    "join": lambda sep, items: weight(items) + len(sep) * len(items),
    "translate": lambda s, table: len(s) * (1 + _largest(table)),
    "format": lambda s, *args, **kwargs: _formatted(s, [*args, *kwargs.values()]),
    "format_map": lambda s, mapping: _formatted(s, mapping),
}

# The same for the filters (by their parameters' names in `jinja2.filters`)
_FILTERS: dict[str, Callable[[dict[str, Any]], int]] = {
    "center": lambda a: weight(a["value"]) + a["width"],
    "indent": lambda a: weight(a["s"]) + (str(a["s"]).count("\n") + 1) * _size(a["width"]),
    "wordwrap": lambda a: weight(a["s"]) * (1 + len(a["wrapstring"] or "\n")),
    "batch": lambda a: weight(a["value"]) + a["linecount"],
    "slice": lambda a: weight(a["value"]) + a["slices"],
    "format": lambda a: _formatted(str(a["value"]), [*a["args"], *a["kwargs"].values()]),
    "replace": lambda a: _replaced(str(a["s"]), str(a["old"]), str(a["new"])),
    "join": lambda a: weight(a["value"]) + len(a["value"]) * len(str(a["d"])),
    "tojson": lambda a: weight(a["value"]) * (1 + _size(a["indent"] or 0)),
    "urlize": lambda a: weight(a["value"]) * (4 + len(a["target"] or "") + len(a["rel"] or "")),
}


def _settled(value: Any) -> Any:
    """An iterator (`map`, `select`, a generator) as a list, so that it can be weighed."""
    if not isinstance(value, Iterator):
        return value
    items = []
    for item in value:
        items.append(item)
        if len(items) > MAX_SIZE:
            raise Refused(f"a sequence of more than {MAX_SIZE:,} items (the limit)")
    return items


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's sandbox (lists and dicts read-only), every operator, call, filter, loop and
    output checked against the limits; one per render, since it counts as it goes."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, time_limit: float | None = None) -> None:
        super().__init__(undefined=ChainableUndefined, keep_trailing_newline=True, autoescape=False)
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self.deadline = time.monotonic() + self.time_limit
        self.loops = 0
        self.written = 0
        self.globals["range"] = self.bounded_range
        self.globals.pop("lipsum", None)  # paragraphs of Lorem Ipsum by the million
        self.filters = {name: self._bounded(name, f) for name, f in self.filters.items()}

    # -- the checks

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise Refused(f"it takes more than {self.time_limit:g} seconds (the limit)")

    def check_size(self, size: int) -> None:
        if size > MAX_SIZE:
            raise Refused(f"it makes a value of more than {MAX_SIZE:,} characters (the limit)")

    def check_number(self, bits: int) -> None:
        if bits > MAX_INT_BITS:
            raise Refused(f"it makes a number of more than {MAX_INT_BITS:,} bits (the limit)")

    # -- what the template calls (directly, or through `guarded`)

    def bounded_range(self, *args: int) -> range:
        numbers = range(*args)
        try:
            count = len(numbers)
        except OverflowError:  # more than fits a machine word
            count = MAX_RANGE + 1
        if count > MAX_RANGE:
            raise Refused(f"range() of more than {MAX_RANGE:,} numbers (the limit)")
        return numbers

    def guard_loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.loops += 1
            if self.loops > MAX_LOOPS:
                raise Refused(f"its loops run more than {MAX_LOOPS:,} times (the limit)")
            self.check_time()
            yield item

    def guard_output(self, value: Any) -> Any:
        self.written += weight(value)
        if self.written > MAX_SIZE:
            raise Refused(f"it writes more than {MAX_SIZE:,} characters (the limit)")
        return value

    def guard_concat(self, *values: Any) -> str:
        self.check_size(sum(weight(v) for v in values))
        return "".join(map(str, values))

    # -- Jinja2's hooks

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        sequences = (str, list, tuple)
        if operator == "*" and isinstance(left, int) and isinstance(right, int):
            self.check_number(left.bit_length() + right.bit_length())
        elif operator == "*" and isinstance(left, sequences) and isinstance(right, int):
            self.check_size(weight(left) * right)
        elif operator == "*" and isinstance(left, int) and isinstance(right, sequences):
            self.check_size(left * weight(right))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            self.check_number(max(left.bit_length(), 1) * right)
        elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
            self.check_size(weight(left) + weight(right))
        elif operator == "%" and isinstance(left, str):
            self.check_size(_formatted(left, right))
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.check_time()
        args = tuple(_settled(a) for a in args)
        kwargs = {k: _settled(v) for k, v in kwargs.items()}
        for value in (*args, *kwargs.values()):
            self.check_size(weight(value))
        method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps `str.format`
        grows = _METHODS.get(getattr(method, "__name__", ""))
        if grows is not None and isinstance(getattr(method, "__self__", None), str):
            # (arguments the call itself refuses, it refuses with its own message)
            with contextlib.suppress(TypeError, ValueError, AttributeError):
                self.check_size(grows(method.__self__, *args, **kwargs))
        if isinstance(obj, LoopContext) and args:  # `loop(children)`: a recursive loop
            args = (self.guard_loop(args[0]), *args[1:])
        result = super().call(context, obj, *args, **kwargs)
        self.check_size(weight(result))
        return result

    def _bounded(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """A filter, checked as `call` checks a call (filters do not go through it)."""
        grows = _FILTERS.get(name)
        signature = inspect.signature(func) if grows is not None else None

        @functools.wraps(func)  # keeps `jinja_pass_arg`: the context a filter is passed
        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.check_time()
            args = tuple(_settled(a) for a in args)
            kwargs = {k: _settled(v) for k, v in kwargs.items()}
            for value in (*args, *kwargs.values()):
                self.check_size(weight(value))
            if grows is not None and signature is not None:
                # (arguments the filter itself refuses, it refuses with its own message)
                with contextlib.suppress(TypeError, ValueError, AttributeError):
                    bound = signature.bind(*args, **kwargs)
                    bound.apply_defaults()
                    self.check_size(grows(bound.arguments))
            result = func(*args, **kwargs)
            self.check_size(weight(result))
            return result

        return bounded


def _guarded(name: str, *args: nodes.Node, lineno: int) -> nodes.Call:
    """`environment.<name>(args)`: a call of one of the sandbox's guards (`args`: expressions,
    which Jinja2's own fields type as nodes)."""
    exprs = cast(list[nodes.Expr], list(args))
    call = nodes.Call(nodes.EnvironmentAttribute(name), exprs, [], None, None)
    call.set_lineno(lineno)
    return call


class _Guards(NodeTransformer):
    """The template's tree with the guards the sandbox's hooks cannot reach: every loop's
    turns and every output counted, `~` checked; `include` and its kin refused (there is
    nothing to include from, and nothing should be)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _guarded("guard_loop", node.iter, lineno=node.lineno)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_guarded("guard_output", n, lineno=n.lineno) for n in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _guarded("guard_concat", *node.nodes, lineno=node.lineno)

    def _refuse(self, node: nodes.Node, keyword: str) -> nodes.Node:
        raise Refused(f"templates cannot include other templates ({{% {keyword} %}})", node.lineno)

    def visit_Include(self, node: nodes.Include) -> nodes.Node:
        return self._refuse(node, "include")

    def visit_Import(self, node: nodes.Import) -> nodes.Node:
        return self._refuse(node, "import")

    def visit_FromImport(self, node: nodes.FromImport) -> nodes.Node:
        return self._refuse(node, "from ... import")

    def visit_Extends(self, node: nodes.Extends) -> nodes.Node:
        return self._refuse(node, "extends")


def guarded_tree(env: BoundedSandbox, source: str) -> nodes.Template:
    """The parsed template, guarded (TemplateSyntaxError when it does not parse)."""
    tree = _Guards().visit(env.parse(source))
    assert isinstance(tree, nodes.Template)
    tree.set_environment(env)
    return tree


def template_line(err: BaseException) -> int | None:
    """The template line an error was raised at: Jinja2 rewrites the traceback of a render
    so that its frames of the template are named `<template>` and hold template lines."""
    line, tb = None, err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


__all__ = ["MAX_SIZE", "BoundedSandbox", "Refused", "guarded_tree", "template_line"]
