"""`reader search QUERY [FOLDER]`: the best passages across a library, ranked, after the
reader's own notes that the query finds (`reader.core.library.notes`).

The query is the reader's one search language (`reader.core.query`): words that must all
occur in a paragraph, "quoted phrases", `cinem*` prefixes, `speaker:NAME`, `q:` and `a:`.
Matches are marked with bold reverse video on a terminal (Rich Text, never markup built
from article text), with «» in plain output and in the `snippet` of `--json` rows. Each hit
says where it is as a command that opens the article there: `reader BUNDLE --turn N`; a
note says it is yours, and which words it is on.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from reader.cli.args import library_folder
from reader.cli.shell import shell_join
from reader.core import model as m
from reader.core.highlights.store import HighlightStore
from reader.core.library import Hit, Library, QueryError
from reader.core.library.fts import MAX_LIMIT
from reader.core.query import SYNTAX
from reader.core.sanitize import clean_line, json_text
from reader.core.times import format_clock
from reader.paths import library_cache_path, state_dir

NAME = "search"
JSON_FIELDS = ("slug", "title", "block", "speaker", "speaker_name", "role")
NOTE_MARK = "✎"
WORDS_SHOWN = 100  # characters of the highlighted words under a note


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help="search every paragraph of a library",
        description="Full-text search across a library: "
        + "; ".join(f"{syntax} — {meaning}" for syntax, meaning in SYNTAX)
        + ". Your notes on highlights are searched too, and listed first. Each hit prints the"
        " command that opens the article at its turn. Default folder: the sample library.",
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
    folder = library_folder(args, "search")
    if folder is None:
        return 2
    highlights = HighlightStore(state_dir())
    highlights.load()
    for warning in highlights.take_warnings():
        print(f"reader: search: {warning}", file=sys.stderr)
    with Library(library_cache_path()) as library:
        notes = tuple(highlights.noted())
        find = partial(library.search, args.query, root=folder, notes=notes)
        try:
            first = not library.holds(folder)  # never indexed (a first search): index it first
            if first:
                _scan(library, folder)
            hits = find(speaker=args.speaker, limit=args.limit)
            # The index as it is, unless the folder's bundles or the hits' changed since it
            # was made: only then a scan (a stat of every bundle) brings it up to date first.
            if not first and not library.unchanged(folder, {hit.path for hit in hits}):
                _scan(library, folder)
                hits = find(speaker=args.speaker, limit=args.limit)
        except QueryError as exc:
            print(f"reader: search: {exc}", file=sys.stderr)
            return 2
    turns = _Turns()
    if args.json:
        rows = [
            {
                "path": str(h.path),
                **_fields(h),
                "snippet": h.marked(),
                "offset": h.offset,
                "start": h.time,
                "turn": turns.of(h),
                "open": _command(h, turns.of(h)),
                "kind": "note" if h.is_note else "passage",
                "highlight": h.highlight or None,  # a note's: the highlight's id
                "words": h.words if h.is_note else None,  # and the words it is on
            }
            for h in hits
        ]
        print(json_text(rows, indent=2))
    elif sys.stdout.isatty():
        _print_rich(hits, turns)
    else:
        for hit in hits:
            print(_heading(hit, turns.of(hit)))
            print(f"    {NOTE_MARK} {hit.marked()}" if hit.is_note else f"    {hit.marked()}")
            if hit.is_note:
                print(f"    {_on_words(hit)}")
            print(f"    {_command(hit, turns.of(hit))}")
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


def _scan(library: Library, folder: Path) -> None:
    from reader.cli.list_cmd import scan_library  # (the Markdown parser: only for a scan)

    scan_library(library, folder)


def _fields(hit: Hit) -> dict:
    return {name: getattr(hit, name) for name in JSON_FIELDS}


class _Turns:
    """The turn of each hit: a passage's is in the index; a note's article is loaded (once,
    when a hit in it is printed) to find it."""

    def __init__(self) -> None:
        self._articles: dict[Path, m.Article | None] = {}

    def of(self, hit: Hit) -> int | None:
        """The number of the turn the hit is in (or follows); None in the title or before
        the first turn."""
        if hit.block < 0:
            return None
        if not hit.is_note:
            return hit.turn or None
        if hit.path not in self._articles:
            from reader.core.bundle import load_bundle  # (the Markdown parser: notes only)

            self._articles[hit.path] = load_bundle(hit.path).article
        article = self._articles[hit.path]
        return (article.turn_number(hit.block) or None) if article is not None else None


def _where(hit: Hit, turn: int | None) -> str:
    if hit.block < 0:
        return "title"
    if turn is None:
        return "introduction"
    said = hit.speaker or (hit.is_note and hit.speaker_name)  # a note on someone's words
    return f"turn {turn}" if said else f"after turn {turn}"


def _command(hit: Hit, turn: int | None) -> str:
    """The command that opens the article at the hit's turn, quoted so that pasting it
    opens the real file whatever its name holds (`reader.cli.shell`)."""
    opening = ["reader", str(hit.path)] + (["--turn", str(turn)] if turn else [])
    return shell_join(opening)


def _heading(hit: Hit, turn: int | None) -> str:
    """ "The Night Ferry · Mara Ellison · 12:31 (the-night-ferry, turn 7)"; a note:
    "The Night Ferry · your note · Mara Ellison (the-night-ferry, turn 7)"."""
    who = f" · {hit.speaker_name}" if hit.speaker_name else ""
    if hit.is_note:
        who = f" · your note{who}"
    when = f" · {format_clock(hit.time)}" if hit.time is not None else ""
    return clean_line(f"{hit.title}{who}{when} ({hit.slug}, {_where(hit, turn)})")


def _on_words(hit: Hit) -> str:
    """ "on “the words highlighted”", for a note."""
    words = clean_line(hit.words)
    if len(words) > WORDS_SHOWN:
        words = words[:WORDS_SHOWN].rsplit(" ", 1)[0] + "…"
    return f"on “{words}”"


def _print_rich(hits: list[Hit], turns: _Turns) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for hit in hits:
        turn = turns.of(hit)
        console.print(Text(_heading(hit, turn), style="bold"))
        snippet = Text(f"    {NOTE_MARK} " if hit.is_note else "    ")
        for piece, is_match in hit.snippet_parts():
            snippet.append(piece, style="bold reverse" if is_match else "")
        console.print(snippet)
        if hit.is_note:
            console.print(Text("    " + _on_words(hit), style="italic"))
        console.print(Text("    " + _command(hit, turn), style="dim"))
