"""Hypothesis settings for the property tests, and the strategies they share.

Profiles: "ci" (the default: bounded examples, no deadline, so a slow CI machine never
fails on time) and "deep" (many more examples, for a long local run:
`HYPOTHESIS_PROFILE=deep pytest tests/fuzz -m "slow or not slow"`). Tests marked `slow`
run only when asked for (`-m slow`).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("deep", parent=settings.get_profile("ci"), max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_runtest_setup(item) -> None:
    if item.get_closest_marker("slow") and "slow" not in (item.config.option.markexpr or ""):
        pytest.skip("slow: run with -m slow")


# Pieces of interview Markdown, hostile bytes and odd Unicode, so random bodies hit the
# parser's rules (labels, quotes, lists, fences, images, footnotes, asides) and its cleaning.
PIECES = [
    "Q: ", "A: ", "ME: ", "**Kim:** ", "KIM: ", "Note: ", "NB\\: ", "\n\n", "\n", "  ", " ",
    "> ", "- ", "1. ", "# ", "## ", "---", "```", "    code", "![caption](pic.png)",
    "![c](../../etc/passwd \"credit\")", "text[^1]", "[^1]: a note", "(laughs)", "(pause)",
    "[love of]", "[bold]x[/bold]", "[/]", "[@click=app.quit]q[/]", "`code`", "*em*", "**strong**",
    "~~gone~~", "[link](https://x.example)", "<b>raw</b>", "&amp;", "&#x1b;", "\\", ":", "|",
    "word", "words here", "don’t", "“quoted”", "İstanbul", "東京", "e\u0301", "👩‍👧",
    "\x1b]52;c;eA==\x07", "\x1b[31m", "\x9b", "\x07", "\x08", "\r", "\t", "\u202e", "\u200b",
    "\ufeff", "\x7f",
]  # fmt: skip
MARKDOWN = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
