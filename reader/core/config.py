"""`config.toml`: the reader's settings as the user writes them, checked like a bundle.

The file lives in the config folder (the app hands its path in). Every key is optional:

    library = "~/interviews"   # what a bare `reader` opens (else the library used last)
    theme = "paper"            # applied at every start (else the theme chosen last, `t`)
    width = 80                 # the text width in columns, 40 to 200 (else the last, + -)
    reading_times = false      # hide reading times ("12 min left") everywhere
    transcript_times = false   # start with a transcript's times hidden (`T` shows them)

    [keys]                     # keys by command id (`reader help keys` lists the ids)
    next-question = "n"
    quit = ["q", "x"]

Problems are `Diagnostic`s at the line and column of the key; a bad value is left out (the
default stands) and the rest of the file still counts, so a typo never stops the app. An
unknown key is a warning, as in bundles. Keys are checked against the command table and
the key names the app passes in, which core cannot know by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

from reader.core.diagnostics import ERROR, WARNING, Diagnostic
from reader.core.files import kind_of
from reader.core.sanitize import clean, clean_line
from reader.core.source import key_position, parse_toml, read_text

FILE_NAME = "config.toml"
MIN_WIDTH, MAX_WIDTH = 40, 200
MAX_BYTES = 1_000_000
SETTINGS = ("library", "theme", "width", "reading_times", "transcript_times", "keys")
EVERYWHERE = "app"  # the context whose keys work in every other (see `Command.context`)

SWITCHES: tuple[Literal["reading_times", "transcript_times"], ...] = (
    "reading_times",
    "transcript_times",
)
# A command as the config checks it: its context and its keys before the file.
CommandKeys = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file read (None: no file)
    library: Path | None = None
    theme: str | None = None
    width: int | None = None
    reading_times: bool = True
    transcript_times: bool = True
    keys: Mapping[str, str] = field(default_factory=dict)  # command id -> "key,key"
    # (line, column) of each setting the file sets with a valid value, for a diagnostic
    # about it that only the app can make (a theme that is not installed)
    where: Mapping[str, tuple[int, int]] = field(default_factory=dict)


class _Found(TypedDict, total=False):
    """The settings the file sets with a valid value: a `Config`'s fields by name."""

    library: Path
    theme: str
    width: int
    reading_times: bool
    transcript_times: bool
    keys: Mapping[str, str]


def read_config(
    path: Path,
    commands: Mapping[str, CommandKeys],
    key_name: Callable[[str], str | None],
) -> tuple[Config, list[Diagnostic]]:
    """The settings in the file at `path` (none if it does not exist) and its problems.
    `commands` maps each command id to its context and keys; `key_name` gives the name by
    which the app knows a key ("?" → "question_mark"), or None for no key at all."""
    if not path.exists():
        return Config(), []
    text, problems = read_text(path, MAX_BYTES, f"{FILE_NAME}, the settings file")
    data = None
    if text is not None:
        data, problems = parse_toml(text, path)
    if data is None or text is None:
        return Config(path), problems
    found: _Found = {}

    def problem(severity: str, key: str, message: str) -> None:
        line, col = key_position(text, key)
        problems.append(Diagnostic(path, line, col, severity, message))

    for key in data:
        if key not in SETTINGS:
            problem(WARNING, key, f"unknown setting '{clean_line(key)}' (ignored)")
    if "library" in data:
        library = data["library"]
        if isinstance(library, str) and library.strip():
            found["library"] = _folder(path, library)
        else:
            problem(ERROR, "library", "'library' must be the path of a folder, as a string")
    if "theme" in data:
        theme = data["theme"]
        if not (isinstance(theme, str) and theme.strip()):
            problem(ERROR, "theme", "'theme' must be the name of a theme, as a string")
        elif clean(theme) != theme or "\n" in theme or "\t" in theme:
            # never a theme's name: cleaned, it would name another theme than the one written
            problem(ERROR, "theme", "'theme' holds control characters or line breaks")
        else:
            found["theme"] = theme.strip()
    if "width" in data:
        width = data["width"]
        whole = isinstance(width, int) and not isinstance(width, bool)
        if whole and MIN_WIDTH <= width <= MAX_WIDTH:
            found["width"] = width
        else:
            problem(ERROR, "width", f"'width' must be a whole number, {MIN_WIDTH} to {MAX_WIDTH}")
    for name in SWITCHES:
        if name in data:
            if isinstance(data[name], bool):
                found[name] = data[name]
            else:
                problem(ERROR, name, f"'{name}' must be true or false")
    if "keys" in data:
        found["keys"] = _keys(data["keys"], commands, key_name, problem)
    where = {name: key_position(text, name) for name in found}
    return Config(path, **found, where=where), problems


