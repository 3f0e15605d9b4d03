"""The importer's building blocks: paragraph rules, scored features, the sequence model,
segmentation, Markdown escaping, slugs and the TOML writer — each checked against what it
promises. (The label grammar is tested form by form in test_labels.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.core.importer import sequence, toml_write
from reader.core.importer.assemble import slugify
from reader.core.importer.features import Context, change_features, question_features
from reader.core.importer.model import Para
from reader.core.importer.rules import (
    caption_text,
    closing_note,
    fixed_role,
    kicker,
    split_credit,
)
from reader.core.importer.segment import escape_md, segment_markdown, segment_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MD = Path("piece.md")


def para(text: str, **kw) -> Para:
    return Para(1, text, text, **kw)


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
    assert closing_note(para("The vote is on 15 April. Hale says he will ask for a delay."))


def test_captions_in_running_text():
    """A short paragraph in which nobody speaks that ends in a credit clause, in any case, or
    starts '<word> caption:', is a caption; speech that mentions courtesy is not."""
    for text in (
        "Ingrid Solberg on location outside Longyearbyen, courtesy Fjordlys Film.",
        "The workshop, with pipes laid out on trestles, courtesy of the Vos family archive.",
        "The harbour at dawn; photograph by Ines Calder",
        "Photo caption: Vos tuning a reed pipe by ear.",
        "Image caption: the kiln at night",
        "Credit: Photo by Sunil Rao for the Gazette.",
    ):
        assert caption_text(text), text
    for text in (
        "I did it out of courtesy to him, and credit: none.",
        "We sent the tapes back, courtesy of our lawyer, which I regret.",
        "It was written, by the way, in a single night.",
        "You get a rhythm going, courtesy of the staircase.",
    ):
        assert not caption_text(text), text
    assert split_credit("Photo caption: The harbour at Onagawa.") == ("The harbour at Onagawa.", "")
    assert split_credit("Kjell Aas at Mine 7, courtesy Fjordlys Film.") == (
        "Kjell Aas at Mine 7",
        "courtesy Fjordlys Film",
    )


def test_kickers_are_promotion_lines_not_labels():
    assert kicker("READ MORE: The Bacteria That Eat Plastic Bottles") == "READ MORE"
    assert kicker("WATCH: Our Film About the Greenhollow Night Crew") == "WATCH"
    assert kicker("RELATED: The 25 Best Festival Meals We Ate This Summer") == "RELATED"
    assert kicker("LEE: So the potatoes come back.") == ""
    assert kicker("MONTERO: Nothing is left over") == ""  # not Title Case: speech
    assert fixed_role(para("SPONSORED: Five Ways Smart Labs Are Cutting Bills"))[0] == "boilerplate"


def test_question_features_explain_themselves():
    names = [f.name for f in question_features(para("Why maps?"), Context())]
    assert names[0] == "ends with '?'" and "very short" in names
    long_answer = para(" ".join(["word"] * 130) + ".")
    assert sum(f.weight for f in question_features(long_answer, Context())) < -3
    styled = para("Tell me about the maps.", styles=frozenset({"bold"}))
    feats = question_features(styled, Context(question_style="bold"))
    assert "bold like the other questions" in [f.name for f in feats]


def _steps(scores, changes=None):
    changes = changes or [0.0] * len(scores)
    return [
        sequence.Step({s: (q if s == sequence.QUESTION else -q) for s in sequence.STATES}, c)
        for q, c in zip(scores, changes, strict=True)
    ]


def test_sequence_prefers_the_shape_of_an_interview():
    q, a = 3.0, -3.0
    decoded = sequence.decode(_steps([a, q, a, 0.2, a, q, a]))
    states = [s for s, _ in decoded]
    assert states[0] == sequence.INTRO and states[1] == sequence.QUESTION
    assert states[-1] == sequence.ANSWER
    margins = [m for _, m in decoded]
    assert margins[3] < margins[1]  # the weak paragraph is the close call


def test_a_reply_opener_makes_the_statement_before_it_a_question():
    """ "That can't have been easy." has no '?'; "No, it wasn't." after it is a reply, so the
    speaker changed twice: the statement was a question."""
    statement = para(
        "That must have been a hard summer, with the gates and the boats and the floods."
    )
    reply = para("No, it wasn't. The gates weigh more than a car and you move them with your legs.")
    assert [f.name for f in change_features(reply)] == ["opens with the reply 'No'"]
    assert change_features(statement) == []
    assert change_features(para("Nobody told me.")) == []
    q = sum(f.weight for f in question_features(statement, Context()))
    scores = [3.0, -3.0, q, -2.5, 3.0, -3.0]
    assert -1.0 < q < 0.0  # on its own, a little more like an answer
    without = [s for s, _ in sequence.decode(_steps(scores))]
    assert without[2] == sequence.ANSWER  # a statement alone reads as more of the answer
    changes = [0.0, 0.0, 0.0, sum(f.weight for f in change_features(reply)), 0.0, 0.0]
    with_reply = [s for s, _ in sequence.decode(_steps(scores, changes))]
    assert with_reply[2] == sequence.QUESTION and with_reply[3] == sequence.ANSWER


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


def test_a_block_of_fields_stays_whole_and_a_rule_marks_what_follows():
    paras = segment_text(
        "Narrator: Rui Costa\nInterviewer: Beth Arnold\nLocation: Lowell\n\n"
        "Interviewer: Where were you born?\nCOSTA: In the Azores.\n\n---\n\nEnd of tape.\n"
    )
    assert [(p.text[:12], sorted(p.styles)) for p in paras] == [
        ("Narrator: Ru", ["fields"]),
        ("Interviewer:", []),
        ("COSTA: In th", []),
        ("End of tape.", ["after-rule"]),
    ]


def test_markdown_segmentation_styles_and_images():
    paras, meta, _ = segment_markdown(
        '+++\ntitle = "T"\n+++\n*An italic dek.*\n\n**Why?**\n\n![Cap.](a.jpg "Photo: X")\n', MD
    )
    assert meta.title == "T"
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


def test_slugs_are_ascii_and_cut_at_a_word_boundary():
    assert slugify("“Every thread is a decision”: Anouk Brändt") == (
        "every-thread-is-a-decision-anouk-brandt"
    )
    assert slugify("???") == "interview"
    long = slugify(
        "Life at minus eighty: a microbiologist on the freezer that holds 40,000 species"
    )
    assert long == "life-at-minus-eighty-a-microbiologist-on-the-freezer-that"
    assert len(long) <= 60
    exact = "a" * 29 + " " + "b" * 30  # 60 characters: kept whole
    assert slugify(exact) == "a" * 29 + "-" + "b" * 30
    assert slugify("x" * 80) == "x" * 60  # one word longer than the limit is cut


def test_front_matter_gives_every_common_key():
    _, meta, _ = segment_markdown(
        '---\ntitle: "The Mapmaker\'s Apprentice"\nauthor:\n  - "[[Lena Fischer]]"\n'
        "published: 2023-11-20\nsource: https://atlas.example/map\ndescription: A dek.\n"
        "tags: [maps, craft]\nsite: Atlas Weekly\n---\n\nText.\n",
        MD,
    )
    assert (meta.title, meta.authors, meta.published) == (
        "The Mapmaker's Apprentice",
        ("Lena Fischer",),
        "2023-11-20",
    )
    assert (meta.url, meta.dek, meta.tags, meta.publication) == (
        "https://atlas.example/map",
        "A dek.",
        ("maps", "craft"),
        "Atlas Weekly",
    )
    _, toml, _ = segment_markdown(
        '+++\ntitle = "T"\nauthors = ["A B", "C D"]\ndate = 2024-01-02\n+++\nx\n', MD
    )
    assert (toml.title, toml.authors, toml.published) == ("T", ("A B", "C D"), "2024-01-02")
    _, joined, _ = segment_markdown("---\nauthor: Ada Rusk and Ben Ode\n---\nx\n", MD)
    assert joined.authors == ("Ada Rusk", "Ben Ode")
