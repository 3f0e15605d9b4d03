"""The `reader` command: argparse subcommands, each in a module of this package.

`reader [PATH]` (no subcommand) opens the app; `reader check|show|list|…` run without a
terminal UI. Errors reach the user as one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from reader import __version__

# Modules of this package; each has NAME, register(subparsers) and run(args) -> int.
SUBCOMMANDS = [
    "check",
    "show",
    "list_cmd",
    "import_cmd",
    "search_cmd",
    "highlights_cmd",
    "config_cmd",
    "help_cmd",
]
OPEN = "open_cmd"


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read long-form interviews in the terminal. "
        "`reader [FOLDER|BUNDLE]` opens the reading app (no argument: the sample library).",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name in [OPEN, *SUBCOMMANDS]:
        module = importlib.import_module(f"reader.cli.{name}")
        module.register(subparsers)
        modules[module.NAME] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser, modules = build_parser()
    if not argv or (argv[0] not in modules and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "open")
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reader show x | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if os.environ.get("READER_DEBUG"):
            raise
        from reader.core.sanitize import clean_line

        print(f"reader: internal error: {clean_line(repr(exc))}", file=sys.stderr)
        print("reader: set READER_DEBUG=1 to see the traceback", file=sys.stderr)
        return 70
