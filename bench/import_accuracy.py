"""How well `reader import` reads interviews: paragraph-role F1 and turn-count accuracy on the
labelled set in tests/fixtures/import/ (each source beside a NAME.labels.json).

    python bench/import_accuracy.py [--floor 0.9] [--no-trafilatura] [--fixtures DIR] [-v] [NAME...]

Per file and pooled: the macro role F1 over every role, the Q/A F1 (question and answer
only), accuracy, speakers, and the labelled and imported question/answer counts.
Labels list the source's paragraphs in order as [role, speaker, snippet(, "new")]: the snippet
is a piece of the paragraph's text, "new" marks a turn that starts although the same speaker
spoke last. Paragraphs the labels do not mention (navigation, share buttons…) count as
boilerplate. Role F1 is the macro average over roles; a file's turn count is right when the
bundle has exactly the labelled number of questions and answers. A label file may also give
the metadata a reader should see (`"meta": {"title", "dek", "publication", "subject",
"interviewer", "byline"}`, names joined by "; "); those are compared with the bundle's
`reader show --format json` and counted in the "meta" column. Exits 1 when the overall role
F1 or the turn-count accuracy is below --floor.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.importer import ImportProblem, import_source, read_source  # noqa: E402
from reader.core.importer.model import TURN_ROLES, Role  # noqa: E402
from reader.core.importer.output import check  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SOURCES = (".txt", ".md", ".html", ".srt", ".vtt")
ASKING = ("interviewer", "host", "moderator")
TURNS = TURN_ROLES


def normal(text: str) -> str:
    text = text.translate(str.maketrans("‘’“”\u00a0", "''\"\" "))
    return " ".join(text.casefold().split())


def gold_turns(entries: list[list]) -> Counter:
    """Turns per role: a turn starts where the speaker changes, after narration or a heading,
    or where the labels say "new"."""
    counts: Counter = Counter()
    previous = None
    for role, speaker, _snippet, *flags in entries:
        if role in TURNS:
            who = (role, speaker) if speaker else role
            if who != previous or "new" in flags:
                counts[role] += 1
            previous = who
        elif role in (Role.NARRATION, Role.HEADING):
            previous = None
    return counts


def pair(entries: list[list], rows) -> list[tuple[list, object]]:
    """Match each labelled paragraph with the imported (paragraph, decision) holding its
    snippet."""
    texts = [normal(f"{p.label} {p.text} {p.credit}") for p, _ in rows]
    used: set[int] = set()
    out = []
    start = 0
    for entry in entries:
        snippet = normal(entry[2])
        order = list(range(start, len(rows))) + list(range(start))
        hit = next((i for i in order if i not in used and snippet in texts[i]), None)
        if hit is not None:
            used.add(hit)
            start = hit + 1
        out.append((entry, rows[hit] if hit is not None else None))
    out += [([Role.BOILERPLATE, "", ""], row) for i, row in enumerate(rows) if i not in used]
    return out


def f1_by_role(pairs: list[tuple[str, str]]) -> dict[str, float]:
    roles = sorted({g for g, _ in pairs} | {p for _, p in pairs} - {"missing"})
    scores = {}
    for role in roles:
        tp = sum(1 for g, p in pairs if g == role and p == role)
        fp = sum(1 for g, p in pairs if g != role and p == role)
        fn = sum(1 for g, p in pairs if g == role and p != role)
        scores[role] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return scores


def turn_f1(scores: dict[str, float]) -> float:
    """The mean F1 of the two roles that make turns (question, answer)."""
    return sum(scores.get(role, 0.0) for role in TURNS) / len(TURNS)


def evaluate(source: Path, trafilatura: bool, verbose: bool) -> dict:
    labels = json.loads(source.with_suffix(".labels.json").read_text(encoding="utf-8"))
    entries = labels["paragraphs"]
    want = gold_turns(entries)
    try:
        imported = import_source(read_source(str(source)), trafilatura=trafilatura)
        rows = imported.outcome.rows()
        speakers = imported.outcome.speakers
        shown = check(imported.bundle, "dir").json
        got = Counter(question=shown["questions"], answer=shown["answers"])
    except ImportProblem as problem:
        print(f"  {source.name}: import failed: {problem}")
        rows, speakers, got, shown = [], {}, Counter(), {}
    meta = meta_misses(labels.get("meta", {}), shown)
    if verbose:
        for key, (want_value, got_value) in meta.items():
            print(f"    {source.name} meta {key}: want {want_value!r}, got {got_value!r}")
    roles, speakers_right, speakers_all = [], 0, 0
    for entry, row in pair(entries, rows):
        para, decision = row if row is not None else (None, None)
        predicted = decision.role if decision is not None else "missing"
        roles.append((entry[0], predicted))
        if entry[1] and entry[0] in TURNS:
            speakers_all += 1
            names = {decision.speaker.casefold()} if decision is not None else set()
            if decision is not None and decision.speaker in speakers:
                names.add(speakers[decision.speaker].name.casefold())
            speakers_right += entry[1].casefold() in names
        if verbose and entry[0] != predicted:
            where = f"line {para.line}:{para.col}" if para is not None else "not found"
            why = "; ".join(decision.reasons) if decision is not None else ""
            print(f"    {source.name} {where}: {entry[0]} read as {predicted} ({why}) {entry[2]!r}")
    return {
        "roles": roles,
        "turns_ok": want["question"] == got["question"] and want["answer"] == got["answer"],
        "want": want,
        "got": got,
        "speakers": (speakers_right, speakers_all),
        "meta": (len(labels.get("meta", {})) - len(meta), len(labels.get("meta", {}))),
        "meta_misses": meta,
    }


def shown_meta(shown: dict) -> dict[str, str]:
    """What a reader sees of a bundle's metadata, in the label files' terms."""
    speakers = shown.get("speakers", [])
    bylines = [
        b.get("name", "") if isinstance(b, dict) else str(b) for b in shown.get("bylines", [])
    ]
    return {
        "title": shown.get("title", ""),
        "dek": shown.get("dek", ""),
        "publication": shown.get("publication", ""),
        "subject": "; ".join(s["name"] for s in speakers if s["role"] not in ASKING),
        "interviewer": "; ".join(s["name"] for s in speakers if s["role"] in ASKING),
        "byline": "; ".join(bylines),
    }


def meta_misses(want: dict[str, str], shown: dict) -> dict[str, tuple[str, str]]:
    """Field → (labelled, imported) for each labelled metadata field the bundle gets wrong."""
    seen = shown_meta(shown)
    return {
        k: (v, seen.get(k, "")) for k, v in want.items() if normal(v) != normal(seen.get(k, ""))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--floor", type=float, default=0.0, help="fail below this F1/accuracy")
    parser.add_argument("--no-trafilatura", action="store_true", help="use the simple extractor")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong role")
    parser.add_argument(
        "--fixtures", type=Path, default=FIXTURES, metavar="FOLDER", help="another labelled set"
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these fixtures (file names)")
    args = parser.parse_args(argv)
    sources = sorted(
        p
        for p in args.fixtures.iterdir()
        if p.suffix in SOURCES and (not args.names or p.name in args.names or p.stem in args.names)
    )
    results = {}
    print(
        f"{'file':28} {'role F1':>7} {'Q/A F1':>6} {'acc':>6} {'speaker':>7} {'meta':>5}"
        "  turns (want/got)"
    )
    for source in sources:
        r = results[source.name] = evaluate(source, not args.no_trafilatura, args.verbose)
        scores = f1_by_role(r["roles"])
        macro = sum(scores.values()) / len(scores)
        qa = turn_f1(scores)
        acc = sum(g == p for g, p in r["roles"]) / len(r["roles"])
        right, total = r["speakers"]
        spk = f"{right / total:.2f}" if total else "-"
        turns = (
            f"Q {r['want']['question']}/{r['got']['question']}  "
            f"A {r['want']['answer']}/{r['got']['answer']}  {'ok' if r['turns_ok'] else 'WRONG'}"
        )
        meta_right, meta_all = r["meta"]
        meta = f"{meta_right}/{meta_all}" if meta_all else "-"
        print(f"{source.name:28} {macro:7.3f} {qa:6.3f} {acc:6.3f} {spk:>7} {meta:>5}  {turns}")
    pooled = [pair for r in results.values() for pair in r["roles"]]
    scores = f1_by_role(pooled)
    overall = sum(scores.values()) / len(scores)
    turn_acc = sum(r["turns_ok"] for r in results.values()) / len(results)
    right = sum(r["speakers"][0] for r in results.values())
    total = sum(r["speakers"][1] for r in results.values())
    meta_right = sum(r["meta"][0] for r in results.values())
    meta_all = sum(r["meta"][1] for r in results.values())
    print("per role: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()))
    print(
        f"overall: role F1 {overall:.3f}, Q/A F1 {turn_f1(scores):.3f}, accuracy "
        f"{sum(g == p for g, p in pooled) / len(pooled):.3f}, speakers {right}/{total}, "
        f"metadata {meta_right}/{meta_all}, "
        f"turn counts right in {turn_acc:.3f} of {len(results)} files"
    )
    if overall < args.floor or turn_acc < args.floor:
        print(f"below the floor of {args.floor}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
