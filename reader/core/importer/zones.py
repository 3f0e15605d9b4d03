"""The first classifying stage: where each paragraph sits on the page, and what the paragraphs
that are recognisable by themselves are.

    chrome   site furniture the extractor or a fixed rule spotted (share boxes, kickers)
    header   the top: headline (not a site name above it), standfirst, date, byline
    body     the interview and its introduction; section headings and subheadings, captions
             and pull quotes inside it are decided here, everything else is left to labels
             and the sequence model
    tail     the end of the page after the last answer: a byline alone and its bio, closing
             notes, short link titles, "Comments", "… powered by …"

The header is read from the top down, the tail from the bottom up; both stop at the first
paragraph that reads as running text. Nothing here looks at speakers: labels come next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from reader.core import labels
from reader.core.importer import rules
from reader.core.importer.datelines import from_words
from reader.core.importer.model import SOFT_CHROME, Decision, Meta, Para, Role
from reader.core.importer.names import person

Zone = Literal["chrome", "header", "body", "tail"]
HEADER_SIZE = 8  # paragraphs at most, not counting chrome, before the body must have begun
_INTRODUCED = re.compile(
    r"\b(?P<how>(?i:hosts?|hosted by|moderated by|presented by|presenters?))\s+(?P<names>"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+(?:(?:,\s*|\s+and\s+)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)*)"
)
_INTRODUCING = re.compile(r"(an? |the )?(interview|conversation|talk|chat)s? with\b", re.I)
_IN_BRACKETS = re.compile(r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s*\((?P<role>[\w ]+)\)")
_FIELD = re.compile(r"[*_]*([A-Z][\w’' ]{0,20}?)[*_]*:[*_]*\s+(.+)")


@dataclass(frozen=True)
class Zoned:
    paras: list[Para]  # as read, but question-headings made paragraphs and credits split off
    zones: list[Zone]
    fixed: dict[int, Decision]  # paragraph index → what it is by itself or by where it sits
    meta: Meta
    introduced: dict[str, str]  # folded name → role, as the introduction states it
    named: dict[str, str]  # folded role word → the person a field gives ("interviewer" → …)


def zone(paras: list[Para], meta: Meta, stem: str = "") -> Zoned:
    paras = _questions_as_paragraphs(paras)
    fixed: dict[int, Decision] = {}
    for i, para in enumerate(paras):
        found = rules.fixed_role(para)
        if found:
            fixed[i] = Decision(found[0], (found[1],))
            if found[0] == Role.CAPTION and not para.credit:
                text, credit = rules.split_credit(para.text)
                paras[i] = replace(para, text=text, credit=credit)
    header, meta = _header(paras, fixed, meta, stem)
    fixed |= header
    tail = _tail(paras, fixed)
    fixed |= tail
    first_body = max(header, default=-1) + 1
    last_body = min(tail, default=len(paras))
    fixed |= _body(paras, fixed, range(first_body, last_body))
    zones: list[Zone] = []
    for i, para in enumerate(paras):
        if para.chrome:
            zones.append("chrome")
        elif i in header or i < first_body:
            zones.append("header")
        elif i >= last_body:
            zones.append("tail")
        else:
            zones.append("body")
    introduced, named = _introduced(paras, zones)
    return Zoned(paras, zones, fixed, meta, introduced, named)


def _decide(role: Role, reason: str) -> Decision:
    return Decision(role, (reason,))


def _questions_as_paragraphs(paras: list[Para]) -> list[Para]:
    """Some pages set every question as a heading (`<h3>Why maps?</h3>`): when most headings of
    one level end with '?', they are questions (marked by their tag), not sections."""
    by_level: dict[int, list[int]] = {}
    for i, para in enumerate(paras):
        if para.kind == "heading" and not para.chrome:
            by_level.setdefault(para.level, []).append(i)
    out = list(paras)
    for level, heads in by_level.items():
        asking = sum(rules.ends_with_question(paras[i].text) for i in heads)
        if len(heads) >= 3 and asking >= len(heads) / 2:
            for i in heads:
                out[i] = replace(paras[i], kind="p", tag=f"h{level}")
    return out


# -- the header ----------------------------------------------------------------------------------
def _header(
    paras: list[Para], fixed: dict[int, Decision], meta: Meta, stem: str
) -> tuple[dict[int, Decision], Meta]:
    """Headline, standfirst, date and byline at the top. The extractor may have called these
    chrome; at the top of the page that verdict is overruled when it was only a guess."""
    known = {_fold(t) for t in (meta.title, meta.dek) if t}
    top = [
        i
        for i, p in enumerate(paras)
        if not (p.chrome and p.chrome not in SOFT_CHROME and i in fixed)
    ]
    out: dict[int, Decision] = {}
    headline = -1
    authors = list(meta.authors)
    updates: dict[str, Any] = {}
    chosen, above = (-1, []) if meta.title else _choose_headline(paras, top, fixed, authors)
    for i in above:
        out[i] = _decide(Role.BOILERPLATE, "above the headline: a site's name, a menu or a section")
    title_at = _repeated_title(paras, top, meta.title)
    seen = 0
    for pos, i in enumerate(top):
        if i in above:
            continue
        para, already = paras[i], fixed.get(i)
        role = already.role if already else None
        if seen >= HEADER_SIZE or "fields" in para.styles:
            break
        seen += role != Role.BOILERPLATE
        after_i = top[pos + 1] if pos + 1 < len(top) else -1
        after = paras[after_i] if after_i >= 0 else None
        if role == Role.BYLINE:
            authors += [n for n in rules.byline_names(para.text) if n not in authors]
            continue
        if role == Role.BOILERPLATE and not para.chrome and rules.date_line(para):
            role = None  # "Posted in Interviews on 3 May 2023": furniture, but the date line
        if role in (Role.CAPTION, Role.NARRATION) or (role == Role.BOILERPLATE and not para.chrome):
            if role == Role.BOILERPLATE and rules.kicker(para.text) and headline < 0 and not known:
                headline = i
                out[i] = _decide(Role.TITLE, "the headline, after its kicker")
                updates["title"] = para.text.split(":", 1)[1].strip()
            continue
        if _fold(para.text) in known:
            out[i] = _decide(Role.TITLE, "repeats the page's title or standfirst")
            headline = i if _fold(para.text) == _fold(meta.title) else headline
        elif "dek" in para.styles and para.words <= 60:
            out[i] = _decide(Role.TITLE, "the standfirst (its element says so)")
            updates.setdefault("dek", para.text)  # the page's own, over a teaser in metadata
        elif rules.date_line(para):
            updates.setdefault("published", meta.published or from_words(para.text))
            written = rules.byline_names(para.text)
            authors += [n for n in written if n not in authors]
            by = any(name in para.text for name in authors)
            out[i] = _decide(Role.BYLINE if by else Role.TITLE, "the date line")
        elif para.chrome and rules.byline_names(para.text) and para.words <= 14:
            out[i] = _decide(Role.BYLINE, "a 'By …' line")
            authors += [n for n in rules.byline_names(para.text) if n not in authors]
        elif headline < 0 and meta.title and _above_headline(para, after, meta):
            out[i] = _decide(Role.BOILERPLATE, "a kicker or the site's name above the headline")
        elif headline < 0 and i < title_at and not para.chrome and _section_word(para):
            out[i] = _decide(Role.BOILERPLATE, "a section's name above the headline")
        elif i == chosen:
            headline = i
            out[i] = _decide(Role.TITLE, "the headline at the top")
            updates["title"] = _without_kicker(para.text)
        elif headline >= 0 and i == _next(top, headline) and _dek(para):
            out[i] = _decide(Role.TITLE, "the standfirst under the headline")
            updates.setdefault("dek", meta.dek or para.text)
        elif (
            headline >= 0 and i == _next(top, headline) and _standfirst(para, after_i, paras, fixed)
        ):
            # kept in the body: plain text cannot tell a standfirst from a first paragraph
            out[i] = _decide(Role.NARRATION, "between the headline and the byline")
        elif headline >= 0 and _byline_alone(para, authors):
            out[i] = _decide(Role.BYLINE, "a name alone under the headline")
            authors.append(para.text)
        elif para.words <= 10 and not _turn_like(para) and _led_by(para, authors):
            out[i] = _decide(Role.BYLINE, "the writer's name, first on a short line")
        elif not para.chrome:
            break
    if not meta.title and "title" not in updates:
        updates["title"] = " ".join(re.split(r"[-_\s]+", stem)).strip().capitalize() or "Untitled"
    return out, replace(meta, authors=tuple(authors), **updates)


def _next(top: list[int], index: int) -> int:
    pos = top.index(index)
    return top[pos + 1] if pos + 1 < len(top) else -1


def _above_headline(para: Para, after: Para | None, meta: Meta) -> bool:
    """A section kicker or the site's name on the line above the page's own title."""
    if after is None or para.kind == "heading" or para.words > 4:
        return False
    return not rules.ends_a_sentence(para.text) and _fold(after.text) == _fold(meta.title)


def _repeated_title(paras: list[Para], top: list[int], title: str) -> int:
    """Where the page repeats its metadata's title near the top (its `<h1>`), or -1."""
    if not title:
        return -1
    folded = _fold(title)
    own = [i for i in top if not paras[i].chrome][: 2 * HEADER_SIZE]
    return next((i for i in own if _fold(paras[i].text) == folded), -1)


