"""`reader help [TOPIC]`: the documents that ship with the reader, in the terminal.

`pip install` brings the docs folder along (inside the package, `reader/_data/docs`), so
`reader help format` shows the bundle format wherever the reader is installed; `search` and
`keys` are written from the search language and the command table themselves.
"""

from __future__ import annotations

import sys

from reader.cli.args import Subparsers, subcommand
from reader.core.library.notes import NOTES_SEARCHED
from reader.core.query import SYNTAX
from reader.paths import data_path

NAME = "help"
HELP = "show a document: format, search, keys, config, themes, import, outline"
DESCRIPTION = """Show one of the reader's documents in the terminal; without a topic, the list
of topics."""

# topic -> (what it is, the document in docs/, or None for one made here)
TOPICS: dict[str, tuple[str, str | None]] = {
    "format": ("the bundle format: how to write an interview by hand", "bundle-format.md"),
    "search": ("the search language of /, Ctrl+F and reader search", None),
    "keys": ("every key, by command id (for config.toml [keys])", None),
    "config": ("config.toml: default library, theme, width, times, keys", "config.md"),
    "themes": ("theme files and their colours", "themes.md"),
    "import": ("what reader import recognises", "import.md"),
    "outline": ("which turns the outline lists as questions", "outline.md"),
}


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    p.add_argument("topic", nargs="?", choices=sorted(TOPICS), metavar="TOPIC")


def run(args) -> int:
    if args.topic is None:
        print("reader help TOPIC, where TOPIC is one of:")
        for topic, (about, _) in TOPICS.items():
            print(f"  {topic:<8} {about}")
        return 0
    if args.topic == "search":
        sys.stdout.write(search_text())
    elif args.topic == "keys":
        sys.stdout.write(keys_text())
    else:
        document = TOPICS[args.topic][1]
        assert document is not None
        sys.stdout.write((data_path("docs") / document).read_text(encoding="utf-8"))
    return 0


def search_text() -> str:
    width = max(len(syntax) for syntax, _ in SYNTAX) + 2
    lines = ["One search language for / (the article), Ctrl+F and reader search (the library):"]
    lines += [f"  {syntax:<{width}}{meaning}" for syntax, meaning in SYNTAX]
    lines += ["", NOTES_SEARCHED]
    return "\n".join(lines) + "\n"


def keys_text() -> str:
    from reader import commands  # Textual: loaded when keys are asked for, not at every launch

    width = max(len(c.id) for c in commands.COMMANDS) + 2
    lines = ['Keys by command id (set them in config.toml, [keys] id = "key"):']
    for group, members in commands.groups():
        lines.append(f"\n{group}")
        for command in members:
            keys = commands.keys_display(command)
            lines.append(f"  {command.id:<{width}}{keys:<22}{command.description}")
    return "\n".join(lines) + "\n"
