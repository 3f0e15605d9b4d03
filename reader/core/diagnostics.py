"""One type for every error and warning a bundle can produce.

Printed as `path:line:col: severity: message`, the form editors and compilers use, so an
editor can jump to the place. Lines and columns are 1-based; 0 means "the whole file".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.sanitize import clean_line

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    path: Path
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return self.shown_from(None)

    def shown_from(self, base: Path | None) -> str:
        """As `str()`, the path written relative to the folder `base` when it lies inside it
        (and left out when it *is* `base`): a library row already says which bundle."""
        where = str(self.path)
        if base is not None and self.path.is_relative_to(base):
            where = "" if self.path == base else str(self.path.relative_to(base))
        where = clean_line(where)
        if self.line:
            where += f"{':' if where else ''}{self.line}:{max(self.col, 1)}"
        return f"{where}: " * bool(where) + f"{self.severity}: {clean_line(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)
