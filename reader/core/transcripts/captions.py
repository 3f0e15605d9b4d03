"""Caption text (SRT and WebVTT) → cues: voices, speaker labels, markup, rolling repeats.

- A WebVTT voice (`<v Anna>`, `<v.loud Anna>`) starts a voice; a cue holding two voices
  gives two cues, both with the cue's times. The voice class is dropped.
- "Name: " at the start of a caption line names the speaker, when that name recurs in the
  file (the shared grammar, reader.core.labels); ">>" (broadcast captions) marks a change of
  speaker, named or not; a caption with neither continues the speaker before it.
- In a file that names no one, a dialogue dash ("- Yes.") marks a change of speaker too.
- Markup is dropped: in WebVTT every tag (`<c.yellow>`, `<i>`, `<00:00:01.000>`) is markup;
  in SRT only the tags subtitle tools write (`<i>`, `<font color=…>`, `{\\an8}`), so a
  literal "<3" or "[crosstalk]" stays text. Entities (`&amp;`) become characters.
- Auto-captions (YouTube) roll: each cue repeats the last line of the one before. When a
  file does that throughout, the repeated lines are dropped so every word appears once.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from reader.core import labels
from reader.core.diagnostics import ERROR, Diagnostic, has_errors
from reader.core.transcripts.blocks import Line, RawCue, scan
from reader.core.transcripts.model import Cue, Format, Parsed

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^<>\n]*))?>")
_END_VOICE = re.compile(r"</v[ \t]*>")
_ANY_TAG = re.compile(r"</?[A-Za-z\d][^<>\n]*>")
_SUBTITLE_TAG = re.compile(
    r"</?(?:i|b|u|s|c|v|font|span|ruby|rt|lang)\b[^<>\n]*>"
    r"|<\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?>"
    r"|\{\\[^{}\n]*\}",
    re.I,
)
_SPACES = re.compile(r"\s+")
_SPEAKER_MARK = re.compile(r"[ \t]*>>+[ \t]*")
_DASH = re.compile(r"[ \t]*[-–—][ \t]+\S")
# Auto-captions roll when at least this share of cues opens with the last line of the cue
# before (and at least twice): a relative test, so a one-off repeated "Yeah." stays.
_ROLLING_SHARE = 1 / 3
_FEW_LABELS = 3  # a file with this few labelled lines is too small to judge recurrence


@dataclass(slots=True)
class _Piece:
    """A run of caption text within one cue, with what starts at it."""

    line: int
    text: str
    voice: str | None = None  # the speaker it is given (by a voice tag or a label)
    starts: bool = False  # a voice, label or change of speaker begins here
    new_speaker: bool = False  # a change of speaker that names nobody
    first_on_line: bool = True


@dataclass
class _Cue:
    raw: RawCue
    pieces: list[_Piece] = field(default_factory=list)


def read_captions(
    lines: list[str], path: Path, fmt: Format, *, first: int = 0, empty: str
) -> Parsed:
    """The cues of an SRT or WebVTT file from `lines[first:]`; `empty` says what the format
    expects, for a file with no cues at all."""
    webvtt = fmt == "webvtt"
    found = scan(lines, path, webvtt=webvtt, first=first)
    if has_errors(found.diagnostics):
        return Parsed(fmt, [], found.diagnostics)
    if not found.cues:
        return Parsed(fmt, [], [Diagnostic(path, first + 1, 1, ERROR, empty)])
    cues = caption_cues(found.cues, webvtt=webvtt)
    text = "\n".join(clean_caption(t, webvtt=webvtt) for _, t in found.preamble).strip()
    if text and cues:  # untimed text above the cues: narration of its own
        cues[0] = replace(cues[0], new_speaker=cues[0].speaker is None or cues[0].new_speaker)
        cues.insert(0, Cue(None, None, None, text, found.preamble[0][0], new_speaker=True))
    return Parsed(fmt, cues, found.diagnostics)


def caption_cues(raws: list[RawCue], *, webvtt: bool) -> list[Cue]:
    """Cues from the cues `blocks.scan` found."""
    cues = [_Cue(raw, _voice_pieces(raw.lines, webvtt)) for raw in raws]
    _drop_rolling_repeats(cues)
    _find_labels(cues)
    if not any(p.voice for cue in cues for p in cue.pieces):
        _mark_dialogue_dashes(cues)
    return [out for cue in cues for out in _split(cue)]


def clean_caption(text: str, *, webvtt: bool) -> str:
    """Caption text without markup, entities decoded, white space collapsed."""
    if "<" in text or "{" in text:
        text = (_ANY_TAG if webvtt else _SUBTITLE_TAG).sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def _voice_pieces(lines: list[Line], webvtt: bool) -> list[_Piece]:
    """The cue's lines cut at voice tags; a voice lasts to the end of the cue (or `</v>`)."""
    pieces: list[_Piece] = []
    for number, raw in lines:
        parts = _VOICE.split(_END_VOICE.sub("", raw)) if "<v" in raw else [raw]
        # text, voice name, text, voice name, text …
        pieces.append(_Piece(number, clean_caption(parts[0], webvtt=webvtt)))
        for name, after in zip(parts[1::2], parts[2::2], strict=True):
            voice = clean_caption(name or "", webvtt=webvtt) or None
            text = clean_caption(after, webvtt=webvtt)
            pieces.append(_Piece(number, text, voice, starts=bool(voice), first_on_line=False))
    return [p for p in pieces if p.text or p.starts]


