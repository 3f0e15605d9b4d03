"""Benchmarks: our reader against Textual's Markdown widget (and `less`), in the same run.

    python bench/run.py                  # 5k, 50k, 200k words; 100,000 turns; 10k bundles
    python bench/run.py --quick          # 5k and 200k words, one run each, 1,000 bundles
    python bench/run.py --sizes 200k --runs 5 --library 0

Every measurement runs in a fresh process (so peak RSS belongs to that run), headless at
120×40; figures are medians over `--runs`. Prints a table with the baseline / ours ratio
beside each figure and writes everything to bench/results/ as JSON. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from statistics import median

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
DATA = RESULTS / "data"  # generated articles and libraries, reused between runs
PROBE = "just after six"  # in the first paragraph of every generated interview
IN_ARTICLE_QUERY = "kitchen"  # typed one key at a time
FPS = "1000"  # frame pacing off: figures show work, not Textual's 60 fps frame timer

TARGETS = {  # metric: (limit in seconds or MB, applies to sizes ≥ this many words)
    "first_paint": (0.050, 0),
    "ready": (0.5, 200_000),
    "peak_rss_mb": (100, 200_000),
    "page_down_median": (0.005, 0),
    "page_down_worst": (0.005, 0),
    "search_median": (0.010, 0),
    "search_worst": (0.010, 0),
    "resize_worst_stall": (0.050, 0),
    "open_worst_stall": (0.050, 0),
}
TURNS = 100_000  # the long transcript of short turns (issue 14, target 5)
TURN_TARGETS = {"open_worst_stall": 1.0}  # no multi-second freeze while it opens
LIBRARY_TARGETS = {"first_rows_warm": 0.5, "search": 0.050, "reader_search": 0.150, "cold": 20.0}


# -- data -------------------------------------------------------------------------------------


def _prepare() -> None:
    """Throw away generated data made by another version of the generator."""
    stamp = hashlib.sha1((BENCH / "generate.py").read_bytes()).hexdigest()[:12]
    marker = DATA / "generator"
    if marker.exists() and marker.read_text() == stamp:
        return
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    marker.write_text(stamp)


def _generator():
    sys.path.insert(0, str(BENCH))
    return importlib.import_module("generate")


def article(words: int) -> Path:
    folder = DATA / f"article-{words}"
    if not (folder / "article.md").exists():
        _generator().write_bundle(folder, words, seed=words)
    return folder


def rapid_fire(turns: int) -> Path:
    folder = DATA / f"turns-{turns}"
    if not (folder / "article.md").exists():
        _generator().write_rapid_fire(folder, turns)
    return folder


def library(count: int) -> Path:
    folder = DATA / f"library-{count}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating a library of {count:,} interviews…", file=sys.stderr)
        _generator().write_library(folder, count)
        done.write_text("")
    return folder


# -- children ---------------------------------------------------------------------------------


def child(name: str, home: Path | None = None, timeout: float = 4000, **args) -> dict:
    """Run `module.function(**args)` of bench/ in a fresh Python; its JSON result."""
    env = {
        **os.environ,
        "TEXTUAL_FPS": FPS,
        "PYTHONPATH": os.pathsep.join(map(str, (BENCH, BENCH.parent))),
    }
    env["READER_HOME"] = str(home or tempfile.mkdtemp(prefix="bench-home-"))
    command = [sys.executable, str(BENCH / "run.py"), "--child", name, json.dumps(args)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def _run_child(name: str, args: str) -> None:
    module_name, function_name = name.split(".")
    function = getattr(importlib.import_module(module_name), function_name)
    result = function(**json.loads(args))
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    print(json.dumps(result))


def medians(runs: list[dict]) -> dict:
    """Per-metric median over runs (booleans: all runs must agree to be true)."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[0] if runs else {}
    out = {}
    for key in good[0]:
        values = [r[key] for r in good if key in r]
        if isinstance(values[0], bool):
            out[key] = all(values)
        elif isinstance(values[0], (int, float)):
            out[key] = median(values)
        else:
            out[key] = values[0]
    return out


# -- measuring --------------------------------------------------------------------------------


def measure_article(words: int, runs: int, presses: int, baseline: bool) -> dict:
    bundle = article(words)
    interact = words == max(SIZES)  # the interactions at the largest size only
    ours = medians(
        [
            child(
                "ours.open_article",
                path=str(bundle),
                probe=PROBE,
                interact=interact,
                presses=presses,
                query=IN_ARTICLE_QUERY,
            )
            for _ in range(runs)
        ]
    )
    result = {"words": words, "ours": ours}
    if baseline:
        body = str(bundle / "article.md")
        result["markdown"] = medians(
            [
                child(
                    "baselines.markdown",
                    path=body,
                    probe=PROBE,
                    interact=interact,
                    presses=presses,
                )
                for _ in range(runs)
            ]
        )
        if shutil.which("less"):
            result["less"] = medians(
                [child("baselines.less", path=body, probe=PROBE) for _ in range(runs)]
            )
    return result


