"""The bundle parser and the front-matter splitter, on any input: never an exception, and
what comes out is well formed (clean text, spans inside their paragraph, lines that exist)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import model as m
from reader.core.body import parse_body
from reader.core.bundle import load_bundle
from reader.core.metadata import DEFAULT_SPEAKERS
from reader.core.source import parse_toml, split_front_matter
from tests.fuzz.conftest import MARKDOWN
from tests.hostile.conftest import unsafe_in

KINDS = {m.TURN, m.NARRATION, m.HEADING, m.IMAGE, m.BREAK, m.FOOTNOTES}
WHERE = Path("fuzz.md")


def check_article_blocks(blocks: list[m.Block], last_line: int) -> None:
    for block in blocks:
        assert block.kind in KINDS
        assert (block.speaker is not None) == (block.kind == m.TURN)
        assert 1 <= block.line <= last_line
        assert block.paragraphs or block.kind == m.BREAK
        for para in block.paragraphs:
            assert not unsafe_in(para.text), repr(para.text)
            assert 1 <= para.line <= last_line or block.kind == m.IMAGE
            for span in para.spans:
                assert 0 <= span.start <= span.end <= len(para.text), (span, para.text)


def check_body(source: str, first_line: int) -> None:
    source = source.replace("\r\n", "\n").replace("\r", "\n")  # as the loader hands it over
    result = parse_body(source, path=WHERE, first_line=first_line, speakers=DEFAULT_SPEAKERS)
    last = first_line + source.count("\n") + 1
    check_article_blocks(result.blocks, last)
    for diag in result.diagnostics:
        assert first_line <= diag.line <= last and not unsafe_in(str(diag))


@given(MARKDOWN, st.integers(1, 50))
@example("Q: a\n\n" * 3 + "ME: b", 1)
def test_any_body_parses_into_well_formed_blocks(source, first_line):
    check_body(source, first_line)


@pytest.mark.slow
@settings(max_examples=20_000)
@given(MARKDOWN, st.integers(1, 50))
def test_any_body_parses_into_well_formed_blocks_long_run(source, first_line):
    check_body(source, first_line)


@given(st.binary(max_size=400) | MARKDOWN.map(str.encode))
def test_any_file_loads_or_gives_diagnostics(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_bytes(b'+++\ntitle = "T"\n+++\n' + data)
        loaded = load_bundle(path)
        assert loaded.diagnostics or loaded.article is not None
        if loaded.article is not None:  # (a lone CR ends a line too)
            lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
            check_article_blocks(loaded.article.blocks, lines + 5)
        for diag in loaded.diagnostics:
            assert diag.severity in ("error", "warning") and not unsafe_in(str(diag))
        path.write_bytes(data)  # the same bytes as a whole file: no front matter at all
        assert load_bundle(path).diagnostics


NOT_A_FENCE = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40).filter(
    lambda line: "\n" not in line and "\r" not in line and line.rstrip(" \t") != "+++"
)


@given(st.lists(NOT_A_FENCE, max_size=8), st.text(max_size=200), st.sampled_from(["", " ", "\t"]))
def test_front_matter_splits_exactly(toml_lines, body, fence_space):
    toml = "\n".join(toml_lines)
    fence = "+++" + fence_space
    front, diags = split_front_matter(f"{fence}\n{toml}\n{fence}\n{body}", WHERE)
    assert diags == [] and front is not None
    assert front.toml == toml and front.body == body
    assert (front.toml_line, front.body_line) == (2, len(toml.split("\n")) + 3)


@given(st.text(max_size=300))
def test_any_text_splits_or_says_why(text):
    front, diags = split_front_matter(text, WHERE)
    assert (front is None) == bool(diags)
    if front is not None:
        assert front.toml in text and front.body in text


TOML_PIECES = st.sampled_from(
    ['title = "T"', "x = 1", "[a]", "[[b]]", "a.b = 2", '"k" = 3', "= 4", "[", "]", "{", "}",
     '"', "'''", '"\\u001b"', "1979-05-27", "nan", "inf", "0x1F", "9" * 30, "\n", " ", "#"]
)  # fmt: skip


@given(st.lists(TOML_PIECES, max_size=30).map("".join), st.integers(1, 9))
def test_any_toml_parses_or_names_a_real_line(text, first_line):
    data, diags = parse_toml(text, WHERE, first_line)
    assert (data is None) == bool(diags)
    for diag in diags:
        assert first_line <= diag.line <= first_line + text.count("\n") + 1
        assert diag.col >= 0 and not unsafe_in(str(diag))


def test_profile_is_bounded():
    """CI runs the 'ci' profile unless told otherwise, so the fuzz tests stay fast."""
    assert os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci" or settings().max_examples == 300
