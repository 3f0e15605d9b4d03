"""`reader highlights [PATH...]`: the highlights and notes kept while reading, exported as
Markdown, JSON or the CSV that Readwise imports (docs/highlights.md)."""

from __future__ import annotations

import sys

from reader.cli.args import Subparsers, bundle_paths, output_path, subcommand
from reader.core.atomic import atomic_write
from reader.core.highlights.export import FORMATS, to_markdown, to_readwise_csv, to_records
from reader.core.highlights.store import HighlightStore
from reader.core.sanitize import clean_line, json_text
from reader.paths import state_dir

NAME = "highlights"
HELP = "export the highlights and notes made while reading"
DESCRIPTION = """Print the highlights (and notes) of the bundles under PATH, or of every bundle
when no PATH is given: Markdown by article, JSON (one object per highlight) or CSV in Readwise's
import columns. A highlight whose words are gone from its bundle is listed as orphaned."""


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    bundle_paths(p, at_least_one=False)
    p.add_argument("--format", choices=FORMATS, default="markdown")
    output_path(p, "FILE", help="write to FILE")


def run(args) -> int:
    from reader.core.highlights import collect  # the bundles' parser: not at every launch

    store = HighlightStore(state_dir())
    store.load()
    for warning in store.take_warnings():
        print(warning, file=sys.stderr)
    groups = collect.under(store, args.paths) if args.paths else collect.everything(store)
    if args.format == "json":
        text = json_text(to_records(groups), indent=2) + "\n"
    elif args.format == "csv":
        text = to_readwise_csv(groups)
    else:
        text = to_markdown(groups)
    count = sum(len(group.placed) for group in groups)
    if args.output is None:
        sys.stdout.write(text)
    else:
        where = clean_line(str(args.output))
        try:
            atomic_write(args.output, text)
        except OSError as exc:
            print(f"reader: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{count} highlight{'s' * (count != 1)} written to {where}", file=sys.stderr)
    if not count:
        hint = "no highlights yet: select words in the reading pane (v), then press h"
        print(hint, file=sys.stderr)
    return 0
