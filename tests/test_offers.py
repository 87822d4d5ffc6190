"""Offers (issue 16): amounts as people write them (fixtures/tables/amounts.md), a total
that is unknown when a part does not read (never a partial sum) in every view, and an
offer's history (each figure and deadline with its day) kept in the company note."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dendron_jobsearch import JobSearch, load_jobsearch, open_workspace
from dendron_jobsearch.cli import main
from dendron_jobsearch.jobsearch.money import parse_money
from dendron_jobsearch.settings import load_settings

from .conftest import table

TODAY = date(2027, 3, 2)
_CODE = re.compile(r"\\u\{([0-9A-Fa-f]+)\}")


def read_amounts(lines: str) -> str:
    """Each line and what it reads as: `number [currency]`, or `| why it is refused`."""
    out = ""
    for written in lines.splitlines():
        value = _CODE.sub(lambda m: chr(int(m.group(1), 16)), written)
        try:
            money = parse_money(value)
        except ValueError as err:
            out += f"{written} | {str(err).replace(value, written)}\n"
            continue
        assert money is not None
        number = f"{money.value:.2f}".rstrip("0").rstrip(".")
        out += f"{written} → {number}{f' {money.currency}' if money.currency else ''}\n"
    return out


@pytest.mark.parametrize(("text", "expected"), table("amounts.md"))
def test_amounts(text: str, expected: str) -> None:
    assert read_amounts(text) == expected


def company(title: str, **keys: str) -> str:
    lines = [f"{k}: {v}" for k, v in {"pipeline": "offer", **keys}.items()]
    return "\n".join(["---", f"id: {title.lower()}", f"title: {title}", *lines, "---", ""])


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), *args], env={"DENDRON_JOBSEARCH_TODAY": TODAY.isoformat()}
    )
    return result.exit_code, result.output


def test_a_pasted_text_is_refused_at_once_as_an_amount() -> None:
    """A posting pasted into `offer_base` (long runs of spaces and digits) is refused on
    its length, not after a search over how its spaces split (that took minutes)."""
    for pasted in ("1" + " " * 100_000 + "x", "1" + " 1" * 50_000 + "x", "$" + " " * 100_000):
        with pytest.raises(ValueError, match="is not an amount: it is"):
            parse_money(pasted)
    assert parse_money("  $185k / yr  ") == parse_money("$185k/yr")


APPS = ("dendron", "obsidian", "foam")


@pytest.fixture(params=APPS)
def vault(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A scaffolded search in each app's vault, with companies Acme and Jane Street."""
    from dendron_jobsearch import scaffold

    root = tmp_path / request.param
    root.mkdir()
    scaffold(root, start=date(2027, 1, 4), today=TODAY, dialect=request.param)
    for name in ("Acme", "Jane Street"):
        assert cli(root, "company", "add", name, "--applied", "2027-01-20")[0] == 0
    return root


def search_of(root: Path) -> JobSearch:
    ws = open_workspace(root, use_cache=False)
    return load_jobsearch(ws, load_settings(root), today=TODAY)


def note_of(root: Path, name: str) -> Path:
    search = search_of(root)
    found = next(c for c in search.pipeline.companies if c.name == name)
    assert found.note.path is not None
    return found.note.path


def set_keys(path: Path, **keys: str) -> None:
    """The person edits keys of the note's frontmatter: a key's line replaced, or added
    before the closing `---`."""
    text = path.read_text(encoding="utf-8")
    for key, value in keys.items():
        line = re.compile(rf"^{key}:.*$", re.M)
        end = text.index("\n---", 3)
        if line.search(text[:end]):
            wanted = f"{key}: {value}"
            text = line.sub(lambda _m: wanted, text, count=1)  # noqa: B023 (used at once)
        else:
            text = f"{text[:end]}\n{key}: {value}{text[end:]}"
    path.write_text(text, encoding="utf-8")


def dashboard_text(root: Path) -> str:
    search = search_of(root)
    note = search.ws.get(search.dashboard)
    assert note is not None and note.path is not None
    return note.path.read_text(encoding="utf-8")


def status(root: Path) -> dict[str, Any]:
    code, out = cli(root, "status", "--json")
    assert code == 0, out
    said: dict[str, Any] = json.loads(out)
    return said


def offer_json(root: Path, name: str) -> dict[str, Any]:
    companies = status(root)["companies"]
    offer: dict[str, Any] = next(c for c in companies if c["name"] == name)["offer"]
    return offer


def test_an_unreadable_part_makes_the_total_unknown_in_every_view(vault: Path) -> None:
    """`offer_base: lots` next to a bonus: the total is unknown in `status`, `--json`,
    the dashboard and the calendar feed, never the bonus alone."""
    path = note_of(vault, "Acme")
    set_keys(path, pipeline="offer", offer_base="lots", offer_bonus="20k",
             offer_deadline="2027-03-20")  # fmt: skip
    offer = offer_json(vault, "Acme")
    assert (offer["base"], offer["bonus"], offer["total"], offer["total_known"]) == (
        None, 20000.0, None, False
    )  # fmt: skip
    assert offer["unreadable"] == ["offer_base"]
    code, out = cli(vault, "status")
    row = next(line for line in out.splitlines() if "Acme" in line and "20,000" in line)
    assert "unknown" in row and "20,000" in row, out
    assert cli(vault, "sync")[0] == 0
    board = dashboard_text(vault)
    board_row = next(line for line in board.splitlines() if "Acme" in line and "20,000" in line)
    assert "| ? |" in board_row and "| unknown |" in board_row
    code, feed = cli(vault, "export", "ics")
    assert code == 0 and "total unknown" in feed.replace("\r\n ", "")
    assert "total 20,000" not in feed.replace("\r\n ", "")


