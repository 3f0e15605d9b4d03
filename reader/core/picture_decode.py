"""A bundle's pictures, decoded safely and scaled to terminal cells.

A bundle is untrusted, and so is every picture in it: a 110 KB PNG can claim 900 million
pixels, a `.png` can be a TIFF or an SVG, a file can be cut short or be 2 GB. So a picture is
only ever decoded through this module (`load_picture`, `picture_cells`, `header_size` for the
size alone), which

- opens only regular files inside the bundle's folder (without blocking on a FIFO),
- refuses files larger than `Limits.max_bytes` before reading them,
- lets Pillow identify only PNG, JPEG, GIF and WebP (`formats=`),
- refuses more than `Limits.max_pixels` from the header alone, before anything is decoded
  (well below Pillow's own 89-megapixel warning, which is never reached),
- stops decoding once `Limits.seconds` have passed, and reading a header once
  `Limits.header_seconds` have (the file is read through a reader that checks the clock;
  Pillow decodes chunk by chunk as it reads), and
- answers every failure with a `Refusal` whose reason is short enough to print under the
  caption ("picture not shown: 900 megapixels"), never with an exception.

Terminal pictures are half blocks: each cell is `▀` with the foreground colour for its top
pixel and the background colour for its bottom one. Cells are about twice as tall as they
are wide, so a cell holds two square pixels and a picture keeps its aspect when it is fitted
into (width, 2 × height) pixels. `Cells` is plain data; `picture_segments` makes Rich
segments of it, and `pictures.PictureCache` keeps what was decoded.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
import threading
import time
import warnings
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from PIL import Image

FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
FORMATS_IN_WORDS = "a PNG, JPEG, GIF or WebP"
JPEG_REDUCTION = 4  # a JPEG decodes at 1/2 scale or less, so it may hold 4× the pixels

Colour = tuple[int, int, int]
Cell = tuple[Colour, Colour]  # (top pixel, bottom pixel)
T = TypeVar("T")

_PILLOW: list[ModuleType] = []  # PIL.Image, once imported
_IMPORTING = threading.Lock()


def _pillow() -> ModuleType:
    """Pillow's Image module, imported with the first picture read, not with the app: most
    interviews have no picture, and Pillow is a twentieth of the app's start. Its readers of
    FORMATS, and only those, load with it: for a format not loaded yet (WebP), `Image.open`
    would import every plugin Pillow has, a tenth of a second in the middle of an article."""
    with _IMPORTING:
        if not _PILLOW:
            image = importlib.import_module("PIL.Image")
            for reader in (
                "GifImagePlugin",
                "JpegImagePlugin",
                "PngImagePlugin",
                "WebPImagePlugin",
            ):
                importlib.import_module(f"PIL.{reader}")
            # Our pixel limit is far below Pillow's, so its warning for 89–179 megapixels could
            # only fire for pictures we refuse anyway: it would be noise on the terminal.
            warnings.filterwarnings("ignore", category=image.DecompressionBombWarning)
            _PILLOW.append(image)
        return _PILLOW[0]


@dataclass(frozen=True)
class Limits:
    """What a bundle's picture may cost. The defaults admit a 24-megapixel PNG (about
    100 MB decoded, briefly) and a JPEG of up to 96 (a phone's full resolution, decoded at
    half size or less), and refuse anything that would take seconds or gigabytes. A real
    picture's header reads in a millisecond; `header_seconds` bounds a hostile one's."""

    max_bytes: int = 32_000_000
    max_pixels: int = 24_000_000
    seconds: float = 4.0
    header_seconds: float = 0.5


LIMITS = Limits()


@dataclass(frozen=True)
class Refusal:
    """Why a picture is not shown, in a few words for the reader."""

    reason: str

    @property
    def note(self) -> str:
        return f"picture not shown: {self.reason}"


@dataclass(frozen=True)
class Cells:
    """A picture as rows of half-block cells, each (top colour, bottom colour)."""

    rows: tuple[tuple[Cell, ...], ...]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def height(self) -> int:
        return len(self.rows)


class _TooSlow(Exception):
    """The decoding deadline passed."""


class _DeadlineReader:
    """A file as Pillow reads it (read, seek, tell), that fails once the deadline passed.
    It has no `name` or `fileno`, so Pillow cannot reopen the path or map it."""

    def __init__(self, fd: int, deadline: float) -> None:
        self._file = os.fdopen(fd, "rb")
        self._deadline = deadline

    def read(self, size: int = -1) -> bytes:
        if time.monotonic() > self._deadline:
            raise _TooSlow
        return self._file.read(size)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()


def fit(size: tuple[int, int], box: tuple[int, int], *, enlarge: bool = False) -> tuple[int, int]:
    """`size` scaled to fit in `box`, aspect kept, at least 1×1; enlarged only if asked
    (a full-screen view fills the screen; a picture in the text keeps its own size)."""
    w, h = max(1, size[0]), max(1, size[1])
    scale = min(box[0] / w, box[1] / h)
    if not enlarge:
        scale = min(scale, 1.0)
    return max(1, min(box[0], round(w * scale))), max(1, min(box[1], round(h * scale)))


def cell_size(
    pixels: tuple[int, int], width: int, max_height: int, *, enlarge: bool = False
) -> tuple[int, int]:
    """(columns, rows) of cells that a picture of `pixels` takes as half blocks in at most
    `width` columns and `max_height` rows: two pixel rows a cell, aspect kept."""
    box = (max(1, width), 2 * max(1, max_height))
    cols, pixel_rows = fit(pixels, box, enlarge=enlarge)
    return cols, max(1, min(max_height, round(pixel_rows / 2)))


def megapixels(pixels: int) -> str:
    value = pixels / 1_000_000
    return f"{value:.0f} megapixels" if value >= 10 else f"{value:.1f} megapixels"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"


# What a file that is not one of FORMATS most likely is, from its first bytes.
_OTHER_FORMATS = (
    (re.compile(rb"II\*\x00|MM\x00\*"), "TIFF"),
    (re.compile(rb"BM"), "BMP"),
    (re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg", re.S | re.I), "SVG"),
    (re.compile(rb"....ftyp(avif|avis)", re.S), "AVIF"),
    (re.compile(rb"....ftyp(heic|heix|mif1|msf1)", re.S), "HEIC"),
    (re.compile(rb"%PDF"), "PDF"),
    (re.compile(rb"\x00\x00\x01\x00"), "ICO"),
)


def _not_a_picture(head: bytes) -> Refusal:
    other = next((name for pattern, name in _OTHER_FORMATS if pattern.match(head)), None)
    suffix = f" (it is {'an' if other and other[0] in 'AEHIS' else 'a'} {other})" if other else ""
    return Refusal(f"not {FORMATS_IN_WORDS}{suffix}")


def _open_inside(path: Path, base: Path, limits: Limits) -> int | Refusal:
    """A file descriptor for `path` when it is a regular file inside `base` and small enough.
    The bundle loader checked this too, but a file can change after loading: here the check
    is made on the file actually opened (no link followed, a regular file, its size)."""
    try:
        real, real_base = path.resolve(strict=True), base.resolve(strict=True)
    except (OSError, RuntimeError):
        return Refusal("the file is missing")
    if real != real_base and real_base not in real.parents:
        return Refusal("the file is outside the bundle")
    try:
        # The resolved path has no link left in it: O_NOFOLLOW refuses one swapped in since.
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(real, flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return Refusal("the file cannot be read")
    info = os.fstat(fd)
    problem = None
    if not stat.S_ISREG(info.st_mode):
        problem = Refusal("not a regular file")
    elif info.st_size > limits.max_bytes:
        problem = Refusal(f"too large: {_megabytes(info.st_size)}")
    elif info.st_size == 0:
        problem = Refusal("the file is empty")
    if problem is not None:
        os.close(fd)
        return problem
    return fd


# EXIF orientations 2–8, by the name of Pillow's transpose that stands the picture upright
_TRANSPOSE = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1: upright; 6: a phone's portrait photo, stored on its side)."""
    if image.format == "GIF" or (image.format == "PNG" and "exif" not in image.info):
        return 1  # a PNG's eXIf chunk after the pixels: looking for it would decode them all
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the rotation
        return 1
    return orientation if orientation in _TRANSPOSE else 1


