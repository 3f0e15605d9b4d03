"""Times in the bundle (docs/bundle-format.md, "Times"): the syntax, what `reader check` says
about bad times, and how `reader show` prints them in JSON, text and Markdown."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.core import model as m
from reader.core.bundle import load_bundle
from tests.helpers import DEFAULT_TOML, make_dir_bundle, make_single

TOP_TOML = (
    'title = "Night Ferry"\nmedia = "https://example.org/ep31.mp3"\nduration = 3733\n'
    + (DEFAULT_TOML.split("\n", 1)[1])
)


def load(tmp_path, body: str, toml: str = TOP_TOML):
    loaded = load_bundle(make_single(tmp_path, body, toml))
    assert loaded.article is not None, [str(d) for d in loaded.diagnostics]
    return loaded.article, loaded.diagnostics


def shape(article: m.Article) -> list[tuple[str, str | None, float | None, float | None]]:
    return [(b.kind, b.speaker, b.start, b.end) for b in article.blocks]


def test_a_time_before_the_label_is_the_turns_start(tmp_path):
    body = (
        "\n[00:00:04] The tape starts mid-sentence.\n\n"
        "[00:12:31] ME: What did your first map show?\n\n"
        "[12:40] **OV:** A coast (laughs) that was not there.\n\n"
        "It had moved.\n\n"
        "[1:02:03.5] Mara Ellison: And the last one?\n\n"
        "[1:02:05–1:02:09] **OV**: The same coast.\n"
    )
    article, diagnostics = load(tmp_path, body)
    assert diagnostics == []
    assert shape(article) == [
        ("narration", None, 4.0, None),
        ("turn", "ME", 751.0, None),
        ("turn", "OV", 760.0, None),
        ("turn", "ME", 3723.5, None),
        ("turn", "OV", 3725.0, 3729.0),
    ]
    # the time and the label leave the text; the stage direction keeps its styling
    assert article.blocks[0].text == "The tape starts mid-sentence."
    assert article.blocks[2].text == "A coast (laughs) that was not there.\nIt had moved."
    stage = article.blocks[2].paragraphs[0].spans
    assert any(
        s.kind == m.STAGE and article.blocks[2].text[s.start : s.end] == "(laughs)" for s in stage
    )
    assert article.timed and (article.media, article.duration) == (
        "https://example.org/ep31.mp3",
        3733.0,
    )


def test_timed_narration_ends_a_turn_and_untimed_paragraphs_continue_it(tmp_path):
    body = "\nME: Untimed question?\n\n[0:10] A door bangs.\n\nStill narration.\n\nOV: Answer.\n"
    article, _ = load(tmp_path, body)
    assert [(b.kind, b.start, b.text) for b in article.blocks] == [
        ("turn", None, "Untimed question?"),
        ("narration", 10.0, "A door bangs.\nStill narration."),
        ("turn", None, "Answer."),
    ]
    assert not load(tmp_path, "\nME: Hi?\n\nOV: Yes.\n")[0].timed


def test_what_is_not_a_time(tmp_path):
    body = (
        "\n[00:00:01] ME: First?\n\n"
        "\\[3:16] For the verse, escaped.\n\n"
        "[1899–1951, Russian writer] an insert.\n\n"
        "[12:31]glued to the text.\n\n"
        "[0:05]\n"
    )
    article, diagnostics = load(tmp_path, body)
    assert [d.message for d in diagnostics] == ["speaker OV never speaks"]
    assert len(article.blocks) == 1  # all continue the first turn
    assert article.blocks[0].text.split("\n")[1:] == [
        "[3:16] For the verse, escaped.",
        "[1899–1951, Russian writer] an insert.",
        "[12:31]glued to the text.",
        "[0:05]",
    ]
    # a label's escaped colon after a time keeps the paragraph narration, timed
    article, _ = load(tmp_path, "\n[0:09] ME\\: not a turn.\n")
    assert shape(article) == [("narration", None, 9.0, None)]


def test_an_unknown_bold_label_after_a_time_is_still_a_turn(tmp_path):
    article, diagnostics = load(tmp_path, "\n[0:01] **Kim:** Hello.\n\n**[0:03] Lu:** Hi.\n")
    assert [(b.speaker, b.role, b.start) for b in article.blocks] == [
        ("Kim", "unknown", 1.0),
        ("Lu", "unknown", 3.0),
    ]
    unknown = [d.message for d in diagnostics if "known speaker" in d.message]
    assert len(unknown) == 2 and not any("time" in d.message for d in diagnostics)


@pytest.mark.parametrize(
    ("line", "col", "message"),
    [
        ("[00:75:00] OV: Bad.", 2, "bad time '00:75:00': '00:75:00' has 75 minutes"),
        ("**[1:2:3:4] OV:** Bad.", 4, "bad time '1:2:3:4': '1:2:3:4' is not a time"),
        ("[0:20] OV: Back.", 2, "time 0:20 goes back: the block on line 4 starts at 0:30"),
        ("[0:40–0:35] OV: Inside out.", 2, "bad end time: it ends (0:35) before it starts (0:40)"),
        ("  [2:00:00] OV: Late.", 4, "time 2:00:00 is after the end of the recording"),
    ],
)
def test_check_warns_about_bad_times_at_their_column(tmp_path, line, col, message):
    body = f"\n[0:10] ME: One?\n\n[0:30] OV: Two.\n\n{line}\n"
    loaded = load_bundle(make_dir_bundle(tmp_path, body, TOP_TOML))
    assert loaded.article is not None  # warnings: the bundle opens
    (warning,) = loaded.diagnostics
    assert (warning.line, warning.col, warning.severity) == (6, col, "warning")
    assert warning.message.startswith(message), warning.message


def test_a_bad_time_leaves_the_turn_untimed_but_a_turn(tmp_path):
    article, _ = load(tmp_path, "\n[0:10] ME: One?\n\n[00:75:00] OV: Bad.\n")
    assert shape(article)[1] == ("turn", "OV", None, None)
    assert article.blocks[1].text == "Bad."


def test_media_and_duration_in_the_metadata(tmp_path):
    toml = 'title = "T"\nmedia = "episode.mp3"\nduration = "1:02:13"\n'
    folder = make_dir_bundle(tmp_path, "Q: One?\n\nA: Two.\n", toml, **{"episode.mp3": b"ID3"})
    loaded = load_bundle(folder)
    assert loaded.diagnostics == []
    assert (loaded.article.media, loaded.article.duration) == ("episode.mp3", 3733.0)
    missing = load_bundle(make_dir_bundle(tmp_path, "Q: One?\n", toml, slug="other"))
    assert [(d.line, d.message) for d in missing.diagnostics] == [
        (2, "media 'episode.mp3' is missing")
    ]
    outside = load_bundle(make_single(tmp_path, "\nQ: x\n", 'title = "T"\nmedia = "../a.mp3"\n'))
    assert "outside the bundle" in outside.diagnostics[0].message
    for bad, why in (
        ("duration = true", "must be seconds or a time string"),
        ('duration = "soon"', "'duration' must be seconds or a time such as 1:02:13"),
        ("duration = -5", "'duration' -5 is a negative time"),
        ("media = 3", "'media' must be a string"),
    ):
        broken = load_bundle(make_single(tmp_path, "\nQ: x\n", f'title = "T"\n{bad}\n', "bad"))
        assert broken.article is None and why in broken.diagnostics[0].message, bad


def show(capsys, path, fmt: str) -> str:
    assert main(["show", str(path), "--format", fmt]) == 0
    return capsys.readouterr().out


BODY = "\n[0:02] The tape starts.\n\n[00:12:31] ME: Where?\n\n[1:02:03] OV: Here.\n\nME: Untimed.\n"


def test_show_json_gives_each_block_its_start_or_null(tmp_path, capsys):
    path = make_single(tmp_path, BODY, TOP_TOML)
    data = json.loads(show(capsys, path, "json"))
    assert (data["media"], data["duration"]) == ("https://example.org/ep31.mp3", 3733.0)
    assert [(b["kind"], b["start"], b["end"]) for b in data["blocks"]] == [
        ("narration", 2.0, None),
        ("turn", 751.0, None),
        ("turn", 3723.0, None),
        ("turn", None, None),
    ]
    plain = json.loads(show(capsys, make_single(tmp_path, "\nME: x\n", slug="plain"), "json"))
    assert plain["blocks"][0]["start"] is None and plain["media"] == "" and not plain["duration"]


def test_show_text_and_markdown_print_the_times(tmp_path, capsys):
    path = make_single(tmp_path, BODY, TOP_TOML)
    text = show(capsys, path, "text")
    assert "Recording: https://example.org/ep31.mp3 (1:02:13)" in text
    assert "0:02  The tape starts." in text
    assert "12:31  Mara Ellison: Where?" in text and "1:02:03  Oskar Vale: Here." in text
    assert "\nMara Ellison: Untimed." in text
    md = show(capsys, path, "markdown")
    assert "[0:02] The tape starts." in md
    assert "[12:31] **Mara Ellison:** Where?" in md and "[1:02:03] **Oskar Vale:** Here." in md
    # the Markdown reads back with the same times
    speakers_by_name = 'title = "x"\n[speakers."Mara Ellison"]\nrole = "interviewer"\n'
    speakers_by_name += '[speakers."Oskar Vale"]\n'
    again = make_single(tmp_path, md.split("\n", 2)[2], speakers_by_name, slug="again")
    article = load_bundle(again).article
    assert [b.start for b in article.blocks] == [2.0, 751.0, 3723.0, None]


def test_markdown_escapes_a_paragraph_that_would_read_as_a_time(tmp_path, capsys):
    path = make_single(tmp_path, "\nME: Which verse?\n\n\\[3:16] That one.\n")
    md = show(capsys, path, "markdown")
    assert "\n\\[3:16] That one." in md
