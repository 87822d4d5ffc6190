"""What `company add`, `interview add` and `self-eval` write opens cleanly in Dendron's own
engine, which sees every note they created (and reads them as we do)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dendron_jobsearch import scaffold
from dendron_jobsearch.cli import main

from .oracle import compare, ours, run_oracle, without_table_escapes

pytestmark = pytest.mark.conformance


def test_companies_interviews_and_self_evaluation_open_in_dendron(
    oracle: Path, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    scaffold(root)
    created: list[str] = []

    def run(*args: str) -> None:
        result = CliRunner().invoke(main, ["-w", str(root), *args, "--json"])
        assert result.exit_code == 0, result.stderr
        created.extend(json.loads(result.stdout)["created"])

    run("company", "add", "Acme (Robotics), Inc.", "--role", "ML Engineer", "--source", "Blind")
    run("company", "add", "Beta: Quant's Fund", "--applied", "2027-01-05", "--referrer", "Ann")
    run("interview", "add", "Acme (Robotics), Inc.", "--date", "2027-01-20", "--kind", "screen")
    run("interview", "add", "beta-quant-s-fund", "--date", "2027-02-01", "--kind", "System Design")
    run("self-eval")
    sync = CliRunner().invoke(main, ["-w", str(root), "sync"])
    assert sync.exit_code == 0, sync.stderr
    assert len(created) == 5  # two companies, two interviews, the cycle's note

    dump = run_oracle(root)
    assert dump["error"] is None, dump["error"]
    notes = {n["fname"]: n for n in dump["notes"] if not n["stub"]}
    assert {Path(p).stem for p in created} <= set(notes)
    assert notes["jobsearch.company.acme-robotics-inc"]["title"] == "Acme (Robotics), Inc."
    assert notes["jobsearch.company.beta-quant-s-fund"]["title"] == "Beta: Quant's Fund"
    assert compare(without_table_escapes(dump), ours(root)) == []
