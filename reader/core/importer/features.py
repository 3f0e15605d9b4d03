"""Scored evidence for the sequence model, each piece named so a warning can say it:

- *question features*: the log-odds that a paragraph asks (ends with '?', short, opens with
  "How…", bold like the other questions…); a statement can be a question too, so "no '?'"
  counts against it only a little;
- *change evidence*: the log-odds that a paragraph is said by someone other than whoever said
  the paragraph before — a reply opener ("Yes, …", "No.", "Well, …", "That's right") says a
  new speaker answers what was just said, which also makes a statement before it ("That must
  have been hard.") a question. The sequence model adds it to the score of changing sides and
  takes it from the score of staying.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.importer.model import Para
from reader.core.importer.rules import ends_with_question, is_interjection

_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z])")  # a sentence ends, another starts
_OPENERS = frozenset(
    """what what's why how how's when where who who's whom whose which do does did is isn't are
    aren't was wasn't were weren't can can't could couldn't would wouldn't should will won't
    have haven't has hasn't had don't doesn't didn't tell talk describe explain walk say let's
    shall may might""".split()
)
# The first words of a reply: an answer to what was just said, by someone else.
_REPLY = re.compile(
    r"^[\"“‘]?(?:yes|no|yeah|yep|nope|nah|right|well|sure|exactly|absolutely|definitely|"
    r"certainly|indeed|of course|not really|not at all|not exactly|oh|ah|ha|hmm|honestly|"
    r"that's (?:right|true|it|fair)|that’s (?:right|true|it|fair)|it (?:is|was|does|did)|"
    r"i (?:do|did|am|was|think so|don't know|don’t know))\b[,.!—–;:]",
    re.I,
)
REPLY_WEIGHT = 1.5


@dataclass(frozen=True)
class Feature:
    name: str  # said in a warning: "no '?'", "short"
    weight: float  # log-odds toward "question" (or toward "a new speaker", for change)


@dataclass(frozen=True)
class Context:
    before_first_question_mark: bool = False
    next_words: int = 0
    previous_words: int = 0
    question_style: str = ""  # a mark the piece's questions share ("bold", "tag:h3")


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
    if is_interjection(para):
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
        if ctx.question_style in para.looks:
            out.append(Feature(f"{name} like the other questions", 5.0))
        else:
            out.append(Feature(f"not {name} like the questions", -3.0))
    return out


def change_features(para: Para) -> list[Feature]:
    """Evidence that `para` is said by someone other than the speaker of the paragraph before."""
    if _REPLY.match(para.text) and not ends_with_question(para.text[:40]):
        opener = re.split(r"[,.!—–;:]", para.text, maxsplit=1)[0].strip('"“‘ ')
        return [Feature(f"opens with the reply '{opener}'", REPLY_WEIGHT)]
    return []
