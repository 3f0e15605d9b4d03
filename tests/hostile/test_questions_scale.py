"""Issue 17: finding an article's questions was quadratic. Each question copied the list of
the turns after it (40,000 questions: 7.9 s; a 3 MB body of short turns froze the app for
more than ten minutes), and the echo rule compared every word of a prompt with every word
of the answer before it. Nothing is timed here: the work runs in a child process whose
generous timeout fails only on the old behaviour (hours at these sizes)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHILD = """
import sys
from pathlib import Path
from reader.core import model as m
from reader.core.questions import question_blocks

shape, n = sys.argv[1], int(sys.argv[2])
def turn(i, who, text):
    role = "interviewer" if who == "Q" else "subject"
    return m.Block(m.TURN, i, [m.Paragraph(text, i)], speaker=who, role=role)

if shape == "many":  # n questions, each answered (and a run of hosts' asides)
    blocks = []
    for i in range(n):
        asked = f"Question {i}?" if i % 3 else f"Tell me about the harbour, {i}."
        blocks.append(turn(2 * i, "Q", asked))
        blocks.append(turn(2 * i + 1, "A", f"An answer, number {i}, of a few words."))
    blocks += [turn(2 * n + i, "Q", "Right.") for i in range(2 * n)]
    print(len(question_blocks(blocks)))
else:  # one answer of n words, then a prompt of n words that is not an echo of it
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(letters[i // 26**k % 26] for k in range(4)) for i in range(n)]
    blocks = [
        turn(0, "Q", "Why?"),
        turn(1, "A", " ".join(words)),
        turn(2, "Q", " ".join(reversed(words)) + "."),
        turn(3, "A", " ".join(words)),
    ]
    print(question_blocks(blocks))
"""


def questions_of(shape: str, n: int) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, shape, str(n)],
        capture_output=True,
        text=True,
        timeout=240,  # linear: seconds; the old quadratic work: hours
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_fifty_thousand_questions_and_a_hundred_thousand_asides_are_found_in_linear_work():
    assert questions_of("many", 50_000) == str(50_000)  # the asides are not questions


def test_a_long_prompt_after_a_long_answer_is_judged_in_linear_work():
    assert questions_of("echo", 100_000) == "[0, 2]"  # answered, and not an echo


@pytest.mark.parametrize(
    ("prompt", "echo"),
    [
        ("The width of your hand.", True),
        ("Tell me about the sea.", False),  # one word picked up: a prompt
        ("The sea has risen about the width of my hand, they said.", True),
        ("About the width of it all, and the rest of the island.", False),  # a third
    ],
)
def test_the_echo_rule_is_unchanged(prompt, echo):
    from reader.core.questions import _echoes

    said = "Well, the sea has risen about the width of my hand."
    assert _echoes([w.casefold().strip(".,") for w in prompt.split()], said) is echo
