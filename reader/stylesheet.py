"""The app's stylesheet: Textual's, parsed once at start, and again only for a new theme.

Textual makes the app's stylesheet in `App.__init__`, with its default theme's variables,
before the app can set its own theme; setting it then makes Textual refresh the CSS at
start. A refresh parses every source in a stylesheet of its own, and the next widget
mounted has them all parsed once more (its cache is not the one filled): reader.tcss was
parsed twice before the first frame, 12-18 ms each time. The app makes this one after
choosing its theme, so that the sources are parsed once, with that theme's variables, as
they are first needed; a refresh with the same variables parses nothing then. A change of
theme parses everything again, as Textual does.
"""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet


class ThemeStylesheet(Stylesheet):
    def __init__(self, *, variables: dict[str, str]) -> None:
        super().__init__(variables=variables)
        self._parsed_with: dict[str, str] | None = None  # the variables of the last parse

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:  # (Textual's forgets every source parsed so far)
            super().set_variables(variables)

    def parse(self) -> None:
        super().parse()
        self._parsed_with = self._variables

    def reparse(self) -> None:
        if self._parsed_with in (None, self._variables):
            self._require_parse = True  # parsed when next needed, each source once
        else:
            super().reparse()
            self._parsed_with = self._variables
