"""Each transcript format, on fixtures shaped like what real tools write: who speaks when,
what the turn says, and what the file's furniture (cue numbers, settings, tags) leaves out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.transcripts import Transcript, parse_transcript, read_transcript

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"


def read(name: str) -> Transcript:
    transcript = read_transcript(FIXTURES / name)
    assert transcript.ok, [str(d) for d in transcript.diagnostics]
    return transcript


def shape(transcript: Transcript) -> list[tuple[str | None, float | None]]:
    return [(t.speaker, t.start) for t in transcript.turns]


def texts(transcript: Transcript) -> list[str]:
    return [t.text for t in transcript.turns]


def test_zoom_vtt_names_in_the_text():
    t = read("zoom-recording.vtt")
    assert t.format == "webvtt"
    mira, tomas = "Mira Castell", "Tomas Reyes"
    assert shape(t) == [
        (mira, 2.15),
        (tomas, 7.02),
        (mira, 12.0),
        (tomas, 19.24),  # two cues of his, one turn, the first cue's start
        (mira, 35.6),
        (tomas, 37.4),
        (mira, 45.5),
        (tomas, 49.8),
    ]
    assert t.turns[3].end == 35.02
    assert t.turns[3].text == (
        "It began with a complaint, honestly. A fisherman wrote to the council about the"
        " silt. And nobody answered him for a year, which is its own story."
    )
    assert t.turns[4].text == "(laughs) A year?"
    assert not any("Mira Castell:" in text for text in texts(t))
    assert t.diagnostics == ()


def test_webvtt_voices_blocks_settings_and_tags():
    t = read("voices.vtt")
    dana, ilse = "Dana Whitlock", "Ilse Brandt"
    assert shape(t) == [(dana, 1.0), (ilse, 12.4), (dana, 19.8), (ilse, 19.8), (dana, 30.5)]
    # A cue holding two voices: two turns that both start at the cue's start.
    assert t.turns[2].text == "Really?" and t.turns[3].text.startswith("Really. (laughs) The first")
    joined = " ".join(texts(t))
    for furniture in (
        "align:",
        "position:",
        "region:",
        "::cue",
        "color",
        "Edited by hand",
        "second note",
        "intro",
        "q2-answer",
        "<",
        "&amp;",
        ".loud",
        "host",
    ):
        assert furniture not in joined, furniture
    assert "With a torch & a very old map. Mostly the map." in joined
    assert "mapping underground rivers" in joined
    assert "ausgerechnet" in joined
    # An unvoiced cue continues the voice before it.
    assert t.turns[0].text.endswith("So, where does one even start?")
    assert t.turns[0].end == 12.0


def test_youtube_auto_captions_drop_rolling_repeats():
    t = read("youtube-auto.en.vtt")
    assert t.speakerless and len(t.turns) == 1
    assert t.turns[0].speaker is None and t.turns[0].start == 0.0
    assert t.turns[0].text == (
        "welcome back to the workshop today we're building a shelf [Music] so first thing"
        " you want is dry oak not the green stuff from the yard because it moves as it dries"
    )


def test_descript_srt_names_on_each_change_continuations_without():
    t = read("descript-export.srt")
    assert t.format == "srt"
    nadia, ruth = "Nadia Osei", "Ruth Calder"
    assert shape(t) == [
        (nadia, 0.0),
        (ruth, 3.24),
        (nadia, 6.31),
        (ruth, 13.1),
        (nadia, 22.04),
        (ruth, 23.9),
        (nadia, 30.2),
        (ruth, 33.3),
    ]
    assert t.turns[2].text == (
        "Last time you had just finished the survey of the northern marsh. What did you find"
        " when you went back?"
    )
    assert t.turns[3].text.endswith("(laughs) Which is the usual way with models.")
    assert t.turns[4].text == "[crosstalk] Right, right."
    assert t.turns[2].line == 11  # the timing line of its first cue


def test_broadcast_srt_markers_tags_crlf_and_a_lost_blank_line():
    t = read("rev-captions.srt")
    assert shape(t) == [
        ("HOST", 1.2),
        ("PAT OYELARAN", 7.9),
        ("HOST", 10.7),
        ("PAT OYELARAN", 16.5),
        (None, 22.0),  # ">>" without a name: someone else speaks, unnamed
    ]
    assert t.turns[2].text == "THE PIPES UNDER MARKET STREET BURST TWICE. WHAT HAPPENED?"
    assert t.turns[3].text.endswith("[LAUGHTER]")
    assert all(">>" not in text and "{" not in text and "<i>" not in text for text in texts(t))


def test_otter_text_export():
    t = read("otter-export.txt")
    assert t.format == "text"
    jo, priya = "Jo Ferrand", "Priya Lal"
    assert shape(t) == [
        (None, None),  # the title line above the first turn is narration
        (jo, 4.0),
        (priya, 15.0),
        (jo, 23.0),
        (priya, 27.0),
        (jo, 41.0),
        (priya, 44.0),
        (jo, 3729.0),
        (priya, 3733.0),
        (None, None),  # "Transcribed by …" is nobody's words
    ]
    assert t.turns[4].text.endswith("no change.\n\nAnd I kept those stamps for years.")
    assert "6:15 every morning" in t.turns[6].text  # a time inside a sentence stays text
    assert t.turns[-1].text == "Transcribed by https://otter.ai"


def test_rev_text_export_name_and_time_in_parentheses():
    t = read("rev-transcript.txt")
    sam, lena = "Sam Whitfield", "Lena Marsh"
    assert shape(t) == [
        (sam, 1.0),
        (lena, 5.0),
        (sam, 12.0),
        (lena, 15.0),
        (sam, 31.0),
        (lena, 34.0),
    ]
    assert t.turns[3].text.endswith("for him.\n\nIt was minus eight up there.")


def test_markdown_with_bold_bracketed_labels_and_a_timed_continuation():
    t = read("bracketed-notes.md")
    rafe, ada = "Rafe Okonjo", "Ada Quinn"
    assert shape(t)[1:] == [
        (rafe, 3.0),
        (ada, 9.0),
        (rafe, 16.0),
        (ada, 19.0),
        (rafe, 40.0),
        (ada, 43.0),
    ]
    assert t.turns[4].text.endswith(
        "tuned twice.\n\nThe second tuner said the first one had done it wrong, which started"
        " a whole feud."
    )
    assert "**" not in " ".join(texts(t)) and "[00:" not in " ".join(texts(t))


def test_copied_video_transcript_without_names_is_timed_narration():
    t = read("youtube-transcript.txt")
    assert t.speakerless and shape(t) == [(None, 0.0)]
    assert t.turns[0].text.startswith("okay so this is the lathe I bought last spring")


def test_podcasting_2_json_one_word_per_segment():
    t = read("podcast-2.0-words.json")
    assert t.format == "podcast-json"
    hana, ezra = "Hana Vos", "Ezra Lund"
    assert shape(t) == [(hana, 0.0), (ezra, 6.0), (hana, 8.4), (ezra, 10.9)]
    assert texts(t) == [
        "Welcome to Low Tide, the show about coasts. My guest today builds sea walls.",
        "Hi, Hana. Thanks for having me.",
        "Why do sea walls fail?",
        "Mostly because the sea doesn't read the plans. (laughs) Sorry, that's my one joke.",
    ]
    assert t.turns[1].line == 106  # the line its first segment's object opens on


def test_whisper_segments_without_speakers_are_narration_paragraphs_with_times():
    t = read("whisper-segments.json")
    assert t.format == "json" and t.speakerless
    # A pause of 4.6 s after a sentence starts a new paragraph, each with its own time.
    assert shape(t) == [(None, 0.0), (None, 14.6)]
    assert t.turns[0].text.endswith("I failed at pottery first. Years ago.")
    assert t.turns[1].end == 22.0


def test_json_list_of_speakers_and_text_without_times():
    t = read("speakers-without-times.json")
    assert shape(t) == [
        ("Interviewer", None),
        ("Marguerite Sand", None),
        ("Interviewer", None),
        ("Marguerite Sand", None),
    ]
    assert not t.timed
    assert (
        t.turns[1].text
        == "In a mill town on the river, the third of five. My father ran the night shift."
    )
    assert t.turns[3].text == "Every summer from fourteen. [pause] I hated the noise."


def test_json_results_list_with_string_times_and_other_keys():
    t = read("results-list.json")
    assert shape(t) == [("Host", 1.2), ("Guest", 4.3), ("Host", 7.8), ("Guest", 9.5)]
    assert t.turns[3].end == 13.25


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('[{"name": "A", "content": "Hi", "start_time": 1}]', [("A", 1.0)]),
        ('{"segments": [{"speaker": 2, "text": "Yes", "start": "0:05"}]}', [("Speaker 2", 5.0)]),
        (
            '{"segments": [{"speaker": "SPEAKER_00", "text": " x ", "startTime": "1.5s"}]}',
            [("SPEAKER_00", 1.5)],
        ),
        ('[{"speaker": null, "body": "Narrated", "start": 0.5}]', [(None, 0.5)]),
    ],
)
def test_json_key_variants(source, expected):
    t = parse_transcript(source, "t.json")
    assert t.ok and shape(t) == expected


def test_json_times_in_milliseconds_are_recognised_and_said():
    source = (
        '[{"speaker": "A", "text": "One.", "start": 250, "end": 26000},'
        ' {"speaker": "B", "text": "Two.", "start": 26400, "end": 31000}]'
    )
    t = parse_transcript(source, "ms.json")
    assert t.ok and shape(t) == [("A", 0.25), ("B", 26.4)]
    assert "milliseconds" in t.diagnostics[0].message


def test_whole_second_json_times_stay_seconds():
    source = json.dumps(
        [
            {"speaker": "A", "text": "One.", "start": 0, "end": 65},
            {"speaker": "B", "text": "Two.", "start": 70, "end": 130},
        ]
    )
    t = parse_transcript(source, "s.json")
    assert shape(t) == [("A", 0.0), ("B", 70.0)] and t.diagnostics == ()


def test_json_segment_without_text_is_skipped_with_a_warning():
    segments = [{"speaker": "A", "text": "One.", "start": 1}, {"start": 2}, {"text": "Two."}]
    source = json.dumps(segments, indent=1)
    t = parse_transcript(source, "gap.json")
    assert t.ok and shape(t) == [("A", 1.0)] and texts(t) == ["One. Two."]
    (warning,) = t.diagnostics
    assert warning.severity == "warning" and "1 segment(s)" in warning.message
    assert warning.line == 7  # where the segment without text opens


def test_json_segment_lines_with_braces_inside_strings():
    source = '[\n{"text": "a {b} {", "start": 1},\n{"speaker": "x{", "text": "c", "start": 2}\n]'
    t = parse_transcript(source, "b.json")
    assert [c.line for c in t.cues] == [2, 3]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (  # bold after the time
            "[00:00:03] **Ann Lee:** Hi.\n[00:00:05] **Bo Kim:** Yo.\n",
            [("Ann Lee", 3.0, "Hi."), ("Bo Kim", 5.0, "Yo.")],
        ),
        (  # a dash between time and name
            "00:01:02 - Ann Lee: Hi.\n00:01:09 - Bo Kim: Yo.\n00:01:15 - Ann Lee: Ok.\n",
            [("Ann Lee", 62.0, "Hi."), ("Bo Kim", 69.0, "Yo."), ("Ann Lee", 75.0, "Ok.")],
        ),
        (  # a name used once after a time is text, dash and all
            "[0:01] Ann: a\n[0:02] Bo: b\n[0:03] Ann: c\n[0:04] Bo: d\n[0:05] - Well, So: e\n",
            [
                ("Ann", 1.0, "a"),
                ("Bo", 2.0, "b"),
                ("Ann", 3.0, "c"),
                ("Bo", 4.0, "d\n\n- Well, So: e"),
            ],
        ),
        (  # times alone above long paragraphs: timed narration paragraphs
            "0:00\n" + "word " * 30 + "\n\n0:40\n" + "more " * 30 + "\n",
            [(None, 0.0, ("word " * 30).strip()), (None, 40.0, ("more " * 30).strip())],
        ),
    ],
)
def test_text_export_variants(source, expected):
    t = parse_transcript(source, "t.txt")
    assert t.ok and [(x.speaker, x.start, x.text) for x in t.turns] == expected
