"""Theme files (TOML) become Textual themes; a bad user theme is reported, never fatal.

Packaged themes live in `reader.paths.themes_dir()`; the user's in `config_dir()/themes`
override them by name. A theme sets Textual's base colours plus the reading pane's own
variables (`question`, `speaker-1`, …), so CSS and the pane's component classes follow it.
The keys are documented in docs/themes.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.sanitize import clean_line
from reader.core.source import key_position, parse_toml, read_text

BASE_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "foreground",
    "warning",
    "error",
    "success",
)
DEFAULT_THEME = "night"

# The reading pane's own colours, each a variable a theme's `[variables]` table may set, with
# a default that suits light and dark themes alike (the app hands these to Textual through
# `get_theme_variable_defaults()`, so the stylesheet can use `$question`, `$speaker-1`, …).
# docs/themes.md describes them for theme writers.
THEME_VARIABLES = {
    "question": "auto 95%",  # the interviewer's turns
    "answer": "auto 82%",  # the answers
    "narration": "auto 70%",  # introductions and text between turns
    "heading": "auto 95%",  # section headings (also in the outline)
    "stage": "auto 55%",  # stage directions: (laughs), [inaudible]
    "caption": "auto 62%",  # picture captions and credits
    "link": "#4a90d9",  # links, and the article's address in the sidebar
    "quote": "auto 45%",  # block quotes
    "match": "#d7a93a 45%",  # search matches
    "current-match": "#e8793a 85%",  # the search match the reader is on
    "selection": "#4f7fd9 60%",  # text being selected
    # highlights, one variable per colour a reader can choose
    "highlight-yellow": "#d9b44a 40%",
    "highlight-green": "#5fae6e 40%",
    "highlight-blue": "#5a93d6 40%",
    "highlight-pink": "#d66fa3 40%",
    # speaker names and their bars, in the order of the bundle's [speakers]
    "speaker-1": "#4f9ddf",
    "speaker-2": "#d9708f",
    "speaker-3": "#3fae7a",
    "speaker-4": "#d9a13b",
    "speaker-5": "#9a7be0",
    "speaker-6": "#e0744f",
}


MAX_THEME_BYTES = 1_000_000


class ThemeError(ValueError):
    """A theme that cannot be used: the reason in words, the key it is about (dotted for a
    variable: "variables.match"), and, from `load_theme_file`, the diagnostic that says
    where in the file."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.message, self.key = message, key
        self.diagnostic: Diagnostic | None = None


def _colour(value: object, key: str) -> str:
    """A colour as Textual CSS takes it: "#1e2430", "rgb(…)", a name, optionally followed by
    an opacity ("#d7a93a 45%"), or "auto 80%" (a text colour that contrasts)."""
    if not isinstance(value, str):
        raise ThemeError(f"'{key}' must be a colour string such as \"#1e2430\"", key)
    colour, alpha = value.strip(), ""
    if colour.endswith("%") and " " in colour:
        colour, alpha = colour.rsplit(" ", 1)
    try:
        if alpha and not 0 <= float(alpha[:-1]) <= 100:
            raise ValueError(alpha)
        if not (colour.strip() == "auto" and alpha):
            Color.parse(colour.strip())
    except (ColorParseError, ValueError):
        raise ThemeError(f"'{key}' is not a colour: {value!r}", key) from None
    return value


def theme_from_dict(name: str, data: Mapping[str, object], variables: Mapping[str, str]) -> Theme:
    """A Theme from a theme file's table; `variables` are the known app variables."""
    unknown = sorted(set(data) - {"name", "dark", "variables", *BASE_COLOURS})
    if unknown:
        raise ThemeError(f"unknown key '{unknown[0]}'", unknown[0])
    if "primary" not in data:
        raise ThemeError("'primary' is required")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError("'dark' must be true or false", "dark")
    colours = {key: _colour(data[key], key) for key in BASE_COLOURS if key in data}
    extra = data.get("variables", {})
    if not isinstance(extra, Mapping):
        raise ThemeError("'variables' must be a table", "variables")
    unknown = sorted(set(extra) - set(variables))
    if unknown:
        raise ThemeError(f"unknown variable '{unknown[0]}'", f"variables.{unknown[0]}")
    theme_variables = {key: _colour(value, f"variables.{key}") for key, value in extra.items()}
    # colours has BASE_COLOURS keys only, Theme's str parameters: mypy cannot see dict keys
    return Theme(name=name, dark=dark, variables=theme_variables, **colours)  # type: ignore[arg-type]


def load_theme_file(path: Path, variables: Mapping[str, str]) -> Theme:
    """The theme in one file, named by its `name` key or else the file name. Raises
    ThemeError with a diagnostic at the line and column of the problem."""
    text, problems = read_text(path, MAX_THEME_BYTES, "a theme file")
    data = None
    if text is not None:
        data, problems = parse_toml(text, path)
    if data is None:
        first = problems[0]
        error = ThemeError(first.message)
        error.diagnostic = first
        raise error
    try:
        name = data.get("name", path.stem)
        if not isinstance(name, str) or not clean_line(name):
            raise ThemeError("'name' must be a non-empty string", "name")
        return theme_from_dict(clean_line(name), data, variables)
    except ThemeError as error:
        line, col = key_position(text or "", error.key)
        error.diagnostic = Diagnostic(path, line, col, ERROR, error.message)
        raise


def load_themes(
    folders: list[Path], variables: Mapping[str, str]
) -> tuple[dict[str, Theme], list[Diagnostic]]:
    """Every theme in `folders`, later folders overriding earlier ones by name."""
    themes: dict[str, Theme] = {}
    problems: list[Diagnostic] = []
    for folder in folders:
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                theme = load_theme_file(path, variables)
            except ThemeError as exc:
                assert exc.diagnostic is not None
                problems.append(exc.diagnostic)
                continue
            themes[theme.name] = theme
    return themes, problems


def next_theme(names: list[str], current: str) -> str:
    """The theme after `current` in `names`, wrapping round (the first if unknown)."""
    if not names:
        return current
    if current not in names:
        return names[0]
    return names[(names.index(current) + 1) % len(names)]
