"""`reader show PATH`: one article as text, ANSI, Markdown or JSON, for pipes and scripts."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from reader.cli.args import Subparsers, path_problem, positive, subcommand
from reader.core import model as m
from reader.core.sanitize import json_text

NAME = "show"
HELP = "print one article without the app"
DESCRIPTION = """Render one bundle as plain text, ANSI colour, Markdown or JSON (the JSON form
is described in docs/show-json.md)."""
FORMATS = ("text", "ansi", "markdown", "json")
PICTURE_ROWS = 20  # the tallest picture when the terminal's height is unknown


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--format", choices=FORMATS, default=None, help="default: ansi on a terminal")
    p.add_argument(
        "--width", type=positive, default=None, help="wrap width (default: terminal or 80)"
    )
    p.add_argument(
        "--no-pictures",
        action="store_true",
        help="ansi: print pictures' captions only (pictures are drawn in colour blocks)",
    )


def run(args) -> int:
    # Loaded here, not when every `reader` launch registers this command (the app's start).
    from reader.core.bundle import load_bundle
    from reader.core.render_text import article_to_json, article_to_markdown, render_console

    problem = path_problem(args.path)
    if problem:
        print(f"reader: show: {problem}", file=sys.stderr)
        return 2
    loaded = load_bundle(args.path)
    for diag in loaded.diagnostics:
        print(diag, file=sys.stderr)
    if loaded.article is None:
        return 1
    tty = sys.stdout.isatty()
    fmt = args.format or ("ansi" if tty else "text")
    if fmt == "json":
        print(json_text(article_to_json(loaded.article), indent=2))
    elif fmt == "markdown":
        sys.stdout.write(article_to_markdown(loaded.article))
    else:
        width = args.width or (shutil.get_terminal_size().columns if tty else 80)
        ansi = fmt == "ansi"
        picture = None
        if ansi and not args.no_pictures and not os.environ.get("NO_COLOR"):
            picture = _picture_maker(loaded.article, tty)
        sys.stdout.write(render_console(loaded.article, width, ansi=ansi, picture=picture))
    return 0


def _picture_maker(article: m.Article, tty: bool):
    """How `render_console` draws a picture: half blocks, at most half the terminal tall,
    transparency on the terminal's background as far as COLORFGBG tells it."""
    from reader.core.picture_segments import HalfBlockPicture
    from reader.core.pictures import bundle_folder

    rows = max(6, shutil.get_terminal_size().lines // 2) if tty else PICTURE_ROWS
    light = os.environ.get("COLORFGBG", "").rpartition(";")[2] in ("7", "15")
    background = (255, 255, 255) if light else (0, 0, 0)
    base = bundle_folder(article)
    return lambda image: HalfBlockPicture(image.path, base, rows, background)
