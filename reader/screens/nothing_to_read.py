"""What the reading pane says in place of an article when the library has none that opens:
what a bundle is and the commands that make one, so a first run is never a blank pane."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from reader.core.sanitize import clean_line
from reader.core.wording import plural


def nothing_to_read(folder: Path, broken: int) -> Content:
    """The reading pane of a library with nothing to open: what to do about it."""
    where = clean_line(str(folder))
    if broken:
        lead = (
            f"Nothing in {where} opens: {plural(broken, 'bundle')} with problems. The library"
            f" list says why for each, and `reader check {where}` says everything."
        )
    else:
        lead = f"There are no interviews in {where} yet."
    command = "bold $accent"
    return Content.assemble(
        (lead, "bold"),
        "\n\nAn interview is a bundle: a folder with article.toml (title, speakers) and"
        " article.md (the conversation, a paragraph per turn: “Q: …”, “A: …”), or one .md"
        " file with that TOML between two +++ lines at the top.",
        "\n\nMake one from a saved web page, a text or a transcript:\n    ",
        (f"reader import FILE -o {where}", command),
        "\n\nWrite one by hand, from the format:\n    ",
        ("reader help format", command),
        "\n\nThen open the library again:\n    ",
        (f"reader {where}", command),
    )
