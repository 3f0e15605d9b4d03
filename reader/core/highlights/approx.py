"""Approximate string search: where a pattern occurs in a text with at most k edits.

Myers' bit-parallel algorithm (1999) finds, for every end position in the text, the fewest
edits (insertions, deletions, substitutions) that turn the pattern into a substring ending
there, in one pass over the text whatever the pattern's length (Python integers are the bit
vectors). A second, short pass over the reversed text finds where each match starts. This is
what re-finds a highlight whose words were edited a little (Hypothesis's annotation client
does the same with its approx-string-match).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Approx:
    start: int
    end: int  # exclusive
    errors: int


def _end_scores(pattern: str, text: str, anchored: bool = False) -> list[int]:
    """Edit distance of `pattern` to the best substring of `text` ending at each index (with
    `anchored`, to the prefix of `text` ending there)."""
    m = len(pattern)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    scores = []
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | anchored) & mask  # searching, a match may start anywhere
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        scores.append(score)
    return scores


def search(pattern: str, text: str, max_errors: int) -> list[Approx]:
    """Every best match of `pattern` in `text` with at most `max_errors` edits, one per run of
    neighbouring end positions (the one with fewest errors), in text order."""
    if not pattern:
        return []
    scores = _end_scores(pattern, text)
    found: list[Approx] = []
    j, n = 0, len(scores)
    while j < n:
        if scores[j] > max_errors:
            j += 1
            continue
        best = j
        while j + 1 < n and scores[j + 1] <= max_errors:  # a run of ends: keep its minimum
            j += 1
            if scores[j] < scores[best]:
                best = j
        found.append(_with_start(pattern, text, best, scores[best]))
        j += 1
    return found


def _with_start(pattern: str, text: str, last: int, errors: int) -> Approx:
    """The match ending at index `last`: its start is where the reversed pattern, run back
    from there, reaches the same number of errors."""
    lo = max(0, last + 1 - len(pattern) - errors)
    window = text[lo : last + 1][::-1]
    back = _end_scores(pattern[::-1], window, anchored=True)
    size = len(pattern)
    steps = min(range(len(back)), key=lambda i: (back[i], abs(i + 1 - size)))
    return Approx(last - steps, last + 1, errors)
