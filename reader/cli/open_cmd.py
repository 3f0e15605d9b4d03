"""`reader [FOLDER|BUNDLE]`: open the reading app (no argument: the sample library)."""

from __future__ import annotations

from pathlib import Path

from reader.paths import sample_library

NAME = "open"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help="open the reading app (the default command)",
        description="Open a library folder or one bundle in the reading app.",
    )
    p.add_argument("path", nargs="?", type=Path, metavar="FOLDER|BUNDLE")
    p.set_defaults(func=run)


def run(args) -> int:
    path = args.path or sample_library()
    if not path.exists():
        print(f"reader: {path}: no such file or folder")
        return 2
    from reader.cli import list_cmd  # the app is not built yet: list the library instead

    return list_cmd.run(type("Args", (), {"folder": path, "json": False})())
