"""Cues → turns: the one step every transcript format shares.

- Consecutive cues of one speaker make one turn, with the first cue's start and the last
  cue's end. A cue that names nobody continues the speaker before it; one that marks an
  unnamed change of speaker (`Cue.new_speaker`) starts a turn of its own.
- Text is joined as sentences: one-word segments become "Well, yes." with normal spacing
  before punctuation and contractions; `(laughs)` and `[crosstalk]` stay in the text.
- Paragraphs: a cue the file writes as a paragraph of its own starts one; so does a pause of
  `PAUSE` seconds after a sentence, a sentence end after `SOFT_WORDS` words, or (for
  captions with no punctuation at all) any cue after `HARD_WORDS` words.
- Narration (turns with no speaker) is one turn per paragraph, so each carries its time.
- A cue that is only a sound note ("[gentle music]", "♪ ♪") where one voice gives way to
  another, or before the first or after the last, belongs to nobody: it is narration with
  its own time. Between two cues of one speaker, or a note of the speaker's own ("[laughs]"),
  it stays in the turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.core.transcripts.model import Cue, Turn

PAUSE = 2.0
SOFT_WORDS = 120
HARD_WORDS = 250

_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")
# A space between words that goes: before closing punctuation or a contraction's second
# half ("n't", "'s"), and after an opening bracket or quote.
_GLUED = re.compile(
    r" (?=[,.;:!?%…)\]}”»])| (?=(?:n['’]t|['’](?:s|t|re|ve|ll|d|m)?)(?!\w))|(?<=[(\[{“«]) ", re.I
)
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_SOUND = re.compile(r"(?:\s*(?:\[[^\[\]\n]{1,60}\]|[♪♫]+(?:[^♪♫\[\]\n]{0,80}[♪♫]+)?))+\s*")
# What a speaker does (a caption's "[laughs]"), as against a sound in the room or the score.
_SPEAKERS_OWN = re.compile(
    r"\b(?:laugh|chuckl|giggl|sigh|cough|smil|sniff|sob|cries|crying|clears|pause|gasp|scoff|whisper)",
    re.I,
)


def join_words(words: Iterable[str]) -> str:
    """Words joined by spaces, except before closing punctuation and contractions ("n't",
    "'s") and after opening brackets and quotes."""
    return _GLUED.sub("", " ".join(words))


@dataclass
class _Turn:
    speaker: str | None
    line: int
    start: float | None = None
    end: float | None = None
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])

    def add(self, cue: Cue, words: list[list[str]]) -> None:
        if self.start is None:
            self.start = cue.start
        self.end = cue.end
        self.paragraphs[-1].extend(words[0])
        self.paragraphs.extend(words[1:])

    def breaks_before(self, cue: Cue) -> bool:
        """Whether `cue` starts a new paragraph."""
        last = self.paragraphs[-1]
        if cue.paragraph or len(last) >= HARD_WORDS:
            return True
        if not last or not _ENDS_SENTENCE.search(last[-1]):
            return False
        pause = 0.0 if cue.start is None or self.end is None else cue.start - self.end
        return pause >= PAUSE or len(last) >= SOFT_WORDS

    def turn(self) -> Turn:
        text = "\n\n".join(join_words(words) for words in self.paragraphs if words)
        return Turn(self.speaker, self.start, self.end, text, self.line)


def is_sound(text: str) -> bool:
    """A caption that is only a sound note: "[gentle music]", "[door slams]", "♪ ♪"."""
    return bool(_SOUND.fullmatch(text)) and not _SPEAKERS_OWN.search(text)


def _continues(cue: Cue, speaker: str | None) -> bool:
    return not cue.new_speaker and cue.speaker in (None, speaker)


def merge_cues(cues: Iterable[Cue]) -> list[Turn]:
    """Turns from cues in file order (the caller has checked their times)."""
    turns: list[Turn] = []
    current: _Turn | None = None
    cues = [c for c in cues if c.text.strip()]
    voiced = _next_voiced(cues)
    for k, cue in enumerate(cues):
        words = [p.split() for p in _PARAGRAPHS.split(cue.text.strip())]
        after = cues[voiced[k]] if voiced[k] < len(cues) else None
        if (
            cue.speaker is None
            and current is not None
            and current.speaker is not None
            and is_sound(cue.text)
            and (after is None or not _continues(after, current.speaker))
        ):
            _close(turns, current)  # a sound between two voices is nobody's
            current = _Turn(None, cue.line)
            current.add(cue, words)
            _close(turns, current)
            current = None
            continue
        if current is None or cue.new_speaker or cue.speaker not in (None, current.speaker):
            _close(turns, current)
            current = _Turn(cue.speaker, cue.line)
        elif current.breaks_before(cue):
            if current.speaker is None:  # a narration paragraph is a turn with its own time
                _close(turns, current)
                current = _Turn(None, cue.line)
            else:
                current.paragraphs.append([])
        current.add(cue, words)
    _close(turns, current)
    return turns


def _next_voiced(cues: list[Cue]) -> list[int]:
    """For each cue, the index of the first cue after it that is not a bare sound note (one
    past the end when only sounds follow): a run of sounds after the last voice is nobody's."""
    out = [len(cues)] * len(cues)
    following = len(cues)
    for k in range(len(cues) - 1, -1, -1):
        out[k] = following
        if not (cues[k].speaker is None and is_sound(cues[k].text)):
            following = k
    return out


def _close(turns: list[Turn], done: _Turn | None) -> None:
    if done is not None and any(done.paragraphs):
        turns.append(done.turn())