def measure_turns(turns: int, runs: int) -> dict:
    """Opening a piece of `turns` short turns: first paint, ready, the longest stall, and
    the outline's rows once it is ready (every question's, drawn on demand)."""
    bundle = rapid_fire(turns)
    ours = medians([child("ours.open_article", path=str(bundle), probe=PROBE) for _ in range(runs)])
    return {"turns": turns, "ours": ours}


def measure_library(count: int, runs: int) -> dict:
    root = library(count)
    home = Path(tempfile.mkdtemp(prefix="bench-library-home-"))
    out: dict = {"bundles": count}
    cold = child("library.app_start", home, root=str(root), count=count, spawned=time.time())
    out["cold"] = cold
    out["warm"] = medians(
        [
            child("library.app_start", home, root=str(root), count=count, spawned=time.time())
            for _ in range(runs)
        ]
    )
    warm_list = []
    env = {**os.environ, "READER_HOME": str(home)}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "list", str(root)],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        warm_list.append(time.perf_counter() - start)
    out["reader_list_warm"] = median(warm_list)
    first = (root / "piece-00000" / "article.md").read_text(encoding="utf-8")
    place = first.split(" met me at ", 1)[1].split()[0]
    warm_search = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "search", place, str(root)],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        warm_search.append(time.perf_counter() - start)
    out["reader_search_warm"] = median(warm_search)
    queries = [place, "sourdough", '"properly patient"', "harbour kitchen", "cinem*", "the"]
    out["search"] = child("library.search", home, root=str(root), queries=queries)
    shutil.rmtree(home, ignore_errors=True)
    return out


# -- the table --------------------------------------------------------------------------------

SIZES = [5_000, 50_000, 200_000]


