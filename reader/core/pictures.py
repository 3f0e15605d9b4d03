"""The pictures of the open library as the app keeps them: `PictureCache`, one per app
and thread-safe, holds decoded pictures and header sizes; `ArticlePictures` is what one
article's layout asks of it.

Decoding takes tens of milliseconds for a photograph and up to the time limit for a hostile
file (`picture_decode`), so the app calls `PictureCache.render` from a worker thread and
paints what `PictureCache.lookup` has (see that class). A header takes a millisecond, but a
hostile file can pack millions of chunks before its pixels: the layout reads headers on the
UI thread, so they have a limit of their own, and the app reads them in its loading thread
first (`PictureCache.read_headers`). `picture_decode` itself is imported with the first
picture: a piece without any, and every first frame, does without it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import model as m

if TYPE_CHECKING:
    from reader.core.picture_decode import Cells, Colour, Limits, Refusal


def bundle_folder(article: m.Article) -> Path:
    """The folder a bundle's pictures must lie in (a single-file bundle: its folder)."""
    return article.source if article.source.is_dir() else article.source.parent


class PictureCache:
    """Decoded pictures by (file, its size and time, width, height, background).

    How the reading pane uses it, without ever decoding on the UI thread:

    - `read_headers(article)` in the thread that loads the article, so that laying it out
      finds every size known.
    - `rows(path, width, max_height)` when laying out: the lines a picture will take, from
      its header alone (fast, cached); a refused picture takes one line for its note.
    - `lookup(...)` when painting: the `Cells` or `Refusal` if ready, else None — then
      paint blank rows and, once per key (`claim`), run `render(...)` in a worker thread
      and refresh when it returns.
    """

    def __init__(self, capacity: int = 64, limits: Limits | None = None) -> None:
        """`limits`: what a picture may cost (None: `picture_decode.LIMITS`)."""
        self._limits = limits
        self._capacity = capacity
        self._results: OrderedDict[tuple, Cells | Refusal] = OrderedDict()
        self._sizes: dict[tuple, tuple[int, int] | Refusal] = {}
        self._claimed: set[tuple] = set()
        self._lock = threading.Lock()

    @staticmethod
    def _stamp(path: Path) -> tuple:
        try:
            info = path.stat()
        except OSError:
            return (str(path), None, None)
        return (str(path), info.st_mtime_ns, info.st_size)

    def key(
        self,
        path: Path,
        width: int,
        max_height: int,
        background: Colour,
        *,
        enlarge: bool = False,
    ) -> tuple:
        return (*self._stamp(path), width, max_height, background, enlarge)

    def size(self, path: Path, base: Path) -> tuple[int, int] | Refusal:
        """The picture's size in pixels (as shown, EXIF rotation applied), from its header."""
        stamp = self._stamp(path)
        with self._lock:
            known = self._sizes.get(stamp)
        if known is None:
            from reader.core.picture_decode import header_size

            known = header_size(path, base, self.limits)
            with self._lock:
                self._sizes[stamp] = known
        return known

    def read_headers(self, article: m.Article) -> None:
        """Know the size of every picture of `article` (blocking: for the loading thread)."""
        base = bundle_folder(article)
        for image in article.images:
            if image.path is not None:
                self.size(image.path, base)

    @property
    def limits(self) -> Limits:
        from reader.core.picture_decode import LIMITS

        return LIMITS if self._limits is None else self._limits

    def rows(self, path: Path, base: Path, width: int, max_height: int) -> int:
        from reader.core.picture_decode import Refusal, cell_size

        size = self.size(path, base)
        return 1 if isinstance(size, Refusal) else cell_size(size, width, max_height)[1]

    def lookup(self, key: tuple) -> Cells | Refusal | None:
        with self._lock:
            found = self._results.get(key)
            if found is not None:
                self._results.move_to_end(key)
            return found

    def claim(self, key: tuple) -> bool:
        """True the first time a key is asked for: the caller starts its `render`."""
        with self._lock:
            if key in self._claimed or key in self._results:
                return False
            self._claimed.add(key)
            return True

    def render(
        self,
        path: Path,
        base: Path,
        width: int,
        max_height: int,
        background: Colour,
        *,
        enlarge: bool = False,
    ) -> Cells | Refusal:
        """Decode and scale (blocking, for a worker thread), keep the result, return it."""
        from reader.core.picture_decode import picture_cells

        key = self.key(path, width, max_height, background, enlarge=enlarge)
        found = self.lookup(key)
        if found is not None:
            return found
        try:
            found = picture_cells(
                path, base, width, max_height, background, self.limits, enlarge=enlarge
            )
        except BaseException:  # picture_cells refuses rather than raises; but never stay claimed
            self.release(key)
            raise
        with self._lock:
            self._results[key] = found
            self._claimed.discard(key)
            while len(self._results) > self._capacity:
                self._results.popitem(last=False)
        return found

    def release(self, key: tuple) -> None:
        """Forget a claim whose `render` will not run after all (its worker was dropped)."""
        with self._lock:
            self._claimed.discard(key)


@dataclass(frozen=True)
class ArticlePictures:
    """One article's pictures through the app's cache: what its layout asks (the lines a
    picture takes, from its header) and where its files are (`base`) for the pane."""

    cache: PictureCache
    base: Path

    @classmethod
    def of(cls, cache: PictureCache, article: m.Article) -> ArticlePictures:
        return cls(cache, bundle_folder(article))

    def rows(self, image: m.Image, width: int, max_rows: int) -> int:
        """0 for a picture that is not in the bundle (its caption stands alone)."""
        if image.path is None:
            return 0
        return self.cache.rows(image.path, self.base, width, max_rows)
