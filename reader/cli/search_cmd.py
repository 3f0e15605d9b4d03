"""`reader search QUERY [FOLDER]`: the best passages across a library, ranked.

Words must all occur in a paragraph; "quoted phrases" must occur as written; `cinem*` finds
words that start with "cinem". Matches are marked with bold reverse video on a terminal
(Rich Text, never markup built from article text), with «» in plain output, and with «» in
the `snippet` of `--json` rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.list_cmd import scan_library
from reader.core.library import Hit, Library, QueryError
from reader.core.library.fts import MAX_LIMIT
from reader.core.sanitize import clean_line, json_text
from reader.core.times import format_clock
from reader.paths import library_cache_path, sample_library

NAME = "search"
JSON_FIELDS = ("slug", "title", "block", "speaker", "speaker_name", "role")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help="search every paragraph of a library",
        description='Full-text search across a library. All words must occur; "a phrase" '
        "must occur as written; cinem* matches words starting with cinem. "
        "Default folder: the sample library.",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("folder", nargs="?", type=Path, metavar="FOLDER")
    p.add_argument("--speaker", metavar="NAME", help="only turns by this speaker (name or key)")
    p.add_argument(
        "--limit",
        type=_limit,
        default=20,
        help=f"at most this many hits (default 20, at most {MAX_LIMIT:,})",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=run)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"give a number from 1 to {MAX_LIMIT:,}")
    return value


def run(args) -> int:
    folder = args.folder or sample_library()
    with Library(library_cache_path()) as library:
        scan_library(library, folder)  # brings the cache (and its index) up to date
        try:
            hits = library.search(args.query, root=folder, speaker=args.speaker, limit=args.limit)
        except QueryError as exc:
            print(f"reader: search: {exc}", file=sys.stderr)
            return 2
    if args.json:
        rows = [
            {
                "path": str(h.path),
                **_fields(h),
                "snippet": h.marked(),
                "offset": h.offset,
                "start": h.time,
            }
            for h in hits
        ]
        print(json_text(rows, indent=2))
    elif sys.stdout.isatty():
        _print_rich(hits)
    else:
        for hit in hits:
            print(_heading(hit))
            print(f"    {hit.marked()}")
    if hits.notice:
        print(f"reader: search: {hits.notice}", file=sys.stderr)
    if not hits:
        print("reader: search: no matches", file=sys.stderr)
    elif hits.partial:
        print(
            "reader: search: too many matches to rank; these are the first in library order"
            " (add words to narrow the search)",
            file=sys.stderr,
        )
    return 0 if hits else 1


def _fields(hit: Hit) -> dict:
    return {name: getattr(hit, name) for name in JSON_FIELDS}


def _heading(hit: Hit) -> str:
    """ "The Night Ferry · Mara Ellison · 12:31 (the-night-ferry, block 7)"."""
    who = f" · {hit.speaker_name}" if hit.speaker_name else ""
    when = f" · {format_clock(hit.time)}" if hit.time is not None else ""
    return clean_line(f"{hit.title}{who}{when} ({hit.slug}, block {hit.block})")


def _print_rich(hits: list[Hit]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for hit in hits:
        console.print(Text(_heading(hit), style="bold"))
        snippet = Text("    ")
        for piece, is_match in hit.snippet_parts():
            snippet.append(piece, style="bold reverse" if is_match else "")
        console.print(snippet)
