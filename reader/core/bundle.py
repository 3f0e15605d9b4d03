"""Find and load bundles (a directory with article.toml, or a single .md with front matter).

`load_bundle` never raises for bad input: it returns the article (or None when an error makes
it unreadable) with every diagnostic, so one broken bundle never takes a library down.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reader.core import model as m
from reader.core.body import parse_body
from reader.core.bundle_names import DEFAULT_BODY, META_FILE
from reader.core.diagnostics import ERROR, WARNING, Diagnostic, has_errors
from reader.core.files import absence
from reader.core.metadata import read_metadata
from reader.core.sanitize import clean_line
from reader.core.source import parse_toml, read_text, split_front_matter

_WEB = re.compile(r"https?://", re.IGNORECASE)


@dataclass
class Loaded:
    path: Path
    article: m.Article | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def problem(self) -> Diagnostic:
        """Why there is no article: the first error (a bare "cannot be read" without one)."""
        first = next((d for d in self.diagnostics if d.is_error), None)
        return first or Diagnostic(self.path, 0, 0, ERROR, "cannot be read")


def bundle_root(path: Path) -> Path:
    """The bundle a path names: `x/article.toml` or `x/article.md` mean the folder `x`."""
    if path.is_file() and (path.name == META_FILE or (path.parent / META_FILE).is_file()):
        return path.parent
    return path


@dataclass(frozen=True)
class _Options:
    preview_chars: int | None = None
    cancelled: Callable[[], bool] | None = None


def load_bundle(
    path: Path,
    *,
    preview_chars: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Loaded:
    """Load a bundle. With `preview_chars`, parse only about that much of the body (cut at a
    paragraph break if there is one) and mark the article incomplete: the app paints that at
    once and loads the whole piece in the background, so even a book-length interview opens
    instantly.
    `cancelled()` is asked between pieces of the body: when it is true the load ends at once,
    with an error, so a reader who quits or opens another piece never waits for it."""
    options = _Options(preview_chars, cancelled)
    path = bundle_root(Path(path))
    try:
        if path.is_dir():
            return _load_directory(path, options)
        if path.is_file():
            return _load_single(path, options)
    except _Unreadable as exc:
        return Loaded(path, None, exc.diagnostics)
    except OSError as exc:
        return Loaded(path, None, [Diagnostic(path, 0, 0, ERROR, f"cannot read: {exc}")])
    return Loaded(path, None, [Diagnostic(path, 0, 0, ERROR, absence(path))])


class _Unreadable(Exception):
    """A step of loading found no article to make: its diagnostics say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__()
        self.diagnostics = diagnostics


_T = TypeVar("_T")


def _needed(step: tuple[_T | None, list[Diagnostic]]) -> _T:
    """What a reading step (`read_text`, `parse_toml`…) found, or _Unreadable with its
    diagnostics when it found nothing."""
    found, diagnostics = step
    if found is None:
        raise _Unreadable(diagnostics)
    return found


def _load_directory(folder: Path, options: _Options) -> Loaded:
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        msg = f"not a bundle: the folder has no {META_FILE}"
        raise _Unreadable([Diagnostic(folder, 0, 0, ERROR, msg)])
    toml = _needed(read_text(meta_path))
    data = _needed(parse_toml(toml, meta_path))
    body_name = data.get("body", DEFAULT_BODY)
    body_path = folder / (body_name if isinstance(body_name, str) else DEFAULT_BODY)
    problem = _outside(folder, body_path)
    if problem:
        msg = f"body file '{clean_line(body_name)}' {problem}"
        raise _Unreadable([Diagnostic(meta_path, 1, 1, ERROR, msg)])
    if not body_path.is_file():
        what = "is not a regular file" if body_path.exists() else "is missing"  # a FIFO, a folder
        msg = f"body file '{body_path.name}' {what}"
        raise _Unreadable([Diagnostic(meta_path, 1, 1, ERROR, msg)])
    body = _needed(read_text(body_path))
    return _assemble(folder, meta_path, body_path, data, toml, 1, body, 1, folder, options)


def _load_single(path: Path, options: _Options) -> Loaded:
    front = _needed(split_front_matter(_needed(read_text(path)), path))
    data = _needed(parse_toml(front.toml, path, front.toml_line))
    return _assemble(
        path,
        path,
        path,
        data,
        front.toml,
        front.toml_line,
        front.body,
        front.body_line,
        path.parent,
        options,
    )


