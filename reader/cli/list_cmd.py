"""`reader list [FOLDER]`: one line per bundle, or JSON."""

from __future__ import annotations

import shutil
import sys
from dataclasses import asdict
from pathlib import Path

from rich.cells import cell_len, set_cell_size

from reader.core.catalog import scan, subjects_label
from reader.core.sanitize import json_text
from reader.paths import sample_library

NAME = "list"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help="list the bundles in a library folder",
        description="One line per bundle: slug, title, subject(s), date, words. "
        "Broken bundles show their first error. Default folder: the sample library.",
    )
    p.add_argument("folder", nargs="?", type=Path, metavar="FOLDER")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=run)


def _fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def run(args) -> int:
    folder = args.folder or sample_library()
    catalog = scan(folder)
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if args.json:
        rows = []
        for e in catalog.entries:
            row = asdict(e)
            row["path"] = str(e.path)
            rows.append(row)
        print(json_text(rows, indent=2))
        return 0
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 120
    slug_w = min(28, max((cell_len(e.slug) for e in catalog.entries), default=4))
    title_w = max(20, (width - slug_w - 36) * 3 // 5)
    subj_w = max(12, width - slug_w - title_w - 30)
    for e in catalog.entries:
        if e.broken:
            print(f"{_fit(e.slug, slug_w)}  BROKEN  {e.error}")
            continue
        print(
            f"{_fit(e.slug, slug_w)}  {_fit(e.title, title_w)}  {_fit(subjects_label(e), subj_w)}"
            f"  {e.published or '':10}  {e.words:>7,} words"
        )
    return 1 if catalog.problems and not catalog.entries else 0