def _fmt(value, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "n":
        return f"{value:,}"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _ratio(base, ours) -> str:
    if not isinstance(base, (int, float)) or not isinstance(ours, (int, float)) or not ours:
        return ""
    return f"{base / ours:.1f}×"


def _verdict(metric: str, words: int, value) -> str:
    target = TARGETS.get(metric)
    if target is None or not isinstance(value, (int, float)) or words < target[1]:
        return ""
    limit, _ = target
    shown = f"{limit:.0f} MB" if metric == "peak_rss_mb" else _fmt(limit, "s")
    return f"{'ok' if value <= limit else 'MISS'} (≤ {shown})"


def _against(value: float, limit: float) -> str:
    """ "ok (≤ 500.0 ms)" or "MISS (≤ 500.0 ms)": a time against its target."""
    return f"{'ok' if value <= limit else 'MISS'} (≤ {_fmt(limit, 's')})"


ROWS = [  # (metric, label, unit)
    ("first_paint", "first paint", "s"),
    ("ready", "ready (layout complete)", "s"),
    ("peak_rss_mb", "peak RSS", "MB"),
    ("open_worst_stall", "longest input stall while opening", "s"),
    ("page_down_median", "PgDn, median of presses", "s"),
    ("page_down_worst", "PgDn, worst", "s"),
    ("search_median", f"search keystroke ('{IN_ARTICLE_QUERY}'), median", "s"),
    ("search_worst", "search keystroke, worst", "s"),
    ("resize_first_frame", "resize: first re-wrapped frame", "s"),
    ("resize_worst_stall", "resize: longest input stall", "s"),
    ("resize_position_kept", "resize: reading position kept", "bool"),
]


def table(results: dict) -> str:
    header = ["size", "metric", "ours", "Markdown widget", "ratio", "less", "target"]
    rows = []
    for entry in results["articles"]:
        words = entry["words"]
        ours, md, less = entry["ours"], entry.get("markdown", {}), entry.get("less", {})
        if "error" in ours:
            rows.append([f"{words // 1000}k", "ERROR (ours)", ours["error"], "", "", "", ""])
        for metric, label, unit in ROWS:
            if metric not in ours:
                continue
            value = ours[metric]
            base = md.get(metric)
            rows.append(
                [
                    f"{words // 1000}k",
                    label,
                    _fmt(value, unit),
                    _fmt(base, unit) if metric in md else "",
                    _ratio(base, value) if unit != "bool" else "",
                    _fmt(less.get(metric), unit) if metric in less else "",
                    _verdict(metric, words, value),
                ]
            )
        if "error" in md:
            rows.append([f"{words // 1000}k", "ERROR (Markdown)", md["error"], "", "", "", ""])
    turns = results.get("turns")
    if turns:
        name, ours = f"{turns['turns'] // 1000}k turns", turns["ours"]
        if "error" in ours:
            rows.append([name, "ERROR (ours)", ours["error"], "", "", "", ""])
        for metric, label, unit in [
            ("first_paint", "first paint", "s"),
            ("ready", "ready (layout complete)", "s"),
            ("open_worst_stall", "longest input stall while opening", "s"),
            ("outline_rows", "outline rows when ready", "n"),
            ("peak_rss_mb", "peak RSS", "MB"),
        ]:
            if metric in ours:
                limit = TURN_TARGETS.get(metric)
                value = ours[metric]
                verdict = "" if limit is None else _against(value, limit)
                rows.append([name, label, _fmt(value, unit), "", "", "", verdict])
    lib = results.get("library")
    if lib:
        name = f"{lib['bundles'] // 1000}k lib" if lib["bundles"] >= 1000 else "lib"
        for label, key, field in [
            ("cold start (no cache file): first rows", "cold", "first_rows"),
            ("cold start: all rows (every bundle parsed)", "cold", "all_rows"),
            ("warm start: first rows", "warm", "first_rows"),
            ("warm start: all rows", "warm", "all_rows"),
            ("warm start, from process start", "warm", "process_to_all_rows"),
        ]:
            part = lib.get(key, {})
            value = part.get(field)
            verdict = ""
            target = {("warm", "first_rows"): "first_rows_warm", ("cold", "all_rows"): "cold"}
            if (key, field) in target and value is not None:
                limit = LIBRARY_TARGETS[target[key, field]]
                verdict = _against(value, limit)
            shown = _fmt(value, "s") if "error" not in part else f"ERROR {part['error']}"
            rows.append([name, label, shown, "", "", "", verdict])
        rows.append([name, "reader list, warm", _fmt(lib["reader_list_warm"], "s"), "", "", "", ""])
        if "reader_search_warm" in lib:
            limit = LIBRARY_TARGETS["reader_search"]
            value = lib["reader_search_warm"]
            verdict = _against(value, limit)
            rows.append(
                [name, "reader search, warm (the process)", _fmt(value, "s"), "", "", "", verdict]
            )
        for query, figures in lib.get("search", {}).items():
            if not isinstance(figures, dict):
                rows.append([name, "search ERROR", str(figures), "", "", "", ""])
                continue
            limit = LIBRARY_TARGETS["search"]
            note = f"{figures['hits']} hits" + (", first in order" if figures["partial"] else "")
            verdict = _against(figures["worst"], limit)
            label = f"search {query} (worst; {note})"
            rows.append([name, label, _fmt(figures["worst"], "s"), "", "", "", verdict])
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def _words(spec: str) -> int:
    """ "200k" → 200000."""
    spec = spec.strip().lower()
    return int(float(spec[:-1]) * 1000) if spec.endswith("k") else int(spec)


def main() -> int:
    global SIZES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5k and 200k, one run, 1k bundles")
    parser.add_argument("--sizes", help="article sizes in words, e.g. 5k,50k,200k (or none)")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3)")
    parser.add_argument("--library", type=int, help="bundles in the library (0: skip)")
    parser.add_argument("--turns", type=int, help="turns of the long transcript (0: skip)")
    parser.add_argument("--no-baseline", action="store_true", help="skip Markdown and less")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="?", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _run_child(options.child, options.args)
        return 0
    if options.sizes:
        SIZES = [] if options.sizes == "none" else [_words(s) for s in options.sizes.split(",")]
    elif options.quick:
        SIZES = [5_000, 200_000]
    runs = options.runs or (1 if options.quick else 3)
    count = options.library if options.library is not None else (1000 if options.quick else 10_000)
    presses = 20 if options.quick else 50
    _prepare()
    results: dict = {"when": datetime.now().isoformat(timespec="seconds"), "runs": runs}
    results["machine"] = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "fps": FPS}
    results["articles"] = []
    for words in SIZES:
        print(f"measuring {words:,} words…", file=sys.stderr)
        results["articles"].append(measure_article(words, runs, presses, not options.no_baseline))
    turns = options.turns if options.turns is not None else (0 if options.quick else TURNS)
    if turns:
        print(f"measuring {turns:,} turns…", file=sys.stderr)
        results["turns"] = measure_turns(turns, runs)
    if count:
        print(f"measuring a library of {count:,} interviews…", file=sys.stderr)
        results["library"] = measure_library(count, runs)
    print(table(results))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {RESULTS / f'bench-{stamp}.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