def _section_word(para: Para) -> bool:
    """ "Interviews", "INTERVIEWS": a word or two without end punctuation, a section's name
    or a menu item left above the headline."""
    return (
        para.kind == "p"
        and para.words <= 3
        and not para.label
        and "?" not in para.text
        and not rules.ends_a_sentence(para.text)
        and labels.speaker_label(para.text) is None
    )


def _colon_headline(para: Para) -> bool:
    head, colon, rest = para.text.partition(":")
    return bool(colon) and len(head.split()) <= 5 and rules.title_case(rest)


def _choose_headline(
    paras: list[Para], top: list[int], fixed: dict[int, Decision], authors: list[str]
) -> tuple[int, list[int]]:
    """(the headline, the title-like lines above it) among the title-like lines the page
    opens with, when no metadata names the title. A heading wins; otherwise the line that
    reads most like a headline — the longest, a 'Words: More Words' or quoted one — over
    site names, menus and sections ("Northern Frame", "World Business Culture", "Culture"),
    which are short and often named again further down ("… powered by Northern Frame")."""
    run: list[int] = []
    for i in top:
        decided = fixed.get(i)
        if (
            decided is not None
            and decided.role == Role.BOILERPLATE
            and not rules.kicker(paras[i].text)
        ):
            continue
        if decided is not None and not rules.kicker(paras[i].text):
            break
        para = paras[i]
        if not _looks_like_title(para, len(paras)) or "fields" in para.styles:
            break
        if rules.date_line(para) or _led_by(para, authors):
            break  # the byline and date come under the headline
        run.append(i)
    if not run:
        return -1, []
    heads = [i for i in run if paras[i].kind == "heading"]
    if heads:
        return heads[0], []

    def score(i: int) -> float:
        para = paras[i]
        later = " ".join(_fold(p.text) for p in paras[run[-1] + 1 :])
        named_again = (para.words >= 2 or para.text.isupper()) and _fold(para.text) in later
        return (
            min(para.words, 15)
            + 4 * (_colon_headline(para) or bool(re.search(r"[\"“‘']\w", para.text)))
            - 10 * bool(_INTRODUCING.match(para.text))
            - 5 * bool(para.styles & {"bold", "italic"})
            - 10 * named_again
        )

    best = max(run, key=lambda i: (score(i), -i))
    return best, [i for i in run if i < best]


