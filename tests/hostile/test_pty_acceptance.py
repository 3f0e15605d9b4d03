"""Acceptance for items 1–2: the real `reader` in a pseudo-terminal, on a hostile library.

The raw byte stream the app writes is compared with a run on the same bundle made of plain
words: the hostile run may not use any escape sequence the benign run does not (colour
codes aside, and cursor moves compared by kind), no sequence may carry payload text, and
no OSC 52 (clipboard), OSC 0/2 (title), ESC c (reset) or 8-bit C1 control may appear.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from tests.hostile.conftest import (
    MARKUP,
    SEQUENCE,
    SGR,
    assert_no_payload_in_sequences,
    write_benign_bundle,
    write_hostile_bundle,
    write_hostile_single,
)
from tests.hostile.pty_reader import reader_env, run_reader

# Read, search, outline, sidebar, library (open the next bundle), theme, help, palette.
KEYS = ["j", " ", "]", "}", "G", "g", "/", "PWN", "\r", "n", "o", "\x1b", "s", "s"]
KEYS += ["l", "j", "j", "\r", "t", "?", "\x1b", "\x10", "\x1b"]
POSITIONAL = "HfABCDGdKJ"  # cursor moves and erases: compared without their numbers


def sequence_kinds(stream: str) -> set[str]:
    kinds = set()
    for seq in SEQUENCE.findall(stream):
        if SGR.fullmatch(seq):
            continue
        if seq.startswith("\x1b[") and seq[-1] in POSITIONAL:
            seq = re.sub(r"\d+", "N", seq)
        kinds.add(seq)
    return kinds


def test_hostile_library_adds_no_escape_sequence(tmp_path):
    benign, hostile = tmp_path / "benign", tmp_path / "hostile"
    write_benign_bundle(benign)
    write_hostile_bundle(hostile)
    write_hostile_single(hostile)
    runs = [
        (benign, b"Plain words", reader_env(tmp_path / "home1")),
        (hostile, b"PWNCSI", reader_env(tmp_path / "home2")),
    ]
    with ThreadPoolExecutor(2) as pool:
        good, bad = pool.map(lambda r: run_reader([r[0]], KEYS, env=r[2], ready=r[1]), runs)

    for run in (good, bad):
        assert run.alive, run.output[-2000:]
        assert run.returncode == 0
    stream = bad.text  # strict UTF-8: a raw 0x9b or 0x9d byte would fail here
    assert not re.findall("[\x80-\x9f]", stream), "8-bit C1 control in the output"
    for forbidden in ("\x1b]52", "\x1b]0;", "\x1b]2;", "\x1bc", "\x1bP", "\x1b_", "\x1b^"):
        assert forbidden not in stream, repr(forbidden)
    assert_no_payload_in_sequences(stream)
    assert sequence_kinds(stream) - sequence_kinds(good.text) == set()

    shown = SEQUENCE.sub("", stream)
    assert "PWNCSI" in shown and "PWNTITLE" in shown  # the payload text is there, inert
    for markup in MARKUP:
        assert markup in shown, markup
