"""Theme files: the packaged ones are complete and readable; bad user themes are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from reader.paths import themes_dir
from reader.themes import (
    BASE_COLOURS,
    DEFAULT_THEME,
    THEME_VARIABLES,
    ThemeError,
    load_theme_file,
    load_themes,
    next_theme,
)

PACKAGED = ("paper", "night", "sepia", "high-contrast")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "themes.md"


def packaged():
    themes, problems = load_themes([themes_dir()], THEME_VARIABLES)
    assert problems == []
    return themes


def test_packaged_themes_are_there_and_default_exists():
    themes = packaged()
    assert set(PACKAGED) <= set(themes)
    assert DEFAULT_THEME in themes
    assert not themes["paper"].dark and not themes["sepia"].dark
    assert themes["night"].dark and themes["high-contrast"].dark


@pytest.mark.parametrize("name", PACKAGED)
def test_packaged_theme_sets_every_colour_and_variable(name):
    theme = packaged()[name]
    for key in BASE_COLOURS:
        assert getattr(theme, key), f"{name} does not set {key}"
    assert set(theme.variables) == set(THEME_VARIABLES)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    c = Color.parse(colour)
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", PACKAGED)
def test_reading_text_is_legible(name):
    """WCAG AA (4.5:1) for the text people read; 7:1 everywhere in high-contrast."""
    theme = packaged()[name]
    wanted = 7.0 if name == "high-contrast" else 4.5
    for key in ("question", "answer", "narration", "heading", "quote", "link", "caption"):
        ratio = contrast(theme.variables[key], theme.background)
        assert ratio >= wanted, f"{name}: {key} on background is {ratio:.1f}:1"
    for n in range(1, 7):
        ratio = contrast(theme.variables[f"speaker-{n}"], theme.background)
        assert ratio >= wanted, f"{name}: speaker-{n} is {ratio:.1f}:1"


@pytest.mark.parametrize("name", PACKAGED)
def test_questions_and_answers_look_different(name):
    theme = packaged()[name]
    colour = {key: Color.parse(value) for key, value in theme.variables.items()}
    assert colour["question"] != colour["answer"]
    speakers = [colour[f"speaker-{n}"] for n in range(1, 7)]
    assert len(set(speakers)) == 6
    # a speaker's name stands out from the words of a question or an answer
    assert not set(speakers) & {colour["question"], colour["answer"]}


def test_user_theme_overrides_by_name(tmp_path):
    (tmp_path / "mine.toml").write_text('name = "night"\nprimary = "#ff0000"\n')
    themes, problems = load_themes([themes_dir(), tmp_path], THEME_VARIABLES)
    assert problems == []
    assert themes["night"].primary == "#ff0000"
    assert themes["night"].variables == {}  # the app's defaults fill in the rest
    assert "paper" in themes


def test_name_defaults_to_file_name(tmp_path):
    path = tmp_path / "dusk.toml"
    path.write_text('primary = "#c49a6c"\ndark = false\n[variables]\nquestion = "#aa0000"\n')
    theme = load_theme_file(path, THEME_VARIABLES)
    assert (theme.name, theme.dark, theme.variables) == ("dusk", False, {"question": "#aa0000"})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('primary = "#fff', "TOML: "),
        ('primary = "#ffffff"\nprimery = "#000000"\n', "unknown key 'primery'"),
        ('primary = "not a colour"\n', "'primary' is not a colour"),
        ("primary = 3\n", "'primary' must be a colour"),
        ('background = "#000000"\n', "'primary' is required"),
        ('primary = "#ffffff"\ndark = "yes"\n', "'dark' must be true or false"),
        ('primary = "#ffffff"\nvariables = 3\n', "'variables' must be a table"),
        ('primary = "#ffffff"\n[variables]\nquestoin = "#000000"\n', "unknown variable"),
        ('primary = "#ffffff"\n[variables]\nquestion = "blurple"\n', "not a colour"),
        ('name = ""\nprimary = "#ffffff"\n', "'name' must be a non-empty string"),
    ],
)
def test_bad_theme_is_reported_with_its_file(tmp_path, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThemeError, match=problem):
        load_theme_file(path, THEME_VARIABLES)
    themes, problems = load_themes([themes_dir(), tmp_path], THEME_VARIABLES)
    assert "bad" not in themes and set(PACKAGED) <= set(themes)
    assert len(problems) == 1 and problems[0].path == path
    assert str(problems[0]).startswith(f"{path}:") and problems[0].line >= 1


def test_binary_theme_file_is_reported(tmp_path):
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    _, problems = load_themes([tmp_path], THEME_VARIABLES)
    assert [p.message for p in problems] == ["this is UTF-16 text; save it as UTF-8"]


def test_missing_user_folder_is_fine(tmp_path):
    themes, problems = load_themes([themes_dir(), tmp_path / "nope"], THEME_VARIABLES)
    assert problems == [] and set(PACKAGED) <= set(themes)


def test_next_theme_wraps_round():
    names = ["a", "b", "c"]
    assert next_theme(names, "a") == "b"
    assert next_theme(names, "c") == "a"
    assert next_theme(names, "textual-dark") == "a"
    assert next_theme([], "x") == "x"


def test_docs_describe_every_key():
    text = DOCS.read_text(encoding="utf-8")
    for key in (*BASE_COLOURS, "dark", "name"):
        assert f"`{key}`" in text, key
    for key in THEME_VARIABLES:
        if not key.startswith("speaker-"):
            assert f"`{key}`" in text, key
    assert "`speaker-1` … `speaker-6`" in text


@pytest.mark.parametrize("value", ["#d7a93a 45%", "auto 80%", "rgb(10, 20, 30)", "white", "#fff8"])
def test_colour_forms_textual_accepts(tmp_path, value):
    path = tmp_path / "forms.toml"
    path.write_text(f'primary = "#ffffff"\n[variables]\nmatch = "{value}"\n', encoding="utf-8")
    assert load_theme_file(path, THEME_VARIABLES).variables["match"] == value


@pytest.mark.parametrize("value", ["auto", "#fff 150%", "auto x%", "teal-ish 40%"])
def test_colour_forms_textual_rejects(tmp_path, value):
    path = tmp_path / "forms.toml"
    path.write_text(f'primary = "#ffffff"\n[variables]\nmatch = "{value}"\n', encoding="utf-8")
    with pytest.raises(ThemeError, match="not a colour"):
        load_theme_file(path, THEME_VARIABLES)


def test_defaults_of_the_reading_pane_are_valid_theme_values(tmp_path):
    lines = ['primary = "#ffffff"', "[variables]"]
    lines += [f'{key} = "{value}"' for key, value in THEME_VARIABLES.items()]
    path = tmp_path / "defaults.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_theme_file(path, THEME_VARIABLES).variables == THEME_VARIABLES


@pytest.mark.parametrize(
    ("content", "line", "col"),
    [
        ('primary = "#ffffff"\n\n  primery = "#000000"\n', 3, 3),
        ('primary = "#ffffff"\ndark = "yes"\n', 2, 1),
        ('primary = "#ffffff"\n[variables]\nmatch = "#000"\nquestoin = "#000000"\n', 4, 1),
        ('primary = "#ffffff"\n[variables]\n"question" = "blurple"\n', 3, 1),
        ('background = "#000000"\n', 1, 1),
        ('primary = "#ffffff"\nsecondary = "#fff\n', 2, 18),
    ],
)
def test_a_theme_problem_names_its_line_and_column(tmp_path, content, line, col):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    _, (problem,) = load_themes([tmp_path], THEME_VARIABLES)
    assert (problem.path, problem.line, problem.col, problem.severity) == (path, line, col, "error")
    assert str(problem).startswith(f"{path}:{line}:{col}: error: ")