def _oriented(image: Image.Image) -> tuple[int, int]:
    """The picture's size as shown, its EXIF orientation applied."""
    w, h = image.size
    return (h, w) if _orientation(image) >= 5 else (w, h)


class _TooManyPixels(Exception):
    """More pixels to decode than the limit allows."""

    def __init__(self, pixels: int) -> None:
        super().__init__(pixels)
        self.pixels = pixels


def _refusal(error: BaseException, seconds: float, doing: str) -> Refusal:
    """What a failure while identifying or decoding means for the reader."""
    if isinstance(error, _TooManyPixels):
        return Refusal(megapixels(error.pixels))
    if isinstance(error, _TooSlow):
        return Refusal(f"took longer than {seconds:g} s to {doing}")
    if isinstance(error, _pillow().DecompressionBombError):
        found = re.search(r"\((\d+) pixels\)", str(error))
        return Refusal(megapixels(int(found.group(1))) if found else "too many pixels")
    if isinstance(error, MemoryError):
        return Refusal("not enough memory to decode it")
    return Refusal("the file is damaged or cut short")


# One picture decodes at a time, so several pictures coming into view at once cost the
# memory of one; a picture's time limit starts when its turn comes. Reading a header costs
# no memory and never waits for this: the layout reads headers on the UI thread.
_DECODING = threading.Lock()