def _drop_rolling_repeats(cues: list[_Cue]) -> None:
    lines = [[p.text for p in cue.pieces] for cue in cues]
    pairs = [(a, b) for a, b in pairwise(lines) if a and b]
    repeats = sum(1 for a, b in pairs if b[0] == a[-1])
    if repeats < 2 or repeats < len(pairs) * _ROLLING_SHARE:
        return
    for cue, before, now in zip(cues[1:], lines[:-1], lines[1:], strict=True):
        if any(p.starts for p in cue.pieces):
            continue  # a voiced cue shows one person's words, not a rolling screen
        overlap = next(
            (k for k in range(min(len(before), len(now)), 0, -1) if before[-k:] == now[:k]), 0
        )
        del cue.pieces[:overlap]


def _find_labels(cues: list[_Cue]) -> None:
    """Caption lines that open with ">>" or "Name: " (a name the file uses more than once)."""
    found: list[tuple[_Piece, str, str]] = []
    for cue in cues:
        for piece in cue.pieces:
            if piece.voice or not piece.first_on_line:
                continue
            text = piece.text
            mark = _SPEAKER_MARK.match(text)
            if mark:
                text = text[mark.end() :]
                piece.text, piece.starts, piece.new_speaker = text, True, True
            dash = _DASH.match(text)
            head = text[dash.end() - 1 :] if dash else text
            label = labels.speaker_label(head)
            if label is not None and label.form == "colon":
                found.append((piece, label.name, head[label.end :]))
    speakers = labels.recurring((name for _, name, _ in found), few=_FEW_LABELS)
    for piece, name, rest in found:
        if labels.fold(name) in speakers:
            piece.voice, piece.text, piece.starts, piece.new_speaker = name, rest, True, False


def _mark_dialogue_dashes(cues: list[_Cue]) -> None:
    for cue in cues:
        for piece in cue.pieces:
            if piece.first_on_line and _DASH.match(piece.text):
                piece.starts = piece.new_speaker = True


def _split(cue: _Cue) -> list[Cue]:
    """One cue per voice, each with the cue's times."""
    groups: list[list[_Piece]] = []
    for piece in cue.pieces:
        if piece.starts or not groups:
            groups.append([piece])
        else:
            groups[-1].append(piece)
    out: list[Cue] = []
    for group in groups:
        text = "\n".join(p.text for p in group if p.text)
        if not text:
            continue
        head = group[0]
        out.append(
            Cue(
                speaker=head.voice,
                start=cue.raw.start,
                end=cue.raw.end,
                text=text,
                line=head.line if out else cue.raw.line,  # the first voice starts at the timing
                new_speaker=head.new_speaker,
            )
        )
    return out
