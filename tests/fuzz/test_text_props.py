"""Cleaning untrusted text and reading state files, on any input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.sanitize import clean, clean_line, json_text
from reader.core.state import SavedProgress, State, StateError, dump_state, parse_state
from tests.hostile.conftest import unsafe_in

TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=200)
ANY_TEXT = st.text(max_size=200)  # lone surrogates too, as from undecodable file names


@given(ANY_TEXT)
def test_cleaned_text_is_safe_and_clean_is_idempotent(text):
    once = clean(text)
    assert not unsafe_in(once) and clean(once) == once
    line = clean_line(text)
    assert not unsafe_in(line) and "\n" not in line and "\t" not in line and "  " not in line
    assert clean_line(line) == line and line == line.strip()
    assert set(text) - set(once) <= set(unsafe_in(text))  # only unsafe characters go


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


@given(JSON)
def test_json_output_round_trips_and_holds_no_control_character(value):
    out = json_text(value, indent=1)
    assert json.loads(out) == value
    assert not unsafe_in(out.replace("\n", ""))


PROGRESS = st.builds(
    SavedProgress,
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.floats(0, 100, allow_nan=False),
    TEXT,
)
STATES = st.builds(
    State,
    st.dictionaries(TEXT, PROGRESS, max_size=5),
    st.none() | TEXT,
    st.none() | TEXT,
    st.none() | st.integers(-(10**6), 10**6),
)


@given(STATES)
def test_state_survives_a_round_trip(state):
    assert parse_state(dump_state(state)) == state


@given(JSON | TEXT)
def test_any_state_file_reads_or_is_refused_with_a_reason(value):
    text = value if isinstance(value, str) else json.dumps(value)
    for candidate in (text, '{"schema": "interview-reader/state", "version": 1, "x": ' + text):
        try:
            parse_state(candidate)
        except StateError as exc:  # anything else would crash the app at start
            assert str(exc)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1" + "0" * 5000])
def test_numbers_json_allows_but_we_do_not(text):
    entry = '{"block": 1, "offset": 1, "percent": ' + text + "}"
    document = (
        '{"schema": "interview-reader/state", "version": 1, "articles": {"/a": ' + entry + "}}"
    )
    try:
        state = parse_state(document)
    except StateError:
        return
    assert 0.0 <= state.articles["/a"].percent <= 100.0
