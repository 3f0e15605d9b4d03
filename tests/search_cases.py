"""One table for the reader's one search language, checked at all three places it is typed:
`/` in an article, Ctrl+F over the library, and `reader search` (tests/unit/test_search_language.py,
tests/ui/test_search_language_ui.py).

Each row is a query and what it must find in the library tests/fixtures/interviews: the
passages as (bundle, speaker key, first words of the turn), or (bundle, "title") for the
title or standfirst, which only the library search looks in (the article's own search
covers its text).
"""

from __future__ import annotations

from pathlib import Path

from reader.core import model as m

LIBRARY = Path(__file__).parent / "fixtures" / "interviews"
ALLOTMENT, LIGHTHOUSE = "allotment-hour", "lighthouse-keeper"
TITLE = "title"

Found = tuple[str, str, str]  # (slug, speaker key or TITLE, first words of the turn)

CASES: list[tuple[str, set[Found]]] = [
    # a phrase, in the question and inside a long answer
    ('"cooking oil"', {(ALLOTMENT, "JO", "Cooking oil."), (ALLOTMENT, "ELLA", "In the heaviest")}),
    ('"cake fruit"', set()),  # a phrase keeps its order
    ("fruit cake", {(ALLOTMENT, "ELLA", "Once, with a fruit")}),  # words: both in a paragraph
    (
        "shipping forecast",
        {(LIGHTHOUSE, "AB", "Of the sea, no."), (LIGHTHOUSE, "HW", "The shipping")},
    ),
    ("LULLABY", {(LIGHTHOUSE, "HW", "The shipping"), (LIGHTHOUSE, "AB", "Better than any")}),
    ("petition*", {(ALLOTMENT, "ELLA", "The Prothero family"), (ALLOTMENT, "KEV", "A petition")}),
    # speakers by surname, first name, key, full name; alone: every turn of theirs
    ("speaker:Bevan lullaby", {(LIGHTHOUSE, "AB", "Better than any")}),
    ("speaker:aled lullaby", {(LIGHTHOUSE, "AB", "Better than any")}),
    ("speaker:HW lullaby", {(LIGHTHOUSE, "HW", "The shipping")}),
    ('speaker:"Ella Fairweather" tape', {(ALLOTMENT, "ELLA", "Thank you. I've brought")}),
    (
        '"tape measure"',
        {(ALLOTMENT, "ELLA", "Thank you. I've brought"), (ALLOTMENT, "KEV", "Thanks, Ella.")},
    ),
    (
        "speaker:Moss",
        {
            (ALLOTMENT, "KEV", text)
            for text in (
                "Morning, morning.",
                "Ha! Not this year.",
                "They are.",
                "The feed merchant!",
                "I'd never have",
                "No!",
                "Mm.",
                "Go on, tell Jo",
                "A petition",
                "Thanks, Ella.",
            )
        },
    ),  # fmt: skip
    # the questions only, the answers only
    ("q: lullaby", {(LIGHTHOUSE, "HW", "The shipping")}),
    ("a: lullaby", {(LIGHTHOUSE, "AB", "Better than any")}),
    # the title, in the library
    ("allotment", {(ALLOTMENT, TITLE, ""), (ALLOTMENT, "JO", "Hello and welcome")}),
]


def found_in(slug: str, article: m.Article, block: int) -> Found:
    """What a hit at `block` of `article` counts as in the table."""
    if block < 0:
        return (slug, TITLE, "")
    turn = article.blocks[block]
    return (slug, turn.speaker or "", turn.text)


def same(found: set[Found], expected: set[Found]) -> bool:
    """Whether the passages found are those expected (a turn is named by its first words)."""

    def key(item: Found) -> tuple[str, str]:
        return item[0], item[1]

    if len(found) != len(expected):
        return False
    left = sorted(found)
    return all(any(key(f) == key(e) and f[2].startswith(e[2]) for f in left) for e in expected)


def in_text(expected: set[Found]) -> set[Found]:
    """The part of `expected` that an article's own search finds (not the title)."""
    return {item for item in expected if item[1] != TITLE}