def _identified(
    path: Path,
    base: Path,
    limits: Limits,
    work: Callable[[Image.Image], T],
    *,
    decoding: bool = True,
) -> T | Refusal:
    """`work(image)` on the picture at `path` once its header has passed every check;
    whatever goes wrong, in the checks or in `work`, becomes a Refusal. With `decoding`
    false, `work` reads no pixels: no turn to wait for, and the header's time limit."""
    seconds, doing = (limits.seconds, "decode") if decoding else (limits.header_seconds, "read")
    pillow = _pillow()
    with _DECODING if decoding else nullcontext():
        opened = _open_inside(path, base, limits)
        if isinstance(opened, Refusal):
            return opened
        reader = _DeadlineReader(opened, time.monotonic() + seconds)
        try:
            head = reader.read(64)
            reader.seek(0)
            try:
                # Reads the header only. The reader has what Pillow uses of a file.
                image = pillow.open(cast(IO[bytes], reader), formats=FORMATS)
            except pillow.UnidentifiedImageError:
                return _not_a_picture(head)
            pixels = image.width * image.height
            # A JPEG decodes at half its size or less here (`draft`), so it may have more.
            if pixels > limits.max_pixels * (JPEG_REDUCTION if image.format == "JPEG" else 1):
                return Refusal(megapixels(pixels))
            return work(image)
        except Exception as error:  # noqa: BLE001 - a hostile file is refused, never raised
            return _refusal(error, seconds, doing)
        finally:
            reader.close()


def header_size(path: Path, base: Path, limits: Limits = LIMITS) -> tuple[int, int] | Refusal:
    """The size a picture will be shown at (EXIF rotation applied), from its header alone,
    after the same checks as `load_picture`; or why it will not be shown."""
    return _identified(path, base, limits, _oriented, decoding=False)


def load_picture(
    path: Path,
    base: Path,
    box: tuple[int, int],
    background: Colour,
    limits: Limits = LIMITS,
    *,
    enlarge: bool = False,
) -> Image.Image | Refusal:
    """The picture at `path` (inside the bundle folder `base`) as an RGB image fitted in
    `box` pixels (see `fit`), transparency laid on `background`; or why not.
    Blocking: call it from a worker thread."""

    def work(image: Image.Image) -> Image.Image:
        return _decode(image, fit(_oriented(image), box, enlarge=enlarge), background, limits)

    return _identified(path, base, limits, work)


