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

# Exit statuses, one per kind of failure (README, "Exit status").
OK = 0
PROBLEMS = 1  # the input has errors: a broken bundle, no match, an unimportable source
USAGE = 2  # a bad option, setting or query; no such file; no terminal for the app
INTERNAL = 70  # a bug in the reader (EX_SOFTWARE)
OUTPUT = 74  # the output cannot be written: closed, or the disk is full (EX_IOERR)
INTERRUPTED = 130  # Ctrl+C

# Each command's module in this package (its NAME, register(subparsers), run(args) -> int).
OPEN = "open"
COMMANDS = {
    OPEN: "open_cmd",
    "check": "check",
    "show": "show",
    "list": "list_cmd",
    "import": "import_cmd",
    "search": "search_cmd",
    "highlights": "highlights_cmd",
    "serve": "serve_cmd",
    "config": "config_cmd",
    "help": "help_cmd",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the command `only`: a command line that names its
    command (or opens a path) loads that command's module alone. The others' imports cost
    every start of the app (the library cache's SQLite and parsing pool, for `list`)."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read long-form interviews in the terminal. "
        "`reader [FOLDER|BUNDLE]` opens the reading app (no argument: the library config.toml "
        "names, else the one used last, else the samples).",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"reader.cli.{module_name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    stdout = sys.stdout
    sys.stdout = GuardedOutput(stdout)  # `--help` and `--version` are written through it too
    try:
        # The subcommands' modules load here, inside the try: Ctrl+C during a slow start
        # is exit 130 too, not a traceback of the import it interrupted.
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
            argv.insert(0, OPEN)
        parser = build_parser(argv[0] if argv[0] in COMMANDS else None)
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # --help, --version (0) or a usage error (2)
            sys.stdout.flush()
            return done.code if isinstance(done.code, int) else USAGE
        from reader.core.source import body_limit_problem

        problem = body_limit_problem()
        if problem:
            _say(problem)
            return USAGE
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # here, where a full disk can still be reported
        return status
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`reader show x | head`): not an error.
        _silence_stdout()
        return OK
    except OutputError as exc:
        _silence_stdout()
        _say(f"cannot write the output: {exc}")
        return OUTPUT
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if os.environ.get("READER_DEBUG"):
            raise
        from reader.core.sanitize import clean_line

        _say(f"internal error: {clean_line(repr(exc))}")
        _say("set READER_DEBUG=1 to see the traceback")
        return INTERNAL
    finally:
        sys.stdout = stdout


class OutputError(Exception):
    """Standard output cannot be written: closed, a full disk, /dev/full."""


class GuardedOutput:
    """Standard output, with every failure to write it raised as OutputError (a closed
    stdout, which Python gives as None, is one that fails at the first write)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OutputError("standard output is closed")
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:  # ValueError: a closed file
            raise OutputError(getattr(exc, "strerror", None) or str(exc)) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise OutputError(getattr(exc, "strerror", None) or str(exc)) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str):
        if self._stream is None:
            raise OutputError("standard output is closed")
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the flush at exit has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def _say(message: str) -> None:
    if sys.stderr is not None:
        print(f"reader: {message}", file=sys.stderr)
