"""The references we compare with, on the same article in the same run.

- Textual's own `Markdown` widget in a minimal app (a `VerticalScroll` holding it, as
  `MarkdownViewer` does): one widget per block, mounted in batches after a parse in a thread.
  Timed from reading the file to the first frame with its text (first paint) and to the
  last block mounted and laid out (ready); then PgDn and a resize, like ours.
- `less` in a pseudo-terminal of the same size: the non-TUI floor for first paint.
"""

from __future__ import annotations

import os
import re
import select
import struct
import subprocess
import time
from pathlib import Path
from statistics import median

from frames import FrameProbe, LoopLag, peak_rss_mb, settled, until, wait
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

SIZE = (120, 40)


class MarkdownApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="doc")

    def on_mount(self) -> None:
        self.mounted_all = False

    def on_markdown_table_of_contents_updated(self) -> None:
        self.mounted_all = True  # posted once every block is mounted


async def markdown(path: str, probe: str, interact: bool = False, presses: int = 50) -> dict:
    app = MarkdownApp()
    frames = FrameProbe(app)
    out: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scroll = app.query_one(VerticalScroll)
        lag = LoopLag().start()
        start = time.perf_counter()
        painted = frames.showing(probe)
        scroll.mount(Markdown(Path(path).read_text(encoding="utf-8")))
        out["first_paint"] = await wait(painted) - start
        await until(lambda: app.mounted_all)
        out["ready"] = await wait(frames.when(lambda: True)) - start
        out["open_worst_stall"] = await settled(lag)
        if interact:
            scroll.focus()
            await pilot.pause()
            times = []
            for _ in range(presses):
                if scroll.scroll_offset.y >= scroll.max_scroll_y:  # a short piece: start again
                    scroll.scroll_home(animate=False)
                    await pilot.pause()
                before = scroll.scroll_offset.y
                shown = frames.when(lambda before=before: scroll.scroll_offset.y != before)
                t = time.perf_counter()
                await pilot.press("pagedown")
                times.append(await wait(shown, 10) - t)
            out["page_down_median"], out["page_down_worst"] = median(times), max(times)
            width = scroll.size.width
            lag = LoopLag().start()
            shown = frames.when(lambda: scroll.size.width != width)
            t = time.perf_counter()
            await pilot.resize_terminal(SIZE[0] - 20, SIZE[1])
            out["resize_first_frame"] = await wait(shown) - t
            out["resize_worst_stall"] = lag.stop()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


_ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]|\r")


async def less(path: str, probe: str) -> dict:
    """`less FILE` in a 120×40 pseudo-terminal: time to the first screen showing `probe`."""
    import fcntl
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "LESS": "", "LESSOPEN": ""}
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["less", path], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    seen = b""
    needle = probe.encode()
    try:
        while needle not in _ESCAPE.sub(b"", seen):
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise TimeoutError("less showed nothing")
            seen += os.read(master, 65536)
        first = time.perf_counter() - start
        with open(f"/proc/{proc.pid}/status") as status:
            hwm = next((line for line in status if line.startswith("VmHWM")), "VmHWM: 0 kB")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
        os.close(slave)
    return {"first_paint": first, "peak_rss_mb": int(hwm.split()[1]) / 1024}
