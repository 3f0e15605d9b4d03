"""Argument types shared by the subcommands, so a bad value is refused the same way
everywhere: argparse prints `reader CMD: error: argument --x: …` and exits 2."""

from __future__ import annotations

import argparse


def positive(text: str) -> int:
    """A whole number of 1 or more (`--turn 3`, `--width 72`)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value
