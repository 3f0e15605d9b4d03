"""core/config.py and `reader config`: settings read and checked like a bundle, line:col
problems, keys by command id, and which library a bare `reader` opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import commands
from reader.cli import main
from reader.core.config import Config, choose_library, read_config
from reader.paths import config_dir


def read(tmp_path: Path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return read_config(path, commands.command_keys(), commands.key_name)


def test_no_file_is_the_defaults(tmp_path):
    config, problems = read_config(tmp_path / "none.toml", {}, commands.key_name)
    assert config == Config() and problems == []


def test_every_setting(tmp_path):
    config, problems = read(
        tmp_path,
        'library = "~/interviews"\ntheme = "paper"\nwidth = 80\nreading_times = false\n'
        '[keys]\nnext-question = "n"\nquit = ["q", "x"]\nhelp = "?"\n',
    )
    assert problems[0].severity == "warning"  # n is next-match's key too (see below)
    assert config.library == Path("~/interviews").expanduser()
    assert (config.theme, config.width, config.reading_times) == ("paper", 80, False)
    assert config.transcript_times  # not set: shown
    assert config.keys == {"next-question": "n", "quit": "q,x", "help": "question_mark"}
    assert config.where["width"] == (3, 1)


def test_a_relative_library_is_taken_from_the_config_folder(tmp_path):
    config, _ = read(tmp_path, 'library = "shelf"\n')
    assert config.library == tmp_path / "shelf"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("width = 20\n", (1, 1), "'width' must be a whole number, 40 to 200"),
        ('\n\n  width = "wide"\n', (3, 3), "'width' must be a whole number"),
        ("reading_times = 1\n", (1, 1), "'reading_times' must be true or false"),
        ("transcript_times = 1\n", (1, 1), "'transcript_times' must be true or false"),
        ("theme = 3\n", (1, 1), "'theme' must be the name of a theme"),
        ("library = []\n", (1, 1), "'library' must be the path of a folder"),
        ("keys = 3\n", (1, 1), "'keys' must be a table"),
        ('[keys]\nnext-qestion = "n"\n', (2, 1), "no command 'next-qestion'"),
        ('[keys]\nquit = "ctrl+"\n', (2, 1), "'ctrl+' is not a key"),
        ("[keys]\nquit = 3\n", (2, 1), "'quit' must be a key or a list of keys"),
        ('width = 80\ntheme = "paper"\nwidht = 3\n', (3, 1), "unknown setting 'widht'"),
        ("width = \n", (1, 9), "TOML: "),
    ],
)
def test_problems_say_where_and_what(tmp_path, text, where, message):
    config, problems = read(tmp_path, text)
    (problem,) = problems
    assert (problem.line, problem.col) == where and message in problem.message
    assert str(problem).startswith(f"{tmp_path / 'config.toml'}:{where[0]}:{where[1]}: ")
    assert config.width in (None, 80)  # a bad value is left out; a good one stays


def test_a_key_taken_from_another_command_is_a_warning(tmp_path):
    _, problems = read(tmp_path, '[keys]\nnext-question = "n"\ntheme = "j"\nhelp = "f9"\n')
    messages = {(p.line, p.severity, p.message) for p in problems}
    assert messages >= {
        (2, "warning", "'n' is also the key of 'next-match': one loses it"),
        (3, "warning", "'j' is also the key of 'line-down': one loses it"),
        (3, "warning", "'j' is also the key of 'list-down': one loses it"),
    }
    assert not any(p.line == 4 for p in problems)  # f9 is nobody else's


def test_key_names_are_textual_s():
    assert commands.key_name("?") == "question_mark"
    assert commands.key_name("Ctrl+N") == "ctrl+n"
    assert commands.key_name("PageDown") == "pagedown"
    assert commands.key_name("G") == "G" and commands.key_name("]") == "right_square_bracket"
    assert commands.key_name("banana") is None and commands.key_name("ctrl+") is None


def test_which_library_a_bare_reader_opens(tmp_path):
    samples, mine, last = tmp_path / "samples", tmp_path / "mine", tmp_path / "last"
    for folder in (samples, mine, last):
        folder.mkdir()
    assert choose_library(Config(), None, samples) == (samples, None)  # never opened one
    assert choose_library(Config(), str(last), samples) == (last, None)
    assert choose_library(Config(library=mine), str(last), samples) == (mine, None)
    last.rmdir()
    folder, why = choose_library(Config(), str(last), samples)
    assert folder == samples and "is gone" in why


def test_reader_config_prints_the_file_its_problems_and_the_settings(capsys):
    folder = config_dir()
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('theme = "sepia"\nwidth = 9\n', encoding="utf-8")
    assert main(["config"]) == 1
    out = capsys.readouterr().out
    assert f"settings file: {folder / 'config.toml'}" in out
    assert "config.toml:2:1: error: 'width' must be a whole number, 40 to 200" in out
    assert "theme            sepia" in out and "from config.toml" in out
    assert "width            72" in out and "default" in out
    assert main(["config", "--template"]) == 0
    template = capsys.readouterr().out
    (folder / "config.toml").write_text(template, encoding="utf-8")
    assert main(["config"]) == 0  # the template itself is a valid file


def test_reader_config_says_a_theme_is_not_installed_as_the_app_does(capsys):
    folder = config_dir()
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('width = 9\ntheme = "purple"\n', encoding="utf-8")
    main(["config"])
    out = capsys.readouterr().out.splitlines()
    warning = next(i for i, line in enumerate(out) if "no theme 'purple' (installed: " in line)
    assert "config.toml:2:1: warning:" in out[warning] and "night" in out[warning]
    error = next(i for i, line in enumerate(out) if "config.toml:1:" in line)
    assert error < warning  # problems in the file's order


def test_reader_help_shows_the_shipped_documents(capsys):
    assert main(["help", "format"]) == 0
    assert capsys.readouterr().out.startswith("# The interview bundle format")
    assert main(["help", "keys"]) == 0
    assert "next-question" in capsys.readouterr().out
    assert main(["help", "search"]) == 0
    assert "speaker:NAME" in capsys.readouterr().out


def test_the_wheel_ships_the_docs():
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"docs" = "reader/_data/docs"' in pyproject
