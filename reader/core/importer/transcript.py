"""`reader import` of a timed transcript — SRT, WebVTT, Podcasting 2.0 or other JSON segments,
timestamped text — read by reader.core.transcripts, then given roles like any interview.

The transcript reader already knows who speaks when: its turns are the paragraphs here, one
`Para` a turn (its paragraphs joined, its speaker as the label, its start as the time), and
narration for what no speaker said. What it does not know is who asks: that is the labels
stage (aliases and full names) and the roles stage (`--interviewer`/`--subject` first, then
who asks relative to whom), exactly as for a web page. The page stages (zones, the sequence
model, closing notes) have nothing to do: a transcript has no site chrome, headline or tail,
and every turn already has its speaker.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core import labels
from reader.core.importer.classify import Outcome
from reader.core.importer.labelling import Labelled, label_stage
from reader.core.importer.model import Decision, Meta, Para, Role
from reader.core.importer.roles import Hints, cast
from reader.core.importer.segment import escape_md
from reader.core.importer.source import ImportProblem, Source
from reader.core.importer.timestamps import without_times
from reader.core.importer.zones import Zoned
from reader.core.model import Speaker
from reader.core.transcripts import FORMAT_NAMES, Format, Transcript, format_clock
from reader.core.transcripts import parse_transcript as parse
from reader.core.transcripts.textexport import is_furniture

TITLE_WORDS = 12  # an untimed first line this short, without a full stop, is the title
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_STEM_BREAKS = re.compile(r"[\s_.+-]+")
_HEADING = re.compile(r"^#{1,6}\s+")  # a Markdown export's first line: "# Interview with …"


def read(source: Source, fmt: Format) -> Transcript:
    """The transcript in `source`, or ImportProblem with the first error's line and column."""
    transcript = parse(source.text, source.path, fmt)
    if not transcript.ok:
        error = next((d for d in transcript.diagnostics if d.is_error), None)
        if error is None:
            raise ImportProblem("the transcript holds no text")
        raise ImportProblem.of(error, 1)
    return transcript


def paragraphs(transcript: Transcript) -> tuple[list[Para], Meta]:
    """One paragraph a turn (a narration turn too, each with its own time), and the metadata
    a transcript gives: a title from an untimed first line, the recording's length."""
    turns = list(transcript.turns)
    title = ""
    first = turns[0] if turns else None
    if first is not None and first.speaker is None and first.start is None:
        words = first.text.split()
        if 0 < len(words) <= TITLE_WORDS and "\n" not in first.text and first.text[-1] != ".":
            title, turns = _HEADING.sub("", first.text).strip(" *_"), turns[1:]
    paras = [_para(t.text, t.line, t.speaker or "", t.start) for t in turns]
    times = (*(c.end for c in transcript.cues), *(c.start for c in transcript.cues))
    ends = [t for t in times if t is not None]
    return paras, Meta(title=title, duration=max(ends) if ends else None)


def _para(text: str, line: int, speaker: str, start: float | None) -> Para:
    """A turn as one paragraph for the stages (its words, the end of its last paragraph), with
    each of its paragraphs as Markdown for the bundle."""
    parts = [" ".join(without_times(p).split()) for p in _PARAGRAPHS.split(text)]
    parts = [p for p in parts if p]
    md = "\n\n".join(
        escape_md(part) if not i else _guard(escape_md(part)) for i, part in enumerate(parts)
    )
    return Para(line, " ".join(parts), md, label=speaker, start=start)


def _guard(md: str) -> str:
    """A paragraph after a turn's first must not read as a new turn in the bundle: a colon
    after something label-like is escaped (`NOTE\\: …`, docs/bundle-format.md)."""
    found = labels.candidate(md)
    if found is None:
        return md
    colon = md.find(":")
    return md[:colon] + "\\" + md[colon:]


def title_from(stem: str) -> str:
    """ "kitchen-table_ep31" → "Kitchen Table Ep31": a title when the transcript has none."""
    words = [w for w in _STEM_BREAKS.split(stem) if w]
    if not words:
        return "Transcript"
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words)


def classify_transcript(paras: list[Para], meta: Meta, hints: Hints) -> Outcome:
    """Roles for the speakers of a transcript's turns; narration stays narration."""
    narration = {i for i, p in enumerate(paras) if not p.label}
    zoned = Zoned(
        paras,
        ["body"] * len(paras),
        {i: Decision(Role.NARRATION, ("captions that name no speaker",)) for i in narration},
        meta,
        {},
        {},
    )
    labelled = label_stage(zoned)
    if not labelled.keys:  # fewer turns than the stage trusts: each label is a speaker
        labelled = _as_given(paras, narration)
    order = [i for i in range(len(paras)) if i not in narration]
    crew = cast(paras, order, labelled, hints, {}, {}, ())
    first = dict.fromkeys(labelled.keys[i] for i in sorted(labelled.keys))
    speakers = {key: _as_written(crew.speakers[key]) for key in first}  # in speaking order
    if len(speakers) == 1 and not (hints.interviewers or hints.subjects):
        ((only, alone),) = speakers.items()  # a talk or a monologue: one voice answers
        if labelled.kinds.get(only) not in ("qa", "role"):
            speakers[only] = replace(alone, role="subject")
    decisions = []
    for i, para in enumerate(paras):
        key = labelled.keys.get(i)
        if key is None and is_furniture(para.text):
            decisions.append(Decision(Role.BOILERPLATE, ("the transcription tool's own line",)))
            continue
        if key is None:
            decisions.append(Decision(Role.NARRATION, ("captions that name no speaker",)))
            continue
        role = Role.QUESTION if speakers[key].asks else Role.ANSWER
        why = f"a turn of the transcript, by {para.label}"
        decisions.append(Decision(role, (why,), key, new_turn=True))
    return Outcome(paras, decisions, speakers, "labels", meta, list(crew.notes))


def _as_written(speaker: Speaker) -> Speaker:
    """A name that is only the label recased ("Speaker_00" for SPEAKER_00) stays as the
    transcript writes it; a full name behind a short label ("Ines Okafor" for IO) is kept."""
    if labels.fold(speaker.name) == labels.fold(speaker.key):
        return replace(speaker, name=speaker.key)
    return speaker


def _as_given(paras: list[Para], narration: set[int]) -> Labelled:
    keys = {i: p.label for i, p in enumerate(paras) if i not in narration}
    names = {label: label for label in keys.values()}
    kinds = {label: labels.label_kind(label) or "name" for label in keys.values()}
    return Labelled(keys, names, kinds, {})


def summary_lines(transcript: Transcript) -> str:
    """What the summary says about the transcript: its format, cues, turns and times."""
    fmt = transcript.format
    kind = FORMAT_NAMES[fmt] if fmt else "transcript"
    turns = transcript.turns
    starts = [t.start for t in turns if t.start is not None]
    ends = [t for c in transcript.cues for t in (c.start, c.end) if t is not None]
    span = f", {format_clock(starts[0])} to {format_clock(max(ends))}" if starts else ", no times"
    cues = _count(len(transcript.cues), "cue")
    lines = [f"transcript: {kind}, {cues} → {_count(len(turns), 'turn')}{span}"]
    if transcript.speakerless:
        timed = "timed " if starts else ""
        lines.append(
            f"no speaker is named in it: {_count(len(turns), timed + 'narration paragraph')}"
            " (name the speakers in the file, e.g. 'Name: ' or <v Name>, to get turns)"
        )
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
