"""How long a picture takes to decode and scale, and what memory it costs.

    python bench/pictures.py [--runs N]

Each picture is measured in a fresh Python process (so peak RSS is its own): the header
read (what laying out the pane costs), then decoding and scaling to half-block cells for a
72-column text and 20 rows (the pane), and for a 120×38 full screen, median of --runs. The
pictures are generated: a 2000×1500 photograph-like image as JPEG, PNG and WebP, a
24-megapixel PNG (the largest admitted), and a 900-megapixel PNG of 110 KB (refused).

Then the reading pane, headless at 120×40 like bench/run.py: an interview opened with its
header picture on the first screen (the JPEG photograph, the 24-megapixel PNG, the bomb),
against the same interview whose picture file is absent (a caption alone). It times the
first paint (the first frame showing the first answer), the frame that shows the picture
(or its note), the longest input stall from opening until half a second after that, and
the peak RSS (`VmHWM`). Frames are rendered for a truecolor terminal: a headless app's
console has 16 colours, and bringing a photograph's colours down to those is no cost a
real terminal pays.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

CHILD = """
import json, resource, statistics, sys, time
from pathlib import Path
from reader.core.picture_decode import header_size, picture_cells
path, runs = Path(sys.argv[1]), int(sys.argv[2])
def peak_mb():
    # VmHWM starts afresh at exec; ru_maxrss would keep the parent's peak on Linux.
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base = peak_mb()
def timed(call):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result
header, size = timed(lambda: header_size(path, path.parent))
pane, cells = timed(lambda: picture_cells(path, path.parent, 72, 20, (0, 0, 0)))
full, _ = timed(lambda: picture_cells(path, path.parent, 120, 38, (0, 0, 0), enlarge=True))
peak = peak_mb()
shown = getattr(cells, "note", None) or f"{cells.width}x{cells.height} cells"
print(json.dumps({"header_ms": header, "pane_ms": pane, "full_ms": full,
                  "base_mb": base, "peak_mb": peak, "shown": shown}))
