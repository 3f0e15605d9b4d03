"""Black-box timings: the programs as a person starts them, in a 120×40 pseudo-terminal.

    python bench/blackbox.py                    # start (5k words) and keys (200k), 7 rounds
    python bench/blackbox.py --rounds 11 --only start
    python bench/blackbox.py --before DIR       # also the reader from another checkout

Nothing is measured inside the apps: each program runs in a terminal of its own (a pty the
bench reads, as a terminal emulator does), and every chunk of output is time-stamped when it
arrives. The programs run interleaved, round after round (a bare Textual app with one
Static — the floor —, Textual's Markdown widget in a minimal app, the reader; with
`--before`, the reader from another source tree too), so a change of machine load falls on
all of them alike; figures are medians over the rounds. The first round warms the disk
cache and the bytecode and is not counted.

- start: process start to the first output that shows the first question of a 5,000-word
  interview (its first words, with the escape sequences taken out).
- keys (the 200k-word interview, in the reader): from
  writing a key to the pty to the last byte of output it caused (settled: no more output for
  `QUIET` seconds), and the frames it took. Space, PgDn, then `/` and a query typed one key
  at a time. The bench answers Textual's question about synchronized output as a modern
  terminal does, so every frame arrives between `ESC[?2026h` and `ESC[?2026l` and can be
  counted.

Frame pacing is Textual's own (60 fps), as a user has it. The reader's modules are compiled
to bytecode first, as `pip install` does (an editable checkout under PYTHONDONTWRITEBYTECODE
would compile them at every start, 0.3 s of CPU, which no installed reader pays; Textual's
are compiled already). The machine's load average is printed before and after. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import median

BENCH = Path(__file__).resolve().parent
APPS = BENCH / "apps"
SIZE = (120, 40)
QUIET = 0.25  # seconds without output: what a key changed has all landed
FIRST_WAIT = 5.0  # seconds: the longest a key may take to change anything
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, reset": Textual then wraps each frame
FRAME_START = b"\x1b[?2026h"
ESCAPE = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]|\x1b\\|[\r\n]")
QUERY = "kitchen"
PGDN, SPACE = b"\x1b[6~", b" "


@dataclass
class Terminal:
    """One program in a pseudo-terminal of `SIZE`, its output time-stamped as it arrives."""

    argv: list[str]
    env: dict[str, str]
    chunks: list[tuple[float, bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.master, slave = os.openpty()
        winsize = struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, winsize)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            cwd=tempfile.gettempdir(),  # so `-m reader` finds no reader/ in the folder
            start_new_session=True,
        )
        os.close(slave)
        self._text = b""

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout`; False when nothing came."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # the program ended
            time.sleep(timeout)
            return False
        now = time.perf_counter()
        if SYNC_QUERY in data:
            os.write(self.master, SYNC_REPLY)
        self.chunks.append((now, data))
        self._text += ESCAPE.sub(b"", data)
        return True

    def wait_for(self, needle: str, timeout: float = 30.0) -> float:
        """The time of the chunk after which the output shows `needle`."""
        wanted = needle.encode()
        deadline = time.perf_counter() + timeout
        while wanted not in self._text:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{self.argv[-1]}: {needle!r} never shown")
            self._read(deadline - time.perf_counter())
        return self.chunks[-1][0]

    def settle(self, quiet: float = QUIET, timeout: float = 60.0) -> None:
        """Read until no output has come for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while self._read(quiet) and time.perf_counter() < deadline:
            pass

    def press(self, key: bytes) -> tuple[float, float, int] | None:
        """Write `key`; (first output, settled, frames), times from the key (None: the key
        changed nothing on screen within FIRST_WAIT)."""
        self.settle(0.05)
        mark = len(self.chunks)
        sent = time.perf_counter()
        os.write(self.master, key)
        self._read(FIRST_WAIT)  # however loaded the machine, the first output starts it
        self.settle()
        after = self.chunks[mark:]
        if not after:
            return None
        frames = sum(data.count(FRAME_START) for _, data in after)
        return (after[0][0] - sent, after[-1][0] - sent, frames)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


# -- the programs -----------------------------------------------------------------------------


@dataclass
class Program:
    name: str
    argv: list[str]  # the file or bundle to open is appended
    env: dict[str, str]
    opens: str = "file"  # "file": article.md; "bundle": the bundle folder


def programs(before: Path | None) -> list[Program]:
    base = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    for name in ("TMUX", "TEXTUAL_FPS", "NO_COLOR", "READER_GRAPHICS"):
        base.pop(name, None)
    python = sys.executable
    ours = {**base, "READER_HOME": tempfile.mkdtemp(prefix="blackbox-home-")}
    out = [
        Program("floor (one Static)", [python, str(APPS / "floor.py")], base),
        Program("Markdown widget", [python, str(APPS / "markdown.py")], base),
        Program("reader", [python, "-m", "reader"], ours, "bundle"),
    ]
    if before is not None:
        env = {**ours, "READER_HOME": tempfile.mkdtemp(prefix="blackbox-home-")}
        env["PYTHONPATH"] = str(before)
        out.append(Program("reader (before)", [python, "-m", "reader"], env, "bundle"))
    return out


