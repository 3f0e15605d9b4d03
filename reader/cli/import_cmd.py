"""`reader import SOURCE...`: turn published interviews (.txt, .md, .html, an http(s) address,
or - for standard input) and timed transcripts (.srt, .vtt, .json, timestamped text) into
bundles, and say what was found and which decisions were close calls. This is the edge where
the importer's diagnostics become lines of text."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.args import Subparsers, output_path, subcommand
from reader.core.sanitize import clean_line

if TYPE_CHECKING:
    from reader.core.importer import output

NAME = "import"
# The importer (HTML extraction, transcripts, the stages) loads when this command runs, not
# when every `reader` launch registers it: it cost the app's start 15-30 ms.
SHAPES = ("dir", "single")  # reader.core.importer.output's DIR and SINGLE
HELP = (
    "make a bundle from an interview (.txt, .md, .html, the web) or a transcript "
    "(.srt, .vtt, .json)"
)
DESCRIPTION = """Make a bundle from a published interview (.txt, .md, .html, an http(s) address,
or - for standard input) or a timed transcript (SRT, WebVTT, Podcasting 2.0 or other JSON
segments, timestamped text) and print what was found: participants, questions, answers,
captions, bylines, and a warning (with its line and column) for every low-confidence
decision."""


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    output_path(p, "FOLDER", default=Path("."))
    p.add_argument("--format", choices=SHAPES, default=SHAPES[0])
    p.add_argument("--interviewer", action="append", default=[], metavar="NAME")
    p.add_argument("--subject", action="append", default=[], metavar="NAME")
    p.add_argument("--title", default="", metavar="TITLE", help="the bundle's title")
    p.add_argument(
        "--dry-run", action="store_true", help="print the summary and the JSON; write nothing"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing bundle")


def run(args) -> int:
    from reader.core.importer import ImportProblem

    status = 0
    written: set[Path] = set()
    for name in args.sources:
        try:
            _one(name, args, written)
        except ImportProblem as problem:
            print(f"reader import: {clean_line(name)}: {clean_line(str(problem))}", file=sys.stderr)
            status = max(status, problem.status)
    return status


def _one(name: str, args, written: set[Path]) -> None:
    from reader.core.importer import Hints, ImportProblem, import_source, output, read_source
    from reader.core.importer.source import STDIN

    hints = Hints(tuple(args.interviewer), tuple(args.subject), args.title)
    if name == STDIN and sys.stdin is None:
        raise ImportProblem("standard input is closed: pipe a page in, or name a file", 2)
    imported = import_source(read_source(name), hints)
    checked = output.check(imported.bundle, args.format)
    target = output.destination(imported.bundle, args.output, args.format)
    if not args.dry_run:
        if target in written:
            raise ImportProblem(f"same title as an earlier source: {target} was just written")
        output.write(imported.bundle, args.output, args.format, args.force)
        written.add(target)
    print(summary(imported, checked, None if args.dry_run else target))
    if args.dry_run:
        print(json.dumps(checked.json, ensure_ascii=False, indent=2))


def summary(imported, checked: output.Checked, target: Path | None) -> str:
    """The report: every untrusted string passes clean_line before it reaches the terminal."""
    from reader.core.importer.model import Role

    data = checked.json
    turns = Counter(
        b["speaker"] for b in data["blocks"] if b["kind"] == "turn" and not b.get("continued")
    )
    lines = [f'{clean_line(imported.source.name)}: "{clean_line(data["title"])}"']
    lines += [f"  {clean_line(line)}" for line in imported.read.how.splitlines()]
    speaking = [s for s in data["speakers"] if turns[s["key"]]]
    lines.append("  participants:" if speaking else "  participants: none named")
    for speaker in speaking:
        named = speaker["name"] != speaker["key"] or " " in speaker["key"]  # "Rosa Lindqvist:"
        name = speaker["name"] if named else "(no name found)"
        lines.append(
            f"    {clean_line(speaker['key'])}: {clean_line(name)}, {clean_line(speaker['role'])}"
            f" ({turns[speaker['key']]} turns)"
        )
    roles = Counter(d.role for d in imported.outcome.decisions)
    dropped, narration = roles[Role.BOILERPLATE], roles[Role.NARRATION]
    lines.append(
        f"  questions: {data['questions']}, answers: {data['answers']}, "
        f"captions: {imported.bundle.captions}, bylines: {len(data['bylines'])}, "
        f"narration paragraphs: {narration}, dropped: {dropped}"
    )
    warnings = imported.diagnostics
    if warnings:
        lines.append(f"  warnings ({len(warnings)}):")
        lines += [f"    {warning}" for warning in warnings]
    notes = [d for d in checked.diagnostics if not d.is_error]
    check = "ok" if not notes else f"ok with {len(notes)} warnings"
    if any("image" in d.message for d in notes):
        check += " (pictures are referenced by name or address, not copied)"
    where = f"wrote {clean_line(str(target))}" if target else "dry run: nothing written"
    lines.append(f"  {where}; reader check: {check}")
    return "\n".join(lines)
