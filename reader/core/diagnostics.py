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
        where = clean_line(str(self.path))
        if self.line:
            where += f":{self.line}:{max(self.col, 1)}"
        return f"{where}: {self.severity}: {clean_line(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)