def compile_readers(before: Path | None) -> None:
    """Bytecode for the readers' modules, as an installed reader has it."""
    import reader

    for package in [Path(reader.__file__).parent, *([before / "reader"] if before else [])]:
        compileall.compile_dir(str(package), quiet=1)


def target(program: Program, bundle: Path) -> str:
    return str(bundle if program.opens == "bundle" else bundle / "article.md")


def first_question(bundle: Path) -> str:
    """The first words of the interview's first question: what "on screen" waits for."""
    for line in (bundle / "article.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("Q: "):
            return " ".join(line[3:].split()[:3])
    raise ValueError(f"{bundle}: no question")


# -- measuring --------------------------------------------------------------------------------


def start(program: Program, bundle: Path, probe: str) -> float:
    term = Terminal([*program.argv, target(program, bundle)], program.env)
    try:
        return term.wait_for(probe) - term.started
    finally:
        term.close()


def keys(program: Program, bundle: Path, probe: str, presses: int) -> dict[str, list]:
    """Each key's (first, settled, frames) once the piece is open and idle."""
    term = Terminal([*program.argv, target(program, bundle)], program.env)
    out: dict[str, list] = {"space": [], "pgdn": [], "search": []}

    def press(name: str, key: bytes) -> None:
        timed = term.press(key)
        if timed is not None:
            out[name].append(timed)

    try:
        term.wait_for(probe)
        term.settle(1.5)  # the rest laid out and indexed
        for _ in range(presses):
            press("space", SPACE)
            press("pgdn", PGDN)
        term.press(b"/")
        for char in QUERY:
            press("search", char.encode())
    finally:
        term.close()
    return out


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def article(words: int) -> Path:
    sys.path.insert(0, str(BENCH))
    import run  # the generated articles of bench/run.py, shared with it

    run._prepare()
    return run.article(words)


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds counted (default 7)")
    parser.add_argument("--presses", type=int, default=15, help="of each key, per round")
    parser.add_argument("--only", choices=["start", "keys"])
    parser.add_argument("--before", type=Path, help="a source tree of the reader to compare")
    options = parser.parse_args()
    progs = programs(options.before)
    compile_readers(options.before)
    results: dict = {"when": datetime.now().isoformat(timespec="seconds"), "load_before": load()}
    print(f"load average before: {results['load_before']}", file=sys.stderr)
    lines = []
    if options.only != "keys":
        small = article(5_000)
        probe = first_question(small)
        times: dict[str, list[float]] = {p.name: [] for p in progs}
        for round_ in range(options.rounds + 1):
            for program in progs:
                took = start(program, small, probe)
                if round_:  # the first round only warms the caches
                    times[program.name].append(took)
        results["start"] = times
        floor = median(times[progs[0].name])
        lines.append(f"start: 5k words, launch → first question ({options.rounds} rounds)")
        for program in progs:
            value = median(times[program.name])
            spread = f"{_ms(min(times[program.name]))}–{_ms(max(times[program.name]))}"
            lines.append(
                f"  {program.name:<20} {_ms(value):>8}  ({spread})  {value / floor:.2f}× floor"
            )
    if options.only != "start":
        big = article(200_000)
        probe = first_question(big)
        rounds = max(1, options.rounds // 2)
        presses: dict[str, dict[str, list]] = {}
        readers = [p for p in progs if p.opens == "bundle"]
        for program in readers:
            presses[program.name] = {"space": [], "pgdn": [], "search": []}
        for _ in range(rounds):
            for program in readers:
                got = keys(program, big, probe, options.presses)
                for key, values in got.items():
                    presses[program.name][key] += values
        results["keys"] = presses
        lines.append(f"keys: 200k words, key → settled (median; {rounds} rounds)")
        for name, by_key in presses.items():
            for key, values in by_key.items():
                if not values:
                    continue
                settled = median(v[1] for v in values)  # (keys that changed nothing: left out)
                first = median(v[0] for v in values)
                frames = median(v[2] for v in values)
                worst = max(v[1] for v in values)
                lines.append(
                    f"  {name:<20} {key:<7} settled {_ms(settled):>6} (worst {_ms(worst)}), "
                    f"first output {_ms(first)}, {frames:g} frame(s)"
                )
    results["load_after"] = load()
    lines.append(f"load average: {results['load_before']} before, {results['load_after']} after")
    print("\n".join(lines))
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (out / f"blackbox-{stamp}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