def _looks_like_title(para: Para, total: int) -> bool:
    """A heading, or a short line without end punctuation at the top. A label at its head does
    not make it a turn when what follows the colon is itself a headline ("Long Light: Ingrid
    Solberg on Filming")."""
    if para.kind == "heading":
        return True
    if total < 4 or para.words > 20 or para.label:
        return False
    text = rules.core_text(para.text)
    if text.endswith((".", "!", "…", ":", ";", ",")):
        return False
    found = labels.speaker_label(para.text)
    return found is None or not rules.ends_a_sentence(para.text[found.end :])


def _without_kicker(text: str) -> str:
    return text.split(":", 1)[1].strip() if rules.kicker(text) else text


def _standfirst(para: Para, after: int, paras: list[Para], fixed: dict[int, Decision]) -> bool:
    """A sentence or two between the headline and a byline or date line below it."""
    if after < 0 or para.words > 60 or "?" in para.text or para.label:
        return False
    below = fixed.get(after)
    return (below is not None and below.role == Role.BYLINE) or bool(rules.date_line(paras[after]))


def _led_by(para: Para, authors: list[str]) -> bool:
    """ "Rhian Dale · 3 min read": a short line that opens with a writer's name."""
    return any(re.match(rf"{re.escape(a)}\b", para.text) for a in authors if a)


