"""A template cannot take the machine: each hostile template, as the person's own company
template, makes `company add` fail at once with one `file:line: template-invalid` line —
no traceback, no note, bounded time and memory. And the template's dates are the command's
day (`DENDRON_JOBSEARCH_TODAY`), not the machine's."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch.cli import main
from dendron_jobsearch.write import sandbox

from .conftest import make_workspace

TODAY = "2031-05-06"
TEMPLATE = "vault/templates.jobsearch.company.md"
HEAD = "---\nid: tmpl\ntitle: Company\n---\n"  # 4 lines: the body starts at file line 5
NOTE = "vault/jobsearch.company.acme.md"


def company_add(root: Path, body: str) -> tuple[int, str, str, float]:
    (root / TEMPLATE).write_text(HEAD + body, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(
        main, ["-w", str(root), "company", "add", "Acme"], env={"DENDRON_JOBSEARCH_TODAY": TODAY}
    )
    return result.exit_code, result.stdout, result.stderr, time.monotonic() - started


@pytest.fixture
def root(scaffolded: Path) -> Path:
    """A scaffolded workspace (its company template is about to become the test's)."""
    assert (scaffolded / TEMPLATE).is_file()
    return scaffolded


# (template body, the body line the error names, what the message says)
HOSTILE = {
    "string repetition": ("# Notes\n\n{{ 'x' * 10**10 }}\n", 3, "more than 1,000,000 characters"),
    "huge power": ("{{ 10 ** (10 ** 10) }}\n", 1, "more than 10,000 bits"),
    "squaring": ("{% set n = 3 %}\n" + "{% set n = n * n %}\n" * 20, 14, "more than 10,000 bits"),
    "nested loops": (
        "a\n{% for i in range(10000) %}\n{% for j in range(10000) %}{% endfor %}\n{% endfor %}\n",
        3,
        "loops run more than 100,000 times",
    ),
    "nested range(100000)": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        1,
        "range() of more than 10,000 numbers",
    ),
    "range(10**9)": ("a\nb\n{{ range(10**9)|list }}\n", 3, "range() of more than 10,000 numbers"),
    "recursive macro": (
        "{% macro m(n) %}\n{{ m(n + 1) }}\n{% endmacro %}\n{{ m(1) }}\n",
        1,  # the macro that never stops
        "calls itself too deeply",
    ),
    "include": ("a\n{% include 'other.md' %}\n", 2, "cannot include other templates"),
    "import": ("{% import 'other.md' as other %}\n", 1, "cannot include other templates"),
    "from import": ("a\nb\n{% from 'x' import y %}\n", 3, "cannot include other templates"),
    "extends": ("{% extends 'base.md' %}\n", 1, "cannot include other templates"),
    "center": ("{{ 'x'|center(10000000000) }}\n", 1, "more than 1,000,000 characters"),
    "ljust": ("a\n{{ 'x'.ljust(10**10) }}\n", 2, "more than 1,000,000 characters"),
    "format width": ("{{ '{:>10000000000}'.format(1) }}\n", 1, "more than 1,000,000 characters"),
    "printf width": ("{{ '%*d' % (10**9, 1) }}\n", 1, "more than 1,000,000 characters"),
    "doubling with ~": (
        "{% set ns = namespace(s='x') %}\n"
        "{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}\n",
        2,
        "more than 1,000,000 characters",
    ),
    "lists of lists": (
        "{% set a = ['x' * 1000] %}\n" + "{% set a = [a, a] %}\n" * 40 + "{{ a }}\n",
        42,
        "more than 1,000,000 characters",
    ),
    "replace": ("{% set s = 'a' * 100000 %}{{ s.replace('', s) }}\n", 1, "1,000,000 characters"),
    "join": ("{% set s = 'a' * 100000 %}\n{{ s|join(s) }}\n", 2, "1,000,000 characters"),
    "a set block": (
        "{% set x %}\n{% for i in range(10000) %}" + "y" * 200 + "{% endfor %}\n{% endset %}\n",
        2,
        "writes more than 1,000,000 characters",
    ),
    "division by zero": ("a\n{{ 1 / 0 }}\n", 2, "division by zero"),
    "syntax": ("a\n{% if %}\n", 2, "template does not parse"),
}


@pytest.mark.parametrize(("body", "line", "says"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_template_is_one_error_line(root: Path, body: str, line: int, says: str) -> None:
    code, out, err, took = company_add(root, body)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {TEMPLATE}:{line + 4}: template-invalid: ")
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert took < 30  # generous: each stops in well under a second
    assert not (root / NOTE).exists()


def test_a_template_that_runs_too_long_is_stopped(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Macros calling macros twice, forty deep: 2**40 calls, no loop to count; the clock
    stops them (shortened here from its 5 seconds)."""
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.5)
    macros = [
        f"{{% macro m{i}() %}}{{{{ m{i + 1}() }}}}{{{{ m{i + 1}() }}}}{{% endmacro %}}\n"
        for i in range(40)
    ]
    body = "".join(macros) + "{% macro m40() %}.{% endmacro %}\n{{ m0() }}\n"
    code, _, err, took = company_add(root, body)
    assert code == 1 and "takes more than 0.5 seconds" in err and err.count("\n") == 1
    assert took < 10 and not (root / NOTE).exists()


def test_an_ordinary_template_still_renders(root: Path) -> None:
    body = (
        "# {{ TITLE }}\n{% for step in ['Apply', 'Screen'] %}- {{ loop.index }}. {{ step }}\n"
        "{% endfor %}{{ '%d' % 160000 }} {{ '{:,}'.format(12000000) }} {{ 'a' ~ 'b' }}"
        " {{ ['x', 'y']|join(', ') }} {{ 'title'|center(11) }}|{{ fm.pipeline }}\n"
    )
    code, _, err, _ = company_add(root, body)
    assert code == 0, err
    text = (root / NOTE).read_text(encoding="utf-8")
    assert text.endswith(
        "\n# Acme\n- 1. Apply\n- 2. Screen\n160000 12,000,000 ab x, y    title   |wishlist\n"
    )


def test_the_dates_are_the_commands_day(root: Path) -> None:
    body = (
        "{{ CURRENT_YEAR }}-{{ CURRENT_MONTH }}-{{ CURRENT_DAY }} {{ CURRENT_MONTH_NAME }}"
        " week {{ CURRENT_WEEK }} Q{{ CURRENT_QUARTER }} {{ CURRENT_DAY_OF_WEEK_FULL }}"
        " ({{ CURRENT_DAY_OF_WEEK }})\n"
    )
    code, _, err, _ = company_add(root, body)
    assert code == 0, err
    assert (
        (root / NOTE)
        .read_text(encoding="utf-8")
        .endswith("\n2031-05-06 May week 19 Q2 Tuesday (2)\n")
    )


def test_scaffold_fills_the_dates_with_its_day_too(tmp_path: Path) -> None:
    topic = "---\nid: t\ntitle: Topic\n---\n{{ CURRENT_YEAR }}-{{ CURRENT_MONTH }}\n"
    plan = "---\nid: p\ntitle: P\n---\n1. Go (**1 day**)\n   - see [[topics.graphs]]\n"
    make_workspace(tmp_path, {"p": plan, "templates.jobsearch.topic": topic})
    result = CliRunner().invoke(
        main, ["scaffold", str(tmp_path), "--plan", "p"], env={"DENDRON_JOBSEARCH_TODAY": TODAY}
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "vault" / "topics.graphs.md").read_text().endswith("\n2031-05\n")
