"""`reader show PATH`: one article as text, ANSI, Markdown or JSON, for pipes and scripts."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from reader.core.bundle import load_bundle
from reader.core.render_text import article_to_json, article_to_markdown, render_console
from reader.core.sanitize import json_text

NAME = "show"
FORMATS = ("text", "ansi", "markdown", "json")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help="print one article without the app",
        description="Render one bundle as plain text, ANSI colour, Markdown or JSON "
        "(the JSON form is described in docs/show-json.md).",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--format", choices=FORMATS, default=None, help="default: ansi on a terminal")
    p.add_argument("--width", type=int, default=None, help="wrap width (default: terminal or 80)")
    p.set_defaults(func=run)


def run(args) -> int:
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
        sys.stdout.write(render_console(loaded.article, width, ansi=fmt == "ansi"))
    return 0
