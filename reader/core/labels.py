"""The speaker-label grammar, shared by the bundle's body parser and `reader import`.

A label is the speaker's name (or a role word, or initials) at the head of a paragraph:

    Name: …     **Name:** …     **Name**: …     NAME: …     AB: …     Q: …     Q. …
    AB …        (initials without a colon, accepted only when they recur and fit a name)
    Name        (a label alone on its line, the speech on the next line)

Markdown emphasis is not part of the grammar: the body parser and the importer both match the
plain text (`**Name:**` and `**Name**:` read "Name:") and look at the emphasis separately.
The body parser only needs `candidate` (where a label would end) and `is_shouted`; it then
asks its speaker table. The importer needs to know whether a head *looks like a speaker*
(`speaker_label`, `label_alone`, `bare_initials`), whether it recurs (`recurring`), and which
labels are one speaker written two ways (`aliases`: "Full Name:" once, then "FN:").

Every form is matched from a `head` offset, so a time can stand before any of them: `stamp`
reads `[00:12:31]` (the bundle's form, docs/bundle-format.md), `[12:31–13:05]` with an end,
`(12:31)` and a bare `12:31` (transcript exports), and `timed_label` the whole opening of a
timed line — `[00:12:31] Name: …`, `Name (12:31): …`, `Name  12:31` — for the transcript
reader and the importer alike. Times themselves are read by reader.core.times.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from reader.core.times import CLOCK, parse_time

LabelKind = Literal["qa", "role", "initials", "caps", "name"]
LabelForm = Literal["colon", "dot", "bare", "alone"]

# Words that announce something other than a speaker ("Note:", "Photo:"); never labels.
NOT_LABELS = frozenset(
    """note notes update updated correction clarification disclosure warning spoiler photo
    photos photograph photography picture image illustration video audio credit credits
    caption source sources via related see also read more advertisement sponsored tags tag
    share listen watch subscribe transcript title date location place time translation
    translated ps p.s editors previously earlier later next top above below left right
    pictured main header contents chapter part section episode edited by plus exclusive
    update review recording duration participants panelists panellists present attendees
    speakers cast""".split()
) | {
    "editor's note",
    "editor’s note",
    "read more",
    "see also",
    "edited by",
    "main image",
    "top image",
    "photo caption",
    "image caption",
}
PARTICLES = frozenset(
    "de da del della di du dos das van von der den la le bin ibn al el ter y".split()
)
# A label that states a role by itself, and the role (docs/bundle-format.md) it gives.
ROLE_WORDS = {
    "q": "interviewer",
    "question": "interviewer",
    "interviewer": "interviewer",
    "host": "host",
    "moderator": "moderator",
    "a": "subject",
    "answer": "subject",
    "interviewee": "subject",
    "narrator": "subject",
    "respondent": "subject",
    "guest": "guest",
    "translator": "translator",
    "interpreter": "translator",
}

_CANDIDATE = re.compile(r"([^:\n]{1,60}?)\s*:(?:\s+|$)")
_SPEAKER = re.compile(r"([^:\n]{1,40}?)\s*:(?:\s+|$)")
_QA_DOT = re.compile(r"([QA])\.(?:\s+|$)")
_BARE = re.compile(r"([A-Z]{2,3})\s+(?=[\"“‘(]?[A-Z0-9])")
_SHOUTED = re.compile(r"[A-Z0-9][A-Z0-9 .'’\-]{0,29}")
_EMPHASIS = r"(?:\*\*|__)?"
_WORD_OK = re.compile(r"[^\W\d_][\w.'’-]*")


@dataclass(frozen=True)
class Label:
    """A speaker label found at the head of a paragraph."""

    name: str  # as written, white space collapsed: "Mara Ellison", "Q", "AD"
    kind: LabelKind
    form: LabelForm
    end: int  # offset in the text where the speech starts (the whole text for "alone")

    @property
    def fold(self) -> str:
        return fold(self.name)


def fold(label: str) -> str:
    """The form two labels are compared in: case and white space ignored."""
    return " ".join(label.split()).casefold()


# -- the forms -----------------------------------------------------------------------------------
def candidate(text: str, head: int = 0) -> tuple[str, int] | None:
    """(label, speech offset) for anything up to 60 characters before a colon and a space: the
    body parser's reading, where its speaker table (or emphasis, or capitals) decides."""
    found = _CANDIDATE.match(text, head)
    return (found.group(1).strip(), found.end()) if found else None


