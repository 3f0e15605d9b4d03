"""The types every transcript reader shares: cues in, turns out.

A reader turns a file into `Cue`s (what the file says, cue by cue or segment by segment);
one merge step (merge.py) turns cues into `Turn`s (who speaks, from when, what). Nothing
here decides who asks: a turn names its speaker as the transcript labels it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.core.diagnostics import Diagnostic, has_errors

Format = Literal["srt", "webvtt", "podcast-json", "json", "text"]

FORMAT_NAMES: dict[Format, str] = {
    "srt": "SRT subtitles",
    "webvtt": "WebVTT captions",
    "podcast-json": "Podcasting 2.0 JSON transcript",
    "json": "JSON transcript segments",
    "text": "timestamped text transcript",
}


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue, voice or segment as the file gives it."""

    speaker: str | None  # the name the cue gives, or None when it names nobody
    start: float | None  # seconds from the start of the recording
    end: float | None
    text: str  # a line break is caption layout (a space); a blank line ends a paragraph
    line: int  # 1-based line of the file where the cue starts
    # A change of speaker that names nobody (">>", a dialogue dash, text before the first
    # label): the cue does not continue the previous speaker's turn.
    new_speaker: bool = False
    # The file writes this cue as a paragraph of its own (a block of a text export), so
    # merged into a turn it starts a new paragraph.
    paragraph: bool = False


@dataclass(frozen=True, slots=True)
class Turn:
    """Consecutive cues of one speaker; a turn with no speaker is narration."""

    speaker: str | None  # the label as the transcript writes it; None for narration
    start: float | None  # the first cue's start
    end: float | None  # the last cue's end
    text: str  # plain text; paragraphs separated by a blank line
    line: int  # 1-based line of the first cue


@dataclass(frozen=True)
class Parsed:
    """What one reader found: cues, and problems with the lines they are on."""

    format: Format
    cues: list[Cue] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Transcript:
    """A read transcript. When `ok` is false, `diagnostics` says why and there are no turns:
    a broken file never comes back as a shorter good one."""

    path: Path
    format: Format | None
    cues: tuple[Cue, ...] = ()
    turns: tuple[Turn, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.turns) and not has_errors(list(self.diagnostics))

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speaker labels in order of first appearance."""
        return tuple(dict.fromkeys(t.speaker for t in self.turns if t.speaker is not None))

    @property
    def speakerless(self) -> bool:
        """No cue names a speaker: every turn is narration (the summary should say so)."""
        return bool(self.turns) and not self.speakers

    @property
    def timed(self) -> bool:
        return any(t.start is not None for t in self.turns)
