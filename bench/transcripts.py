"""How fast transcripts read: a generated three-hour, two-person interview in each format
(SRT with names on each change, WebVTT with voices, Podcasting 2.0 JSON with one word per
segment, an Otter text export), read with `read_transcript` — size checks, detection,
parsing, time checks and merging — and the median over --runs.

    python bench/transcripts.py [--hours 3] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.transcripts import format_clock, format_timestamp, read_transcript  # noqa: E402

WORDS = (
    "so the harbour was silting up and nobody at the council wanted to say it out loud "
    "which meant we spent a year measuring tides (laughs) before anyone would listen , "
    "and by then the boats could only leave at high water ."
).split()
NAMES = ("Mira Castell", "Tomas Reyes")


def interview(hours: float, seed: int = 1) -> list[tuple[str, float, list[str]]]:
    """(speaker, start, words) cues of about eight words, 2.6 s apart; turns of 1-12 cues."""
    rng = random.Random(seed)
    cues, at, n, who = [], 0.0, 0, 0
    while at < hours * 3600:
        for _ in range(rng.randint(1, 12) if who else rng.randint(1, 3)):
            cues.append((NAMES[who], at, [WORDS[(n + i) % len(WORDS)] for i in range(8)]))
            n, at = n + 8, at + 2.6
        who = 1 - who
    return cues


def srt(cues) -> str:
    out, last = [], None
    for i, (who, at, words) in enumerate(cues, 1):
        start, end = format_timestamp(at, decimal=","), format_timestamp(at + 2.5, decimal=",")
        label = f"{who}: " if who != last else ""
        out.append(f"{i}\n{start} --> {end}\n{label}{' '.join(words[:4])}\n{' '.join(words[4:])}\n")
        last = who
    return "\n".join(out)


def webvtt(cues) -> str:
    body = [
        f"{format_timestamp(at)} --> {format_timestamp(at + 2.5)} align:start\n"
        f"<v {who}>{' '.join(words)}</v>\n"
        for who, at, words in cues
    ]
    return "WEBVTT\n\n" + "\n".join(body)


def podcast_json(cues) -> str:
    segments = [
        {
            "speaker": who,
            "startTime": round(at + i * 0.3, 2),
            "endTime": round(at + i * 0.3 + 0.28, 2),
            "body": w,
        }
        for who, at, words in cues
        for i, w in enumerate(words)
    ]
    return json.dumps({"version": "1.0.0", "segments": segments}, indent=2)


def otter(cues) -> str:
    out, last = [], None
    for who, at, words in cues:
        if who != last:
            out.append(f"\n{who}  {format_clock(at)}\n")
        out[-1] += " ".join(words) + " "
        last = who
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hours", type=float, default=3)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cues = interview(args.hours)
    folder = Path(tempfile.mkdtemp(prefix="reader-bench-transcripts-"))
    print(f"{args.hours:g} h interview, {len(cues)} cues, {sum(len(w) for *_, w in cues)} words")
    print(f"{'file':<14} {'MB':>6} {'cues':>7} {'turns':>6} {'median':>9}")
    for name, render in (
        ("talk.srt", srt),
        ("talk.vtt", webvtt),
        ("talk.json", podcast_json),
        ("talk.txt", otter),
    ):
        path = folder / name
        path.write_text(render(cues), encoding="utf-8")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            transcript = read_transcript(path)
            times.append(time.perf_counter() - start)
        if not transcript.ok:
            print(f"{name}: not read: {transcript.diagnostics[0]}")
            return 1
        size = path.stat().st_size / 1e6
        print(
            f"{name:<14} {size:>6.2f} {len(transcript.cues):>7} {len(transcript.turns):>6}"
            f" {median(times) * 1000:>7.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