def _folder(config_file: Path, value: str) -> Path:
    """A folder named in the file: `~` is the home folder; a relative path is taken from
    the folder the config file is in."""
    folder = Path(value.strip()).expanduser()
    return folder if folder.is_absolute() else config_file.parent / folder


def _keys(
    table: object,
    commands: Mapping[str, CommandKeys],
    key_name: Callable[[str], str | None],
    problem: Callable[[str, str, str], None],
) -> dict[str, str]:
    """The `[keys]` table as a keymap: command id -> "key,key" (Textual's keymap form)."""
    if not isinstance(table, dict):
        problem(ERROR, "keys", "'keys' must be a table: [keys], then lines like quit = \"x\"")
        return {}
    keymap: dict[str, str] = {}
    for command, value in table.items():
        where = f"keys.{command}"
        if command not in commands:
            problem(ERROR, where, f"no command '{clean_line(command)}' (`reader help keys`)")
            continue
        keys = [value] if isinstance(value, str) else value
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            problem(ERROR, where, f"'{command}' must be a key or a list of keys, like \"ctrl+n\"")
            continue
        typed = [k.strip() for key in keys for k in key.split(",") if k.strip()]
        names = [key_name(k) for k in typed]
        bad = next((k for k, name in zip(typed, names, strict=True) if name is None), None)
        if bad is not None or not names:
            problem(ERROR, where, f"'{clean_line(bad or '')}' is not a key (try x, ctrl+x, f2)")
            continue
        keymap[command] = ",".join(name for name in names if name)
    for command, other, key in _clashes(commands, keymap):
        problem(WARNING, f"keys.{command}", f"'{key}' is also the key of '{other}': one loses it")
    return keymap


def _clashes(
    commands: Mapping[str, CommandKeys], keymap: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(command set in the file, other command, key) for each key that the file gives to a
    command which another already answers to where both work (the same context, or one of
    them working everywhere)."""
    keys = {c: (keymap[c].split(",") if c in keymap else list(k)) for c, (_, k) in commands.items()}
    found = []
    for command in keymap:
        context = commands[command][0]
        for other, (other_context, _) in commands.items():
            shared = other != command and (
                other_context == context or EVERYWHERE in (context, other_context)
            )
            for key in keys[command] if shared else ():
                if key in keys[other] and (other not in keymap or other > command):
                    found.append((command, other, key))
    return found


def theme_problem(config: Config, installed: Collection[str]) -> Diagnostic | None:
    """A warning when the file names a theme that is not installed (the app then uses the
    theme chosen last, or the default): the app and `reader config` say the same."""
    if config.theme is None or config.theme in installed:
        return None
    line, col = config.where["theme"]
    names = ", ".join(sorted(installed))
    message = f"no theme '{config.theme}' (installed: {names})"
    return Diagnostic(config.path or Path(FILE_NAME), line, col, WARNING, message)


def library_problem(config: Config) -> Diagnostic | None:
    """A warning when the file's `library` is not a folder (the app then opens the samples,
    and says so): `reader config` reports it at the setting's line."""
    if config.library is None or config.library.is_dir():
        return None
    try:
        kind = kind_of(config.library.stat().st_mode) or "a file"
        what = f"is {kind}, not a folder"
    except OSError:
        what = "does not exist"
    line, col = config.where["library"]
    message = f"the library {clean_line(str(config.library))} {what}: the app opens the samples"
    return Diagnostic(config.path or Path(FILE_NAME), line, col, WARNING, message)


def choose_library(config: Config, last: str | None, samples: Path) -> tuple[Path, str | None]:
    """The library a bare `reader` opens, and why not the one expected if it is gone: the
    config's `library`, else the library used last, else the samples (a first visit)."""
    if config.library is not None:
        if config.library.is_dir():
            return config.library, None
        return samples, f"the library in {FILE_NAME}, {config.library}, is not a folder"
    if last:
        if Path(last).is_dir():
            return Path(last), None
        return samples, f"the library you used last, {last}, is gone"
    return samples, None