@pytest.mark.parametrize(("written", "read"), [("160k", 160000.0), ("'£160,000'", 160000.0),
                                               ("160 000", 160000.0), ("1.2m", 1200000.0),
                                               ("$185k/yr", 185000.0)])  # fmt: skip
def test_pay_reads_as_people_write_it(vault: Path, written: str, read: float) -> None:
    set_keys(note_of(vault, "Acme"), pipeline="offer", offer_base=written)
    said = status(vault)
    offer = offer_json(vault, "Acme")
    assert (offer["base"], offer["total"], offer["total_known"]) == (read, read, True)
    assert not [f for f in said["findings"] if "offer_base" in f["message"]]


def days_later(root: Path, day: date, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), *args], env={"DENDRON_JOBSEARCH_TODAY": day.isoformat()}
    )
    return result.exit_code, result.output


def history_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    begin = text.index("<!-- dendron-jobsearch:begin offer -->")
    end = text.index("<!-- dendron-jobsearch:end offer -->")
    return [line for line in text[begin:end].splitlines()[1:] if line.startswith("- ")]


def test_sync_keeps_the_offer_history_and_converges(vault: Path) -> None:
    """The person edits the offer keys on two days: sync records each figure and deadline
    with the day it was first seen, once; the person's own line in the region stays."""
    path = note_of(vault, "Acme")
    set_keys(path, pipeline="offer", offer_base="165k", offer_currency="GBP",
             offer_deadline="2027-05-10")  # fmt: skip
    assert days_later(vault, date(2027, 3, 4), "sync")[0] == 0
    assert days_later(vault, date(2027, 3, 4), "sync", "--json")[1].count('"changed": []') == 1
    set_keys(path, offer_base="180,000", offer_deadline="2027-05-17")
    assert days_later(vault, date(2027, 3, 9), "sync")[0] == 0
    assert history_lines(path) == [
        "- 2027-03-04 base 165,000", "- 2027-03-04 currency GBP",
        "- 2027-03-04 deadline 2027-05-10", "- 2027-03-09 base 180,000",
        "- 2027-03-09 deadline 2027-05-17",
    ]  # fmt: skip
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- 2027-03-09 base", "- 2027-03-08 base"), encoding="utf-8")
    code, out = days_later(vault, date(2027, 3, 10), "sync", "--json")
    changed = json.loads(out)["changed"]
    assert code == 0 and not [p for p in changed if "acme" in p.lower()], "their day stands"
    code, out = days_later(vault, date(2027, 3, 10), "status")
    assert "Acme: base 165,000 → 180,000, deadline 2027-05-10 → 2027-05-17" in out
    offer = offer_json(vault, "Acme")
    assert (offer["first_deadline"], offer["deadline"], offer["extended"]) == (
        "2027-05-10", "2027-05-17", True
    )  # fmt: skip
    assert "2027-05-10 → 2027-05-17" in dashboard_text(vault)


def test_offer_set_and_extend_edit_the_keys_and_record_the_history(vault: Path) -> None:
    path = note_of(vault, "Jane Street")
    before = path.read_text(encoding="utf-8")
    code, out = days_later(vault, date(2027, 3, 4), "offer", "set", "Jane Street",
                           "--base", "£165k", "--bonus", "30k", "--deadline", "2027-05-10",
                           "--dry-run")  # fmt: skip
    assert code == 0 and "+offer_base: 165000" in out and path.read_text() == before
    args = ("offer", "set", "Jane Street", "--base", "£165k", "--bonus", "30k",
            "--deadline", "2027-05-10")  # fmt: skip
    assert days_later(vault, date(2027, 3, 4), *args)[0] == 0
    code, out = days_later(vault, date(2027, 3, 5), *args, "--json")
    assert code == 0 and json.loads(out)["changed"] == [], "the same offer again writes nothing"
    offer = offer_json(vault, "Jane Street")
    assert (offer["base"], offer["bonus"], offer["total"], offer["currency"]) == (
        165000.0, 30000.0, 195000.0, "GBP"
    )  # fmt: skip
    company = next(c for c in status(vault)["companies"] if c["name"] == "Jane Street")
    assert company["pipeline"] == "offer"
    code, err = days_later(vault, date(2027, 3, 6), "offer", "extend", "Jane Street",
                           "--to", "2027-05-01")  # fmt: skip
    assert code == 1 and "is before Jane Street's deadline 2027-05-10" in err
    assert days_later(vault, date(2027, 3, 6), "offer", "extend", "Jane Street",
                      "--to", "2027-05-17")[0] == 0  # fmt: skip
    assert history_lines(path) == [
        "- 2027-03-04 base 165,000", "- 2027-03-04 bonus 30,000",
        "- 2027-03-04 currency GBP", "- 2027-03-04 deadline 2027-05-10",
        "- 2027-03-06 deadline 2027-05-17",
    ]  # fmt: skip
    code, out = days_later(vault, date(2027, 3, 6), "sync", "--json")
    assert code == 0 and not [p for p in json.loads(out)["changed"] if "jane" in p.lower()]
    code, out = days_later(vault, date(2027, 3, 6), "sync", "--json")
    assert code == 0 and json.loads(out)["changed"] == [], "sync agrees with what the command wrote"
    assert before.splitlines()[0] == path.read_text(encoding="utf-8").splitlines()[0]


def test_an_unknown_company_gets_a_did_you_mean(vault: Path) -> None:
    code, err = cli(vault, "offer", "set", "Jane Streeet", "--base", "100k")
    assert code == 1 and "did you mean 'Jane Street'?" in err
    assert "create" not in err
    code, err = cli(vault, "offer", "set", "Acme", "--base", "$100k", "--currency", "GBP")
    assert code == 1 and "'$100k' is in USD, but the offer is in GBP" in err
