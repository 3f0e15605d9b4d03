"""HTML pages: chrome words on the article's wrapper never lose the article, our own rules
relax step by step rather than fail, trafilatura's paragraphs keep our exact text and
positions, and a warning in a one-line page says which column it means."""

from __future__ import annotations

import pytest

from reader.core.importer import import_source
from reader.core.importer.html_extract import extract
from reader.core.importer.source import Source

EXTRACTORS = pytest.mark.parametrize("trafilatura", [True, False], ids=["trafilatura", "simple"])
TURNS = "".join(
    f"<p><b>Q:</b> Question number {n}, about the kiln and the wood?</p>"
    f"<p><b>A:</b> Answer number {n}. The kiln listens and then does what it likes, and the "
    f"wood comes from the hills behind the workshop, split by hand every autumn.</p>"
    for n in range(1, 5)
)


def html(body: str, head: str = "<title>Kiln Talk - Visits | Clay</title>") -> Source:
    return Source("page.html", "html", f"<html><head>{head}</head><body>{body}</body></html>", "")


def counts(source: Source, trafilatura: bool) -> tuple[int, int]:
    bundle = import_source(source, trafilatura=trafilatura).bundle
    return bundle.questions, bundle.answers


@EXTRACTORS
def test_chrome_words_on_the_articles_wrapper(trafilatura):
    """'share', 'promo' and 'banner' on the elements around the article, and comments longer
    than the interview: the wrapper holds the article, so its name is not held against it."""
    comments = "".join(
        f"<div class='comment'><p>Comment {n}: a long reader comment about wood firing and "
        "kilns and the soup at three in the morning, much longer than any answer above it, "
        "going on about a visit years ago and the smell of pine smoke in the valley.</p></div>"
        for n in range(6)
    )
    page = html(
        "<div class='wrap share-enabled promo-banner'><div class='post promo-inline-after'>"
        f"<h1>Kiln Talk</h1><div class='post-body'>{TURNS}</div></div>"
        f"<div class='comments'>{comments}</div></div>"
    )
    assert counts(page, trafilatura) == (4, 4)


def test_our_rules_relax_step_by_step_rather_than_fail():
    """Every box has a chrome word and there is no <article>: with class names ignored, the
    text is found, and the summary says what was given up."""
    legal = "<p>Terms of use and legal notices for every reader of this site.</p>" * 30
    page = html(
        f"<div class='promo'><div class='sidebar-text'>{TURNS}</div></div><footer>{legal}</footer>"
    )
    found = extract(page.text, use_trafilatura=False)
    assert found.relaxed == "class names"
    assert counts(page, False) == (4, 4)
    imported = import_source(page, trafilatura=False)
    assert "not counting class names" in imported.read.how


def test_trafilatura_places_its_paragraphs_with_our_text_and_positions():
    """trafilatura's XML drops the space in `<b>KW:</b><i>Zal</i>`; the paragraph keeps the
    page's own text, and its line and column."""
    page = html(
        "<article><h1>Zal</h1>"
        + TURNS
        + "<p><b>Q:</b> And the word?</p><p><b>A:</b> <i>Zal</i>. It is grief, and regret.</p>"
        + "</article>"
    )
    found = extract(page.text, use_trafilatura=True)
    assert found.extractor == "trafilatura"
    zal = next(p for p in found.paras if "grief" in p.text)
    assert zal.text == "A: Zal. It is grief, and regret."
    assert zal.md == "**A:** *Zal*. It is grief, and regret."
    assert zal.line == 1 and zal.col == page.text.index("<b>A:</b> <i>Zal") + 4


def test_warnings_in_a_one_line_page_point_at_their_column():
    page = html(
        "<article><h1>Boats</h1><p>Ruth Penn builds boats by a river in Devon.</p>"
        "<p><b>Why wood?</b></p><p>Because it floats, and because my father did, and his "
        "father before him, on the same bend of the same river for ninety years.</p>"
        "<p><b>That sounds like a lot of work.</b></p><p>It is. Every plank is steamed and "
        "bent by hand, and a small boat takes a winter.</p>"
        "<p><b>Do you sell them?</b></p><p>Some. Most I keep, which my accountant hates.</p>"
        "</article>"
    )
    warnings = import_source(page, trafilatura=False).diagnostics
    assert warnings, "expected a close call"
    assert all(w.line == 1 for w in warnings)
    columns = [w.col for w in warnings]
    assert columns == sorted(columns) and len(set(columns)) == len(columns)
    for warning in warnings:
        quoted = warning.message.rsplit(': "', 1)[1].rstrip('"').rstrip("…")
        assert page.text.find(quoted.split()[0], warning.col - 1) >= warning.col - 1


def test_the_headline_comes_from_h1_not_title_with_its_suffix():
    page = html(f"<main><h1>Kiln Talk: Thirty Years of Fire</h1>{TURNS}</main>")
    assert import_source(page, trafilatura=False).outcome.meta.title == (
        "Kiln Talk: Thirty Years of Fire"
    )
    bare = html(
        f"<main>{TURNS}</main>", "<title>Kiln Talk - Studio Visits | Clay Quarterly</title>"
    )
    assert import_source(bare, trafilatura=False).outcome.meta.title == "Kiln Talk"
