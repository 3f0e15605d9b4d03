"""Classified paragraphs → a bundle: TOML metadata and a Markdown body (docs/bundle-format.md).

The body is written so the bundle parser rebuilds exactly the turns we decided: every turn
starts with a `KEY:` label of a speaker defined in `[speakers]`; a closing note after a turn
gets a `---` so it is not read as more of the answer; captions become image blocks, which do
not end a turn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin

from reader.core import labels
from reader.core.importer import toml_write
from reader.core.importer.classify import Outcome
from reader.core.importer.model import Decision, Meta, Para, Role
from reader.core.importer.rules import bio_name
from reader.core.importer.segment import escape_md
from reader.core.model import Speaker
from reader.core.sanitize import clean, clean_line
from reader.core.times import format_bundle_time, format_clock


@dataclass
class Bundle:
    slug: str
    toml: str
    body: str
    questions: int
    answers: int
    captions: int
    bylines: int
    speakers: dict[str, Speaker]  # the ones that speak


SLUG_MAX = 60


def slugify(title: str) -> str:
    """ "Oskar Vale: Forty Years" → "oskar-vale-forty-years" (ASCII, lower case, hyphens), cut
    at a word boundary to at most 60 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1].rsplit("-", 1)[0]
        slug = cut if "-" in slug[: SLUG_MAX + 1] else slug[:SLUG_MAX]
    return slug.strip("-") or "interview"


def build(outcome: Outcome) -> Bundle:
    meta = outcome.meta
    body, counts, speaking = _body(outcome)
    bylines = _bylines(outcome.rows(), meta)
    top: dict = {"title": meta.title}
    for field in ("dek", "publication", "section"):
        if getattr(meta, field):
            top[field] = getattr(meta, field)
    if meta.published:
        top["published"] = toml_write.Date(meta.published)
    for field in ("url", "language"):
        if getattr(meta, field):
            top[field] = getattr(meta, field)
    if meta.tags:
        top["tags"] = list(meta.tags)
    if meta.duration is not None:
        top["duration"] = format_clock(meta.duration, hours=True)
    tables: list[tuple[str, dict]] = []
    if any(bio for _, bio in bylines):
        for name, bio in bylines:
            tables.append(("[byline]", {"name": name, **({"bio": bio} if bio else {})}))
    elif len(bylines) == 1:
        top["byline"] = bylines[0][0]
    elif bylines:
        top["byline"] = [name for name, _ in bylines]
    speakers = {k: s for k, s in outcome.speakers.items() if k in speaking}
    for key, speaker in speakers.items():
        table = {"name": speaker.name} if speaker.name and speaker.name != key else {}
        table["role"] = speaker.role
        if speaker.bio:
            table["bio"] = speaker.bio
        tables.append((f"speakers.{toml_write.key(key)}", table))
    top = {k: _clean(v) for k, v in top.items()}
    tables = [(n, {k: _clean(v) for k, v in t.items()}) for n, t in tables]
    return Bundle(
        slugify(meta.title),
        toml_write.document(top, tables),
        body,
        counts[Role.QUESTION],
        counts[Role.ANSWER],
        counts[Role.CAPTION],
        len(bylines),
        speakers,
    )


def single_file(bundle: Bundle) -> str:
    return f"+++\n{bundle.toml}+++\n\n{bundle.body}"


def _clean(item):
    if isinstance(item, str):
        return clean_line(item) if "\n" not in item else clean(item)
    if isinstance(item, list):
        return [_clean(v) for v in item]
    return item


def _bylines(rows: list[tuple[Para, Decision]], meta: Meta) -> list[tuple[str, str]]:
    """(name, bio) for the writers: names from metadata, "By" lines and a name alone after the
    last answer; bios from closing notes."""
    out = {name: "" for name in meta.authors}
    for para, decision in rows:
        if decision.role != Role.BYLINE:
            continue
        name = bio_name(para.text)
        if name:
            known = next((n for n in out if n.split()[-1] == name.split()[-1]), name)
            out[known] = clean(para.text)
        elif para.words <= 4 and not any(_same_person(para.text, n) for n in out):
            out[para.text] = ""
    return list(out.items())


def _same_person(a: str, b: str) -> bool:
    return a.split()[-1:] == b.split()[-1:]


