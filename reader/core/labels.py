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

Every form is matched from a `head` offset: a timed transcript's `[00:12:31] Name:` will add
an optional time before the name there, and every form below stays as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

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
        if not _WORD_OK.fullmatch(word):
            return None
        if i and word.lower() in PARTICLES:
            continue
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
def recurring(labels: Iterable[str], times: int = 2) -> set[str]:
    """The folded labels used at least `times` times: a label that heads one paragraph may be
    anything ("Summer: it came late"); one that heads several is a speaker."""
    counts = Counter(fold(label) for label in labels)
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
