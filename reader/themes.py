"""Theme files (TOML) become Textual themes; a bad user theme is reported, never fatal.

Packaged themes live in `reader.paths.themes_dir()`; the user's in `config_dir()/themes`
override them by name. A theme sets Textual's base colours plus the reading pane's own
variables (`question`, `speaker-1`, …), so CSS and the pane's component classes follow it.
The keys are documented in docs/themes.md.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.core.sanitize import clean_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

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
    # speaker names and their bars, in the order of the bundle's [speakers]
    "speaker-1": "#4f9ddf",
    "speaker-2": "#d9708f",
    "speaker-3": "#3fae7a",
    "speaker-4": "#d9a13b",
    "speaker-5": "#9a7be0",
    "speaker-6": "#e0744f",
}


class ThemeError(ValueError):
    """A theme file that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class ThemeProblem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{clean_line(str(self.path))}: {clean_line(self.message)}"


def _colour(value: object, key: str) -> str:
    """A colour as Textual CSS takes it: "#1e2430", "rgb(…)", a name, optionally followed by
    an opacity ("#d7a93a 45%"), or "auto 80%" (a text colour that contrasts)."""
    if not isinstance(value, str):
        raise ThemeError(f"'{key}' must be a colour string such as \"#1e2430\"")
    colour, alpha = value.strip(), ""
    if colour.endswith("%") and " " in colour:
        colour, alpha = colour.rsplit(" ", 1)
    try:
        if alpha and not 0 <= float(alpha[:-1]) <= 100:
            raise ValueError(alpha)
        if not (colour.strip() == "auto" and alpha):
            Color.parse(colour.strip())
    except (ColorParseError, ValueError):
        raise ThemeError(f"'{key}' is not a colour: {value!r}") from None
    return value


def theme_from_dict(name: str, data: Mapping[str, object], variables: Mapping[str, str]) -> Theme:
    """A Theme from a theme file's table; `variables` are the known app variables."""
    unknown = sorted(set(data) - {"name", "dark", "variables", *BASE_COLOURS})
    if unknown:
        raise ThemeError(f"unknown key '{unknown[0]}'")
    if "primary" not in data:
        raise ThemeError("'primary' is required")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError("'dark' must be true or false")
    colours = {key: _colour(data[key], key) for key in BASE_COLOURS if key in data}
    extra = data.get("variables", {})
    if not isinstance(extra, Mapping):
        raise ThemeError("'variables' must be a table")
    unknown = sorted(set(extra) - set(variables))
    if unknown:
        raise ThemeError(f"unknown variable '{unknown[0]}'")
    theme_variables = {key: _colour(value, f"variables.{key}") for key, value in extra.items()}
    return Theme(name=name, dark=dark, variables=theme_variables, **colours)


def load_theme_file(path: Path, variables: Mapping[str, str]) -> Theme:
    """The theme in one file, named by its `name` key or else the file name."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThemeError(f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ThemeError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"TOML syntax error: {exc}") from None
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not clean_line(name):
        raise ThemeError("'name' must be a non-empty string")
    return theme_from_dict(clean_line(name), data, variables)


def load_themes(
    folders: list[Path], variables: Mapping[str, str]
) -> tuple[dict[str, Theme], list[ThemeProblem]]:
    """Every theme in `folders`, later folders overriding earlier ones by name."""
    themes: dict[str, Theme] = {}
    problems: list[ThemeProblem] = []
    for folder in folders:
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                theme = load_theme_file(path, variables)
            except ThemeError as exc:
                problems.append(ThemeProblem(path, str(exc)))
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
