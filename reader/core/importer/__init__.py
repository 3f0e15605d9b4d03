"""`reader import`: a published interview (plain text, Markdown, HTML, a web address) → a bundle.

    source ──► a reader: paragraphs and metadata ──► classify: zones → labels → roles → turns
           (READERS: txt, md, html, transcript:         (each stage pure, with reasons;
            SRT, WebVTT, JSON, timed text)               a transcript: labels → roles)
                                                                    │
                                  bundle (TOML + Markdown) ◄── assemble ◄┘ ──► output: checked
                                                                              by the real loader,
                                                                              written atomically

See docs/import.md. Every warning is a `Diagnostic` pointing at the paragraph it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reader.core.diagnostics import WARNING, Diagnostic
from reader.core.importer import html_extract, html_meta, segment, timestamps, transcript
from reader.core.importer.assemble import Bundle, build
from reader.core.importer.classify import Outcome, classify
from reader.core.importer.model import Meta, Para, Role
from reader.core.importer.roles import Hints
from reader.core.importer.source import ImportProblem, Source, read_source
from reader.core.transcripts import detect_format

__all__ = ["READERS", "Hints", "ImportProblem", "Imported", "Read", "import_source", "read_source"]


@dataclass(frozen=True)
class Read:
    """What a reader stage makes of a source: paragraphs in order, and what metadata it holds."""

    paras: list[Para]
    meta: Meta
    how: str = ""  # for the summary, a line each: how the text was found ("HTML: main text …")
    timed: bool = False  # a transcript: its turns are known, only roles are left to decide
    diagnostics: tuple[Diagnostic, ...] = ()  # the reader's own warnings


def read_text(source: Source, trafilatura: bool) -> Read:
    return Read(segment.segment_text(source.text), Meta())


def read_markdown(source: Source, trafilatura: bool) -> Read:
    paras, meta, warnings = segment.segment_markdown(source.text, source.path)
    return Read(paras, meta, diagnostics=tuple(warnings))


def read_html(source: Source, trafilatura: bool) -> Read:
    found = html_extract.extract(source.text, use_trafilatura=trafilatura)
    how = "HTML: main text found by trafilatura"
    if found.extractor == "simple":
        how = "HTML: main text found by our own rules" + (
            " (trafilatura is not installed)" if trafilatura and not _has_trafilatura() else ""
        )
    if found.relaxed:
        how += f", not counting {found.relaxed} (too little text otherwise)"
    return Read(found.paras, html_meta.read_meta(found.collected, source.url), how)


def read_transcript(source: Source, trafilatura: bool) -> Read:
    """A timed transcript (reader.core.transcripts): its turns, each a paragraph."""
    fmt = detect_format(source.path, source.text)
    if fmt is None:
        raise ImportProblem("not a transcript: no caption timing lines, segments or timed turns")
    found = transcript.read(source, fmt)
    paras, meta = transcript.paragraphs(found)
    warnings = tuple(d for d in found.diagnostics if not d.is_error)
    return Read(paras, meta, transcript.summary_lines(found), True, warnings)


# The reader for each kind of source. A new format adds one function here.
READERS: dict[str, Callable[[Source, bool], Read]] = {
    "txt": read_text,
    "md": read_markdown,
    "html": read_html,
    "transcript": read_transcript,
}


def reader_kind(source: Source) -> str:
    """The reader for `source`: a transcript when its content is one (`detect_format`: SRT or
    WebVTT cues, JSON, timestamped turns), whatever its name says; else its kind."""
    if source.kind == "transcript":
        return "transcript"
    if source.kind in ("txt", "md") and detect_format(source.path, source.text) is not None:
        return "transcript"
    return source.kind


def _has_trafilatura() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Imported:
    source: Source
    read: Read
    outcome: Outcome
    bundle: Bundle

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """A warning for every low-confidence decision, in document order, each pointing at
        its paragraph and quoting its first words."""
        found: list[tuple[int, str]] = [
            (i, d.doubt) for i, d in enumerate(self.outcome.decisions) if d.doubt
        ]
        own = sorted(self.read.diagnostics, key=lambda d: (d.line, d.col))
        found += [(n.index, n.message) for n in self.outcome.notes]
        out: dict[tuple[int, int, str], Diagnostic] = {}
        for index, message in found:
            para = self.outcome.paras[index]
            text = f'{message}: "{first_words(para.text)}"'
            key = (para.line, para.col, text)
            out.setdefault(key, Diagnostic(self.source.path, para.line, para.col, WARNING, text))
        return own + [out[k] for k in sorted(out)]


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def import_source(source: Source, hints: Hints | None = None, trafilatura: bool = True) -> Imported:
    """Classify and assemble one source; raises ImportProblem when it holds no interview."""
    read = READERS[reader_kind(source)](source, trafilatura)
    meta = read.meta if read.meta.url or not source.url else replace(read.meta, url=source.url)
    hints = hints or Hints()
    if read.timed:
        title = hints.title or meta.title or transcript.title_from(source.stem)
        outcome = transcript.classify_transcript(read.paras, replace(meta, title=title), hints)
    else:
        paras = timestamps.lift(read.paras)
        outcome = classify(paras, meta, hints, source.stem)
    if hints.title:
        outcome = replace(outcome, meta=replace(outcome.meta, title=hints.title))
    bundle = build(outcome)
    if read.timed:  # a transcript is what it is: answers alone, or only narration, are kept
        return Imported(source, read, outcome, bundle)
    if not bundle.questions or not bundle.answers or not _asks_something(outcome):
        raise ImportProblem("found no questions and answers to import")
    return Imported(source, read, outcome, bundle)


def _asks_something(outcome: Outcome) -> bool:
    """Without labels, an interview shows itself by questions: at least two, one with a '?'."""
    if outcome.mode != "no labels":
        return True
    questions = [p for p, d in outcome.rows() if d.role == Role.QUESTION and d.new_turn]
    return len(questions) >= 2 and any("?" in p.text for p in questions)
