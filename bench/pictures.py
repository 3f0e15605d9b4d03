"""How long a picture takes to decode and scale, and what memory it costs.

    python bench/pictures.py [--runs N]

Each picture is measured in a fresh Python process (so peak RSS is its own): the header
read (what laying out the pane costs), then decoding and scaling to half-block cells for a
72-column text and 20 rows (the pane), and for a 120×38 full screen, median of --runs. The
pictures are generated: a 2000×1500 photograph-like image as JPEG, PNG and WebP, a
24-megapixel PNG (the largest admitted), and a 900-megapixel PNG of 110 KB (refused).
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
from reader.core.pictures import header_size, picture_cells
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
        rows = []
        for name, path in pictures(Path(tmp)).items():
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(args.runs)],
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
