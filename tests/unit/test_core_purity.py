"""reader.core must never import Textual: it is pure logic, tested without a terminal."""

import pkgutil
import subprocess
import sys

import reader.core


def test_core_does_not_import_textual():
    found = pkgutil.walk_packages(reader.core.__path__, prefix="reader.core.")
    modules = [module.name for module in found]
    assert "reader.core.importer.classify" in modules  # subpackages are walked too
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"textual imported by core: {result.stdout}"


def test_package_import_is_light():
    code = "import reader, reader.cli, sys; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_registering_the_subcommands_is_light():
    """Every launch registers every subcommand: Textual loads only for the app, `reader
    config` and `reader help keys` (it cost `reader check` 9 MB and its start time)."""
    code = "import reader.cli, sys; reader.cli.build_parser(); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def loaded_by_registering(only: str | None, heavy: list[str]) -> str:
    """Which of `heavy` a fresh Python has loaded once `build_parser(only)` has run."""
    code = (
        f"import reader.cli, sys; reader.cli.build_parser({only!r})\n"
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_registering_the_subcommands_leaves_their_work_unloaded():
    """The app's start registers every subcommand too: the importer (HTML extraction,
    transcripts) and the text renderer load only when their command runs."""
    heavy = ["reader.core.importer", "reader.core.render_text", "reader.core.highlights.collect"]
    loaded = loaded_by_registering(None, heavy)
    assert loaded == "", f"loaded at registration: {loaded}"


def test_opening_a_piece_registers_its_command_alone():
    """`reader PATH` loads the open command's module only: the others load the library
    cache (SQLite, the search index, the parsing pool), which the first frame does without."""
    heavy = ["reader.core.library", "sqlite3", "reader.cli.list_cmd", "reader.cli.help_cmd"]
    loaded = loaded_by_registering("open", heavy)
    assert loaded == "", f"loaded to open a piece: {loaded}"


def test_each_command_is_named_as_its_module_names_it():
    import importlib

    from reader.cli import COMMANDS

    for name, module in COMMANDS.items():
        assert name == importlib.import_module(f"reader.cli.{module}").NAME


def test_import_formats_are_the_importers_own():
    from reader.cli import import_cmd
    from reader.core.importer import output

    assert import_cmd.SHAPES == (output.DIR, output.SINGLE)


def loaded_by_the_app(heavy: list[str]) -> str:
    """Which of `heavy` a fresh Python has loaded once `reader.app` is imported."""
    code = f"import reader.app, sys; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_app_leaves_what_the_first_frame_does_without_unloaded():
    """Importing the app is most of a start: what only a later action needs (handing a file
    or a link to the world outside, exporting highlights, the search's index and query
    language, the library cache, decoding a picture) loads when that action runs."""
    heavy = ["reader.handoff", "webbrowser", "reader.core.highlights.export", "csv"]
    heavy += ["reader.core.search", "reader.core.query", "reader.core.library", "sqlite3"]
    heavy += ["reader.core.picture_decode", "reader.core.highlights.approx", "statistics"]
    heavy += ["reader.core.selection"]
    loaded = loaded_by_the_app(heavy)
    assert loaded == "", f"loaded by importing the app: {loaded}"
