"""Times in a page's turns (`[00:12:31] Name: …`, `Name (12:31): …`, a podcast transcript
published as a web page): lifted out of the text into `Para.start`, so the bundle gets the
turn's time in its own form (`[00:12:31] KEY: …`) and no timestamp stays inside turn text.

Only a page written that way counts — at least `MIN_TIMED` paragraphs open with a time and a
label — so "10:30 in the morning …" or a single "[12:31]" in an essay stays as it is. In such
a page, a time opening a paragraph with no label (a continuation of the turn above) and a
bracketed time inside a paragraph are dropped too. The forms are the shared grammar's
(reader.core.labels.timed_label).
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core import labels
from reader.core.importer.model import Para
from reader.core.times import CLOCK

MIN_TIMED = 2
_FORMS: tuple[labels.StampForm, ...] = ("square", "round", "bare")
# A bracketed time inside a paragraph, in its text or its Markdown (`\[00:13:05\]`), and the
# time in a tag such as Rev's `[inaudible 00:00:32]` (which stays `[inaudible]`).
_INLINE = re.compile(rf"[ \t]*\\?\[[ \t]*{CLOCK}[ \t]*\\?\]")
_IN_TAG = re.compile(rf"(\\?[\[(][^\[\]()\d\n]{{1,40}}?)[ \t]+{CLOCK}[ \t]*(\\?[\])])")


def lift(paras: list[Para]) -> list[Para]:
    """The paragraphs with their opening times moved into `start` (see the module's doc)."""
    found = [labels.timed_label(p.text, _FORMS) if p.kind == "p" else None for p in paras]
    labelled = sum(1 for f in found if f is not None and f.label is not None)
    if labelled < MIN_TIMED:
        return paras
    out = []
    for para, timed in zip(paras, found, strict=True):
        if timed is not None and (timed.label is not None or timed.stamp.form != "bare"):
            para = _lifted(para, timed)
        out.append(_without_inline_times(para))
    return out


def _lifted(para: Para, timed: labels.TimedLabel) -> Para:
    """`[00:12:31] Anna: text` and `Anna (12:31): text` → `Anna: text`, started at 12:31."""
    text = para.text
    if timed.label is not None and timed.form != "before":
        rest = text[timed.end :].strip()
        text = f"{timed.label.name}: {rest}" if rest else f"{timed.label.name}:"
    else:
        text = text[timed.stamp.end :]
    return replace(para, text=text, md=_md_without(para.md, timed.stamp), start=timed.stamp.start)


def _md_without(md: str, stamp: labels.Stamp) -> str:
    """The Markdown with its first time removed: escaped brackets (`\\[00:12:31\\]`), the
    emphasis around a label (`**Anna** (12:31):`) and all."""
    written = re.escape(stamp.written)
    if stamp.form == "bare":
        pattern = rf"(?<![\d:]){written}(?:[ \t]*[-–—|])?[ \t]*"
    else:
        pattern = rf"[ \t]*\\?[\[(][ \t]*{written}[^\])\n]{{0,30}}?\\?[\])][ \t]*"
    found = re.search(pattern, md[:200])
    if found is None:
        return md
    before, after = md[: found.start()], md[found.end() :]
    if before.strip() and after.startswith(":"):
        return before.rstrip() + after  # "**Anna** (12:31): text" → "**Anna**: text"
    return (before + (" " if before.strip() and after else "") + after).strip()


def without_times(text: str) -> str:
    """`text` (plain or Markdown) without the times inside it: `[00:13:05]` goes, Rev's
    `[inaudible 00:00:32]` becomes `[inaudible]`."""
    if "[" not in text and "(" not in text:
        return text
    return _IN_TAG.sub(r"\1\2", _INLINE.sub("", text)).strip()


def _without_inline_times(para: Para) -> Para:
    text = without_times(para.text)
    return para if text == para.text else replace(para, text=text, md=without_times(para.md))
