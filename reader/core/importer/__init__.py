"""`reader import`: a published interview (plain text, Markdown or HTML) → a bundle.

source → paragraphs with line numbers (segment, html_extract) → roles and speakers by
explainable, scored rules (rules, labels, speakers, sequence, classify) → TOML and Markdown
(assemble) → checked with the real loader and written (output). See docs/import.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.importer import html_extract, html_meta, segment
from reader.core.importer.assemble import Bundle, build
from reader.core.importer.classify import Outcome, classify
from reader.core.importer.model import Meta
from reader.core.importer.source import ImportProblem, Source, read_source
from reader.core.importer.speakers import Hints

__all__ = ["Hints", "ImportProblem", "Imported", "import_source", "read_source"]


@dataclass
class Imported:
    source: Source
    meta: Meta
    outcome: Outcome
    bundle: Bundle
    extractor: str  # for HTML: what chose the main text ("trafilatura" or "simple")

    @property
    def warnings(self) -> list[tuple[int, str]]:
        """(source line, message) for every low-confidence decision, in source order."""
        doubts = [(p.line, p.doubt) for p in self.outcome.paras if p.doubt]
        return sorted(doubts + self.outcome.notes)


def import_source(source: Source, hints: Hints | None = None, trafilatura: bool = True) -> Imported:
    """Classify and assemble one source; raises ImportProblem when it holds no interview."""
    hints = hints or Hints()
    meta = Meta()
    extractor = ""
    if source.kind == "html":
        extracted = html_extract.extract(source.text, use_trafilatura=trafilatura)
        paras, extractor = extracted.paras, extracted.extractor
        meta = html_meta.read_meta(extracted.collected)
    elif source.kind == "md":
        paras, meta.title = segment.segment_markdown(source.text)
    else:
        paras = segment.segment_text(source.text)
    outcome = classify(paras, meta, hints, source.stem)
    bundle = build(outcome, meta)
    if not bundle.questions or not bundle.answers or not _asks_something(outcome):
        raise ImportProblem("found no questions and answers to import")
    return Imported(source, meta, outcome, bundle, extractor)


def _asks_something(outcome: Outcome) -> bool:
    """Without labels, an interview shows itself by questions: at least two, one with a '?'."""
    if outcome.mode != "no labels":
        return True
    questions = [p for p in outcome.paras if p.role == "question" and p.new_turn]
    return len(questions) >= 2 and any("?" in p.text for p in questions)
