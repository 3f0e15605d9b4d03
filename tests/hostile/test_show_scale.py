"""Issue 17, item 6: `reader show` on a long code block (or an unclosed fence running to the
end of the file) did work that grew with the square of its lines: every line was added to
the text so far with a copy (100,000 lines: 82 s), and the whole block went to Rich, which
is slower than linear on a Text of many lines. The work is counted here, not timed."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from reader.core import render_text
from reader.core.bundle import load_bundle
from reader.core.render_text import article_to_markdown, render_console
from tests.helpers import make_single

LINES = 20_000


@pytest.fixture
def counted(monkeypatch):
    """Characters copied between Text objects, and the most lines Rich got in one print."""
    work = {"copied": 0, "most_lines": 0}
    real_copy, real_print = Text.copy, Console.print

    def copy(self):
        work["copied"] += len(self.plain)
        return real_copy(self)

    def print_(self, *objects, **kwargs):
        for thing in objects:
            if isinstance(thing, Text):
                work["most_lines"] = max(work["most_lines"], thing.plain.count("\n") + 1)
        return real_print(self, *objects, **kwargs)

    monkeypatch.setattr(Text, "copy", copy)
    monkeypatch.setattr(Console, "print", print_)
    return work


@pytest.mark.parametrize("closed", [True, False], ids=["fenced", "unclosed"])
@pytest.mark.parametrize("depth", [0, 1], ids=["top", "in-a-quote"])
def test_a_long_code_block_is_shown_in_linear_work(tmp_path, counted, closed, depth):
    quote = "> " * depth
    code = "".join(f"{quote}line {i} = {i * 7}\n" for i in range(LINES))
    body = f"Q: The listing?\n\n{quote}```\n{code}" + (f"{quote}```\n" if closed else "")
    article = load_bundle(make_single(tmp_path, body, toml='title = "Code"\n')).article
    size = len(code)
    out = render_console(article, 60, ansi=True)
    assert counted["copied"] < 10 * size  # was about LINES / 2 times the block
    assert counted["most_lines"] <= render_text.BATCH
    plain = render_console(article, 60, ansi=False).splitlines()
    indent = "  " * depth  # a code block in a quote is indented, as a list item would be
    last = LINES - 1
    assert f"{indent}line 0 = 0" in plain and f"{indent}line {last} = {last * 7}" in plain
    assert out.count("\n") >= LINES
    assert article_to_markdown(article).count("\n") >= LINES


def test_long_lines_of_a_code_block_still_fold_at_the_width(tmp_path):
    body = "```\n" + ("x" * 150 + "\n") * 3 + "short\n```\n"
    article = load_bundle(make_single(tmp_path, body, toml='title = "Code"\n')).article
    lines = render_console(article, 60, ansi=False).splitlines()
    assert lines[-4:] == ["x" * 60, "x" * 60, "x" * 30, "short"]


def test_a_paragraph_of_code_spans_is_markdown_in_linear_work(tmp_path, monkeypatch):
    """paragraph_markdown looked at every code span for every character."""
    spans = 2_000
    body = "`a` and more " * spans + "\n"
    article = load_bundle(make_single(tmp_path, body, toml='title = "Spans"\n')).article
    (para,) = article.blocks[0].paragraphs
    calls = []
    real = render_text._md_escape
    monkeypatch.setattr(render_text, "_md_escape", lambda text: calls.append(1) or real(text))
    assert render_text.paragraph_markdown(para).count("`a`") == spans
    assert len(calls) <= 2 * spans + 2  # once per piece between spans, not per character


def test_many_short_turns_go_to_rich_in_few_calls(tmp_path, counted, monkeypatch):
    """`reader show` on 100,000 turns took 81 s: each turn, and each blank line between two,
    was a call of Rich's of its own (hundreds of microseconds each, whatever its length)."""
    turns = 2_000
    body = "".join(f"Q: Question {i}?\n\nA: Answer {i}.\n\n" for i in range(turns))
    article = load_bundle(make_single(tmp_path, body, toml='title = "Turns"\n')).article
    calls = []
    real = Console.print
    monkeypatch.setattr(Console, "print", lambda *a, **k: calls.append(1) or real(*a, **k))
    out = render_console(article, 60, ansi=True)
    assert out.count("Answer ") == turns
    assert len(calls) <= 4 * turns // render_text.BATCH + 10  # was 2 per turn
