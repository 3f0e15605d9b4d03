"""The app's stylesheet parses each source once for a theme, and again for another theme."""

from __future__ import annotations

from textual.css import stylesheet as stylesheet_module
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from reader.stylesheet import ThemeStylesheet

CSS = "Node { color: $ink; }"


class Node(DOMNode):
    pass


def parses(monkeypatch) -> list[str]:
    """The sources parsed from now on (Textual's parser run on them, not its cache)."""
    seen: list[str] = []
    parse = stylesheet_module.parse

    def counted(scope, css, read_from, *args, **kwargs):
        seen.append(read_from[1])
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    return seen


def colour(sheet: Stylesheet) -> str:
    node = Node()
    sheet.apply(node)
    return node.styles.color.hex


def test_a_refresh_with_the_same_theme_parses_nothing_again(monkeypatch):
    sheet = ThemeStylesheet(variables={"ink": "#112233"})
    sheet.add_source(CSS, read_from=("app", "one"))
    seen = parses(monkeypatch)
    assert colour(sheet) == "#112233"
    sheet.set_variables({"ink": "#112233"})  # what App.refresh_css does for a theme set
    sheet.reparse()
    sheet.add_source("Other { color: red; }", read_from=("app", "two"))  # a widget mounted
    assert colour(sheet) == "#112233"
    assert seen == ["one", "two"]


def test_another_theme_parses_with_its_colours():
    sheet = ThemeStylesheet(variables={"ink": "#112233"})
    sheet.add_source(CSS, read_from=("app", "one"))
    assert colour(sheet) == "#112233"
    sheet.set_variables({"ink": "#445566"})
    sheet.reparse()
    assert colour(sheet) == "#445566"