def _body(outcome: Outcome) -> tuple[str, dict[Role, int], set[str]]:
    speakers = outcome.speakers
    known = {k.casefold() for k in speakers} | {s.name.casefold() for s in speakers.values()}
    out: list[str] = []
    counts: dict[Role, int] = {Role.QUESTION: 0, Role.ANSWER: 0, Role.CAPTION: 0}
    speaking: set[str] = set()
    open_turn = ""  # speaker key of the turn the next unlabelled paragraph would continue
    for para, decision in outcome.rows():
        role = decision.role
        if role in (Role.QUESTION, Role.ANSWER):
            if decision.new_turn or decision.speaker != open_turn:
                out.append(f"{_time(para)}{decision.speaker}: {_md(para, first=True)}")
                counts[role] += 1
                speaking.add(decision.speaker)
            else:
                out.append(_guard(_md(para), para.text, known, para.kind))
            open_turn = decision.speaker
        elif role == Role.CAPTION:
            counts[Role.CAPTION] += 1
            out.append(_image(para, outcome.meta.url))
        elif role == Role.HEADING:
            out.append(f"{'#' * max(1, min(para.level or 3, 6))} {para.md}")
            open_turn = ""
        elif role == Role.NARRATION:
            if open_turn and para.start is None:
                out.append("---")  # a timed paragraph ends the turn by itself
            open_turn = ""
            out.append(_time(para) + _guard(_md(para), para.text, known, para.kind))
    return "\n\n".join(clean(block) for block in out) + "\n", counts, speaking


def _time(para: Para) -> str:
    """`[00:12:31] ` before a timed turn or narration paragraph (docs/bundle-format.md)."""
    return f"[{format_bundle_time(para.start)}] " if para.start is not None else ""


def _md(para: Para, first: bool = False) -> str:
    """The paragraph as Markdown; a turn's first paragraph loses its label and the bold or
    heading style that marked it as a question."""
    md = para.md
    if first:
        md = _strip_label(para)
        if "bold" in para.styles and md.startswith("**") and md.endswith("**"):
            md = md[2:-2].strip()
        return md
    if para.kind == "quote":
        return f"> {md}"
    if para.kind == "list":
        return f"- {md}"
    if para.kind == "code":
        fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", md)), default=0) + 1)
        return f"{fence}\n{md}\n{fence}"
    return md


def _strip_label(para: Para) -> str:
    if para.label:
        return para.md
    found = labels.speaker_label(para.text) or labels.bare_initials(para.text)
    if not found:
        return para.md
    stripped = labels.strip_label_md(para.md, found.name)
    return stripped if stripped is not None else escape_md(para.text[found.end :])


def _guard(md: str, text: str, known: set[str], kind: str) -> str:
    """A paragraph that is not a turn's start but begins like a label (`NOTE: …`, `**Aside:**`,
    a speaker's name and a colon) would start a turn when the bundle is read; escaping the
    colon (`NOTE\\: …`, see docs/bundle-format.md) keeps it ordinary text; so does escaping
    the bracket of a paragraph that starts like a time (`\\[3:16] …`)."""
    if kind == "p" and md.startswith("[") and labels.stamp(text):
        md = "\\" + md  # "[3:16] …" is text, not a time
    found = labels.candidate(text)
    if kind not in ("p", "heading") or not found:
        return md
    label = found[0]
    if not (label.casefold() in known or labels.is_shouted(label) or md.startswith(("**", "__"))):
        return md
    colon = md.find(":")
    return md[:colon] + "\\" + md[colon:] if colon >= 0 else md


def _image(para: Para, base: str) -> str:
    file = para.image
    if file.startswith("data:") or not file:
        file = ""  # a caption alone: the bundle format allows `![caption]()`
    elif base and not re.match(r"[a-z][a-z0-9+.-]*:", file):
        file = urljoin(base, file)
    title = f' "{escape_title(para.credit)}"' if para.credit else ""
    # `<>` is CommonMark's empty destination: `( "credit")` alone would not be a picture
    dest = "<" + file.replace("<", "%3C").replace(">", "%3E") + ">" if file or title else ""
    return f"![{escape_md(para.text, brackets=True)}]({dest}{title})"


def escape_title(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
