"""The shape of an interview as a four-state sequence: introduction, question, answer, closing.

Paragraph rules give each paragraph a score per state (its `emission`); the transitions say
what an interview looks like (answers follow questions, may run over several paragraphs; the
introduction comes first and the closing note last). Each paragraph also carries *change*
evidence — the log-odds that its speaker differs from the one before, from a reply opener
("Yes, …", "No.") — added to the score of moving between question and answer and taken from
the score of staying on the same side. Max-marginal decoding gives, for every paragraph, how
much worse the best alternative reading is: the margin that turns a close call into a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reader.core.importer.model import Role

State = Literal["intro", "question", "answer", "outro"]
INTRO: State = "intro"
QUESTION: State = "question"
ANSWER: State = "answer"
OUTRO: State = "outro"
STATES: tuple[State, ...] = (INTRO, QUESTION, ANSWER, OUTRO)
NEVER = float("-inf")
_SIDES = (QUESTION, ANSWER)

# log-scores of moving from one state to the next ("start" is before the first paragraph)
TRANSITIONS = {
    ("start", INTRO): 0.0,
    ("start", QUESTION): 0.0,
    (INTRO, INTRO): 0.0,
    (INTRO, QUESTION): 0.0,
    (QUESTION, ANSWER): 0.0,
    (QUESTION, QUESTION): -4.0,  # a question in two paragraphs is possible, not usual
    (ANSWER, ANSWER): 0.0,  # answers often run over several paragraphs
    (ANSWER, QUESTION): -0.5,  # a new question needs some evidence
    (ANSWER, OUTRO): -1.0,
    (OUTRO, OUTRO): 0.0,
}
FINAL = {ANSWER: 0.0, OUTRO: 0.0, QUESTION: -3.0, INTRO: -10.0}


@dataclass(frozen=True)
class Step:
    """One paragraph as the model sees it."""

    emission: dict[State, float]  # how well the paragraph fits each state
    change: float = 0.0  # log-odds that its speaker differs from the previous paragraph's


def _role(state: State) -> Role:
    return Role.NARRATION if state in (INTRO, OUTRO) else Role(state)


def _move(previous: str, state: State, step: Step) -> float:
    score = TRANSITIONS.get((previous, state), NEVER)
    if previous in _SIDES and state in _SIDES and score > NEVER:
        score += step.change if previous != state else -step.change
    return score


def decode(steps: Sequence[Step]) -> list[tuple[State, float]]:
    """The best state for each paragraph, with its margin over the best reading that gives the
    paragraph a different role (introduction and closing both count as narration)."""
    n = len(steps)
    if not n:
        return []
    fwd = [dict.fromkeys(STATES, NEVER) for _ in range(n)]
    back = [dict.fromkeys(STATES, NEVER) for _ in range(n)]
    for s in STATES:
        fwd[0][s] = _move("start", s, steps[0]) + steps[0].emission[s]
    for t in range(1, n):
        for s in STATES:
            best = max(fwd[t - 1][p] + _move(p, s, steps[t]) for p in STATES)
            fwd[t][s] = best + steps[t].emission[s]
    for s in STATES:
        back[n - 1][s] = FINAL[s]
    for t in range(n - 2, -1, -1):
        for s in STATES:
            nxt = steps[t + 1]
            back[t][s] = max(_move(s, q, nxt) + nxt.emission[q] + back[t + 1][q] for q in STATES)
    # Follow the single best path forward so the states are consistent with each other.
    out: list[tuple[State, float]] = []
    previous: str = "start"
    for t in range(n):
        totals = {s: fwd[t][s] + back[t][s] for s in STATES}
        step = steps[t]
        state = max(
            STATES,
            key=lambda s: _move(previous, s, step) + step.emission[s] + back[t][s],
        )
        others = [v for s, v in totals.items() if _role(s) != _role(state)]
        margin = totals[state] - max(others) if others else float("inf")
        out.append((state, margin))
        previous = state
    return out
