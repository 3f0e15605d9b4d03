"""How long `reader serve` takes to listen, and a browser tab to show an interview.

    python bench/serve.py [--runs N]

Each run starts the real `reader serve` on a one-interview library (a copy of a sample)
on a free loopback port and measures, as a browser would see them:

- listening: from starting the command to the address printed (interpreter, imports, bind);
- tab, first bytes: from opening the tab's websocket to the first bytes drawn (the tab's
  own reader process starting: Python, Textual, the app);
- tab, interview: to the interview's title on screen (a terminal emulator reads the bytes);
- key: from sending `G` to the end of the interview on screen, through server and app;
- tab RSS: the resident memory of the tab's reader process once it shows the interview.

Medians over --runs, printed as a table. Needs the `serve` and `test` extras (pyte).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import aiohttp

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from tests.web.helpers import (  # noqa: E402 - after the path is set
    LAST_WORDS,
    TITLE,
    one_article_library,
    reader_serve,
    tab,
)


def tab_rss_mb(server_pid: int) -> float | None:
    """The resident memory of the server's grandchild (shell → reader), Linux only."""
    try:
        shells = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
        readers = [
            pid
            for shell in shells
            for pid in Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        ]
        status = Path(f"/proc/{readers[-1]}/status").read_text().splitlines()
    except (OSError, IndexError):
        return None
    return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


async def one_tab(url: str, server_pid: int) -> dict[str, float | None]:
    async with aiohttp.ClientSession() as session:
        started = time.perf_counter()
        async with tab(session, url) as reader:
            await reader.wait_until(lambda: bool(reader.drawn), "a first byte")
            first = time.perf_counter() - started
            await reader.wait_for(TITLE, "Participants")
            shown = time.perf_counter() - started
            rss = tab_rss_mb(server_pid)
            pressed = time.perf_counter()
            await reader.press("G")
            await reader.wait_for(LAST_WORDS, "100%")
            key = time.perf_counter() - pressed
    return {"first_bytes": first, "interview": shown, "key": key, "rss_mb": rss}


def one_run(library: Path) -> dict[str, float | None]:
    started = time.perf_counter()
    with reader_serve(str(library), "--port", "0") as (process, printed):
        listening = time.perf_counter() - started
        figures = asyncio.run(one_tab(printed[1].strip(), process.pid))
    return {"listening": listening, **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("READER_HOME", str(Path(folder) / "home"))  # not your state
        library = one_article_library(Path(folder) / "library")
        runs = [one_run(library) for _ in range(args.runs)]
        shutil.rmtree(library)
    rows = [
        ("listening (command → address printed)", "listening", "s"),
        ("tab: first bytes", "first_bytes", "s"),
        ("tab: interview on screen", "interview", "s"),
        ("key G → end of the interview drawn", "key", "s"),
        ("tab's reader process RSS", "rss_mb", "MB"),
    ]
    print(f"reader serve, median of {args.runs} runs")
    for label, key, unit in rows:
        values = [r[key] for r in runs if r[key] is not None]
        shown = f"{median(values):.3f} {unit}" if values else "n/a"
        print(f"  {label:<40} {shown}")


if __name__ == "__main__":
    main()
