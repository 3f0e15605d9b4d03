"""Every body rule of docs/bundle-format.md, through the real loader."""

from __future__ import annotations

from reader.core import model as m
from reader.core.bundle import load_bundle
from tests.helpers import make_dir_bundle, make_single


def load(tmp_path, body, **kw):
    loaded = load_bundle(make_dir_bundle(tmp_path, body, **kw))
    assert loaded.article is not None, [str(d) for d in loaded.diagnostics]
    return loaded


def kinds(article):
    return [(b.kind, b.speaker) for b in article.blocks]


def test_all_label_forms_start_turns(tmp_path):
    body = (
        "ME: one\n\n**ME:** two\n\n**ME**: three\n\nMara Ellison: four\n\n"
        "**Oskar Vale:** five\n\nme: six\n\nMARA ELLISON: seven\n"
    )
    article = load(tmp_path, body).article
    assert [b.speaker for b in article.blocks] == ["ME", "ME", "ME", "ME", "OV", "ME", "ME"]
    texts = [b.text for b in article.blocks]
    assert texts == ["one", "two", "three", "four", "five", "six", "seven"]


def test_unlabelled_paragraphs_continue_the_turn(tmp_path):
    body = "ME: Q?\n\nOV: first\n\nsecond\n\n> quoted\n\n- item\n\nME: next\n"
    article = load(tmp_path, body).article
    assert kinds(article) == [(m.TURN, "ME"), (m.TURN, "OV"), (m.TURN, "ME")]
    answer = article.blocks[1]
    assert [p.text for p in answer.paragraphs] == ["first", "second", "quoted", "item"]
    assert [p.style for p in answer.paragraphs] == [m.TEXT, m.TEXT, m.QUOTE, m.LIST_ITEM]
    assert answer.paragraphs[3].marker == "•"


def test_narration_before_between_and_after(tmp_path):
    body = (
        "Intro one.\n\nIntro two.\n\nME: Q\n\nOV: A\n\n"
        "## Part two\n\nScene.\n\nME: Q2\n\n---\n\nOutro."
    )
    article = load(tmp_path, body).article
    assert kinds(article) == [
        (m.NARRATION, None),
        (m.TURN, "ME"),
        (m.TURN, "OV"),
        (m.HEADING, None),
        (m.NARRATION, None),
        (m.TURN, "ME"),
        (m.BREAK, None),
        (m.NARRATION, None),
    ]
    assert article.blocks[0].text == "Intro one.\nIntro two."
    assert article.blocks[3].level == 2 and article.blocks[3].text == "Part two"


def test_image_does_not_end_the_turn(tmp_path):
    body = (
        "ME: Q?\n\nOV: before\n\n"
        '![The harbour.](h.png "Photo: Ines Calder")\n\nafter\n\nME: next?\n'
    )
    article = load(tmp_path, body, **{"h.png": b"png"}).article
    assert kinds(article) == [
        (m.TURN, "ME"),
        (m.TURN, "OV"),
        (m.IMAGE, None),
        (m.TURN, "OV"),
        (m.TURN, "ME"),
    ]
    assert article.blocks[3].continued
    assert len(article.questions) == 2 and len(article.answers) == 1
    image = article.blocks[2].image
    assert (image.caption, image.credit, image.file) == (
        "The harbour.",
        "Photo: Ines Calder",
        "h.png",
    )
    assert image.path is not None


def test_default_speakers_are_q_and_a(tmp_path):
    path = make_single(tmp_path, "Q: Why?\n\nA: Because.\n", toml='title = "T"\n')
    article = load_bundle(path).article
    assert [(b.speaker, b.role) for b in article.blocks] == [
        ("Q", "interviewer"),
        ("A", "subject"),
    ]
    assert article.subjects == []  # "A" is a label, not a name to list in the library


def test_unknown_label_is_a_turn_with_a_warning_only_when_bold_or_capitals(tmp_path):
    body = "**Kim:** hello\n\nKIM: again\n\nNote: this is narration.\n\nME: Q\n"
    loaded = load(tmp_path, body)
    article = loaded.article
    assert [b.speaker for b in article.blocks[:2]] == ["Kim", "KIM"]
    assert article.blocks[1].text == "again\nNote: this is narration."
    warnings = [str(d) for d in loaded.diagnostics if "not a known speaker" in str(d)]
    assert len(warnings) == 2
    assert warnings[0].endswith("warning: turn label 'Kim' is not a known speaker (known: ME, OV)")
    assert ":1:1:" in warnings[0]


def test_stage_directions_and_inserts_are_literal_and_marked(tmp_path):
    body = "OV: It was (laughs) the [love of] my life [inaudible] (see below) [bold]x[/bold] [/]\n"
    para = load(tmp_path, body).article.blocks[0].paragraphs[0]
    assert para.text == (
        "It was (laughs) the [love of] my life [inaudible] (see below) [bold]x[/bold] [/]"
    )
    marked = {(para.text[s.start : s.end], s.kind) for s in para.spans}
    assert ("(laughs)", m.STAGE) in marked
    assert ("[love of]", m.INSERT) in marked
    assert ("[inaudible]", m.STAGE) in marked
    assert ("[bold]", m.INSERT) in marked
    assert ("[/]", m.INSERT) in marked
    assert not any(text == "(see below)" for text, _ in marked)


