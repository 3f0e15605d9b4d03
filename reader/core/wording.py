"""How counts are written for people: "1 error", "2 errors", "1 passage in 3 interviews"."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None, *, shown: str = "") -> str:
    """`count` (or `shown`, such as "100+") and the noun, singular for exactly one
    ("1 warning", "0 warnings")."""
    return f"{shown or count} {noun if count == 1 else nouns or noun + 's'}"
