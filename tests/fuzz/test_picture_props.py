"""No byte string crashes the picture decoder: whatever a bundle's `.png` holds, the answer
is cells or a short refusal, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.picture_decode import Cells, Limits, Refusal, header_size, picture_cells
from tests.picture_files import bilevel_png, encoded, stripes

_PICTURE = stripes((24, 18), [(200, 30, 30), (30, 30, 200), (30, 200, 30)])
VALID = [
    encoded(_PICTURE, "PNG"),
    encoded(_PICTURE.convert("P"), "PNG", transparency=3),
    encoded(_PICTURE, "JPEG", quality=80),
    encoded(_PICTURE, "JPEG", progressive=True),
    encoded(_PICTURE.convert("P"), "GIF"),
    encoded(_PICTURE, "WEBP"),
    encoded(_PICTURE.convert("RGBA"), "WEBP", lossless=True),
    bilevel_png(30, 30),
]
LIMITS = Limits(max_bytes=200_000, max_pixels=2_000_000, seconds=2.0)


@st.composite
def damaged(draw) -> bytes:
    """A real picture with a few bytes changed, a piece cut out, or cut short: what gets
    past a format's magic number and into its decoder."""
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(0, 6))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data)))
        del data[start : start + draw(st.integers(0, 64))]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        path = base / "picture.png"
        path.write_bytes(data)
        size = header_size(path, base, LIMITS)
        assert isinstance(size, Refusal) or (size[0] > 0 and size[1] > 0)
        cells = picture_cells(path, base, 30, 10, (0, 0, 0), LIMITS)
        assert isinstance(cells, (Cells, Refusal))
        if isinstance(cells, Cells):
            assert 1 <= cells.width <= 30 and 1 <= cells.height <= 10
            assert all(len(row) == cells.width for row in cells.rows)
        else:
            assert 0 < len(cells.note) < 80


@given(st.binary(max_size=4096))
def test_any_bytes_are_cells_or_a_refusal(data):
    _check(data)


@given(damaged())
def test_damaged_pictures_are_cells_or_a_refusal(data):
    _check(data)


def test_the_valid_seeds_draw():
    for data in VALID:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "p.png"
            path.write_bytes(data)
            assert isinstance(picture_cells(path, Path(folder), 30, 10, (0, 0, 0)), Cells)
