"""The files the reader keeps in the state folder (reading positions, highlights): how their
problems are reported, and what happens to one that cannot be used.

Problems never raise: each becomes a warning (a Diagnostic about the file, some kinds said
only once) for the app to show, and the app keeps working from memory. A file that cannot
be understood is moved aside beside itself — `NAME.<time>.bad`, never deleted — so nothing
a reader made is lost, and the app starts that file afresh.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from reader.core.diagnostics import WARNING, Diagnostic


class Warnings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[Diagnostic] = []
        self._said: set[str] = set()

    def add(self, message: str, kind: str | None = None) -> None:
        """A warning about the file; one of each `kind` (None: every time)."""
        if kind is not None:
            if kind in self._said:
                return
            self._said.add(kind)
        self.items.append(Diagnostic(self.path, 0, 0, WARNING, message))

    def take(self) -> list[Diagnostic]:
        items, self.items = self.items, []
        return items


def move_aside(path: Path, reason: str, warnings: Warnings, fresh: str) -> None:
    """Move an unusable file out of the way (`fresh`: what starts afresh, for the warning)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{stamp}.bad")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bad")
    try:
        os.replace(path, target)
    except OSError as exc:
        warnings.add(
            f"unusable ({reason}) and could not be moved aside ({exc.strerror or exc}); "
            f"{fresh} start afresh.",
            "move",
        )
        return
    warnings.add(f"unusable ({reason}); it was kept as {target.name} and {fresh} start afresh.")