def is_shouted(label: str) -> bool:
    """`KIM`, `AD`, `DR. ADA RUSK`: capitals mark a label even when nobody declared it."""
    return bool(_SHOUTED.fullmatch(label)) and any(ch.isalpha() for ch in label)


def label_kind(label: str) -> LabelKind | None:
    """What a label looks like when it looks like a speaker: a role word (`Q`, `Interviewer`),
    initials (`AD`), capitals (`MARA ELLISON`) or a name (`Mara Ellison`, `de la Vega`)."""
    words = label.split()
    if not 1 <= len(words) <= 4 or fold(label) in NOT_LABELS:
        return None
    for i, word in enumerate(words):
        if i and (word.lower() in PARTICLES or word.isdigit()):
            continue  # "de la Vega"; "Speaker 2", as diarisation numbers its speakers
        if not _WORD_OK.fullmatch(word):
            return None
        if not word[0].isupper():
            return None
    if label in ("Q", "A"):
        return "qa"
    if fold(label) in ROLE_WORDS:
        return "role"
    compact = label.replace(".", "")
    if len(words) == 1 and compact.isupper() and 2 <= len(compact) <= 4:
        return "initials"
    if compact.isupper() and len(compact) > 1:
        return "caps"
    if len(words) == 1 and len(compact) == 1:
        return None  # "I:" or "B:" alone is too weak a sign
    return "name"


def speaker_label(text: str, head: int = 0) -> Label | None:
    """`Name: …`, `NAME: …`, `AB: …`, `Q: …` or `Q. …` when the head looks like a speaker."""
    found = _SPEAKER.match(text, head)
    form: LabelForm = "colon"
    if not found:
        found, form = _QA_DOT.match(text, head), "dot"
    if not found:
        return None
    name = " ".join(found.group(1).split())
    kind = label_kind(name)
    return Label(name, kind, form, found.end()) if kind else None


def bare_initials(text: str, head: int = 0) -> Label | None:
    """`KB Badly, on the first day.`: initials and no colon. Only a candidate — the importer
    accepts it when the same initials recur and fit a person the text names."""
    found = _BARE.match(text, head)
    return Label(found.group(1), "initials", "bare", found.end()) if found else None


def label_alone(text: str) -> Label | None:
    """The label when a whole line is one (`Q`, `MARA ELLISON`, `**Smith:**`), else None. A
    name without a colon counts only when short: a longer one reads as a heading."""
    bare = _unbold(text.strip())
    colon = bare.endswith(":")
    bare = _unbold(bare.rstrip(":").strip())
    kind = label_kind(bare)
    if not kind or (kind == "name" and not colon and len(bare.split()) > 3):
        return None
    return Label(bare, kind, "alone", len(text))


def _unbold(text: str) -> str:
    return re.sub(r"^(\*\*|__)(.*?)\1$", r"\2", text).strip()


def strip_label_md(md: str, label: str) -> str | None:
    """Inline Markdown without its leading label — `**Kim:** Well`, `**Kim**: Well`, `Kim:
    Well`, `KB Well` all give `Well` — or None when the label is not there."""
    words = r"\s+".join(re.escape(w) for w in label.split())
    pattern = rf"\s*{_EMPHASIS}\s*{words}\s*{_EMPHASIS}\s*[:.]?\s*{_EMPHASIS}\s*"
    found = re.match(pattern, md)
    if not found or not found.group(0).strip():
        return None
    rest = md[found.end() :]
    if rest.count("**") % 2:
        rest = "**" + rest
    return rest.strip()


def role_of(label: str) -> str:
    """The role a label states by itself (`Interviewer:` asks, `A:` answers), or ""."""
    return ROLE_WORDS.get(fold(label), "")