"""


PANE_CHILD = """
import asyncio, json, sys, time
from pathlib import Path
sys.path.insert(0, "bench")
from frames import FrameProbe, LoopLag, wait
from reader.app import ReaderApp
def peak_mb():  # VmHWM starts afresh at exec; ru_maxrss would keep the parent's peak
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
path, needle = Path(sys.argv[1]), sys.argv[2]
async def main():
    app = ReaderApp(Path(sys.argv[3]))  # an empty library: nothing else to open
    frames = FrameProbe(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        lag = LoopLag().start()
        start = time.perf_counter()
        painted, drawn = frames.showing("I was nine"), frames.showing(needle)
        app.open_article(path)
        first = await wait(painted) - start
        shown = await wait(drawn) - start
        await asyncio.sleep(0.5)  # the same window for all: what opening costs, and more
        print(json.dumps({"first_ms": first * 1000, "picture_ms": shown * 1000,
                          "stall_ms": lag.stop() * 1000, "peak_mb": peak_mb()}))
asyncio.run(main())
"""
PANE_BODY = "IC: When did you first come down?\n\nTM: I was nine. " + "The tide came in. " * 80


def pane_bundles(folder: Path, files: dict[str, Path]) -> dict[str, tuple[Path, str]]:
    """One bundle per header picture (and one whose file is gone), with what shows it."""
    made = {}
    cases = (
        ("caption only (no file)", None, "I was nine"),
        ("photo 2000×1500 JPEG", files["photo 2000×1500 JPEG"], "▀"),
        ("6000×4000 PNG (24 MP)", files["6000×4000 PNG (24 MP, the limit)"], "▀"),
        ("900 MP bomb", files["30000×30000 PNG (900 MP bomb)"], "picture not shown"),
    )
    for i, (name, picture, needle) in enumerate(cases):
        bundle = folder / f"pane-{i}"
        bundle.mkdir()
        file = picture.name if picture else "gone.jpg"
        if picture is not None:
            (bundle / file).write_bytes(picture.read_bytes())
        (bundle / "article.toml").write_text(
            f'title = "Pane"\n[[images]]\nfile = "{file}"\ncaption = "Lead"\nheader = true\n'
        )
        (bundle / "article.md").write_text(PANE_BODY)
        made[name] = (bundle, needle)
    return made


def pane(folder: Path, files: dict[str, Path], runs: int) -> None:
    import os
    import statistics

    empty = folder / "empty-library"
    empty.mkdir()
    heading = f"{'first paint':>12} {'picture':>9} {'stall':>8} {'peak RSS':>9}"
    print(f"\n{'in the pane, 120×40':36} {heading}")
    for name, (bundle, needle) in pane_bundles(folder, files).items():
        results = []
        for _ in range(runs):
            env = {**os.environ, "READER_HOME": str(folder / "home"), "TEXTUAL_FPS": "1000"}
            env["TEXTUAL_COLOR_SYSTEM"] = "truecolor"  # as the terminals pictures are for
            out = subprocess.run(
                [sys.executable, "-c", PANE_CHILD, str(bundle), needle, str(empty)],
                capture_output=True,
                text=True,
                cwd=BENCH.parent,
                check=True,
                env=env,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = {k: statistics.median(x[k] for x in results) for k in results[0]}
        print(
            f"{name:36} {r['first_ms']:10.1f}ms {r['picture_ms']:7.1f}ms"
            f" {r['stall_ms']:6.1f}ms {r['peak_mb']:7.0f}MB"
        )


def photograph(size: tuple[int, int]):
    """Blurred shapes and grain: compresses like a photograph, not like a flat test card."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(7)
    image = Image.new("RGB", size, (120, 140, 160))
    draw = ImageDraw.Draw(image)
    w, h = size
    for _ in range(300):
        x, y = rng.randrange(w), rng.randrange(h)
        colour = tuple(rng.randrange(256) for _ in range(3))
        right, bottom = x + rng.randrange(w // 20, w // 4), y + rng.randrange(h // 20, h // 4)
        draw.ellipse((x, y, right, bottom), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(3))
    grain = Image.effect_noise(size, 25).convert("RGB")
    return Image.blend(image, grain, 0.12)


def pictures(folder: Path) -> dict[str, Path]:
    from PIL import Image

    from tests.picture_files import bilevel_png

    photo = photograph((2000, 1500))
    made = {}
    for name, fmt, options in (
        ("photo 2000×1500 JPEG", "JPEG", {"quality": 88}),
        ("photo 2000×1500 PNG", "PNG", {}),
        ("photo 2000×1500 WebP", "WEBP", {"quality": 85}),
    ):
        path = folder / f"photo.{fmt.lower()}"
        photo.save(path, fmt, **options)
        made[name] = path
    big = Image.linear_gradient("L").resize((6000, 4000)).convert("RGB")
    made["6000×4000 PNG (24 MP, the limit)"] = folder / "big.png"
    big.save(made["6000×4000 PNG (24 MP, the limit)"])
    made["30000×30000 PNG (900 MP bomb)"] = folder / "bomb.png"
    made["30000×30000 PNG (900 MP bomb)"].write_bytes(bilevel_png(30_000, 30_000))
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        made = pictures(Path(tmp))
        decoding(made, args.runs)
        pane(Path(tmp), made, args.runs)
    return 0


def decoding(made: dict[str, Path], runs: int) -> None:
    rows = []
    for name, path in made.items():
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(runs)],
            capture_output=True,
            text=True,
            cwd=BENCH.parent,
            check=True,
        )
        result = json.loads(out.stdout)
        result["file_kb"] = path.stat().st_size / 1000
        rows.append((name, result))
    print(
        f"{'picture':36} {'file':>9} {'header':>8} {'pane':>8} {'full':>8} {'peak RSS':>15}  shown"
    )
    for name, r in rows:
        print(
            f"{name:36} {r['file_kb']:7.0f}KB {r['header_ms']:6.1f}ms {r['pane_ms']:6.1f}ms"
            f" {r['full_ms']:6.1f}ms {r['peak_mb']:5.0f}MB (+{r['peak_mb'] - r['base_mb']:3.0f})"
            f"  {r['shown']}"
        )


if __name__ == "__main__":
    sys.exit(main())
