"""Pictures: scaling to cells, half blocks, and every limit that keeps a hostile file from
costing a crash, a stall or a memory spike (reader/core/picture_decode.py, pictures.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PIL import Image

from reader.core import picture_decode as p
from reader.core.picture_decode import Cells, Limits, Refusal
from reader.core.picture_segments import segment_rows
from reader.core.pictures import PictureCache
from tests.picture_files import bilevel_png, encoded, png_chunk, stripes, write

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)
BG = (10, 20, 30)


# -- scaling ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pixels", "width", "height", "cells"),
    [
        ((2000, 1500), 72, 40, (72, 27)),  # a 4:3 photo: 72 × 54 pixels, two rows a cell
        ((2000, 1500), 72, 10, (27, 10)),  # too tall for 10 rows: narrower, aspect kept
        ((1000, 3000), 80, 20, (13, 20)),  # a portrait
        ((96, 60), 200, 100, (96, 30)),  # never enlarged: one pixel a column
        ((5000, 10), 50, 20, (50, 1)),  # a thin rule keeps at least one row
        ((1, 1), 72, 20, (1, 1)),
    ],
)
def test_cell_size_fits_width_and_height_keeping_aspect(pixels, width, height, cells):
    assert p.cell_size(pixels, width, height) == cells


def test_fit_never_enlarges_and_never_leaves_the_box():
    assert p.fit((96, 60), (300, 300)) == (96, 60)
    assert p.fit((4000, 3000), (100, 100)) == (100, 75)
    assert p.fit((0, 0), (10, 10)) == (1, 1)


# -- half blocks ------------------------------------------------------------------------------
def test_half_blocks_put_even_rows_on_top_and_odd_rows_below():
    image = Image.new("RGB", (2, 4))
    pixels = {(0, 0): RED, (1, 0): GREEN, (0, 1): BLUE, (1, 1): WHITE, (0, 2): GREEN}
    for xy, colour in pixels.items():
        image.putpixel(xy, colour)
    cells = p.half_blocks(image)
    assert (cells.width, cells.height) == (2, 2)
    assert cells.rows[0] == ((RED, BLUE), (GREEN, WHITE))
    assert cells.rows[1][0] == (GREEN, (0, 0, 0))


def test_segments_draw_upper_half_blocks_with_top_as_foreground():
    cells = Cells(((((1, 2, 3), (4, 5, 6)), ((1, 2, 3), (4, 5, 6)), (RED, GREEN)),))
    (row,) = segment_rows(cells)
    assert [s.text for s in row] == ["▀▀", "▀"]  # a run of one colour pair is one segment
    assert row[0].style.color.triplet == (1, 2, 3) and row[0].style.bgcolor.triplet == (4, 5, 6)
    assert row[1].style.color.triplet == RED and row[1].style.bgcolor.triplet == GREEN


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_each_format_decodes_to_cells_of_the_right_colours(tmp_path, fmt):
    image = stripes((80, 80), [RED, BLUE])
    options = {"quality": 95} if fmt in ("JPEG", "WEBP") else {}
    path = write(tmp_path, f"pic.{fmt.lower()}", encoded(image, fmt, **options))
    cells = p.picture_cells(path, tmp_path, 40, 40, BG)
    assert isinstance(cells, Cells), cells
    assert (cells.width, cells.height) == (40, 20)
    top, bottom = cells.rows[2][20][0], cells.rows[-3][20][1]
    assert top[0] > 200 and top[2] < 60, top  # red above
    assert bottom[2] > 200 and bottom[0] < 60, bottom  # blue below


def test_transparency_lies_on_the_given_background(tmp_path):
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 10, 20))  # left half opaque red
    path = write(tmp_path, "logo.png", encoded(image, "PNG"))
    cells = p.picture_cells(path, tmp_path, 20, 20, BG)
    assert cells.rows[5][2] == (RED, RED)
    assert cells.rows[5][17] == (BG, BG)
    palette = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    path = write(tmp_path, "logo.gif", encoded(palette, "GIF", transparency=0))
    assert isinstance(p.picture_cells(path, tmp_path, 20, 20, BG), Cells)


def test_a_phone_photo_on_its_side_is_shown_upright(tmp_path):
    image = stripes((60, 30), [RED, BLUE])  # stored landscape, red on top
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    path = write(tmp_path, "phone.jpg", encoded(image, "JPEG", exif=exif, quality=95))
    assert p.header_size(path, tmp_path) == (30, 60)
    cells = p.picture_cells(path, tmp_path, 30, 30, BG)
    assert (cells.width, cells.height) == (30, 30)
    left, right = cells.rows[15][1][0], cells.rows[15][-2][0]
    assert left[2] > 200 and right[0] > 200  # red went to the right, blue to the left


@pytest.mark.parametrize("mode", ["1", "L", "I;16", "P", "LA", "CMYK"])
def test_every_pillow_mode_of_the_formats_draws(tmp_path, mode):
    image = stripes((40, 40), [WHITE, (90, 90, 90)])
    if mode == "I;16":
        image = image.convert("L").convert("I").point(lambda v: v * 256).convert("I;16")
    else:
        image = image.convert(mode)
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    path = write(tmp_path, f"m.{fmt.lower()}", encoded(image, fmt))
    cells = p.picture_cells(path, tmp_path, 20, 20, BG)
    assert isinstance(cells, Cells), cells
    assert cells.rows[1][5][0][0] > 200  # white stays white in every mode
    assert 60 < cells.rows[-2][5][1][0] < 120


def test_an_animated_gif_shows_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (10, 10), c) for c in (RED, GREEN, BLUE)]
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=50)
    path = write(tmp_path, "anim.gif", data)
    assert p.picture_cells(path, tmp_path, 10, 10, BG).rows[0][0][0] == RED


def test_load_picture_fits_a_box_in_pixels_for_the_full_screen_view(tmp_path):
    path = write(tmp_path, "photo.jpg", encoded(stripes((2000, 1500), [RED, BLUE]), "JPEG"))
    image = p.load_picture(path, tmp_path, (800, 800), BG)
    assert image.size == (800, 600) and image.mode == "RGB"


# -- the limits -------------------------------------------------------------------------------
def test_a_900_megapixel_png_of_110_kb_is_refused_from_its_header(tmp_path):
    path = write(tmp_path, "bomb.png", bilevel_png(30_000, 30_000))
    assert 100_000 < path.stat().st_size < 120_000
    assert p.header_size(path, tmp_path) == Refusal("900 megapixels")
    refused = p.picture_cells(path, tmp_path, 72, 20, BG)
    assert refused.note == "picture not shown: 900 megapixels"


def test_our_limit_is_well_below_pillows_and_checked_before_decoding(tmp_path):
    assert p.LIMITS.max_pixels * 3 < Image.MAX_IMAGE_PIXELS
    path = write(tmp_path, "big.png", bilevel_png(6_000, 5_000))  # 30 MP: Pillow would decode
    assert p.picture_cells(path, tmp_path, 72, 20, BG) == Refusal("30 megapixels")
    small = Limits(max_pixels=1000)
    path = write(tmp_path, "s.png", bilevel_png(40, 40))
    assert p.picture_cells(path, tmp_path, 72, 20, BG, small) == Refusal("0.0 megapixels")


def test_a_large_jpeg_is_admitted_because_it_decodes_at_a_fraction_of_its_size(tmp_path):
    limits = Limits(max_pixels=150_000)  # the photo has 480,000: it decodes at 1/8 scale
    path = write(tmp_path, "photo.jpg", encoded(stripes((800, 600), [RED, BLUE]), "JPEG"))
    assert isinstance(p.picture_cells(path, tmp_path, 72, 20, BG, limits), Cells)
    too_many = write(tmp_path, "huge.jpg", encoded(Image.new("RGB", (1000, 700)), "JPEG"))
    assert p.picture_cells(too_many, tmp_path, 72, 20, BG, limits) == Refusal("0.7 megapixels")
    # Shown full size, it would decode at full scale: too many pixels then.
    assert p.load_picture(path, tmp_path, (800, 600), BG, limits) == Refusal("0.5 megapixels")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc (Linux)")
def test_the_bomb_is_refused_with_little_memory(tmp_path):
    """Peak resident memory of a fresh interpreter refusing the 900-megapixel PNG, against
    the same interpreter doing nothing: decoding it would take 900 MB or more."""
    path = write(tmp_path, "bomb.png", bilevel_png(30_000, 30_000))
    code = textwrap.dedent(f"""
        from pathlib import Path
        from reader.core.picture_decode import picture_cells
        def peak_mb():  # VmHWM starts afresh at exec (ru_maxrss keeps the parent's peak)
            with open("/proc/self/status") as status:
                return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) // 1024
        before = peak_mb()
        result = picture_cells(Path({str(path)!r}), Path({str(tmp_path)!r}), 120, 40, (0, 0, 0))
        print(result.note, before, peak_mb(), sep="|")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    note, before, after = out.stdout.strip().split("|")
    assert note == "picture not shown: 900 megapixels", out.stderr
    assert int(after) - int(before) < 20, f"peak {after} MB after {before} MB"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "(it is an SVG)"),
        (b"<svg width='10' height='10'></svg>", "(it is an SVG)"),
        (b"II*\x00\x08\x00\x00\x00" + b"\x00" * 64, "(it is a TIFF)"),
        (b"%PDF-1.7\n" + b"\x00" * 64, "(it is a PDF)"),
        (b"hello, this is text", ""),
    ],
)
def test_other_files_named_png_are_refused_and_named(tmp_path, data, reason):
    path = write(tmp_path, "fake.png", data)
    refused = p.picture_cells(path, tmp_path, 72, 20, BG)
    assert refused == Refusal(f"not a PNG, JPEG, GIF or WebP {reason}".strip())


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "ICO", "PPM", "TGA"])
def test_formats_pillow_knows_but_we_do_not_open_are_refused(tmp_path, fmt):
    path = write(tmp_path, "pic.png", encoded(Image.new("RGB", (16, 16), RED), fmt))
    refused = p.picture_cells(path, tmp_path, 72, 20, BG)
    assert isinstance(refused, Refusal) and refused.reason.startswith("not a PNG, JPEG, GIF")


