"""When the reader asks the terminal about graphics protocols, and when it never does."""

from __future__ import annotations

import pytest

from reader.graphics import ASK, HALF_BLOCKS, KITTY, SIXEL, plan

TERMINAL = {"TERM": "xterm-256color"}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (TERMINAL, HALF_BLOCKS),  # most terminals draw neither: not even asked
        ({**TERMINAL, "TERM_PROGRAM": "Apple_Terminal"}, HALF_BLOCKS),
        ({"TERM": "xterm-kitty"}, ASK),
        ({**TERMINAL, "TERM_PROGRAM": "WezTerm"}, ASK),
        ({**TERMINAL, "KONSOLE_VERSION": "240802"}, ASK),
        ({"TERM": "foot"}, ASK),
        ({**TERMINAL, "READER_GRAPHICS": "ask"}, ASK),
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, HALF_BLOCKS),
        ({"TERM": "tmux-256color"}, HALF_BLOCKS),
        ({"TERM": "screen"}, HALF_BLOCKS),
        ({"TERM": "foot", "STY": "1234.pts-0"}, HALF_BLOCKS),  # GNU screen
        ({"TERM": "linux"}, HALF_BLOCKS),
        ({"TERM": "dumb"}, HALF_BLOCKS),
        ({}, HALF_BLOCKS),
        ({"TERM": "xterm-kitty", "NO_COLOR": ""}, HALF_BLOCKS),
        ({**TERMINAL, "READER_GRAPHICS": "off"}, HALF_BLOCKS),
        ({**TERMINAL, "READER_GRAPHICS": "sixel"}, SIXEL),
        ({"TERM": "tmux-256color", "READER_GRAPHICS": "Kitty"}, KITTY),  # the user knows
        (
            {"TERM": "xterm-kitty", "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"},
            HALF_BLOCKS,
        ),
    ],
)
def test_plan_from_the_environment(environ, expected):
    assert plan(environ, interactive=True, installed=True) == expected


def test_never_asks_without_a_terminal_or_without_the_library():
    forced = {**TERMINAL, "READER_GRAPHICS": "kitty"}
    assert plan(forced, interactive=False, installed=True) == HALF_BLOCKS
    assert plan(forced, interactive=True, installed=False) == HALF_BLOCKS
