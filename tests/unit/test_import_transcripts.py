"""`reader import` of timed transcripts: each format becomes a bundle whose turns have the
right side (asks or answers), speaker and start time, that passes `reader check`, and in
which no timestamp is left inside the text. Bad input is one line, and nothing is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.render_text import article_to_json

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts"
Q, A = "asks", "answers"
_TIMESTAMP = re.compile(r"[\[(]?\b\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d+)?\b[\])]?")


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(["import", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def imported(capsys, tmp_path: Path, source: Path, *options: str) -> tuple[dict, str]:
    """The bundle written for `source`, as `reader show --format json` gives it, and the
    summary; the bundle is checked with the loader `reader check` uses."""
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, source, "-o", out_dir, *options)
    assert status == 0, err
    (bundle,) = out_dir.iterdir()
    loaded = load_bundle(bundle)
    assert loaded.article is not None and loaded.diagnostics == [], loaded.diagnostics
    return article_to_json(loaded.article), out


def turns(data: dict) -> list[tuple[str, str, float | None]]:
    asks = ("interviewer", "host", "moderator")
    return [
        (Q if b["role"] in asks else A, b["speaker_name"], b["start"])
        for b in data["blocks"]
        if b["kind"] == "turn" and not b["continued"]
    ]


def text_of(data: dict) -> str:
    return "\n".join(p for b in data["blocks"] for p in b["paragraphs"])


def test_srt_with_names_on_each_change_and_continuation_cues(tmp_path, capsys):
    data, out = imported(capsys, tmp_path, TRANSCRIPTS / "descript-export.srt")
    nadia, ruth = "Nadia Osei", "Ruth Calder"
    assert [(side, name) for side, name, _ in turns(data)] == [(Q, nadia), (A, ruth)] * 4
    assert all(start is not None for *_, start in turns(data))
    assert "transcript: SRT subtitles, 10 cues → 8 turns" in out
    assert "reader check: ok" in out


def test_webvtt_voices_settings_and_blocks(tmp_path, capsys):
    data, _ = imported(capsys, tmp_path, TRANSCRIPTS / "voices.vtt")
    dana, ilse = "Dana Whitlock", "Ilse Brandt"
    assert turns(data) == [
        (Q, dana, 1.0),
        (A, ilse, 12.0),  # whole seconds in the bundle: 12.4 is written 00:00:12
        (Q, dana, 19.0),
        (A, ilse, 19.0),  # a cue holding two voices: both start at the cue's start
        (Q, dana, 30.0),
    ]
    text = text_of(data)
    for furniture in ("::cue", "region", "align:", "NOTE", "Edited by hand", "<v", ".loud", "<i>"):
        assert furniture not in text
    assert "(laughs)" in text and "with a torch & a very old map" in text.lower()


def test_one_word_podcasting_segments_become_sentences(tmp_path, capsys):
    data, out = imported(capsys, tmp_path, TRANSCRIPTS / "podcast-2.0-words.json")
    hana, ezra = "Hana Vos", "Ezra Lund"
    assert turns(data) == [(Q, hana, 0.0), (A, ezra, 6.0), (Q, hana, 8.0), (A, ezra, 10.0)]
    assert data["blocks"][3]["paragraphs"] == [
        "Mostly because the sea doesn't read the plans. (laughs) Sorry, that's my one joke."
    ]
    assert "Podcasting 2.0 JSON transcript" in out and data["duration"] == 16.0


def test_otter_export_with_its_title_and_closing_line(tmp_path, capsys):
    data, _ = imported(capsys, tmp_path, TRANSCRIPTS / "otter-export.txt")
    jo, priya = "Jo Ferrand", "Priya Lal"
    assert turns(data) == [
        (Q, jo, 4.0),
        (A, priya, 15.0),
        (Q, jo, 23.0),
        (A, priya, 27.0),
        (Q, jo, 41.0),
        (A, priya, 44.0),
        (Q, jo, 3729.0),
        (A, priya, 3733.0),
    ]
    assert data["title"] == "Kitchen Table, episode 31"
    assert data["blocks"][3]["paragraphs"] == [
        "Rye bread, for a neighbour. She paid me in stamps, actually, because she had no change.",
        "And I kept those stamps for years.",
    ]
    assert "otter.ai" not in text_of(data)  # "Transcribed by …" is the export's furniture
    # "6:15 every morning" is what she said, not a timestamp
    assert "The shop opened at 6:15 every morning" in text_of(data)


def test_json_segments_without_times(tmp_path, capsys):
    data, out = imported(capsys, tmp_path, TRANSCRIPTS / "speakers-without-times.json")
    assert [(side, start) for side, _, start in turns(data)] == [(Q, None), (A, None)] * 2
    assert [name for _, name, _ in turns(data)][:2] == ["Interviewer", "Marguerite Sand"]
    assert "no times" in out and data["duration"] is None


def test_no_timestamp_stays_in_the_text(tmp_path, capsys):
    for name in (
        "rev-transcript.txt",
        "bracketed-notes.md",
        "otter-export.txt",
        "zoom-recording.vtt",
    ):
        out_dir = tmp_path / name
        data, _ = imported(capsys, out_dir, TRANSCRIPTS / name)
        for block in data["blocks"]:
            for paragraph in block["paragraphs"]:
                stamps = [s for s in _TIMESTAMP.findall(paragraph) if s != "6:15"]
                assert not stamps, (name, paragraph)
    rev = imported(capsys, tmp_path / "rev", TRANSCRIPTS / "rev-transcript.txt")[0]
    assert "[inaudible] the ladder?" in text_of(rev)  # Rev's "[inaudible 00:00:32]"


def test_the_command_line_decides_who_asks(tmp_path, capsys):
    data, _ = imported(
        capsys, tmp_path, TRANSCRIPTS / "otter-export.txt", "--interviewer", "Priya Lal"
    )
    sides = {name: side for side, name, _ in turns(data)}
    assert sides == {"Priya Lal": Q, "Jo Ferrand": A}
    data, _ = imported(
        capsys, tmp_path / "2", TRANSCRIPTS / "otter-export.txt", "--subject", "Ferrand"
    )
    assert {name: side for side, name, _ in turns(data)}["Jo Ferrand"] == A


def test_a_single_voice_answers(tmp_path, capsys):
    talk = tmp_path / "talk.srt"
    talk.write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nMara Quint: Thank you all for coming tonight.\n\n"
        "2\n00:00:04,500 --> 00:00:09,000\nMara Quint: Why do maps lie? Let me show you.\n",
        encoding="utf-8",
    )
    data, _ = imported(capsys, tmp_path, talk)
    assert turns(data) == [(A, "Mara Quint", 1.0)]


def test_captions_without_speakers_become_timed_narration(tmp_path, capsys):
    data, out = imported(capsys, tmp_path, TRANSCRIPTS / "whisper-segments.json")
    assert turns(data) == []
    narration = [b for b in data["blocks"] if b["kind"] == "narration"]
    assert len(narration) == 2 and all(b["start"] is not None for b in narration)
    assert "no speaker is named in it: 2 timed narration paragraphs" in out
    assert "participants: none named" in out


def test_a_txt_that_is_srt_is_read_as_srt(tmp_path, capsys):
    copy = tmp_path / "captions.txt"
    copy.write_bytes((TRANSCRIPTS / "descript-export.srt").read_bytes())
    data, out = imported(capsys, tmp_path, copy)
    assert "SRT subtitles" in out and len(turns(data)) == 8


def refused(capsys, tmp_path: Path, source: Path, problem: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    status, out, err = run(capsys, source, "-o", out_dir)
    assert status in (1, 2) and out == ""
    assert err.count("\n") == 1 and err.startswith(f"reader import: {source}: "), err
    assert problem in err and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("prose.srt", "Dear diary, today I went to the sea.\n", "no subtitles found"),
        (
            "backwards.srt",
            "1\n00:00:05,000 --> 00:00:06,000\nAnn: Hi.\n\n"
            "2\n00:00:02,000 --> 00:00:03,000\nBo: Yo.\n",
            "line 6, column 1: times out of order",
        ),
        ("broken.json", '{"segments": [{"text": "hi"', "invalid JSON"),
        ("config.json", '{"name": "app", "port": 80}', "JSON, but not a transcript"),
        ("empty.vtt", "WEBVTT\n\nNOTE nothing here\n", "no cues found"),
        ("bad-time.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHi\n", "bad cue time"),
    ],
)
def test_bad_transcripts_are_one_line_and_write_nothing(tmp_path, capsys, name, content, problem):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    refused(capsys, tmp_path, source, problem)


def test_binary_and_huge_transcripts(tmp_path, capsys, monkeypatch):
    binary = tmp_path / "clip.vtt"
    binary.write_bytes(b"\x1a\x45\xdf\xa3" + bytes(range(32)) * 64)
    refused(capsys, tmp_path, binary, "binary file")
    huge = tmp_path / "huge.srt"
    huge.write_text("1\n00:00:01,000 --> 00:00:02,000\nAnn: hi\n\n" * 5000, encoding="utf-8")
    monkeypatch.setenv("READER_MAX_BODY_MB", "0.1")
    refused(capsys, tmp_path, huge, "over the 0.1 MB limit")


PAGE = """<html><head><title>Episode 12: The Salt Road</title></head><body><article>
<h1>Episode 12: The Salt Road</h1>
<p>A transcript of this week's episode, lightly edited.</p>
<p><b>[00:00:14] Nell Brandt:</b> Welcome back. Today, the salt road. Why salt?</p>
<p><b>[00:00:19] Omar Haddad:</b> Because everything else followed it: towns, taxes, wars.</p>
<p>[00:00:31] And the road itself is older than the towns, which surprised me.</p>
<p><b>Nell Brandt (01:02):</b> How old, roughly?</p>
<p><b>Omar Haddad (01:05):</b> Bronze Age, at least. [00:01:09] Maybe older.</p>
<p><b>[00:01:20] Nell Brandt:</b> And who walks it now?</p>
<p><b>[00:01:24] Omar Haddad:</b> Hikers, mostly. And one very stubborn salt merchant.</p>
</article></body></html>"""


def test_a_web_page_transcript_keeps_times_out_of_the_text(tmp_path, capsys):
    page = tmp_path / "salt-road.html"
    page.write_text(PAGE, encoding="utf-8")
    data, _ = imported(capsys, tmp_path, page)
    nell, omar = "Nell Brandt", "Omar Haddad"
    assert turns(data) == [
        (Q, nell, 14.0),
        (A, omar, 19.0),
        (Q, nell, 62.0),
        (A, omar, 65.0),
        (Q, nell, 80.0),
        (A, omar, 84.0),
    ]
    answer = data["blocks"][[b["start"] for b in data["blocks"]].index(19.0)]
    assert answer["paragraphs"][1] == (
        "And the road itself is older than the towns, which surprised me."
    )
    assert not _TIMESTAMP.search(text_of(data)), text_of(data)
    assert "Bronze Age, at least. Maybe older." in text_of(data)


def test_dry_run_json_has_the_starts(tmp_path, capsys):
    status, out, _ = run(capsys, TRANSCRIPTS / "zoom-recording.vtt", "--dry-run")
    assert status == 0
    shown = json.loads("{" + out.partition("\n{")[2])
    assert [b["start"] for b in shown["blocks"]][:2] == [2.0, 7.0]
