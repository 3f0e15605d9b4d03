"""`reader list [FOLDER]`: one line per bundle, or JSON.

The folder is read through the library cache, so a large library lists at once after the
first time; that first (cold) scan shows a progress bar on a terminal when it takes long.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

from reader.cli.args import Subparsers, library_folder, library_path, subcommand
from reader.cli.check import NO_BUNDLES
from reader.core.catalog import Catalog, subjects_label
from reader.core.library import Library, ScanStep
from reader.core.sanitize import clean_line, json_text
from reader.paths import library_cache_path

if TYPE_CHECKING:  # rich.progress is imported only when a bar is shown
    from rich.progress import Progress, TaskID

NAME = "list"
HELP = "list the bundles in a library folder"
DESCRIPTION = """One line per bundle: slug, title, subject(s), date, words. Broken bundles show
their first error. Default folder: the sample library."""


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    library_path(p, "folder", "FOLDER")
    p.add_argument("--json", action="store_true", help="print a JSON array")


def _fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ScanBar:
    """A transient progress bar on stderr, shown only once a scan has run for a while."""

    DELAY = 0.3  # seconds

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown: tuple[Progress, TaskID] | None = None  # the bar and its task, once shown

    def update(self, step: ScanStep) -> None:
        if self.shown is None:
            if step.done >= step.total or time.monotonic() - self.started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            console = Console(stderr=True)
            columns = (TextColumn("reading the library"), BarColumn(), MofNCompleteColumn())
            bar = Progress(*columns, console=console, transient=True)
            self.shown = bar, bar.add_task("scan", total=step.total)
            bar.start()
        bar, task = self.shown
        bar.update(task, completed=step.done, total=step.total)

    def stop(self) -> None:
        if self.shown is not None:
            self.shown[0].stop()


def scan_library(library: Library, folder: Path) -> Catalog:
    """`folder` through the cache, with a progress bar when stderr is a terminal; folder-level
    problems (unreadable folders…) are reported on stderr."""
    if not sys.stderr.isatty():
        catalog = library.scan(folder)
    else:
        bar = ScanBar()
        try:
            catalog = library.scan(folder, bar.update)
        finally:
            bar.stop()
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    return catalog


def run(args) -> int:
    folder = library_folder(args, "list")
    if folder is None:
        return 2
    with Library(library_cache_path()) as library:
        catalog = scan_library(library, folder)
    if args.json:
        rows = []
        for e in catalog.entries:
            row = asdict(e)
            row["path"] = str(e.path)
            problem = row.pop("problem")
            row["error"] = str(e.problem) if e.problem else ""
            row["problem"] = problem and {**problem, "path": str(problem["path"])}
            rows.append(row)
        print(json_text(rows, indent=2))
    else:
        _print_rows(catalog)
    if not catalog.entries and not catalog.problems:
        print(f"reader: list: {clean_line(str(folder))}: {NO_BUNDLES}", file=sys.stderr)
    # Nothing to list is a problem of the input, as for `reader check`: a script that lists
    # a folder it took for a library learns that it is none.
    return 0 if catalog.entries else 1


def _print_rows(catalog: Catalog) -> None:
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 120
    slug_w = min(28, max((cell_len(e.slug) for e in catalog.entries), default=4))
    title_w = max(20, (width - slug_w - 36) * 3 // 5)
    subj_w = max(12, width - slug_w - title_w - 30)
    for e in catalog.entries:
        if e.broken:
            print(f"{_fit(e.slug, slug_w)}  BROKEN  {e.problem}")
            continue
        print(
            f"{_fit(e.slug, slug_w)}  {_fit(e.title, title_w)}  {_fit(subjects_label(e), subj_w)}"
            f"  {e.published or '':10}  {e.words:>7,} words"
        )
