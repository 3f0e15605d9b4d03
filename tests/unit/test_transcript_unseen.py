"""Fixtures written after the readers were done and not tuned for: Teams captions, WhisperX
diarised JSON, Podcasting 2.0 phrases with unnamed continuations, yt-dlp auto-subtitles."""

from __future__ import annotations

from pathlib import Path

from reader.core.transcripts import read_transcript

UNSEEN = Path(__file__).parent.parent / "fixtures" / "transcripts" / "unseen"


def turns(name: str) -> list[tuple[str | None, float | None, str]]:
    transcript = read_transcript(UNSEEN / name)
    assert transcript.ok and transcript.diagnostics == (), transcript.diagnostics
    return [(t.speaker, t.start, t.text) for t in transcript.turns]


def test_teams_captions():
    priya, owen = "Priya Nair", "Owen Hartley"
    got = turns("teams-meeting.vtt")
    assert [(s, t) for s, t, _ in got] == [
        (priya, 3.52),
        (owen, 10.02),
        (priya, 17.3),
        (owen, 19.4),
    ]
    assert (
        got[0][2]
        == "Can everyone hear me okay? Great, so let's get started with the depot question."
    )
    assert "/18-0" not in " ".join(text for *_, text in got)


def test_whisperx_diarised_segments():
    got = turns("whisperx-diarized.json")
    assert [(s, t) for s, t, _ in got] == [
        ("SPEAKER_00", 0.31),
        ("SPEAKER_01", 4.2),
        ("SPEAKER_00", 12.9),
        ("SPEAKER_01", 15.5),
    ]
    assert got[1][2] == (
        "Happy to. Mind the hose, it's everywhere. We've been running it since six"
        " because of the heat."
    )


def test_podcasting_phrases_with_unnamed_continuation():
    got = turns("podcast-2.0-phrases.json")
    cass, dev = "Cass Moreno", "Dev Ansari"
    assert [(s, t) for s, t, _ in got] == [(cass, 0.5), (dev, 8.6), (cass, 12.4), (dev, 14.5)]
    assert got[0][2].endswith(
        "I'm Cass Moreno. Tonight, the people who clean the city while it sleeps."
    )
    assert got[3][2].endswith("perfectly set up. (laughs)")


def test_yt_dlp_auto_subtitles_roll():
    assert turns("yt-dlp-auto.en.srt") == [
        (
            None,
            0.08,
            "hi everyone and welcome back this week we are testing three tents in actual rain"
            " for once [Applause]",
        )
    ]
