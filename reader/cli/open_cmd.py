"""`reader [FOLDER|BUNDLE] [--turn N]`: open the reading app.

With no path, the library that config.toml names, else the one used last, else the
samples (`reader.core.config.choose_library`). A folder opens as a library; a single bundle
(a bundle folder, its article.toml or a single-file .md) opens straight into that
interview, at its N-th turn with `--turn N` (what `reader search` prints for each hit).
"""

from __future__ import annotations

import os
import sys

from reader.cli.args import Subparsers, library_path, path_problem, positive, subcommand

NAME = "open"
HELP = "open the reading app (the default command)"
DESCRIPTION = "Open a library folder or one bundle in the reading app."
# How textual-serve (`reader serve`) starts each tab's app: Textual reads this variable.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    library_path(p)
    p.add_argument(
        "--turn", type=positive, metavar="N", help="open a bundle at its N-th turn (from 1)"
    )


def run(args) -> int:
    path = args.path.expanduser() if args.path else None  # None: the app's default library
    problem = path_problem(path) if path is not None else None
    if problem:
        print(f"reader: {problem}", file=sys.stderr)
        return 2
    # Textual reads stdin and draws on stderr. In a browser tab (`reader serve`) both are
    # pipes to the server, and there is no terminal to ask about graphics: half blocks there.
    in_browser = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not in_browser and not (sys.stdin.isatty() and sys.stderr.isatty()):
        print(
            "reader: the reading app needs a terminal; in a pipe or a script use "
            "`reader show`, `reader list` or `reader check`",
            file=sys.stderr,
        )
        return 2
    from reader import gc_pause

    gc_pause.pause()  # until the first frame (the app resumes it): see reader/gc_pause.py
    from reader import graphics
    from reader.app import ReaderApp  # Textual loads only when the app really starts

    if not in_browser:
        graphics.detect()  # before the app reads the keyboard: see reader/graphics.py
    from reader.core.bundle import bundle_root
    from reader.core.bundle_names import META_FILE

    single = path is not None and (path.is_file() or (path / META_FILE).is_file())
    if args.turn is not None and not single:
        print("reader: --turn opens one bundle, not a library folder", file=sys.stderr)
        return 2
    bundle = bundle_root(path) if path is not None and single else None
    app = ReaderApp(path, open_path=bundle, open_turn=args.turn)
    if in_browser:
        from reader.web_driver import ServedDriver

        app.driver_class = ServedDriver
    app.run()
    return app.return_code or 0
