"""When the reader asks the terminal about graphics protocols, and when it never does."""

from __future__ import annotations

import pytest

from reader.graphics import ASK, HALF_BLOCKS, KITTY, SIXEL, plan

TERMINAL = {"TERM": "xterm-256color"}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (TERMINAL, ASK),
        ({"TERM": "xterm-kitty"}, ASK),
        ({**TERMINAL, "TMUX": "/tmp/tmux-0/default,1,0"}, HALF_BLOCKS),  # tmux answers itself
        ({"TERM": "tmux-256color"}, HALF_BLOCKS),
        ({"TERM": "screen"}, HALF_BLOCKS),
        ({**TERMINAL, "STY": "1234.pts-0"}, HALF_BLOCKS),  # GNU screen
        ({"TERM": "linux"}, HALF_BLOCKS),
        ({"TERM": "dumb"}, HALF_BLOCKS),
        ({}, HALF_BLOCKS),
        ({**TERMINAL, "NO_COLOR": ""}, HALF_BLOCKS),
        ({**TERMINAL, "READER_GRAPHICS": "off"}, HALF_BLOCKS),
        ({**TERMINAL, "READER_GRAPHICS": "sixel"}, SIXEL),
        ({"TERM": "tmux-256color", "READER_GRAPHICS": "Kitty"}, KITTY),  # the user knows
    ],
)
def test_plan_from_the_environment(environ, expected):
    assert plan(environ, interactive=True, installed=True) == expected


def test_never_asks_without_a_terminal_or_without_the_library():
    forced = {**TERMINAL, "READER_GRAPHICS": "kitty"}
    assert plan(forced, interactive=False, installed=True) == HALF_BLOCKS
    assert plan(forced, interactive=True, installed=False) == HALF_BLOCKS