# -- recurrence and aliases ----------------------------------------------------------------------
def recurring(labels: Iterable[str], times: int = 2, few: int = 0) -> set[str]:
    """The folded labels used at least `times` times: a label that heads one paragraph may be
    anything ("Summer: it came late"); one that heads several is a speaker. A text with at
    most `few` labels in all is too short to tell: each of them counts."""
    counts = Counter(fold(label) for label in labels)
    if sum(counts.values()) <= few:
        return set(counts)
    return {label for label, n in counts.items() if n >= times}


def initials(name: str) -> str:
    """ "Ines Okafor" → "IO", "Gabriel de la Vega" → "GV" (particles skipped)."""
    words = [w for w in name.split() if w.lower() not in PARTICLES]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def short_forms(name: str) -> set[str]:
    """How a full name is shortened in later labels: its initials, its surname, its first name
    (folded). A one-word name has no short forms."""
    words = [w.strip(".") for w in name.split() if w.lower() not in PARTICLES]
    if len(words) < 2:
        return set()
    if words[0].casefold().rstrip(".") in {"dr", "mr", "mrs", "ms", "prof", "sir", "dame"}:
        words = words[1:]
    forms = {fold(words[-1]), fold(initials(" ".join(words)))}
    if len(words) >= 2:
        forms.add(fold(words[0]))
    return forms


def aliases(order: Sequence[str]) -> dict[str, str]:
    """{folded full label: folded short label} for a speaker labelled in full and then by a
    short form ("Ines Okafor:" … "IO:", "CALLUM LEE:" … "LEE:", "Rui Costa:" … "Costa:").

    `order` is the labels in document order. A full label aliases a short one when the short
    form follows it (the full name comes first), and only one full label shortens to that form
    (two people with the same initials keep their own labels)."""
    first: dict[str, int] = {}
    for i, label in enumerate(order):
        first.setdefault(fold(label), i)
    claims: dict[str, list[str]] = {}
    for full, at in first.items():
        for short in short_forms(full):
            if short in first and short != full and first[short] > at:
                claims.setdefault(short, []).append(full)
    out: dict[str, str] = {}
    for short, fulls in claims.items():
        if len(fulls) == 1 and fulls[0] not in out:
            out[fulls[0]] = short
    return out


# -- times ---------------------------------------------------------------------------------------
StampForm = Literal["square", "round", "bare"]
TimedForm = Literal["before", "after", "header"]

# Inside brackets, anything shaped like a time (digits, colons, a fraction) is read as one, so
# that `[00:75:00]` is a malformed time to report rather than an editor's insert; a bare time
# must be a real clock time, or it is just text ("10:30 in the morning"). A minus sign before
# the digits (`[-1:00]`) makes a negative time, reported as one, not text.
_LOOSE = r"[-\u2212]?\d[\d:.,]*"
_RANGE = r"[ \t]*(?:-->|[-–—])[ \t]*"
_STAMPS: dict[StampForm, str] = {
    "square": rf"\[[ \t]*(?P<start>{_LOOSE})(?:{_RANGE}(?P<until>{_LOOSE}))?[ \t]*\](?=\s|$)\s*",
    "round": rf"\([ \t]*(?P<start>{_LOOSE})(?:{_RANGE}(?P<until>{_LOOSE}))?[ \t]*\)(?=\s|$)\s*",
    "bare": rf"(?P<start>{CLOCK})(?:{_RANGE}(?P<until>{CLOCK}))?(?=[ \t]|$)\s*",
}


@cache
def _stamp_pattern(form: StampForm) -> re.Pattern[str]:
    """A form of stamp, compiled when first used: a bundle's body has square ones only, and
    the other forms and timed labels (below) serve the importers, not a start."""
    return re.compile(_STAMPS[form])


