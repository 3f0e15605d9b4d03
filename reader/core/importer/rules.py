"""Paragraph rules, each small and named, so every decision can be explained.

Two kinds: *fixed* rules recognise what a paragraph is by itself (a caption, a "By …" line,
"Share this article"); *scored* features give the log-odds that a paragraph is a question
(ends with '?', short, opens with "How…", bold like the other questions…), which the sequence
model in `classify` weighs against its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.importer.model import BOILERPLATE, BYLINE, CAPTION, NARRATION, Para

_CLOSERS = " \t\"'”’»)]*_"
# Credit words are matched with their capital ("Credit:", "Courtesy"): lower-case "credit" or
# "courtesy" is ordinary speech.
_CAPTION = re.compile(
    r"^(?:[Pp]hoto(?:graph|graphy)?s?|[Ii]llustration|Image|Picture|Pictured|Credit|Above|Top"
    r"|Left|Right)(?:\s+by)?\s*[:|]"
    r"|\b(?:[Pp]hoto(?:graph)?s?|[Pp]hotography|[Ii]llustration|Credit|Image)(?:\s+by)?\s*:"
    r"|\((?:[Pp]hoto|[Pp]hotograph|[Ii]llustration|Credit|Courtesy)\b"
    r"|\bCourtesy\b|\bCOURTESY\b|Getty Images|/\s?(?:AP|AFP|Reuters|Getty)\b|©"
)
_CREDIT = re.compile(
    r"\s*[(\[]?((?:[Pp]hoto(?:graph|graphy)?s?|[Ii]llustration|Image|Credit|Courtesy)\b.*?)"
    r"[)\]]?\.?$"
)
_BOILER = re.compile(
    r"^(advertisement|advert|sponsored( content)?|share( this( article| story| interview)?)?|"
    r"(share|post) on \w+|tweet|copy link|subscribe( now| today)?|"
    r"sign up (for|to) .*(newsletter|updates|e-?mails?).*|(read|see) (more|also)\s*(:.*)?|"
    r"related( stories| articles| reading| content| coverage)?\s*(:.*)?|"
    r"continue reading|skip to (main )?content|(this (site|website)|we) uses? cookies\b.*|"
    r"accept( all)?( cookies)?|most (read|popular)|recommended( for you)?|"
    r"(follow|like) us on .*|comments?( \(\d+\))?|back to top|"
    r"listen to (this|the) (article|story|interview).*|(leave|add) a comment|"
    r"(get|sign up for) (the|our) .*newsletter.*)\W*$",
    re.I,
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Za-z][\w.'’-]+){1,3}"
_BY = re.compile(
    r"^(?:(?i:as told to)|(?:(?i:interview(?:ed)?|words|text|story|conversation|edited|compiled)"
    rf"\s+)?(?i:by))\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\W*$"
)
_EDIT_NOTE = re.compile(
    r"\b(this (interview|conversation|transcript) (has been|was|is)|"
    r"(has|have) been (lightly |slightly )?(edited|condensed)|edited (and condensed )?for "
    r"(length|clarity|brevity))",
    re.I,
)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|da|van|von|der|la|le)){1,3})"
    r"\s+((is|was) (an?|the|also|currently|based|now)\b|writes\b|has written\b|teaches\b"
    r"|lives\b|edits\b|covers\b|works (as|at|for|in)\b)"
)
_CREDIT_LINE = re.compile(
    rf"^(?P<subject>{_NAME}) (?:was )?(?:talking|talked|speaking|spoke|in conversation) "
    rf"(?:to|with) (?P<names>{_NAME})\W*$"
)
_STAGE_ONLY = re.compile(r"^[(\[][^()\[\]]{1,40}[)\]]\W*$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z])")  # a sentence ends, another starts
_OPENERS = frozenset(
    """what what's why how how's when where who who's whom whose which do does did is isn't are
    aren't was wasn't were weren't can can't could couldn't would wouldn't should will won't
    have haven't has hasn't had don't doesn't didn't tell talk describe explain walk say let's
    shall may might""".split()
)
_INTERJECTIONS = frozenset(
    """right sure yes yeah yep okay ok mm mm-hmm mhm uh-huh hmm hm really wow exactly absolutely
    interesting true indeed oh ah amazing fascinating wonderful great fair enough got it i see of
    course go on no kidding totally""".split()
)
_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? "
    r"\d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})\b",
    re.I,
)


def core_text(text: str) -> str:
    return text.rstrip(_CLOSERS)


def ends_with_question(text: str) -> bool:
    return core_text(text).endswith("?")


def fixed_role(para: Para) -> tuple[str, str] | None:
    """(role, reason) when the paragraph is recognisable by itself, else None."""
    if para.chrome:
        return BOILERPLATE, para.chrome
    if para.kind in ("caption", "image"):
        return CAPTION, "a figure caption" if para.kind == "caption" else "a picture"
    words = para.words
    if words <= 40 and _CAPTION.search(para.text) and not ends_with_question(para.text):
        return CAPTION, "reads like a photo caption or credit"
    if words <= 25 and _BOILER.match(para.text) and not ends_with_question(para.text):
        return BOILERPLATE, "site furniture (sharing, newsletter, related links)"
    if words <= 14 and _BY.match(para.text):
        return BYLINE, "a 'By …' line"
    if words <= 16 and _CREDIT_LINE.match(para.text):
        return BYLINE, "an '… was talking to …' credit line"
    if words <= 60 and _EDIT_NOTE.search(para.text):
        return NARRATION, "an editor's note about the interview"
    return None


def byline_names(text: str) -> list[str]:
    found = _BY.match(text) or _CREDIT_LINE.match(text)
    if not found:
        return []
    return [
        n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", found.group("names")) if n.strip()
    ]


def bio_name(para: Para) -> str:
    """The person a "Name is a critic…" paragraph describes, or ""."""
    found = _BIO.match(para.text) if para.words <= 90 else None
    return found.group("name") if found else ""


_PUBLICATION_NOTE = re.compile(
    r"\b(published by|is out (now|from|on)|out now|(is|are) available|produced by|co-production|"
    r"runs (at|until)|is on (at|until)|in cinemas|(is|will be) released|on sale)\b",
    re.I,
)
_POSSESSIVE_NAME = re.compile(r"^[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+[’']s\b")
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|me|my|we|our|us)\b")


def closing_note(para: Para, names: Iterable[str] = ()) -> str:
    """Why the paragraph reads as a closing note in the third person (a bio, where the book is
    published, who produced the show, "Name's new album…", or a sentence about someone the
    headline or introduction named, "Ada Rusk swims at seven"), or ""."""
    if _FIRST_PERSON.search(para.text) or para.words > 60:
        return ""
    for name in names:
        if len(name) > 2 and re.match(rf"{re.escape(name)}(?:[’']s)?\b", para.text):
            return f"names {name} in the third person"
    if bio_name(para):
        return f"a note on {bio_name(para)}"
    if _PUBLICATION_NOTE.search(para.text):
        return "a note on where the work appears"
    if _POSSESSIVE_NAME.match(para.text):
        return "names someone in the third person"
    return ""


def is_interjection(para: Para) -> bool:
    """ "Right.", "Mm-hmm", "I see": a short acknowledgement that asks nothing."""
    lowered = core_text(para.text).lower().strip(" .!,")
    return para.words <= 4 and lowered in _INTERJECTIONS and not ends_with_question(para.text)


def is_stage_only(para: Para) -> bool:
    """`(laughs)`, `[pause]`: a stage direction standing alone as a paragraph."""
    return bool(_STAGE_ONLY.match(para.text))


def date_line(para: Para) -> str:
    """The date in a short dateline ("March 1, 2024", "2 November 2023 · 14 min read")."""
    found = _DATE.search(para.text) if para.words <= 8 else None
    return found.group(1) if found else ""


def split_credit(text: str) -> tuple[str, str]:
    """ "Vale at his desk. Photo: Ines Calder" → ("Vale at his desk.", "Photo: Ines Calder")."""
    found = _CREDIT.search(text)
    if not found or found.start() == 0:
        return text, ""
    return text[: found.start()].strip(), found.group(1).strip()


@dataclass(frozen=True)
class Feature:
    name: str  # said in a warning: "no '?'", "short"
    weight: float  # log-odds toward "question"


@dataclass
class Context:
    before_first_question_mark: bool = False
    next_words: int = 0
    previous_words: int = 0
    question_style: str = ""  # a style the piece's questions share ("bold", "tag:h3")


def question_features(para: Para, ctx: Context) -> list[Feature]:
    """Evidence that `para` is a question rather than an answer or narration."""
    text = para.text
    words = para.words
    out: list[Feature] = []
    if ends_with_question(text) and len(_SENTENCE_END.findall(text)) >= 2:
        out.append(Feature("ends with '?' after several statements", 1.0))
    elif ends_with_question(text):
        out.append(Feature("ends with '?'", 3.0))
    elif "?" in text:
        out.append(Feature("has a '?' inside", 1.0))
    else:
        out.append(Feature("no '?'", -1.0))
    if words <= 6:
        out.append(Feature("very short", 1.5))
    elif words <= 30:
        out.append(Feature("short", 0.75))
    elif words > 120:
        out.append(Feature("very long", -3.0))
    elif words > 60:
        out.append(Feature("long", -1.5))
    first = re.sub(r"^\W+", "", text).split(" ", 1)[0].lower().strip(",.:;")
    if first in _OPENERS:
        out.append(Feature(f"opens with '{first}'", 1.0))
    lowered = core_text(text).lower().strip(" .!,")
    if words <= 4 and lowered in _INTERJECTIONS:
        out.append(Feature("an interjection", 1.0))
    if words <= 40 and re.search(r"\byou(r|rs|rself)?\b", text, re.I):
        out.append(Feature("says 'you'", 0.5))
    if ctx.next_words >= 3 * max(words, 1) and ctx.next_words >= 30:
        out.append(Feature("much shorter than the next paragraph", 0.5))
    if words >= 3 * max(ctx.previous_words, 1) and words >= 30:
        out.append(Feature("much longer than the paragraph before", -0.5))
    if ctx.before_first_question_mark:
        out.append(Feature("comes before any '?' in the piece", -1.5))
    if ctx.question_style:
        name = ctx.question_style.split(":")[-1]
        if ctx.question_style in para.styles:
            out.append(Feature(f"{name} like the other questions", 5.0))
        else:
            out.append(Feature(f"not {name} like the questions", -3.0))
    return out
