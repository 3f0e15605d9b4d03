"""Item 9: a writer killed with SIGKILL while it saves never leaves a truncated or mixed state
file, and loses no save it had finished.

A child saves a growing state in a loop, saying "saving N" before each save and "saved N"
after it. In each round the parent waits for a "saving" line, lets the save run for a random
part of its usual duration, and kills the child: the file on disk must then hold save N - 1
or save N, complete.
"""

from __future__ import annotations

import os
import random
import select
import signal
import statistics
import subprocess
import sys
import time

from reader.core.state import FILE_NAME, StateStore, parse_state

WRITER = """
import sys
from pathlib import Path
from reader.core.state import StateStore
store = StateStore(Path(sys.argv[1]))
store.load()
start = int(sys.argv[2])
for n in range(start, start + 100_000):
    for i in range(300):  # about 40 kB a save, every entry changed each time
        store.record(f"/library/interview-{i:03}", (n, i), (n % 100) * 1.0)
    store.record("/counter", (n, 0), 0.0)
    print("saving", n, flush=True)
    assert store.save(), store.take_warnings()
    print("saved", n, flush=True)
"""
ROUNDS = 20
WARM_UP = 4  # saves timed before the one that is interrupted


class Writer:
    def __init__(self, folder, start: int):
        self.child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.buffer = b""
        self.lines: list[tuple[float, str, int]] = []

    def next_line(self, timeout: float = 20.0) -> tuple[float, str, int]:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.child.stdout], [], [], deadline - time.monotonic())
            assert ready, "the writer stopped talking"
            chunk = os.read(self.child.stdout.fileno(), 4096)
            assert chunk, self.child.stderr.read().decode()[-2000:]
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        word, n = line.decode().split()
        self.lines.append((time.monotonic(), word, int(n)))
        return self.lines[-1]

    def kill_during_a_save(self, rng: random.Random) -> tuple[int | None, int]:
        """(last save finished, the save that was interrupted)."""
        durations = []
        while len(durations) < WARM_UP:
            started, word, n = self.next_line()
            if word == "saving":
                ended, _, _ = self.next_line()
                durations.append(ended - started)
        self.next_line()  # "saving N"
        time.sleep(rng.uniform(0, statistics.median(durations)))
        self.child.send_signal(signal.SIGKILL)
        self.child.wait()
        self.buffer += self.child.stdout.read()
        while b"\n" in self.buffer:
            self.next_line()
        saved = [n for _, word, n in self.lines if word == "saved"]
        return saved[-1], self.lines[-1][2] if self.lines[-1][1] == "saving" else -1


def test_killing_the_writer_in_a_loop_never_truncates_and_loses_nothing(tmp_path):
    rng = random.Random(9)
    start, interrupted = 1, 0
    for _ in range(ROUNDS):
        last_saved, cut = Writer(tmp_path, start).kill_during_a_save(rng)
        state = parse_state((tmp_path / FILE_NAME).read_text(encoding="utf-8"))  # complete?
        on_disk = state.articles["/counter"].block
        assert on_disk in (last_saved, cut), (last_saved, cut, on_disk)  # old or new, no loss
        assert len(state.articles) == 301
        assert {p.block for k, p in state.articles.items()} == {on_disk}  # never a mix
        interrupted += cut > 0
        start = on_disk + 1
    # The test only means something if kills did land inside saves.
    assert interrupted >= ROUNDS // 4
    store = StateStore(tmp_path)
    store.load()
    assert store.take_warnings() == []  # no file ever had to be moved aside
