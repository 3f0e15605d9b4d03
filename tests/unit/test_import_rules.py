"""The importer's building blocks: labels, paragraph rules, the sequence model, Markdown
escaping and the TOML writer — each checked against what it promises."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.core.importer import sequence, toml_write
from reader.core.importer.assemble import slugify
from reader.core.importer.labels import label_kind, label_only, leading_label, strip_label_md
from reader.core.importer.model import Para
from reader.core.importer.rules import (
    Context,
    closing_note,
    fixed_role,
    question_features,
    split_credit,
)
from reader.core.importer.segment import escape_md, segment_markdown, segment_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def para(text: str, **kw) -> Para:
    return Para(1, text, text, **kw)


def test_labels():
    assert leading_label("Q: Where did you grow up?") == ("Q", 3)
    assert leading_label("A. By the sea.")[0] == "A"
    assert leading_label("AD: Yes.")[0] == "AD"
    assert leading_label("Mara Ellison: Hello.")[0] == "Mara Ellison"
    assert leading_label("Gabriel de la Vega: Hola.")[0] == "Gabriel de la Vega"
    for text in ("Note: the call was recorded.", "Photo: Ines Calder", "10:30: we met", "I: no"):
        assert leading_label(text) is None, text
    assert leading_label("and then she said: no") is None
    assert [label_kind(x) for x in ("Q", "JR", "MARA ELLISON", "Smith")] == [
        "qa",
        "initials",
        "caps",
        "name",
    ]
    assert label_only("**PETRA HALE**") == "PETRA HALE"
    assert label_only("Smith:") == "Smith"
    assert label_only("It was cold.") == ""
    assert strip_label_md("**Kim:** Well, *no*.", "Kim") == "Well, *no*."
    assert strip_label_md("**Q: Why maps?**", "Q") == "**Why maps?**"


def test_fixed_rules():
    assert fixed_role(para("Vale at his desk. Photo: Ines Calder"))[0] == "caption"
    assert fixed_role(para("I did it out of courtesy to him, and credit: none.")) is None
    assert fixed_role(para("Sign up for our newsletter"))[0] == "boilerplate"
    assert fixed_role(para("Related to that, I think so.")) is None
    assert fixed_role(para("By Mara Ellison"))[0] == "byline"
    assert fixed_role(para("By the sea.")) is None
    assert fixed_role(para("This interview has been edited and condensed."))[0] == "narration"
    assert fixed_role(para("x", chrome="inside <nav>")) == ("boilerplate", "inside <nav>")
    assert split_credit("Vale at his desk. Photo: Ines Calder") == (
        "Vale at his desk.",
        "Photo: Ines Calder",
    )
    assert closing_note(para("Mara Ellison is a critic based in Lisbon."))
    assert closing_note(para("Her atlas is published by Harrow."))
    assert not closing_note(para("My atlas is published by Harrow, which I love."))


def test_question_features_explain_themselves():
    names = [f.name for f in question_features(para("Why maps?"), Context())]
    assert names[0] == "ends with '?'" and "very short" in names
    long_answer = para(" ".join(["word"] * 130) + ".")
    assert sum(f.weight for f in question_features(long_answer, Context())) < -3
    styled = para("Tell me about the maps.", styles=frozenset({"bold"}))
    feats = question_features(styled, Context(question_style="bold"))
    assert "bold like the other questions" in [f.name for f in feats]


def test_sequence_prefers_the_shape_of_an_interview():
    q, a = 3.0, -3.0
    emissions = [
        {s: (-q if s != sequence.QUESTION else q) for s in sequence.STATES}
        for q in (a, q, a, 0.2, a, q, a)
    ]
    states = [s for s, _ in sequence.decode(emissions)]
    assert states[0] == sequence.INTRO and states[1] == sequence.QUESTION
    assert states[-1] == sequence.ANSWER
    margins = [m for _, m in sequence.decode(emissions)]
    assert margins[3] < margins[1]  # the weak paragraph is the close call


def test_text_segmentation_keeps_lines_and_splits_labels():
    text = "Title line\n\nQ: one?\nA: two.\n\n\nMARA\nSpeech under a label.\n\nMARA\nMore.\n"
    paras = segment_text(text)
    assert [(p.line, p.label, p.text) for p in paras] == [
        (1, "", "Title line"),
        (3, "", "Q: one?"),
        (4, "", "A: two."),
        (7, "MARA", "Speech under a label."),
        (10, "MARA", "More."),
    ]


def test_markdown_segmentation_styles_and_images():
    paras, title = segment_markdown(
        '+++\ntitle = "T"\n+++\n*An italic dek.*\n\n**Why?**\n\n![Cap.](a.jpg "Photo: X")\n'
    )
    assert title == "T"
    assert [(p.line, p.kind, sorted(p.styles)) for p in paras] == [
        (4, "p", ["italic"]),
        (6, "p", ["bold"]),
        (8, "image", []),
    ]
    assert (paras[2].text, paras[2].image, paras[2].credit) == ("Cap.", "a.jpg", "Photo: X")


_MD = MarkdownIt("commonmark")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_escaped_text_renders_as_itself(text):
    text = " ".join(text.split())
    tokens = _MD.parse(escape_md(text))
    rendered = "".join(
        child.content
        for tok in tokens
        if tok.type == "inline"
        for child in tok.children
        if child.type == "text"
    )
    assert rendered == text


@given(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=3))
def test_toml_writer_round_trips(value, items):
    doc = toml_write.document(
        {"title": value, "tags": items, "published": toml_write.Date("2024-03-01T09:30:00+01:00")},
        [(f"speakers.{toml_write.key(value or 'x')}", {"name": value})],
    )
    data = tomllib.loads(doc)
    assert data["title"] == value and data["tags"] == items
    assert data["speakers"][value or "x"]["name"] == value


def test_slugs_are_ascii():
    assert slugify("“Every thread is a decision”: Anouk Brändt") == (
        "every-thread-is-a-decision-anouk-brandt"
    )
    assert slugify("???") == "interview"