def test_a_truncated_png_is_refused_as_damaged(tmp_path):
    data = encoded(Image.effect_noise((200, 200), 60), "PNG")
    path = write(tmp_path, "cut.png", data[: len(data) // 2])
    assert p.header_size(path, tmp_path) == (200, 200)  # the header is intact
    damaged = Refusal("the file is damaged or cut short")
    assert p.picture_cells(path, tmp_path, 72, 20, BG) == damaged


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.png"
    with path.open("wb") as out:  # sparse: 48 MB on paper, nothing on disk
        out.write(bilevel_png(10, 10))
        out.truncate(48_000_000)
    assert p.picture_cells(path, tmp_path, 72, 20, BG) == Refusal("too large: 48 MB")
    assert p.header_size(path, tmp_path) == Refusal("too large: 48 MB")


def test_files_that_are_not_regular_or_not_inside_are_refused(tmp_path):
    bundle = tmp_path / "bundle"
    write(tmp_path, "secret.png", bilevel_png(4, 4))
    write(bundle, "empty.png", b"")
    (bundle / "out.png").symlink_to(tmp_path / "secret.png")
    os.mkfifo(bundle / "pipe.png")  # opening it must not wait for a writer
    expect = {
        "empty.png": "the file is empty",
        "out.png": "the file is outside the bundle",
        "pipe.png": "not a regular file",
        "missing.png": "the file is missing",
    }
    for name, reason in expect.items():
        assert p.picture_cells(bundle / name, bundle, 72, 20, BG) == Refusal(reason), name


class Clock:
    """A fake clock that moves one second on each time it is read, as every read of a file
    reads it: `ticks` counts them."""

    def __init__(self) -> None:
        self.ticks = 0

    def __call__(self) -> float:
        self.ticks += 1
        return float(self.ticks)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(p.time, "monotonic", clock)
    return clock


def test_decoding_stops_when_the_time_limit_passes(tmp_path, clock):
    """The header needs a few reads, decoding a large PNG needs many, and the limit falls
    between."""
    path = write(tmp_path, "slow.png", encoded(Image.effect_noise((800, 800), 60), "PNG"))
    assert p.header_size(path, tmp_path, Limits(header_seconds=10_000)) == (800, 800)
    reads = clock.ticks
    limits = Limits(seconds=reads + 2, header_seconds=reads + 2)  # the header, not the pixels
    clock.ticks = 0
    assert p.header_size(path, tmp_path, limits) == (800, 800)
    clock.ticks = 0
    refused = p.picture_cells(path, tmp_path, 72, 20, BG, limits)
    assert refused == Refusal(f"took longer than {limits.seconds} s to decode")
    assert clock.ticks < 50  # it stopped at once, not after reading the whole file


def test_a_header_has_a_time_limit_of_its_own(tmp_path, clock):
    """Pillow reads every chunk before a PNG's pixels to find its size: a file can hold
    millions. The layout reads headers on the UI thread, so a slow one is refused quickly."""
    tiny = png_chunk(b"tEXt", b"k\x00a")
    data = encoded(stripes((20, 20), [RED]), "PNG")
    path = write(tmp_path, "chunks.png", data[:33] + tiny * 2_000 + data[33:])
    assert p.header_size(path, tmp_path, Limits(header_seconds=100_000)) == (20, 20)
    slow = Limits(seconds=100_000, header_seconds=100)
    assert p.header_size(path, tmp_path, slow) == Refusal("took longer than 100 s to read")
    assert isinstance(p.picture_cells(path, tmp_path, 10, 10, BG, slow), Cells)


# -- the cache the pane uses ------------------------------------------------------------------
def test_cache_keeps_results_per_width_and_notices_a_changed_file(tmp_path):
    path = write(tmp_path, "a.png", encoded(stripes((40, 40), [RED, BLUE]), "PNG"))
    cache = PictureCache(capacity=2)
    key = cache.key(path, 20, 20, BG)
    assert cache.lookup(key) is None and cache.claim(key) and not cache.claim(key)
    cells = cache.render(path, tmp_path, 20, 20, BG)
    assert cache.lookup(key) is cells and not cache.claim(key)
    assert cache.rows(path, tmp_path, 20, 20) == 10 and cache.rows(path, tmp_path, 10, 20) == 5
    narrow = cache.render(path, tmp_path, 10, 20, BG)
    assert narrow.width == 10 and cache.lookup(key) is cells
    cache.render(path, tmp_path, 12, 20, BG)  # a third width: the least used goes
    assert cache.lookup(cache.key(path, 10, 20, BG)) is None and cache.lookup(key) is cells
    write(tmp_path, "a.png", encoded(stripes((40, 20), [GREEN]), "PNG"))
    os.utime(path, ns=(1, 1))
    assert cache.key(path, 20, 20, BG) != key
    assert cache.rows(path, tmp_path, 20, 20) == 5


def test_cache_rows_of_a_refused_picture_is_one_line_for_its_note(tmp_path):
    path = write(tmp_path, "bomb.png", bilevel_png(30_000, 30_000))
    assert PictureCache().rows(path, tmp_path, 72, 20) == 1