def _byline_alone(para: Para, authors: list[str]) -> bool:
    """A name alone under the headline: the writer's (a bold Title-Case line is a subheading,
    unless the metadata names that writer)."""
    if not rules.person_alone(para.text) or para.words > 4:
        return False
    return para.text in authors or not _subheading(para)


def _dek(para: Para) -> bool:
    marked = para.styles & {"italic", "bold", "header", "dek"}
    return bool(marked) and para.words <= 50 and "?" not in para.text and not _subheading(para)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text).casefold().split())


# -- the tail --------------------------------------------------------------------------------------
def _tail(paras: list[Para], fixed: dict[int, Decision]) -> dict[int, Decision]:
    """From the bottom up. First the page's own end: the earliest line that opens it
    ("Related", "Comments", "Share this:", "… powered by …") with nothing after it but short
    lines, names and bios — everything from there on is furniture, link titles with a '?'
    included. Then, above it, while paragraphs read as the end of a piece rather than as
    speech: a name alone, a bio, a closing note, a short line without end punctuation."""
    out: dict[int, Decision] = {}
    opener = len(paras)
    for i in range(len(paras) - 1, -1, -1):
        para = paras[i]
        decided = fixed.get(i)
        if rules.tail_opener(para.text) and para.words <= 8:
            opener = i
        short = para.words <= 12 and not _turn_like(para)
        ends = rules.bio_name(para.text) or rules.credits_line(para.text)
        if not (short or ends or (decided and decided.role != Role.TITLE)):
            break
    for i in range(opener, len(paras)):
        if i in fixed and (fixed[i].role in (Role.CAPTION, Role.BYLINE) or paras[i].chrome):
            continue
        role = Role.BYLINE if rules.bio_name(paras[i].text) else Role.BOILERPLATE
        reason = "site furniture" if i == opener else f"after '{paras[opener].text}'"
        out[i] = _decide(role, f"{reason} at the end of the page")
    for i in range(opener - 1, -1, -1):
        found = fixed.get(i) or _tail_like(paras[i])
        if found is None:
            break
        out[i] = found
    return out


def _turn_like(para: Para) -> bool:
    """Labelled speech: a label, and a sentence after it (`Kirin Oda: "I Write for the Dead"`
    and "Episode 19: Who Plants the Roundabouts?" are link titles, not turns)."""
    found = labels.speaker_label(para.text)
    if para.label:
        return True
    rest = para.text[found.end :] if found is not None else ""
    heading = len(rest.split()) >= 3 and rules.title_case(rest)
    return found is not None and rules.ends_a_sentence(rest) and not heading


