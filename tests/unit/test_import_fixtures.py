"""Every labelled interview in tests/fixtures/import imports into a bundle that the real loader
opens without errors, with the labelled number of questions and answers — with trafilatura and
with the simple HTML extractor — and the import's own counts agree with the loader's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from reader.core.bundle import load_bundle
from reader.core.importer import import_source, read_source
from reader.core.importer.model import Role
from reader.core.importer.output import check, write

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "import"
_spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "bench/import_accuracy.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SOURCES = sorted(p for p in FIXTURES.iterdir() if p.suffix in bench.SOURCES)


def labels(source: Path) -> dict:
    return json.loads(source.with_suffix(".labels.json").read_text(encoding="utf-8"))


def test_the_set_covers_every_shape():
    kinds = {p.suffix for p in SOURCES}
    assert len(SOURCES) >= 10 and {".txt", ".md", ".html", ".srt"} <= kinds
    for source in SOURCES:
        roles = {entry[0] for entry in labels(source)["paragraphs"]}
        assert {"question", "answer"} <= roles <= set(Role), source.name


@pytest.mark.parametrize("trafilatura", [True, False], ids=["trafilatura", "simple"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_fixture_round_trip(source, trafilatura, tmp_path):
    imported = import_source(read_source(str(source)), trafilatura=trafilatura)
    shown = check(imported.bundle, "dir").json
    want = bench.gold_turns(labels(source)["paragraphs"])
    assert (shown["questions"], shown["answers"]) == (want["question"], want["answer"])
    assert (imported.bundle.questions, imported.bundle.answers) == (
        shown["questions"],
        shown["answers"],
    )
    target = write(imported.bundle, tmp_path, "dir", force=False)
    loaded = load_bundle(target)
    assert loaded.article is not None
    assert not [d for d in loaded.diagnostics if d.is_error]
    unknown = [d for d in loaded.diagnostics if "not a known speaker" in d.message]
    assert not unknown, unknown
    pictures = [b for b in loaded.article.blocks if b.kind == "image"]
    assert len(pictures) == imported.bundle.captions  # every caption became a picture


def test_roles_and_speakers_match_the_labels():
    for source in SOURCES:
        result = bench.evaluate(source, trafilatura=True, verbose=False)
        wrong = [(g, p) for g, p in result["roles"] if g != p]
        assert len(wrong) <= len(result["roles"]) * 0.05, (source.name, wrong)
        right, total = result["speakers"]
        assert right == total, source.name
        assert not result["meta_misses"], (source.name, result["meta_misses"])


def test_bench_passes_its_floor(capsys):
    assert bench.main(["--floor", "0.95"]) == 0
    assert "overall: role F1" in capsys.readouterr().out
