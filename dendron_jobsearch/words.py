"""English for the figures and names the tool writes: `1 day`, `2 days`; `Acme's`,
`Citadel Securities'`; `Acme is`, `Acme and Beta are` — a person reads these lines, and
`1 days over` or `Securities's` reads as a bug."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 day`, `0 days`, `-1 days` is never asked: callers pass how many."""
    return f"{number} {noun if abs(number) == 1 else plural or noun + 's'}"


def possessive(name: str) -> str:
    """`Acme's`; a name ending in s takes the apostrophe alone (`Citadel Securities'`)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def joined(names: list[str]) -> str:
    """`Acme`, `Acme and Beta`, `Acme, Beta and Gamma`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def are(names: list[str]) -> str:
    """`Acme is`, `Acme and Beta are`, `Acme, Beta and Gamma are`."""
    return f"{joined(names)} {'is' if len(names) == 1 else 'are'}"


__all__ = ["are", "count", "joined", "possessive"]
