"""The transcript readers on any input: never an exception; either turns and no error, or
one error and no turns; and on well-formed transcripts, every word kept in order, speakers
in order, and starts that never go back unless the file's did (which is an error)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from reader.core.transcripts import MAX_SECONDS, Transcript, format_timestamp, parse_transcript
from reader.core.transcripts.read import READERS
from tests.hostile.conftest import unsafe_in

CAPTION_PIECES = [
    "WEBVTT", "WEBVTT - x", "\n", "\n", "\n\n", " \n", "1\n", "2", "00:00:01,000 --> 00:00:02,000",
    "00:01.000 --> 00:03.500 align:start position:10%", "00:00:05,000 --> 00:00:01,000", "-->",
    "00:00:0x,000 --> 1", "99:59:59.999 --> 99:59:59.999", "<v Anna Park>", "<v.loud Ben>", "<v>",
    "</v>", "<c.yellow>", "</c>", "<00:00:01.500>", "<i>", "</i>", "<font color=red>", "{\\an8}",
    "NOTE ", "NOTE\n", "STYLE\n", "REGION\n", "::cue { }", "Anna Park: ", "BEN: ", ">> ", ">>",
    "- ", "&amp;", "&lt;", "&", "<", ">", "word", "Words here.", ",", ".", "?", "(laughs)",
    "[crosstalk]", " ", "\t", "\r\n", "\r", "12:31", "[00:00:05] ", "(0:07)", "Anna Park  0:02\n",
    "Ben (1:02:03):", "10:30 in the morning", "Transcribed by https://otter.ai", "**", "東京",
    "e\u0301", "\u202e", "\x1b[31m", "\x00", "\ufeff", "\x85", "\u2028",
]  # fmt: skip
CAPTIONS = st.lists(st.sampled_from(CAPTION_PIECES), max_size=50).map("".join)

KEYS = ["version", "segments", "results", "speaker", "name", "text", "body", "content",
        "start", "startTime", "start_time", "end", "endTime", "end_time", "words", "x"]  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**7), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["", " hi", "Anna", "00:00:01.500", "1.5s", "12:31", "-1", "soon", "\x1b"])
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=30,
)
JSON_TEXT = JSON_VALUES.map(json.dumps) | JSON_VALUES.map(json.dumps).flatmap(
    lambda s: st.integers(0, len(s)).map(lambda n: s[:n])  # cut short: invalid JSON
)
FORMATS = [None, *READERS]


def check_well_formed(t: Transcript, source: str) -> None:
    """What holds for any input: one error and nothing, or turns that make sense."""
    last = source.count("\n") + source.count("\r") + 2
    errors = [d for d in t.diagnostics if d.is_error]
    assert len(errors) <= 1, t.diagnostics
    assert bool(errors) == (not t.turns) and t.ok == bool(t.turns)
    for diag in t.diagnostics:
        assert 0 <= diag.line <= last and not unsafe_in(str(diag)), str(diag)
    starts = [turn.start for turn in t.turns if turn.start is not None]
    assert starts == sorted(starts)
    for turn in t.turns:
        assert turn.text.strip() and not unsafe_in(turn.text) and 1 <= turn.line <= last
        for value in (turn.start, turn.end):
            assert value is None or 0 <= value <= MAX_SECONDS


@settings(max_examples=150)
@given(CAPTIONS, st.sampled_from(FORMATS))
@example("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x <v B>y", "webvtt")
@example("1\n00:00:01,000 --> 00:00:02,000\n\n\n", "srt")
def test_caption_and_text_readers_never_fail_on_any_text(source, fmt):
    check_well_formed(parse_transcript(source, "fuzz.txt", fmt), source)


@settings(max_examples=150)
@given(JSON_TEXT)
@example('{"segments": [{"text": "a", "start": NaN}]}')
@example('[{"text": "a", "start": 5}, {"text": "b", "start": 1}]')
def test_json_reader_never_fails_on_any_json(source):
    check_well_formed(parse_transcript(source, "fuzz.json"), source)


# Well-formed transcripts, rendered in every format from one list of cues.

NAMES = ["Anna Park", "Ben Ode", "Dr. Cy de Vries"]
# Words that cannot be read as labels, tags or times, so every one must come through.
WORDS = ["so", "well", "the", "river", "it's", "don't", "(laughs)", "[crosstalk]", ",", ".", "?",
         "—", "Yes", "Okay", "x<y", "50%", "“quoted”", "東京"]  # fmt: skip


@dataclass(frozen=True)
class Spoken:
    speaker: str | None  # None: the cue names nobody (continues whoever spoke before)
    start: float
    words: tuple[str, ...]


def spoken(shuffle: bool = False):
    cue = st.tuples(
        st.sampled_from([*NAMES, None]),
        st.integers(0, 12).map(lambda q: q / 4),  # seconds after the cue before
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    )

    def build(items):
        at, out = 0.0, []
        for i, (speaker, gap, words) in enumerate(items):
            at += gap
            out.append(Spoken(speaker, at, (*words, f"w{i}")))  # a unique word: no rolling repeat
        return out

    cues = st.lists(cue, min_size=1, max_size=12).map(build)
    if shuffle:
        return cues.flatmap(lambda c: st.permutations([x.start for x in c]).map(restarted(c)))
    return cues


def restarted(cues: list[Spoken]):
    def at(starts: list[float]) -> list[Spoken]:
        return [Spoken(c.speaker, s, c.words) for c, s in zip(cues, starts, strict=True)]

    return at


def srt(cues: list[Spoken]) -> str:
    out = []
    for n, c in enumerate(cues, 1):
        start, end = (
            format_timestamp(c.start, decimal=","),
            format_timestamp(c.start + 0.2, decimal=","),
        )
        label = f"{c.speaker}: " if c.speaker else ""
        out.append(f"{n}\n{start} --> {end}\n{label}{' '.join(c.words)}\n")
    return "\n".join(out)


def webvtt(cues: list[Spoken]) -> str:
    body = "".join(
        f"\n{format_timestamp(c.start)} --> {format_timestamp(c.start + 0.2)} align:start\n"
        + (f"<v.x {c.speaker}>" if c.speaker else "")
        + " ".join(c.words)
        + "\n"
        for c in cues
    )
    return "WEBVTT\n\nNOTE generated\n" + body


def podcast_json(cues: list[Spoken]) -> str:
    segments = []
    for c in cues:
        for word in c.words:
            segment = {"startTime": c.start, "endTime": c.start + 0.2, "body": word}
            segments.append(segment | ({"speaker": c.speaker} if c.speaker else {}))
    return json.dumps({"version": "1.0.0", "segments": segments}, indent=1)


def json_list(cues: list[Spoken]) -> str:
    items = [{"speaker": c.speaker, "text": " ".join(c.words), "start": c.start} for c in cues]
    return json.dumps(items)


def text_export(cues: list[Spoken]) -> str:
    lines = []
    for c in cues:
        label = f"{c.speaker}: " if c.speaker else ""
        lines.append(f"[{format_timestamp(c.start)}] {label}{' '.join(c.words)}\n")
    return "\n".join(lines)


def otter(cues: list[Spoken]) -> str:
    """A header line ("Name  0:02.500") above each turn's text."""
    return "\n".join(
        f"{c.speaker}  {format_timestamp(c.start)}\n{' '.join(c.words)}\n" for c in cues
    )


