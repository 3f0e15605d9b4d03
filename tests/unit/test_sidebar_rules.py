"""The sidebar's rules without a terminal: which sections fold by themselves, and where a
web address breaks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.folds import auto_folds
from reader.core.wrap import wrap_address

URL = "https://platformtalk.example.net/episodes/114-the-night-depot-dennis-okafor-halberd-street"


def test_nothing_folds_when_everything_fits():
    assert auto_folds([("about", 8), ("pictures", 4), ("people", 9)], 40, 8) == set()


def test_sections_fold_in_order_until_the_outline_has_room():
    sections = [("about", 8), ("pictures", 4), ("people", 9)]
    assert auto_folds(sections, 25, 8) == {"about"}  # 21 + 8 > 25; without about 14 + 8
    assert auto_folds(sections, 19, 8) == {"about", "pictures"}
    assert auto_folds(sections, 5, 8) == {"about", "pictures", "people"}  # titles stay


def test_an_address_breaks_after_slashes_then_dashes():
    assert wrap_address(URL, 36) == [
        "https://platformtalk.example.net/",
        "episodes/114-the-night-depot-dennis-",
        "okafor-halberd-street",
    ]
    assert wrap_address("https://a.example/b", 36) == ["https://a.example/b"]


@given(st.text(alphabet="ab/-.?=x", min_size=1, max_size=120), st.integers(1, 60))
def test_an_address_loses_nothing_and_keeps_to_the_width(address, width):
    lines = wrap_address(address, width)
    assert "".join(lines) == address
    assert all(len(line) <= max(8, width) for line in lines)
