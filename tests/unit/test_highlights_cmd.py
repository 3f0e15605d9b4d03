"""`reader highlights`: exports in Markdown, JSON and Readwise CSV, as the bundle changes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.highlights.anchors import ArticleText, make_anchor
from reader.core.highlights.model import highlight
from reader.core.highlights.store import HighlightStore
from reader.paths import state_dir
from tests.helpers import make_single

TOML = """\
title = "The Cartographer"
publication = "The Test Quarterly"
published = 2024-03-01
url = "https://example.org/cartographer"
byline = "Mara Ellison"

[speakers.ME]
name = "Mara Ellison"
role = "interviewer"
[speakers.OV]
name = "Oskar Vale"
role = "subject"
"""
BODY = (
    "ME: Where did you grow up?\n\n"
    "OV: By the sea. Always by the sea, in a town of [nets] and boats.\n\n"
    "ME: And the first map you drew?\n\n"
    "OV: It showed a coast that was not there any more. (laughs) I still have it.\n"
)


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "library"
    path = make_single(root, BODY, TOML, slug="cartographer")
    article = load_bundle(path).article
    text = ArticleText(article)
    store = HighlightStore(state_dir())
    for words, note in (("a coast that was not there", "the lost coast"), ("[nets]", "")):
        lo = text.text.index(words)
        anchor = make_anchor(text, text.position(lo), text.position(lo + len(words)))
        store.put(highlight(article, text, anchor, note=note))
    assert store.save()
    return root, path


def export(capsys, *args) -> str:
    assert main(["highlights", *map(str, args)]) == 0
    return capsys.readouterr().out


def test_json_lists_each_highlight_with_speaker_title_and_state(capsys, library):
    root, path = library
    records = json.loads(export(capsys, root, "--format", "json"))
    assert [r["text"] for r in records] == ["[nets]", "a coast that was not there"]
    coast = records[1]
    assert coast["speaker"] == "Oskar Vale" and coast["article"] == "The Cartographer"
    assert coast["bundle"] == str(path) and coast["state"] == "anchored"
    assert coast["note"] == "the lost coast" and coast["question"] == "And the first map you drew?"
    assert coast["target"]["selector"][0]["type"] == "TextQuoteSelector"
    assert json.loads(export(capsys, "--format", "json")) == records  # every bundle: the same


def test_an_edited_bundle_keeps_them_anchored_and_a_deleted_sentence_orphans_one(capsys, library):
    root, path = library
    text = path.read_text(encoding="utf-8")
    edited = text.replace("ME: Where", "A new first paragraph.\n\nME: Where").replace(
        "boats", "ships"
    )
    path.write_text(edited, encoding="utf-8")
    records = json.loads(export(capsys, root, "--format", "json"))
    assert [(r["text"], r["state"]) for r in records] == [
        ("[nets]", "anchored"),
        ("a coast that was not there", "anchored"),
    ]
    path.write_text(edited.replace("It showed a coast that was not there any more. ", ""))
    records = json.loads(export(capsys, root, "--format", "json"))
    assert [(r["text"], r["state"]) for r in records] == [
        ("[nets]", "anchored"),
        ("a coast that was not there", "orphaned"),
    ]


def test_markdown_quotes_with_the_speaker_the_question_the_note_and_an_id(capsys, library):
    root, _ = library
    text = export(capsys, root)
    assert text.startswith("# The Cartographer\n\nThe Test Quarterly · 2024-03-01 · https://")
    assert "> a coast that was not there\n>\n> — Oskar Vale ^" in text
    assert "In answer to: *And the first map you drew?*" in text
    assert "Note: the lost coast" in text and "> [nets]" in text


def test_readwise_csv_has_its_columns(capsys, library):
    root, _ = library
    rows = list(csv.DictReader(io.StringIO(export(capsys, root, "--format", "csv"))))
    assert list(rows[0]) == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    coast = rows[1]
    assert coast["Highlight"] == "a coast that was not there" and coast["Author"] == "Mara Ellison"
    assert coast["Note"] == "— Oskar Vale\nthe lost coast" and coast["URL"].startswith("https://")


def test_a_bundle_that_is_gone_still_lists_its_highlights(capsys, library, tmp_path):
    root, path = library
    path.unlink()
    records = json.loads(export(capsys, "--format", "json"))
    assert {r["state"] for r in records} == {"orphaned"}
    assert {r["article"] for r in records} == {"The Cartographer"}


def test_output_to_a_file(capsys, library, tmp_path):
    root, _ = library
    target = tmp_path / "out.md"
    assert main(["highlights", str(root), "-o", str(target)]) == 0
    assert "2 highlights written to" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8").startswith("# The Cartographer")