def all_named(cues: list[Spoken]) -> list[Spoken]:
    """Otter names every turn: a cue that names nobody gets the name before it."""
    out, who = [], NAMES[0]
    for c in cues:
        who = c.speaker or who
        out.append(Spoken(who, c.start, c.words))
    return out


RENDERERS = [srt, webvtt, podcast_json, json_list, text_export, otter]


def renderable(render, cues: list[Spoken]) -> list[Spoken]:
    """The cues as `render` can write them unambiguously (Hypothesis skips the rest)."""
    if render is otter:
        cues = all_named(cues)
    if render in (srt, text_export):
        # "Name:" counts when each name labels two cues or more, or the file is small.
        named = [c.speaker for c in cues if c.speaker]
        assume(len(named) <= 3 or all(named.count(n) >= 2 for n in set(named)))
    if render in (text_export, otter):
        assume(len(cues) >= 2)  # one timed line alone does not make a text a transcript
    return cues


def speakers_in_order(cues: list[Spoken]) -> list[str | None]:
    out: list[str | None] = []
    for c in cues:
        who = c.speaker if c.speaker is not None else (out[-1] if out else None)
        if not out or out[-1] != who:
            out.append(who)
    return out


def collapse(seq):
    return [x for i, x in enumerate(seq) if i == 0 or seq[i - 1] != x]


def letters(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("render", RENDERERS, ids=lambda r: r.__name__)
@settings(max_examples=60)
@given(cues=spoken())
def test_turns_keep_every_word_and_speaker_in_order(render, cues):
    cues = renderable(render, cues)
    source = render(cues)
    t = parse_transcript(source, f"gen.{render.__name__}")
    assert t.ok, (t.diagnostics, source)
    assert letters("".join(turn.text for turn in t.turns)) == letters(
        "".join(w for c in cues for w in c.words)
    )
    assert collapse([turn.speaker for turn in t.turns]) == speakers_in_order(cues)
    assert {turn.start for turn in t.turns} <= {c.start for c in cues}
    starts = [turn.start for turn in t.turns]
    assert starts == sorted(starts) and starts[0] == cues[0].start


@pytest.mark.parametrize("render", RENDERERS, ids=lambda r: r.__name__)
@settings(max_examples=40)
@given(cues=spoken(shuffle=True))
def test_starts_that_go_back_are_one_error(render, cues):
    cues = renderable(render, cues)
    t = parse_transcript(render(cues), f"gen.{render.__name__}")
    starts = [c.start for c in cues]
    if starts == sorted(starts):
        assert t.ok, t.diagnostics
    else:
        assert not t.ok and t.turns == ()
        (error,) = t.diagnostics
        assert "out of order" in error.message
