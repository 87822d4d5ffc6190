"""Amounts as people write pay: `160k`, `£160,000`, `160 000`, `1.2m`, `$185k/yr` (the
forms are in fixtures/tables/amounts.md), with the currency a sign or code names."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# More than any pay in any currency: `1e400`, `inf` and `nan` read as floats but are no amount.
_MOST = 1e15
_LONGEST = 100
# what a currency sign in an amount says (a `$` agrees with any dollar in `offer_currency`)
SIGNS = {"$": "$", "US$": "USD", "C$": "CAD", "A$": "AUD", "£": "GBP", "€": "EUR",
         "¥": "JPY", "₹": "INR", "₩": "KRW", "₪": "ILS"}  # fmt: skip
DOLLARS = ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN")
_SPACES = "\u00a0\u202f\u2009\u2007 _"  # no-break, narrow no-break, thin, figure spaces
_PER = r"(?:\s*(?:/\s*(?:yr|year|y|annum|a)|p\.?a\.?|per\s+(?:year|annum)|a\s+year))?"
_MONEY = re.compile(
    r"^(?P<pre>[A-Za-z]{3}(?=[\s\d$£€¥₹])|US\$|C\$|A\$|[$£€¥₹₩₪])?\s*"
    # spaces only between digits: a run of them is then matched one way (linear, not a
    # backtracking search of how to split it between this group and the next `\s*`)
    r"(?P<num>\d[\d,.'_]*(?:[\u00a0\u202f\u2009\u2007 ]+\d[\d,.'_]*)*)"
    r"\s*(?P<mult>[kKmM](?![A-Za-z]))?\s*"
    rf"(?P<post>[A-Za-z]{{3}}(?![A-Za-z]))?{_PER}$"
)
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$|^\d{1,3}(?:\.\d{3})+,\d{1,2}$")


@dataclass(frozen=True)
class Money:
    """An amount as written: its value and the currency its sign or code names ('' none)."""

    value: float
    currency: str = ""


def _number(text: str, written: object) -> float:
    """`160,000` / `160 000` / `1.2` / `1.200.000` / `95.000,50` as a number (see
    parse_money for the dot rule)."""
    for space in _SPACES:
        text = text.replace(space, "")
    text = text.replace("'", "")  # 160'000, as in Switzerland
    if _DOT_GROUPS.match(text):  # 1.200.000 or 95.000,50: dots group thousands
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}\.\d{3}", text):  # 95.000: 95 or 95 thousand? say so
        raise ValueError(
            f"{written!r} is ambiguous (a dot between thousands, or a decimal point?): "
            f"write {text.replace('.', '')} or {text.replace('.', ',')}"
        )
    if re.fullmatch(r"[\d.]*\d,\d{1,2}", text):  # 95,5 or 1,50: a decimal comma? say so
        raise ValueError(f"{written!r} is ambiguous (a decimal comma?): write it with a dot")
    if text.count(".") > 1:
        raise ValueError(f"{written!r} is not an amount like 180000")
    return float(text.replace(",", ""))


def parse_money(value: object) -> Money | None:
    """An amount as people write pay: a YAML number, or text like `180,000`, `180_000`,
    `160 000` (any space, no-break ones too), `160k`, `185K`, `1.2m`, `£160,000`,
    `$185k/yr`, `GBP 160000`, `95000 EUR`, `1.200.000`, `95.000,50`; None when empty.
    A currency sign or code is the amount's currency (`$` is USD unless the offer says
    which dollar). Dots: two or more dot groups (`1.200.000`), or one before a decimal
    comma (`95.000,50`), group thousands; a lone `95.000` is refused as ambiguous (YAML
    itself reads an unquoted 95.000 as 95.0: quote it or write 95000). Raises ValueError
    for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    found: float | None = None
    currency = ""
    if isinstance(value, int | float):
        found = float(value) if abs(value) < _MOST else None
    elif isinstance(value, str):
        # no pay is written in more than _LONGEST characters, and each run of white space
        # counts as one: the pattern's optional spaces then never backtrack over a long run
        # (a pasted posting in `offer_base` is refused at once, not after a quadratic search)
        if len(value) > _LONGEST:
            raise ValueError(f"{value[:20]!r}… is not an amount: it is {len(value)} characters")
        match = _MONEY.match(" ".join(value.split()))
        if match is None:
            raise ValueError(f"{value!r} is not an amount like 180000, 180k or £180,000")
        pre, post = match.group("pre") or "", match.group("post") or ""
        if pre and post and SIGNS.get(pre, pre.upper()) != SIGNS.get(post, post.upper()):
            raise ValueError(f"{value!r} names two currencies")
        sign = pre or post
        currency = SIGNS.get(sign, sign.upper()) if sign else ""
        number = _number(match.group("num").strip(_SPACES + ",.'"), value)
        if match.group("num").rstrip(_SPACES).endswith((",", ".", "'")):
            raise ValueError(f"{value!r} is not an amount like 180000")
        scale = {"k": 1e3, "m": 1e6}.get((match.group("mult") or "").lower(), 1.0)
        found = number * scale
    if found is None or not math.isfinite(found) or abs(found) >= _MOST:
        raise ValueError(f"{value!r} is not an amount like 180000")
    return Money(round(found, 2), currency)


def parse_amount(value: object) -> float | None:
    """The number of an amount (see parse_money); raises ValueError when it is none."""
    money = parse_money(value)
    return None if money is None else money.value


def agrees(written: str, currency: str) -> bool:
    """Whether an amount's currency (`$`: some dollar) agrees with the offer's."""
    if not written or not currency:
        return True
    wanted = currency.strip().upper()
    return wanted in DOLLARS if written == "$" else written == wanted


def currency_of(written: str) -> str:
    """The currency an amount's sign names on its own (`$` alone is USD)."""
    return "USD" if written == "$" else written


__all__ = ["DOLLARS", "SIGNS", "Money", "agrees", "currency_of", "parse_amount", "parse_money"]