def _decode(
    image: Image.Image, target: tuple[int, int], background: Colour, limits: Limits
) -> Image.Image:
    """The opened picture decoded, upright, scaled to exactly `target` and made opaque,
    with at most one full-size copy in memory: it is reduced before it is converted."""
    orientation = _orientation(image)
    stored = (target[1], target[0]) if orientation >= 5 else target  # as the file holds it
    header_pixels = image.width * image.height
    if image.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that is enough
        image.draft("RGB", stored)
    if image.width * image.height > limits.max_pixels:
        raise _TooManyPixels(header_pixels)
    image.load()
    if image.mode == "1" or image.mode.startswith("I;16") or image.mode in ("I", "F"):
        image = _to_grey(image)
    factor = max(1, min(image.width // stored[0], image.height // stored[1]) // 2)
    if factor > 1:
        if image.mode == "P":  # no averaging in a palette: pick pixels, then smooth below
            size = (image.width // factor, image.height // factor)
            image = image.resize(size, _pillow().Resampling.NEAREST)
        else:
            image = _reduce(image, factor)
    if image.mode in ("LA", "PA", "La", "RGBa") or "transparency" in image.info:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGB")
    if orientation != 1:
        image = image.transpose(_pillow().Transpose[_TRANSPOSE[orientation]])
    # Lanczos is sharpest for shrinking; enlarging with it rings round edges (halos).
    smaller = target[0] <= image.width
    resampling = _pillow().Resampling
    image = image.resize(target, resampling.LANCZOS if smaller else resampling.BILINEAR)
    if image.mode == "RGBA":
        flat = _pillow().new("RGB", image.size, background)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    return image


def _reduce(image: Image.Image, factor: int) -> Image.Image:
    """`image.reduce(factor)` a band at a time: Pillow premultiplies a picture with alpha
    before reducing it, and for the whole picture that would be a second full-size copy."""
    out = _pillow().new(image.mode, (image.width // factor, image.height // factor))
    band = max(1, 1_000_000 // (image.width * factor)) * factor  # a few MB a band
    for top in range(0, out.height * factor, band):
        bottom = min(top + band, out.height * factor)
        out.paste(
            image.crop((0, top, out.width * factor, bottom)).reduce(factor), (0, top // factor)
        )
    return out


def _to_grey(image: Image.Image) -> Image.Image:
    """Bilevel and 16- or 32-bit grey as 8-bit grey."""
    if image.mode == "1":
        return image.convert("L")
    top = 65535 if image.mode.startswith("I;16") else max(1, image.getextrema()[1] or 1)
    return image.convert("I").point(lambda value: value * 255 / top).convert("L")


def half_blocks(image: Image.Image) -> Cells:
    """An RGB image as cells: pixel rows 2k and 2k+1 make cell row k (an odd last row is
    paired with itself)."""
    rgb = image.convert("RGB") if image.mode != "RGB" else image
    w, h = rgb.size
    data = rgb.tobytes()
    stride = 3 * w

    def pixel(x: int, y: int) -> Colour:
        i = y * stride + 3 * x
        return data[i], data[i + 1], data[i + 2]

    rows = []
    for top in range(0, h, 2):
        bottom = min(top + 1, h - 1)
        rows.append(tuple((pixel(x, top), pixel(x, bottom)) for x in range(w)))
    return Cells(tuple(rows))


def picture_cells(
    path: Path,
    base: Path,
    width: int,
    max_height: int,
    background: Colour,
    limits: Limits = LIMITS,
    *,
    enlarge: bool = False,
) -> Cells | Refusal:
    """The picture as half-block cells, at most `width` × `max_height`, or why not.
    Blocking: call it from a worker thread."""

    def work(image: Image.Image) -> Cells:
        cols, rows = cell_size(_oriented(image), width, max_height, enlarge=enlarge)
        return half_blocks(_decode(image, (cols, 2 * rows), background, limits))

    return _identified(path, base, limits, work)
