"""The one search language at two of its three entry points: the article's own search
(core, what `/` runs) and `reader search`. The table is tests/search_cases.py; the app's
`/` and Ctrl+F are in tests/ui/test_search_language_ui.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.query import SYNTAX
from reader.core.search import ArticleIndex
from tests.search_cases import CASES, LIBRARY, found_in, in_text, same

ARTICLES = {path.stem: load_bundle(path).article for path in sorted(LIBRARY.iterdir())}


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_in_an_article(query, expected):
    found = {
        found_in(slug, article, hit.block)
        for slug, article in ARTICLES.items()
        for hit in ArticleIndex(article).search(query)
    }
    assert same(found, in_text(expected)), found


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_reader_search(capsys, query, expected):
    code = main(["search", query, str(LIBRARY), "--json", "--limit", "100"])
    rows = json.loads(capsys.readouterr().out)
    assert code == (0 if expected else 1)
    found = {found_in(row["slug"], ARTICLES[row["slug"]], row["block"]) for row in rows}
    assert same(found, expected), found


def test_the_readme_documents_the_language_the_parser_reads():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for syntax, meaning in SYNTAX:
        assert f"| `{syntax}` | {meaning} |" in readme
