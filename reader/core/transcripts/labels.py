"""Speaker names as transcripts write them: "Anna Park:", "ANNA PARK:", "Speaker 1:",
"SPEAKER_00:", "Dr. Ana de Souza:".

Narrower than the text importer's label grammar on purpose: a transcript names speakers
plainly and often, so a name is a few capitalised words, and a label only counts as a
speaker when it recurs in the file (`recurring`) — "So: here's the thing" said once is text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

MAX_NAME = 40
_PARTICLES = frozenset(
    "de da di do dos das del della der den van von du la le bin ibn al el y".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d+")
_LABEL = re.compile(r"\s*([^:]{1,40}?)\s*:(?:[ \t]+(.*)|[ \t]*)", re.S)

# A file with this few labelled lines is too small to judge recurrence: take them all.
_FEW_LABELS = 3


def is_name(label: str) -> bool:
    """A run of 1–5 capitalised words (digits allowed after the first, particles inside)."""
    words = label.split()
    if not 1 <= len(words) <= 5 or len(label) > MAX_NAME or not words[0][0].isupper():
        return False
    for i, word in enumerate(words):
        if not _WORD.fullmatch(word):
            return False
        if word[0].isupper() or (word.isdigit() and i > 0):
            continue
        if word.lower() in _PARTICLES and 0 < i < len(words) - 1:
            continue
        return False
    return True


def split_label(line: str) -> tuple[str, str] | None:
    """("Anna Park", "rest of the line") for a line that starts "Anna Park: ", else None."""
    found = _LABEL.fullmatch(line)
    if not found or not is_name(found.group(1)):
        return None
    return " ".join(found.group(1).split()), found.group(2) or ""


def recurring(labels: Iterable[str]) -> set[str]:
    """The labels that count as speakers: those used at least twice, or all of them in a
    file too small to tell."""
    counts = Counter(labels)
    if sum(counts.values()) <= _FEW_LABELS:
        return set(counts)
    return {label for label, n in counts.items() if n >= 2}
