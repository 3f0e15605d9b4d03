"""Timestamped text transcripts → cues: one cue per timed line and the text below it.

The line forms transcription tools write (each may be bold in Markdown, `**…**`):
- `Anna Park  12:31` alone on a line, the turn's text below it (Otter);
- `Anna Park (12:31):` or `Anna Park [00:12:31]:` alone or with text after it (Rev);
- `[00:12:31] Anna Park: text` and `00:12:31 Anna Park: text`;
- a time with no name (`[12:31] text`, `12:31` alone), which continues the speaker before it.

A "Name:" after a time counts only for a name the file uses more than once; a bare time
opening a line counts only in a file written that way (a quarter of its timed lines, at
least two), so "10:30 in the morning …" in an Otter export stays text. Once a name is
known, an untimed "Name: text" line starts that speaker's turn too. Lines before the first
timed line are narration; a closing "Transcribed by …" line is a paragraph of its own, which
the importer drops as the tool's furniture (`is_furniture`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from reader.core import labels
from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.times import parse_time
from reader.core.transcripts.model import Cue, Parsed

# The name stands apart from the text ("Name  12:31", "Name (12:31):"): no recurrence test.
_HEADER_FORMS = ("after", "header")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_EMPHASIS = re.compile(r"(\*\*|__)([^*_\n]{1,80}?)\1")
_FURNITURE = re.compile(
    r"(?:transcribed|transcription|captions?) (?:by|with|provided by) .{1,80}", re.I
)
# In a file that names nobody, timed blocks this long are paragraphs; shorter ones are
# caption-like fragments (a copied video transcript) that the merge step joins.
_PARAGRAPH_WORDS = 20
_FEW_LABELS = 3  # a file with this few labelled lines is too small to judge recurrence
_EMPTY = (
    "no timestamped turns found: expected lines such as 'Name  12:31',"
    " '[00:12:31] Name: text' or 'Name (12:31): text'"
)


@dataclass
class _Mark:
    """A timed line: where, when, who (if anyone) and the text after the label."""

    index: int
    form: str
    time: str
    time_col: int
    name: str | None
    text: str
    unlabelled: str  # the text if the name turns out not to be a speaker's


@dataclass
class _Block:
    line: int
    speaker: str | None = None
    start: float | None = None
    lines: list[str] = field(default_factory=list)
    timed: bool = True

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def is_furniture(text: str) -> bool:
    """ "Transcribed by https://otter.ai": the tool's own line, not part of the recording."""
    return bool(_FURNITURE.fullmatch(text.strip()))


def looks_timestamped(text: str) -> bool:
    """Whether `text` reads as a timestamped transcript: at least two timed lines, and
    enough of them that times are the text's shape, not a few mentions in an article (one
    for every five paragraphs or more)."""
    timed = len(_marks(text.split("\n")))
    paragraphs = sum(1 for block in _PARAGRAPH_BREAK.split(text) if block.strip())
    return timed >= 2 and timed * 5 >= paragraphs


def read_text_export(text: str, path: Path) -> Parsed:
    lines = text.split("\n")
    marks = _marks(lines)
    if len(marks) < 2:
        return Parsed("text", [], [Diagnostic(path, 1, 1, ERROR, _EMPTY)])
    blocks: list[_Block] = [_Block(1, timed=False)]
    speakers = {m.name for m in marks.values() if m.name}
    for index, line in enumerate(lines):
        mark = marks.get(index)
        if mark is not None:
            try:
                start = parse_time(mark.time)
            except ValueError as exc:
                where = Diagnostic(path, index + 1, mark.time_col, ERROR, str(exc))
                return Parsed("text", [], [where])
            blocks.append(_Block(index + 1, mark.name, start, [mark.text]))
        elif (label := _untimed_label(line)) and label[0] in speakers:
            blocks.append(_Block(index + 1, label[0], None, [label[1]]))
        elif is_furniture(line):
            blocks.append(_Block(index + 1, None, None, [line], timed=False))
            blocks.append(_Block(index + 2, timed=False))
        else:
            blocks[-1].lines.append(line)
    return Parsed("text", _cues(blocks, bool(speakers)), [])


def _marks(lines: list[str]) -> dict[int, _Mark]:
    """The timed lines, by index, after the tests of recurrence and of the file's style."""
    found: list[_Mark] = []
    for index, line in enumerate(lines):
        mark = _mark(index, line)
        if mark is not None:
            found.append(mark)
    named = labels.recurring((m.name for m in found if m.name), few=_FEW_LABELS)
    named |= {labels.fold(m.name) for m in found if m.name and m.form in _HEADER_FORMS}
    for mark in found:
        if mark.name and mark.form not in _HEADER_FORMS and labels.fold(mark.name) not in named:
            mark.text, mark.name = mark.unlabelled, None
    bare = sum(1 for m in found if m.form == "bare")
    if bare < 2 or bare * 4 < len(found):
        found = [m for m in found if m.form != "bare"]
    return {m.index: m for m in found}


def _mark(index: int, line: str) -> _Mark | None:
    """The timed opening of `line` in the shared grammar's forms (reader.core.labels)."""
    for text in dict.fromkeys((_unemphasised(line).strip(), line.strip())):
        found = labels.timed_label(text)
        if found is None:
            continue
        form: str = found.form  # "after", "header", or a time "before": in brackets or bare
        if form == "before":
            form = "bare" if found.stamp.form == "bare" else "bracket"
        time = found.stamp.written
        at = line.find(time)
        col = at + 1 if at >= 0 else 1
        rest = text[found.end :].strip()
        if found.label is None:
            return _Mark(index, form, time, col, None, rest, rest)
        unlabelled = text[found.unlabelled :].strip()
        return _Mark(index, form, time, col, found.label.name, rest, unlabelled)
    return None


def _untimed_label(line: str) -> tuple[str, str] | None:
    """(name, text) for `Name: text` on a line without a time."""
    text = _unemphasised(line).strip()
    found = labels.speaker_label(text)
    if found is None or found.form != "colon":
        return None
    return found.name, text[found.end :]


def _unemphasised(line: str) -> str:
    """The line without the bold around its label: `**Anna (12:31):** text`,
    `[00:12:31] **Anna:** text`."""
    found = _EMPHASIS.search(line, 0, 120)
    if not found or found.start() > 20:
        return line
    return line[: found.start()] + found.group(2) + line[found.end() :]


def _cues(blocks: list[_Block], named: bool) -> list[Cue]:
    timed = [b for b in blocks if b.timed and b.text]
    # A file that names nobody: its blocks are paragraphs only when they are long enough.
    words = median(len(b.text.split()) for b in timed) if timed else 0
    paragraphs = named or words >= _PARAGRAPH_WORDS
    cues = []
    for block in blocks:
        if not block.text:
            continue
        new = not block.timed  # a preamble or a furniture line belongs to no speaker
        line = block.line if block.timed else block.line + _leading_blanks(block.lines)
        cues.append(Cue(block.speaker, block.start, None, block.text, line, new, new or paragraphs))
    return cues


def _leading_blanks(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if line.strip()), 0)
