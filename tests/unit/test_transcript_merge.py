"""The merge step and the caption rules every format shares: turns from cues, text joined
as sentences, paragraphs, narration, labels, voices and markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.transcripts import (
    Cue,
    Turn,
    detect_format,
    join_words,
    merge_cues,
    parse_transcript,
)
from reader.core.transcripts.merge import HARD_WORDS, PAUSE, SOFT_WORDS


def cue(speaker, start, text, *, end=None, line=1, new=False, paragraph=False) -> Cue:
    return Cue(speaker, start, end, text, line, new_speaker=new, paragraph=paragraph)


def srt(*cues: tuple[float, str]) -> str:
    """An SRT file from (start, text) pairs, each cue a second long."""
    return "\n".join(
        f"{n}\n00:00:{s:06.3f} --> 00:00:{s + 1:06.3f}\n".replace(".", ",") + f"{text}\n"
        for n, (s, text) in enumerate(cues, 1)
    )


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (["Well", ",", "yes", "."], "Well, yes."),
        (["it", "'s", "fine", "—", "do", "n't", "worry"], "it's fine — don't worry"),
        (["I", "ca", "n't", "go", "!"], "I can't go!"),
        (["we", "’re", "here", "…"], "we’re here…"),
        (["(", "laughs", ")", "So", "?"], "(laughs) So?"),
        (["[crosstalk]", "No", ";", "50", "%", "of", "it"], "[crosstalk] No; 50% of it"),
        (["“", "Quote", "”", "said"], "“Quote” said"),
    ],
)
def test_join_words_spaces_like_prose(words, text):
    assert join_words(words) == text


def test_consecutive_cues_of_one_speaker_are_one_turn_first_start_last_end():
    turns = merge_cues(
        [
            cue("A", 1.0, "One", end=1.5, line=3),
            cue(None, 1.5, "two.", end=2.0, line=7),
            cue("A", 2.0, "Three.", end=2.5, line=11),
            cue("B", 3.0, "Four.", end=3.5, line=15),
        ]
    )
    assert turns == [Turn("A", 1.0, 2.5, "One two. Three.", 3), Turn("B", 3.0, 3.5, "Four.", 15)]


def test_an_unnamed_change_of_speaker_starts_a_turn_of_nobody():
    turns = merge_cues([cue("A", 1, "Hi."), cue(None, 2, "Who?", new=True), cue(None, 3, "Me.")])
    assert [(t.speaker, t.text) for t in turns] == [("A", "Hi."), (None, "Who? Me.")]


def test_narration_is_one_turn_per_paragraph_each_with_its_time():
    cues = [cue(None, 0, "A sentence.", end=1), cue(None, 1 + PAUSE, "After a pause.", end=5)]
    assert [(t.start, t.text) for t in merge_cues(cues)] == [
        (0, "A sentence."),
        (3.0, "After a pause."),
    ]


def test_a_pause_inside_a_speakers_turn_starts_a_paragraph_not_a_turn():
    cues = [
        cue("A", 0, "First thought.", end=1),
        cue(None, 1.5, "Still going.", end=2),
        cue(None, 2 + PAUSE, "After a pause.", end=6),
        cue(None, 6 + PAUSE, "mid sentence", end=9),
        cue(None, 9 + PAUSE, "goes on.", end=12),
    ]
    (turn,) = merge_cues(cues)
    # A pause after a sentence breaks; one in mid-sentence does not.
    assert turn.text == "First thought. Still going.\n\nAfter a pause.\n\nmid sentence goes on."


def test_long_paragraphs_break_at_a_sentence_end_then_anywhere():
    sentence = ["word"] * (SOFT_WORDS - 1) + ["end."]
    cues = [cue("A", i, w) for i, w in enumerate(sentence + ["next", "one."])]
    (turn,) = merge_cues(cues)
    assert turn.text.count("\n\n") == 1 and turn.text.endswith("end.\n\nnext one.")
    unpunctuated = [cue(None, i, "word") for i in range(HARD_WORDS + 5)]
    assert [len(t.text.split()) for t in merge_cues(unpunctuated)] == [HARD_WORDS, 5]


def test_paragraph_cues_and_blank_lines_inside_a_cue():
    cues = [
        cue("A", 0, "One.\n\nTwo."),
        cue("A", 5, "Three.", paragraph=True),
        cue(None, 6, "Four."),
    ]
    assert merge_cues(cues)[0].text == "One.\n\nTwo.\n\nThree. Four."


def test_empty_cues_are_skipped_and_a_start_comes_from_the_first_timed_cue():
    turns = merge_cues([cue("A", None, "  "), cue("A", None, "Hi."), cue(None, 4.0, "there.")])
    assert turns == [Turn("A", 4.0, None, "Hi. there.", 1)]


def test_srt_label_counts_only_when_the_name_recurs():
    source = srt(
        (1, "Anna: Hello."),
        (2, "Ben: Hi."),
        (3, "So: here is the thing."),
        (4, "Anna: Go on."),
        (5, "Ben: Fine."),
    )
    t = parse_transcript(source, "x.srt")
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Anna", "Hello."),
        ("Ben", "Hi. So: here is the thing."),
        ("Anna", "Go on."),
        ("Ben", "Fine."),
    ]


def test_a_small_file_takes_every_label():
    t = parse_transcript(srt((1, "Anna: Hello."), (2, "Ben: Hi.")), "x.srt")
    assert t.speakers == ("Anna", "Ben")


def test_two_labels_in_one_srt_cue_are_two_turns_at_the_cue_start():
    t = parse_transcript(
        srt((1, "Anna: Ready?\nBen: Yes."), (2, "Anna: Good."), (3, "Ben: Go.")), "x.srt"
    )
    assert [(x.speaker, x.start, x.line) for x in t.turns] == [
        ("Anna", 1.0, 2),
        ("Ben", 1.0, 4),
        ("Anna", 2.0, 7),
        ("Ben", 3.0, 11),
    ]


def test_label_grammar_names_and_not_sentences():
    lines = [
        "Dr. Ana de Souza: One.",
        "SPEAKER_01: Two.",
        "Speaker 2: Three.",
        "Dr. Ana de Souza: Four.",
        "SPEAKER_01: Five.",
        "Speaker 2: Six.",
        "the end: lower case.",
        "Time 12:30 here.",
    ]
    t = parse_transcript(srt(*((i, line) for i, line in enumerate(lines, 1))), "x.srt")
    assert [x.speaker for x in t.turns] == ["Dr. Ana de Souza", "SPEAKER_01", "Speaker 2"] * 2
    assert t.turns[-1].text == "Six. the end: lower case. Time 12:30 here."


def test_dialogue_dashes_change_speaker_only_where_no_one_is_named():
    film = parse_transcript(srt((1, "- Are you coming?\n- In a minute."), (2.5, "Fine.")), "f.srt")
    assert [x.text for x in film.turns] == ["- Are you coming?", "- In a minute. Fine."]
    named = srt(
        (1, "Anna: I said -"),
        (2, "- no, wait."),
        (3, "Ben: Yes."),
        (4, "Anna: And?"),
        (5, "Ben: No."),
    )
    assert parse_transcript(named, "n.srt").turns[0].text == "I said - - no, wait."


def test_srt_keeps_literal_angle_brackets_and_drops_subtitle_tags():
    source = srt((1, '{\\an8}I <3 <font color="#ffff00">this</font> <b>a</b>&amp;<i>b</i>, x < y'))
    (turn,) = parse_transcript(source, "x.srt").turns
    assert turn.text == "I <3 this a&b, x < y"


def test_webvtt_drops_every_tag_and_keeps_escaped_brackets():
    source = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<ruby>漢<rt>kan</rt></ruby> &lt;3 <u>u</u> <x.y>z\n"
    )
    (turn,) = parse_transcript(source, "x.vtt").turns
    assert turn.text == "漢kan <3 u z"


def test_webvtt_voice_without_closing_tag_lasts_the_cue():
    source = (
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>first line\nsecond line\n\n"
        "00:03.000 --> 00:04.000\nthird\n"
    )
    t = parse_transcript(source, "x.vtt")
    assert [(x.speaker, x.text) for x in t.turns] == [("Ann", "first line second line third")]


def test_a_webvtt_cue_without_a_blank_line_before_the_next():
    source = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>one\n00:02.000 --> 00:03.000\n<v B>two\n"
    t = parse_transcript(source, "x.vtt")
    assert [(x.speaker, x.start) for x in t.turns] == [("A", 1.0), ("B", 2.0)]


def test_one_repeated_line_is_not_rolling_captions():
    t = parse_transcript(
        srt((1, "Yeah."), (2, "Yeah."), (3, "Right, so."), (4, "We start.")), "x.srt"
    )
    assert t.turns[0].text == "Yeah. Yeah. Right, so. We start."


def test_rolling_srt_from_auto_captions():
    source = srt(
        (1, "so we went down"),
        (2, "so we went down\nto the river"),
        (3, "to the river\nand it was dry"),
        (4, "and it was dry\ncompletely dry"),
    )
    (turn,) = parse_transcript(source, "auto.srt").turns
    assert turn.text == "so we went down to the river and it was dry completely dry"


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),
        ("a.txt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),  # a .txt that is SRT
        ("a.srt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "webvtt"),
        ("a.vtt", "00:01.000 --> 00:02.000\nhi\n", "webvtt"),
        ("a", '{"segments": []}', "json"),
        ("a.txt", '[\n  {"text": "hi"}\n]', "json"),
        ("a.json", "not json at all", "json"),  # the JSON reader says what is wrong
        ("a.md", "[00:00:01] A: hi\n[00:00:05] B: yo\n", "text"),
        ("a.txt", "Anna  0:01\nhi\n\nBen  0:04\nyo\n", "text"),
        ("a.txt", "Just prose.\n", None),
        # An article that mentions two times is not a transcript.
        ("a.md", "[00:01] A: x\n\n" + "Prose.\n\n" * 8 + "[00:02] B: y\n", "text"),
        ("a.md", "[00:01] A: x\n\n" + "Prose.\n\n" * 12 + "[00:02] B: y\n", None),
        ("a.md", "# Title\n\nQ: A question?\n\nA: An answer.\n", None),
        ("a.srt", "Just prose.\n", "srt"),  # the SRT reader says it found no cues
    ],
)
def test_detect_format_by_content_then_extension(name, text, fmt):
    assert detect_format(Path(name), text) == fmt
