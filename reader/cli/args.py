"""What the subcommands declare alike, so each module's `register` says only what is its
own: a subcommand's parser that runs the module's `run`, the arguments several commands
take (bundle paths, a library, an output), and argument types that refuse a bad value the
same way everywhere: argparse prints `reader CMD: error: argument --x: …` and exits 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

Run = Callable[[argparse.Namespace], int]
# What `add_subparsers` returns: argparse's class is private and, at run time, not generic.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def subcommand(
    subparsers: Subparsers, name: str, run: Run, *, help: str, description: str
) -> argparse.ArgumentParser:
    """The parser of subcommand `name` (`help` in `reader --help`, `description` in
    `reader NAME --help`), whose command line runs `run(args)`. argparse reflows both texts,
    so a module writes them as paragraphs, line breaks anywhere."""
    parser = subparsers.add_parser(name, help=help, description=description)
    parser.set_defaults(func=run)
    return parser


def bundle_paths(parser: argparse.ArgumentParser, *, at_least_one: bool) -> None:
    """`PATH...` into `args.paths`: bundles, or folders of them."""
    parser.add_argument("paths", nargs="+" if at_least_one else "*", type=Path, metavar="PATH")


def library_path(
    parser: argparse.ArgumentParser, dest: str = "path", metavar: str = "FOLDER|BUNDLE"
) -> None:
    """An optional library folder (or bundle) into `args.<dest>`; None: the default one."""
    parser.add_argument(dest, nargs="?", type=Path, metavar=metavar)


def output_path(
    parser: argparse.ArgumentParser,
    metavar: str,
    default: Path | None = None,
    help: str | None = None,
) -> None:
    """`-o/--output` into `args.output`: where the command writes (a FILE, a FOLDER)."""
    parser.add_argument("-o", "--output", type=Path, default=default, metavar=metavar, help=help)


def positive(text: str) -> int:
    """A whole number of 1 or more (`--turn 3`, `--width 72`)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


def path_problem(path: Path) -> str | None:
    """Why a path named on the command line names nothing to read (no such path, or a FIFO
    or a device standing there), as "PATH: what is wrong"; None for a file or a folder.
    The commands refuse such a path as a usage error (exit 2, README "Exit status")."""
    if path.is_file() or path.is_dir():
        return None
    from reader.core.files import absence
    from reader.core.sanitize import clean_line

    return f"{clean_line(str(path))}: {absence(path)}"


def library_folder(args: argparse.Namespace, command: str) -> Path | None:
    """The library a command reads (`args.folder`, else the samples), or None once the
    refusal of a path that names nothing is printed (`list` and `search` alike)."""
    from reader.paths import sample_library

    folder: Path = args.folder or sample_library()
    problem = path_problem(folder)
    if problem:
        print(f"reader: {command}: {problem}", file=sys.stderr)
        return None
    return folder
