"""Issue 17: bodies without blank lines. The body is parsed in pieces cut at blank lines, so
one flat 3 MB list or a 3 MB table was one piece, and markdown-it's tokens for it took
1.3-3.3 GB. Now a piece that would grow past MAX_STRETCH is cut before a heading or a bullet
item in the first column (which mean the same in one parse and in two), and a long stretch
that offers no such line and is dense with blocks (a table, ordered items, lists in a quote)
is refused with an error naming its line. Peaks are measured in a child process."""

from __future__ import annotations

import pytest

from reader.core import markdown_pieces
from reader.core.bundle import load_bundle
from reader.core.markdown_pieces import MAX_BLOCK_LINES
from tests.helpers import make_single
from tests.hostile.test_memory import BASE, HEAD, MB, PER_BYTE, peak_of, repeat, shape

DENSE = {
    "flat list": lambda n: repeat("- an item of the list\n", n),
    "headings": lambda n: repeat("# A heading\n", n),
    "headings and items": lambda n: repeat("## Part\n- one\n- two\n  more of two\n", n),
}


@pytest.mark.parametrize("bomb", DENSE)
def test_memory_per_byte_of_a_body_without_blank_lines_is_bounded(tmp_path, bomb):
    """Half a megabyte (a flat 3 MB list took 1.64 GB: 550 bytes per byte)."""
    size = MB // 2
    path = tmp_path / "dense.md"
    path.write_text(HEAD + DENSE[bomb](size), encoding="utf-8")
    peak, out, status = peak_of(["check", str(path)])
    assert "internal error" not in out and status in (0, 1), out[-500:]
    assert "error:" not in out, out[-500:]
    assert peak < PER_BYTE * size + BASE, f"{bomb}: {peak / MB:.0f} MB"


UNCUT = {
    "table": lambda n: "| a | b |\n|---|---|\n" + repeat("| x | y |\n", n),
    "ordered list": lambda n: "".join(f"{i}. item\n" for i in range(1, n // 10)),
    "list in a quote": lambda n: repeat("> - a\n", n),
}


@pytest.mark.parametrize("bomb", UNCUT)
def test_a_dense_stretch_that_cannot_be_cut_is_refused_clearly(tmp_path, bomb):
    """A 3 MB table took 1.08 GB; refused now, before it is parsed, at its first line."""
    body = "Q: Before the table?\n\n" + UNCUT[bomb](MB // 2)
    path = tmp_path / "dense.md"
    path.write_text(HEAD + body, encoding="utf-8")
    peak, out, status = peak_of(["check", str(path)])
    assert status == 1, out[-500:]
    line = HEAD.count("\n") + 3  # the stretch starts after the question and its blank line
    assert f"dense.md:{line}:1: error: " in out, out[-500:]
    assert f"(at most {MAX_BLOCK_LINES:,} are read in one stretch)" in out
    assert peak < BASE + 60 * MB, f"{peak / MB:.0f} MB"


def test_a_table_within_the_bound_is_read(tmp_path):
    rows = "".join(f"| {i} | row {i} |\n" for i in range(MAX_BLOCK_LINES // 2))
    path = make_single(tmp_path, "| n | what |\n|---|---|\n" + rows, toml='title = "T"\n')
    loaded = load_bundle(path)
    assert loaded.article is not None, loaded.diagnostics
    assert len(loaded.article.blocks[0].paragraphs) == MAX_BLOCK_LINES // 2 + 1


NO_BLANKS = "".join(
    f"Q: Question {i} with a note[^n{i % 3}]?\n"
    f"# Heading {i}\n"
    f"A: A paragraph\nthat goes on {i}\n"
    f"- item {i}\n- item with `code` and *emphasis*\n  lazy more\n"
    "-\n"  # an empty item
    "text before a rule\n* * *\n"
    "setext text\n---\n"
    f"> quoted {i}\n> - listed in the quote\n- out of the quote\n"
    "| a | b |\n|---|---|\n| x | y |\n"
    "# after the table\n"
    "```\n# not a heading\n- not an item\n```\n"
    "1. one\n2. two\n3. three\n"
    "a paragraph\n2. lazy, not a list\n"
    "+ plus item\n* star item\n"
    f"[^n{i % 3}]: Note {i}.\n"
    for i in range(40)
)


@pytest.mark.parametrize("size", [40, 200, 1_000])
def test_cuts_without_blank_lines_mean_what_one_parse_means(tmp_path, monkeypatch, size):
    path = make_single(tmp_path, NO_BLANKS, toml=HEAD.split("+++\n")[1])
    monkeypatch.setattr(markdown_pieces, "PIECE_CHARS", 10**9)
    monkeypatch.setattr(markdown_pieces, "MAX_STRETCH", 10**9)
    whole = shape(path)
    monkeypatch.setattr(markdown_pieces, "PIECE_CHARS", size)
    monkeypatch.setattr(markdown_pieces, "MAX_STRETCH", 2 * size)
    assert len(markdown_pieces.cut_pieces(NO_BLANKS)) > len(NO_BLANKS) // (4 * size)
    assert shape(path) == whole