def test_extra_stage_directions_from_metadata(tmp_path):
    toml = 'title = "T"\nstage_directions = ["phone rings"]\n'
    para = (
        load(tmp_path, "A: Wait (phone rings) sorry.\n", toml=toml).article.blocks[0].paragraphs[0]
    )
    assert [(para.text[s.start : s.end], s.kind) for s in para.spans] == [
        ("(phone rings)", m.STAGE)
    ]


def test_inline_styles_become_spans(tmp_path):
    body = "OV: *soft* **loud** `code` [a link](https://example.org) ~~gone~~\n"
    para = load(tmp_path, body).article.blocks[0].paragraphs[0]
    assert para.text == "soft loud code a link gone"
    got = {(para.text[s.start : s.end], s.kind, s.href) for s in para.spans}
    assert got == {
        ("soft", m.EMPHASIS, None),
        ("loud", m.STRONG, None),
        ("code", m.CODE, None),
        ("a link", m.LINK, "https://example.org"),
        ("gone", m.STRIKE, None),
    }


def test_footnotes_are_listed_at_the_end(tmp_path):
    body = "OV: A coast.[^1]\n\nME: Next\n\n[^1]: The storm of 1962.\n"
    article = load(tmp_path, body).article
    assert article.blocks[0].text == "A coast.[1]"
    ref = article.blocks[0].paragraphs[0].spans[0]
    assert ref.kind == m.FOOTNOTE_REF
    last = article.blocks[-1]
    assert last.kind == m.FOOTNOTES
    assert (last.paragraphs[0].marker, last.text) == ("[1]", "The storm of 1962.")


def test_crlf_bom_and_tabs(tmp_path):
    folder = make_dir_bundle(tmp_path, "")
    (folder / "article.toml").write_bytes(
        b'\xef\xbb\xbftitle = "T"\r\n[speakers.ME]\r\nname = "Mara Ellison"\r\n'
        b'role = "interviewer"\r\n'
        b'[speakers.OV]\r\nname = "Oskar Vale"\r\n'
    )
    (folder / "article.md").write_bytes(b"\xef\xbb\xbfME: one\ttwo\r\n\r\nOV: three\r\nfour\r\n")
    loaded = load_bundle(folder)
    assert loaded.article is not None, [str(d) for d in loaded.diagnostics]
    assert [b.text for b in loaded.article.blocks] == ["one two", "three four"]
    assert [b.line for b in loaded.article.blocks] == [1, 3]


def test_lines_count_from_the_real_file_in_single_bundles(tmp_path):
    path = make_single(tmp_path, "\nME: one\n\nOV: two\n")
    blocks = load_bundle(path).article.blocks
    # 1 +++, 2-9 TOML, 10 +++, 11 blank, 12 ME
    assert [b.line for b in blocks] == [12, 14]


def test_derived_facts(tmp_path):
    body = "Intro words here.\n\nME: How are you?\n\nOV: Very well, thank you’re kind.\n"
    article = load(tmp_path, body).article
    assert article.words_by_speaker() == {"ME": 3, "OV": 5}
    assert article.words == 11
    assert article.reading_minutes == 1
    assert len(article.questions) == 1


def test_translator_is_neither_question_nor_answer(tmp_path):
    toml = (
        'title = "T"\n[speakers.I]\nname = "Ines"\nrole = "interviewer"\n'
        '[speakers.T]\nname = "Tomás"\nrole = "translator"\n[speakers.S]\nname = "Sato"\n'
    )
    article = load(tmp_path, "I: Q\n\nT: translated\n\nS: answer\n", toml=toml).article
    assert [b.is_question for b in article.blocks] == [True, False, False]
    assert [b.is_answer for b in article.blocks] == [False, False, True]
    assert article.speakers["S"].role == "subject"


def test_preview_is_a_prefix_of_the_whole_article(tmp_path):
    body = "".join(f"ME: Question {i}?\n\nOV: Answer {i}, at some length.\n\n" for i in range(200))
    folder = make_dir_bundle(tmp_path, body)
    whole = load_bundle(folder).article
    preview = load_bundle(folder, preview_chars=500).article
    assert whole.complete and not preview.complete
    assert 0 < len(preview.blocks) < len(whole.blocks)
    for mine, theirs in zip(preview.blocks, whole.blocks[: len(preview.blocks)], strict=True):
        assert (mine.kind, mine.speaker, mine.text, mine.line) == (
            theirs.kind,
            theirs.speaker,
            theirs.text,
            theirs.line,
        )
    assert load_bundle(folder, preview_chars=10**9).article.complete


def test_an_escaped_colon_is_not_a_label(tmp_path):
    body = "**Editor’s note\\:** edited for length.\n\nNB\\: shortened.\n\nME: Q\n"
    article = load(tmp_path, body).article
    assert [b.kind for b in article.blocks] == [m.NARRATION, m.TURN]
    assert article.blocks[0].text == "Editor’s note: edited for length.\nNB: shortened."


def test_tables_become_rows_of_cells(tmp_path):
    body = "A: Here:\n\n| Crop | **Year** |\n|---|---|\n| Beans (laughs) | 1962 |\n"
    turn = load(tmp_path, body).article.blocks[0]
    rows = turn.paragraphs[1:]
    assert [(p.text, p.style) for p in rows] == [
        ("Crop │ Year", m.TABLE_ROW),
        ("Beans (laughs) │ 1962", m.TABLE_ROW),
    ]
    assert {(rows[0].text[s.start : s.end], s.kind) for s in rows[0].spans} == {("Year", m.STRONG)}
    assert [(rows[1].text[s.start : s.end], s.kind) for s in rows[1].spans] == [
        ("(laughs)", m.STAGE)
    ]
