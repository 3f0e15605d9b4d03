"""Bad transcript input: one error that names the file, the line and the problem, no turns
(never part of a broken file passed off as a whole one), and never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.transcripts import Transcript, parse_transcript, read_transcript


def refused(transcript: Transcript, line: int, *words: str) -> str:
    """The one error, checked: at `line`, saying `words`; returns it as printed."""
    assert not transcript.ok and transcript.turns == () and transcript.cues == ()
    (error,) = transcript.diagnostics
    assert error.severity == "error" and error.line == line, str(error)
    for word in words:
        assert word in error.message, (word, str(error))
    return str(error)


def test_prose_is_not_a_transcript():
    t = parse_transcript("An essay about rivers.\n\nIt has no times in it at all.\n", "essay.txt")
    assert refused(t, 1, "not a transcript").startswith("essay.txt:1:1: error:")
    assert t.format is None


def test_a_json_file_that_is_not_a_transcript_lists_its_keys():
    source = json.dumps({"title": "Low Tide", "episodes": [{"n": 1}]}, indent=2)
    text = refused(
        parse_transcript(source, "feed.json"), 1, "not a transcript", "'title'", "'episodes'"
    )
    assert text.startswith("feed.json:1:1")


@pytest.mark.parametrize(
    "source",
    [
        '{"results": {"channels": []}}',  # a speech service's response, not a segment list
        '{"segments": "none"}',
    ],
)
def test_json_with_a_segments_key_that_is_no_list(source):
    refused(parse_transcript(source, "r.json"), 1, "not a transcript", "not a list of segments")


@pytest.mark.parametrize("source", ["[1, 2, 3]", '["a", "b"]', "42", '"text"', "[]", "[{}]"])
def test_json_that_holds_no_segments(source):
    refused(parse_transcript(source, "x.json"), 1, "not a transcript")


def test_invalid_json_names_line_and_column():
    source = '{\n  "segments": [\n    {"text": "Hi", "start": 1,}\n  ]\n}'
    t = parse_transcript(source, "broken.json")
    refused(t, 3, "invalid JSON")
    assert t.diagnostics[0].col == 31  # the '}' after the trailing comma


def test_deeply_nested_json_is_refused_not_raised():
    refused(parse_transcript("[" * 100_000 + "]" * 100_000, "deep.json"), 1, "nested too deeply")


def test_json_integer_too_long_to_convert():
    refused(parse_transcript('[{"text": "x", "start": ' + "9" * 5000 + "}]", "big.json"), 1, "JSON")


@pytest.mark.parametrize(
    ("segment", "words"),
    [
        ({"text": 5}, ["'text' is a number"]),
        ({"text": "x", "speaker": ["A"]}, ["speaker is a list"]),
        ({"text": "x", "start": "soon"}, ["start time", "'soon' is not a time"]),
        ({"text": "x", "start": [1]}, ["start time is a list"]),
        ({"text": "x", "start": True}, ["start time is true or false"]),
    ],
)
def test_json_segment_fields_of_the_wrong_kind(segment, words):
    source = json.dumps({"segments": [{"text": "ok", "start": 0}, segment]}, indent=2)
    refused(parse_transcript(source, "s.json"), 7, *words)


@pytest.mark.parametrize(
    ("value", "words"),
    [(-3.5, ["negative"]), (1e12, ["100 hours"]), ("NaN", ["finite"]), ("Infinity", ["finite"])],
)
def test_negative_absurd_and_non_finite_times(value, words):
    literal = value if isinstance(value, str) else json.dumps(value)
    source = '[\n{"text": "a", "start": 1},\n{"text": "b", "start": ' + literal + "}\n]"
    refused(parse_transcript(source, "t.json"), 3, "bad start time", *words)


def test_srt_times_out_of_order():
    source = (
        "1\n00:00:05,000 --> 00:00:06,000\nA: one\n\n"
        "2\n00:00:09,000 --> 00:00:10,000\nB: two\n\n"
        "3\n00:00:07,000 --> 00:00:08,000\nA: three\n\n"
        "4\n00:00:08,000 --> 00:00:08,500\nB: four\n"
    )
    text = refused(
        parse_transcript(source, "late.srt"), 10, "out of order", "line 6", "00:00:07.000"
    )
    assert "(1 more bad times after it)" in text


def test_cue_ending_before_it_starts():
    source = "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nhello\n"
    refused(parse_transcript(source, "c.vtt"), 3, "ends (00:00:04.000) before it starts")


@pytest.mark.parametrize(
    ("timing", "col", "words"),
    [
        ("00:00:0x,000 --> 00:00:02,000", 1, ["'00:00:0x,000' is not a time"]),
        ("00:00:01,000 --> 00:75:00,000", 18, ["75 minutes"]),
        ("00:00:01,000 -->", 1, ["malformed timing line"]),
    ],
)
def test_malformed_srt_timing_line(timing, col, words):
    t = parse_transcript(f"1\n00:00:00,000 --> 00:00:01,000\nok\n\n2\n{timing}\ntext\n", "t.srt")
    refused(t, 6, *words)
    assert t.diagnostics[0].col == col


def test_srt_with_no_cues():
    refused(parse_transcript("Just a note\nabout a film.\n", "film.srt"), 1, "no subtitles found")


def test_webvtt_header_without_cues():
    refused(parse_transcript("WEBVTT\n\nNOTE nothing yet\n", "empty.vtt"), 2, "no cues found")


def test_text_export_with_an_impossible_time():
    source = "Anna Park (00:00:02):\nHello.\n\nBen Ode (00:75:07):\nHi.\n"
    t = parse_transcript(source, "talk.txt")
    refused(t, 4, "75 minutes")
    assert t.diagnostics[0].col == 10


def test_cues_with_no_text_at_all():
    source = "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:02,000 --> 00:00:03,000\n\n"
    refused(parse_transcript(source, "blank.srt"), 1, "holds no text")


@pytest.mark.parametrize("source", ["", "   \n\n\t\n", "\ufeff"])
def test_empty_input(source):
    refused(parse_transcript(source, "e.srt"), 0, "empty")


def test_nul_bytes_in_text_are_binary_data():
    refused(parse_transcript("WEBVTT\n\nab\x00cd", "x.vtt"), 3, "binary")


def test_binary_file(tmp_path: Path):
    path = tmp_path / "episode.srt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert refused(read_transcript(path), 3, "binary").startswith(f"{path}:3:")


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path):
    path = tmp_path / "huge.vtt"
    with path.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: the size is there, the bytes are not
    text = refused(read_transcript(path), 0, "200.0 MB", "20 MB limit")
    assert text.startswith(f"{path}: error:")


def test_the_size_limit_follows_the_body_limit_setting(tmp_path: Path, monkeypatch):
    path = tmp_path / "talk.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nA: hi\n" * 2000)
    assert read_transcript(path).ok
    monkeypatch.setenv("READER_MAX_BODY_MB", "0.01")
    refused(read_transcript(path), 0, "over the 0.01 MB limit")


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.srt"
    path.write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9\n")
    refused(read_transcript(path), 3, "not valid UTF-8")


def test_utf16(tmp_path: Path):
    path = tmp_path / "wide.vtt"
    path.write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n".encode("utf-16"))
    refused(read_transcript(path), 1, "UTF-16")


def test_missing_file(tmp_path: Path):
    refused(read_transcript(tmp_path / "nope.srt"), 0, "cannot read")


def test_a_vtt_without_its_header_reads_with_a_warning():
    t = parse_transcript("00:01.000 --> 00:02.000\n<v Ann>Hello\n", "bare.vtt")
    assert t.ok and [x.speaker for x in t.turns] == ["Ann"]
    (warning,) = t.diagnostics
    assert warning.severity == "warning" and "WEBVTT" in warning.message


def test_stray_text_in_webvtt_is_kept_with_a_warning():
    source = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\nand a stray line\n\n"
        "00:03.000 --> 00:04.000\nBye\n"
    )
    t = parse_transcript(source, "stray.vtt")
    assert t.ok and t.turns[0].text == "Hello and a stray line Bye"
    (warning,) = t.diagnostics
    assert warning.line == 6 and "outside any cue" in warning.message


def test_text_before_the_first_srt_cue_is_narration_with_a_warning():
    t = parse_transcript("Episode 3\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n", "pre.srt")
    assert t.ok and [(x.speaker, x.start, x.text) for x in t.turns] == [
        (None, None, "Episode 3"),
        (None, 1.0, "Hi"),
    ]
    assert t.diagnostics[0].line == 1 and "before the first cue" in t.diagnostics[0].message