def _tail_like(para: Para) -> Decision | None:
    text = para.text
    if para.kind == "p" and rules.credits_line(text):
        return _decide(Role.BOILERPLATE, "the programme's credits after the last turn")
    if _turn_like(para) or para.kind != "p":
        return None
    if rules.person_alone(text) and para.words <= 4:
        return _decide(Role.BYLINE, "a name alone after the last answer")
    if rules.bio_name(text):
        return _decide(Role.BYLINE, f"a note on {rules.bio_name(text)} after the last answer")
    if rules.closing_note(para):
        return _decide(Role.NARRATION, f"{rules.closing_note(para)} after the last answer")
    if para.words <= 12 and not rules.ends_a_sentence(text) and "?" not in text:
        return _decide(Role.BOILERPLATE, "a short line after the last answer (a link or a label)")
    return None


# -- the body --------------------------------------------------------------------------------------
def _body(paras: list[Para], fixed: dict[int, Decision], span: range) -> dict[int, Decision]:
    out: dict[int, Decision] = {}
    seen: list[str] = []
    for i in span:
        para = paras[i]
        folded = _fold(para.text)
        if i in fixed:
            pass
        elif para.kind == "heading":
            out[i] = _decide(Role.HEADING, "a heading")
        elif _subheading(para) and i + 1 < len(paras):
            out[i] = _decide(
                Role.HEADING, "a short Title-Case line set apart, without end punctuation"
            )
        elif para.words >= 8 and any(folded in earlier for earlier in seen):
            out[i] = _decide(Role.BOILERPLATE, "repeats an earlier paragraph (a pull quote)")
        seen.append(folded)
    return out


def _subheading(para: Para) -> bool:
    return (
        bool(para.styles & {"bold", "italic"})
        and para.kind == "p"
        and para.words <= 10
        and "?" not in para.text
        and not rules.ends_a_sentence(para.text)
        and not rules.core_text(para.text).endswith((":", ",", ";"))
        and rules.title_case(para.text)
        and labels.speaker_label(para.text) is None
        and not para.label
    )


# -- who the piece says is who ---------------------------------------------------------------------
def _introduced(paras: list[Para], zones: list[Zone]) -> tuple[dict[str, str], dict[str, str]]:
    """Who the introduction says is who: roles of people ("Hosts Nadia Brook and Sam Okoro",
    "Nora Hollis (moderator)") and people for role words (`Interviewer: Beth Arnold` in a block
    of fields, which names the `Interviewer:` speaker)."""
    roles: dict[str, str] = {}
    named: dict[str, str] = {}
    for para, where in zip(paras, zones, strict=True):
        if where == "tail" and rules.credits_line(para.text):
            hosts = [
                f
                for f in _INTRODUCED.finditer(para.text)
                if f.group("how").lower() != "moderated by"
            ]
            runs = [person(r) for f in hosts for r in re.split(r",\s*|\s+and\s+", f.group("names"))]
            if len(runs) == 1 and runs[0]:  # "Hosted by Owen Marsh." names the `Host:` label
                named.setdefault("host", runs[0])
            continue
        if where not in ("header", "body"):
            continue
        if "fields" in para.styles:
            for line in para.md.split("\\\n"):
                found = _FIELD.fullmatch(line.strip())
                if not found:
                    continue
                key, value = found.group(1), found.group(2).strip("*_ ")
                role = labels.role_of(key)
                if role:
                    roles.setdefault(labels.fold(value), role)
                    named.setdefault(labels.fold(key), value)
            continue
        if para.label:
            continue  # a turn, not the introduction
        for found in _IN_BRACKETS.finditer(para.text):
            role = labels.role_of(found.group("role").strip())
            name = person(found.group("name"))
            if role and name:
                roles.setdefault(labels.fold(name), role)
        for found in _INTRODUCED.finditer(para.text):
            role = "moderator" if found.group("how").lower().startswith("moderated") else "host"
            for run in re.split(r",\s*|\s+and\s+", found.group("names")):
                if person(run):
                    roles.setdefault(labels.fold(person(run)), role)
    return roles, named
