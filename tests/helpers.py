"""Small builders for bundles on disk, shared by the unit tests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from reader.core.catalog import Catalog
from reader.core.library import Library

DEFAULT_TOML = """\
title = "The Cartographer"

[speakers.ME]
name = "Mara Ellison"
role = "interviewer"
[speakers.OV]
name = "Oskar Vale"
role = "subject"
"""


# The interview most highlight tests read: two turns each, a coast, nets and a map.
SEA_BODY = (
    "ME: Where did you grow up?\n\n"
    "OV: By the sea. Always by the sea, in a town of nets and boats.\n\n"
    "ME: And the first map you drew?\n\n"
    "OV: It showed a coast that was not there any more. (laughs) I still have it.\n"
)


def make_dir_bundle(
    root: Path, body: str, toml: str = DEFAULT_TOML, slug: str = "piece", **files: bytes
) -> Path:
    folder = root / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.toml").write_text(toml, encoding="utf-8")
    (folder / "article.md").write_text(body, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def make_single(root: Path, body: str, toml: str = DEFAULT_TOML, slug: str = "piece") -> Path:
    path = root / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"+++\n{toml}+++\n{body}", encoding="utf-8")
    return path


def scan(root: Path) -> Catalog:
    """A library scan as the app runs it (through a library cache), with a cache of its own."""
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "cache.sqlite3") as lib:
        return lib.scan(root)


def reference_hits(article, query: str) -> list[tuple[int, int, int]]:
    """What the in-article search must find, worked out slowly by hand: paragraph by
    paragraph, word by word (words are runs of letters and digits in folded text; a phrase's
    words follow each other on one line), the hits of every term in the paragraphs where all
    terms occur, the first of any two that overlap."""
    import re

    from reader.core.query import fold, parse

    terms = parse(query).terms
    hits: list[tuple[int, int, int]] = []
    for b, block in enumerate(article.blocks):
        base = 0
        for para in block.paragraphs:
            text = fold(para.text)
            words = [(w.group(), w.start(), w.end()) for w in re.finditer(r"[^\W_]+", text)]
            found = []
            for term in terms:
                n, here = len(term.words), []
                for i in range(len(words) - n + 1):
                    got = words[i : i + n]
                    same = [w for w, _, _ in got[:-1]] == list(term.words[:-1])
                    last = got[-1][0]
                    same = same and (
                        last.startswith(term.words[-1]) if term.prefix else last == term.words[-1]
                    )
                    one_line = "\n" not in text[got[0][1] : got[-1][2]]
                    if same and one_line:
                        here.append((base + got[0][1], base + got[-1][2]))
                found.append(here)
            if terms and all(found):
                for start, end in sorted(s for here in found for s in here):
                    if not hits or hits[-1][0] != b or start >= hits[-1][2]:
                        hits.append((b, start, end))
            base += len(para.text) + 1
    return hits
