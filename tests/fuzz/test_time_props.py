"""The time grammar and the page importer's time lifting, on any input: never an exception,
offsets inside the text, and a time that is given is a real time in a recording."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reader.core import labels
from reader.core.importer.model import Para
from reader.core.importer.timestamps import lift, without_times
from reader.core.times import time_problem

PIECES = st.sampled_from(
    ["[", "]", "(", ")", "0", "1", "2", "5", "9", ":", ".", ",", "-", "–", " ", "\t", "\n", "A"]
    + ["Anna", "Park", "**", "\\", "-->", "00:12:31", "12:31", "1:02:03", "99", "x", "é"]
)
TEXT = st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=60)


@given(TEXT, st.integers(min_value=0, max_value=5))
@example("[00:12:31] Anna Park: hi", 0)
@example("Anna (99:99): x", 0)
@example("[1:2:3:4–] x", 0)
def test_stamps_and_timed_labels_never_fail(text, head):
    head = min(head, len(text))
    found = labels.stamp(text, head, ("square", "round", "bare"))
    if found is not None:
        assert head <= found.at <= found.time_at < found.end <= len(text)
        assert (found.start is None) == bool(found.problem) or found.until is None
        for value in (found.start, found.until):
            assert value is None or time_problem(value) is None
    timed = labels.timed_label(text)
    if timed is not None:
        assert 0 <= timed.unlabelled <= len(text) and 0 <= timed.end <= len(text)


@given(st.lists(TEXT, max_size=6))
def test_lifting_times_keeps_every_paragraph(texts):
    paras = [Para(i + 1, t, t) for i, t in enumerate(texts)]
    out = lift(paras)
    assert len(out) == len(paras)
    for para in out:
        assert para.start is None or time_problem(para.start) is None
    for text in texts:
        without_times(text)
