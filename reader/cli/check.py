"""`reader check PATH...`: validate bundles or folders of bundles."""

from __future__ import annotations

from reader.cli.args import Subparsers, bundle_paths, subcommand
from reader.core.bundle import load_bundle
from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.discover import find_bundles
from reader.core.wording import plural

NAME = "check"
HELP = "validate bundles and print diagnostics"
DESCRIPTION = """Validate bundles (folders or single .md files) or libraries of them. Prints
`path:line:col: error|warning: message`; exits 1 when there are errors (a folder without bundles
is one)."""
NO_BUNDLES = (
    "no bundles here: a bundle is a folder with article.toml and article.md, or one .md"
    " file that starts with +++ (`reader help format`; `reader import FILE` makes one)"
)


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    bundle_paths(p, at_least_one=True)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the diagnostics")


def run(args) -> int:
    errors = warnings = bundles = 0
    for root in args.paths:
        found = find_bundles(root)
        diagnostics = list(found.diagnostics)
        if not found.bundles and not diagnostics:
            diagnostics.append(Diagnostic(root, 0, 0, ERROR, NO_BUNDLES))
        for path in found.bundles:
            bundles += 1
            diagnostics.extend(load_bundle(path).diagnostics)
        for diag in diagnostics:
            print(diag)
            if diag.is_error:
                errors += 1
            else:
                warnings += 1
    if not args.quiet:
        print(
            f"checked {plural(bundles, 'bundle')}: {plural(errors, 'error')},"
            f" {plural(warnings, 'warning')}"
        )
    return 1 if errors or (args.strict and warnings) else 0
