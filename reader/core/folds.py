"""Which sidebar sections fold by themselves when the sidebar is short.

The sidebar's sections (about, participants, pictures, …) sit above the outline, which
takes the rows left. When they would leave it fewer than it needs, sections fold one by one
in a set order (the least needed first) until the rest fits; a folded section keeps its
title row. Sections the reader folded or opened by hand are not in the list: the reader's
choice stands.
"""

from __future__ import annotations

from collections.abc import Sequence


def auto_folds(sections: Sequence[tuple[str, int]], room: int, least: int) -> set[str]:
    """The names of the sections to fold: `sections` are (name, rows when open, title
    included), in the order they fold; `room` is the rows they and the growing section
    share, which needs at least `least`."""
    folded: set[str] = set()
    need = sum(rows for _, rows in sections) + least
    for name, rows in sections:
        if need <= room:
            break
        folded.add(name)
        need -= rows - 1
    return folded