def _assemble(source, meta_path, body_path, data, toml, toml_line, body, body_line, base, options):
    complete = True
    preview_chars = options.preview_chars
    if preview_chars is not None and len(body) > preview_chars:
        body, complete = body[: _preview_cut(body, preview_chars)], False
    meta = read_metadata(data, toml, meta_path, toml_line)
    diags = list(meta.diagnostics)
    if "body" in data and source.is_file():
        diags.append(Diagnostic(meta_path, toml_line, 1, WARNING, "'body' only applies to folders"))

    def resolve(file: str, line: int, where: Path = body_path) -> Path | None:
        target, problem = _image_file(base, file)
        if problem:
            shown = clean_line(file)
            diags.append(Diagnostic(where, line, 1, WARNING, f"image '{shown}' {problem}"))
        return target

    images = [
        m.Image(
            clean_line(i["file"]),
            i["caption"],
            i["credit"],
            i["header"],
            resolve(i["file"], i["line"], meta_path),
        )
        for i in meta.images
    ]
    media = meta.fields.get("media", "")
    if media:
        _, problem = _image_file(base, media, what="a recording")
        if problem:
            rows = enumerate(toml.split("\n"), start=toml_line)
            line = next((n for n, row in rows if row.lstrip().startswith("media")), toml_line)
            diags.append(Diagnostic(meta_path, line, 1, WARNING, f"media '{media}' {problem}"))
    parsed = parse_body(
        body,
        path=body_path,
        first_line=body_line,
        speakers=meta.speakers,
        stage_directions=meta.stage_directions,
        resolve_image=resolve,
        duration=meta.fields.get("duration"),
        cancelled=options.cancelled,
    )
    diags.extend(parsed.diagnostics)
    known = {i.file for i in images}
    images += [i for i in parsed.images if i.file not in known]
    if not body.strip():
        diags.append(Diagnostic(body_path, body_line, 1, WARNING, "the body is empty"))
    elif complete and "speakers" in data and not has_errors(parsed.diagnostics):
        spoken = {b.speaker for b in parsed.blocks if b.kind == m.TURN}
        headers = _table_lines(toml, toml_line)
        for key in meta.speakers:
            if key not in spoken:
                line = headers.get(f"[speakers.{key}]".replace(" ", ""), toml_line)
                diags.append(Diagnostic(meta_path, line, 1, WARNING, f"speaker {key} never speaks"))
    diags.sort(key=lambda d: (str(d.path), d.line, d.col))
    if has_errors(diags):
        return Loaded(source, None, diags)
    f = meta.fields
    article = m.Article(
        title=f["title"],
        source=source,
        body_path=body_path,
        meta_path=meta_path,
        dek=f.get("dek", ""),
        publication=f.get("publication", ""),
        section=f.get("section", ""),
        published=f.get("published"),
        url=f.get("url", ""),
        id=f.get("id", ""),
        language=f.get("language", ""),
        tags=f.get("tags", []),
        bylines=meta.bylines,
        speakers=meta.speakers,
        images=images,
        blocks=parsed.blocks,
        stage_directions=meta.stage_directions,
        media=media,
        duration=meta.fields.get("duration"),
        complete=complete,
    )
    article.block_words()  # counted here, in the loader's thread, not by the first reader
    return Loaded(source, article, diags)


def _preview_cut(body: str, chars: int) -> int:
    """Where a preview of about `chars` characters ends: at the last paragraph break before
    it, else the last line break, else the last space — a body that is one long paragraph
    must not be parsed whole before anything shows (1.6 MB took 10 s)."""
    for sep in ("\n\n", "\n", " "):
        cut = body.rfind(sep, 0, chars)
        if cut > 0:
            return cut
    return chars


def _table_lines(toml: str, first_line: int) -> dict[str, int]:
    """The line of each table header (`[speakers.ME]`, spaces removed), found in one pass:
    a bundle with thousands of speakers must not re-read its TOML for each of them."""
    headers: dict[str, int] = {}
    for i, line in enumerate(toml.split("\n")):
        head = line.strip().replace(" ", "")
        if head.startswith("[") and "]" in head:
            headers.setdefault(head[: head.index("]") + 1], i + first_line)
    return headers


def _outside(base: Path, target: Path) -> str | None:
    """Why `target` may not be used as a file of the bundle at `base`, or None."""
    try:
        real_base = base.resolve()
        real = target.resolve()
    except (OSError, RuntimeError):  # symlink loops
        return "cannot be resolved (a symbolic link loop?)"
    if real != real_base and real_base not in real.parents:
        return "is outside the bundle's folder"
    return None


def _image_file(base: Path, file: str, what: str = "a picture") -> tuple[Path | None, str | None]:
    """The file's path when it is a regular file inside the bundle, else the problem (an
    image, or with `what` another file the bundle names)."""
    if not file.strip() or _WEB.match(file):
        return None, None  # a caption alone, or the address of the original picture
    if "://" in file:
        return None, "is not a file in the bundle"
    candidate = Path(file)
    if candidate.is_absolute():
        return None, "is an absolute path; use a path relative to the bundle's folder"
    target = base / candidate
    problem = _outside(base, target)
    if problem:
        return None, problem
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return None, "is missing"
    if stat.S_ISDIR(mode):
        return None, f"is a folder, not {what}"
    if not stat.S_ISREG(mode):
        return None, "is not a regular file"
    return target, None