@cache
def _timed_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A name then a time (`Name (12:31):`), a name and a time alone (`Name  12:31`), and
    the dash between a time and a label."""
    name_then_time = re.compile(
        rf"(?P<name>[^\[\]():\n]{{1,40}}?)[ \t]*(?P<stamp>[\[(][ \t]*{CLOCK}[ \t]*[\])])[ \t]*"
        r":?(?:\s+|$)"
    )
    header = re.compile(rf"(?P<name>[^\[\]():\n]{{1,40}}?)[ \t]+(?P<time>{CLOCK})[ \t]*")
    return name_then_time, header, re.compile(r"[-–—|][ \t]*")


@dataclass(frozen=True)
class Stamp:
    """A time written at the head of a paragraph or line: `[00:12:31]`, `[12:31–13:05]` (with
    the time it ends), `(12:31)` or a bare `12:31`."""

    written: str  # the start as written: "00:12:31"
    start: float | None  # seconds; None when the written time is not one (see `problem`)
    until: float | None  # the end, when one is written and valid
    problem: str  # why the written time cannot be used ("" when it can)
    at: int  # offset of the stamp's first character
    time_at: int  # offset of the start time's first digit (where a diagnostic points)
    end: int  # offset after the stamp and the white space after it: a label or text begins
    form: StampForm


def stamp(text: str, head: int = 0, forms: Iterable[StampForm] = ("square",)) -> Stamp | None:
    """The time at `head` in one of `forms`, or None. A bracket holding digits and a colon is a
    stamp even when its time is wrong (`problem` says how); `[1899–1951]` is not one."""
    for form in forms:
        found = _stamp_pattern(form).match(text, head)
        if found is None or ":" not in found.group("start"):
            continue
        start, problem = _seconds(found.group("start"))
        until: float | None = None
        if found.group("until") and not problem:
            until, problem = _seconds(found.group("until"))
            if until is not None and start is not None and until < start:
                ends, starts = found.group("until"), found.group("start")
                problem = f"it ends ({ends}) before it starts ({starts})"
                until = None
        return Stamp(
            found.group("start"),
            start,
            until,
            problem,
            head,
            found.start("start"),
            found.end(),
            form,
        )
    return None


def _seconds(written: str) -> tuple[float | None, str]:
    try:
        return parse_time(written), ""
    except ValueError as exc:
        return None, str(exc)


@dataclass(frozen=True)
class TimedLabel:
    """A timed opening: the time, the speaker's label when one is written with it, and where
    the speech starts (`end`) — or would start if the label turns out to be no speaker's
    (`unlabelled`: right after the time, the would-be label kept as text)."""

    stamp: Stamp
    label: Label | None
    form: TimedForm  # time then label, label then time, or a name and a time alone
    end: int
    unlabelled: int


def timed_label(
    text: str, forms: Iterable[StampForm] = ("square", "round", "bare")
) -> TimedLabel | None:
    """The forms transcription tools write at the head of a line:

    - `before`: `[00:12:31] Name: text`, `(12:31) Name: text`, `00:12:31 - Name: text`, or a
      time alone before the text (`[12:31] text`);
    - `after`: `Name (12:31): text` or `Name [00:12:31]` with the text below (Rev);
    - `header`: `Name  12:31` alone on its line, the turn's text below it (Otter).
    """
    forms = tuple(forms)
    name_then_time, header_line, dash_after = _timed_patterns()
    found = stamp(text, 0, forms)
    if found is not None:
        head = found.end
        dash = dash_after.match(text, head) if found.end < len(text) else None
        after = dash.end() if dash else head
        label = speaker_label(text, after)
        if label is not None:
            return TimedLabel(found, label, "before", label.end, head)
        return TimedLabel(found, None, "before", head, head)
    named = name_then_time.match(text)
    if named is not None:
        inner = stamp(named.group("stamp") + " ", 0, ("square", "round"))
        label = _named(named.group("name"), named.end())
        if inner is not None and label is not None:
            at = named.start("stamp")
            moved = Stamp(
                inner.written,
                inner.start,
                inner.until,
                inner.problem,
                at,
                at + inner.time_at,
                named.end(),
                inner.form,
            )
            return TimedLabel(moved, label, "after", named.end(), named.end())
    header = header_line.fullmatch(text)
    if header is not None:
        label = _named(header.group("name"), len(text))
        if label is not None:
            written = header.group("time")
            start, problem = _seconds(written)
            at = header.start("time")
            clock = Stamp(written, start, None, problem, at, at, len(text), "bare")
            return TimedLabel(clock, label, "header", len(text), len(text))
    return None


def _named(name: str, end: int) -> Label | None:
    """A name written beside a time, which must look like a speaker's by itself."""
    name = " ".join(name.split())
    kind = label_kind(name)
    return Label(name, kind, "alone", end) if kind else None
