"""The shape of an interview as a four-state sequence: introduction, question, answer, closing.

Paragraph rules give each paragraph a score per state; the transitions say what an interview
looks like (answers follow questions, may run over several paragraphs; the introduction comes
first and the closing note last). Max-marginal decoding gives, for every paragraph, how much
worse the best alternative reading is — the margin that turns a close call into a warning.
"""

from __future__ import annotations

INTRO, QUESTION, ANSWER, OUTRO = "intro", "question", "answer", "outro"
STATES = (INTRO, QUESTION, ANSWER, OUTRO)
NEVER = float("-inf")

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


def _role(state: str) -> str:
    return "narration" if state in (INTRO, OUTRO) else state


def decode(emissions: list[dict[str, float]]) -> list[tuple[str, float]]:
    """The best state for each paragraph, with its margin over the best reading that gives the
    paragraph a different role (introduction and closing both count as narration)."""
    n = len(emissions)
    if not n:
        return []
    fwd = [dict.fromkeys(STATES, NEVER) for _ in range(n)]
    back = [dict.fromkeys(STATES, NEVER) for _ in range(n)]
    for s in STATES:
        fwd[0][s] = TRANSITIONS.get(("start", s), NEVER) + emissions[0][s]
    for t in range(1, n):
        for s in STATES:
            best = max(fwd[t - 1][p] + TRANSITIONS.get((p, s), NEVER) for p in STATES)
            fwd[t][s] = best + emissions[t][s]
    for s in STATES:
        back[n - 1][s] = FINAL[s]
    for t in range(n - 2, -1, -1):
        for s in STATES:
            back[t][s] = max(
                TRANSITIONS.get((s, q), NEVER) + emissions[t + 1][q] + back[t + 1][q]
                for q in STATES
            )
    # Follow the single best path forward so the states are consistent with each other.
    out: list[tuple[str, float]] = []
    previous = "start"
    for t in range(n):
        totals = {s: fwd[t][s] + back[t][s] for s in STATES}
        state = max(
            STATES,
            key=lambda s: TRANSITIONS.get((previous, s), NEVER) + emissions[t][s] + back[t][s],
        )
        others = [v for s, v in totals.items() if _role(s) != _role(state)]
        margin = totals[state] - max(others) if others else float("inf")
        out.append((state, margin))
        previous = state
    return out
