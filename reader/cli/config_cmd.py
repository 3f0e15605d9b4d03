"""`reader config`: where config.toml is, what is wrong with it, and the settings in effect.

Each setting is shown with where it comes from: the file, what the app remembered (the last
library, the theme chosen with `t`, the width set with + and -) or the default. `--template`
prints a commented file to start from. Exits 1 when the file has errors.
"""

from __future__ import annotations

import sys

from reader.cli.args import Subparsers, subcommand
from reader.core.config import (
    FILE_NAME,
    Config,
    choose_library,
    library_problem,
    read_config,
    theme_problem,
)
from reader.core.diagnostics import Diagnostic
from reader.core.layout import DEFAULT_MEASURE
from reader.core.sanitize import clean_line
from reader.core.state import State, StateStore
from reader.paths import config_dir, sample_library, state_dir, theme_folders

NAME = "config"
HELP = "show the settings file, its problems and the settings in effect"
DESCRIPTION = f"""Print where {FILE_NAME} is, its problems (file:line:col) and the settings in
effect, each with where it comes from. Exits 1 if the file has errors."""
# The command table and the themes load Textual: they are imported when this command runs,
# not when every `reader` launch registers it.

TEMPLATE = """\
# Interview Reader settings (`reader config` checks this file; `reader help config`).
# Every setting is optional: delete the # in front of a line to use it.

# The library a bare `reader` opens (without it: the library you used last).
# library = "~/interviews"

# The theme at every start: night, paper, sepia, high-contrast, or one of your own.
# theme = "paper"

# The text width in columns, 40 to 200 (+ and - change it while reading).
# width = 80

# false hides the reading times ("12 min left") everywhere.
# reading_times = false

# false starts a transcript with its times hidden before the names (T shows them).
# transcript_times = false

# Keys by command id (`reader help keys` lists them); a key or a list of keys.
[keys]
# next-question = "n"
# quit = ["q", "x"]
"""


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    p.add_argument(
        "--template", action="store_true", help="print a commented settings file to start from"
    )


def run(args) -> int:
    if args.template:
        sys.stdout.write(TEMPLATE)
        return 0
    from reader import commands
    from reader.themes import THEME_VARIABLES, load_themes

    path = config_dir() / FILE_NAME
    config, problems = read_config(path, commands.command_keys(), commands.key_name)
    print(f"settings file: {clean_line(str(path))}")
    if not path.exists():
        print(f"  (none yet: `reader config --template > {clean_line(str(path))}` starts one)")
    themes, theme_files = load_themes(theme_folders(), THEME_VARIABLES)
    for start_problem in (theme_problem(config, themes), library_problem(config)):
        if start_problem is not None:  # what the app says of the file's settings at start
            problems.append(start_problem)
    for problem in sorted(problems, key=lambda p: (p.line, p.col)):
        print(f"  {problem}")
    store = StateStore(state_dir())
    state = store.load()
    elsewhere = [*theme_files, *_kept_file_problems(store)]
    rows = [(name, clean_line(value), source) for name, value, source in effective(config, state)]
    if elsewhere:
        print("other problems the app reports at start:")
        for problem in elsewhere:
            print(f"  {problem}")
    print("settings in effect:")
    width = max(len(value) for _, value, _ in rows) + 2
    for name, value, source in rows:
        print(f"  {name:<16} {value:<{width}} {source}")
    return 1 if any(p.is_error for p in [*problems, *theme_files]) else 0


def _kept_file_problems(store: StateStore) -> list[Diagnostic]:
    """What loading the state and highlights files found: a damaged one is set aside, as
    the app would do (and say) at its start."""
    from reader.core.highlights.store import HighlightStore

    highlights = HighlightStore(state_dir())
    highlights.load()
    return [*store.take_warnings(), *highlights.take_warnings()]


def effective(config: Config, state: State) -> list[tuple[str, str, str]]:
    """(setting, value, where it comes from) for each setting the app uses."""
    from reader import commands
    from reader.themes import DEFAULT_THEME

    library, notice = choose_library(config, state.last_library, sample_library())
    library_from = (
        f"from {FILE_NAME}"
        if config.library is not None and library == config.library
        else f"the samples, as {notice}"
        if notice
        else "the library used last"
        if state.last_library and str(library) == state.last_library
        else "the samples (nothing opened yet)"
    )
    rows = [("library", str(library), library_from)]
    rows.append(_setting("theme", config.theme, state.theme, DEFAULT_THEME, "remembered (t)"))
    rows.append(_setting("width", config.width, state.measure, DEFAULT_MEASURE, "remembered (+ -)"))
    for name in ("reading_times", "transcript_times"):
        shown = "shown" if getattr(config, name) else "hidden"
        rows.append((name, shown, f"from {FILE_NAME}" if name in config.where else "default"))
    for command in commands.COMMANDS:
        if command.id in config.keys:
            keys = commands.keys_display(command, config.keys)
            rows.append(("key", f"{command.id} = {keys}", f"from {FILE_NAME}"))
    return rows


def _setting(
    name: str, configured: object, remembered: object, default: object, how: str
) -> tuple[str, str, str]:
    if configured is not None:
        return name, str(configured), f"from {FILE_NAME}"
    if remembered is not None:
        return name, str(remembered), how
    return name, str(default), "default"
