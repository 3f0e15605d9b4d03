"""Speaker labels at the start of a paragraph: `Q:`, `A.`, `AD:`, `Smith:`, `**Mara Ellison:**`.

A label is a short run of capitalised words (initials, names, Q/A) before a colon. Words that
announce something other than a speaker ("Note:", "Photo:") are never labels. Whether a label
really names a speaker is decided later, from how often it recurs.
"""

from __future__ import annotations

import re

NOT_LABELS = frozenset(
    [
        "note",
        "notes",
        "update",
        "updated",
        "correction",
        "clarification",
        "disclosure",
        "warning",
        "spoiler",
        "photo",
        "photos",
        "photograph",
        "photography",
        "picture",
        "image",
        "illustration",
        "video",
        "audio",
        "credit",
        "credits",
        "caption",
        "source",
        "sources",
        "via",
        "related",
        "see",
        "also",
        "read",
        "more",
        "advertisement",
        "sponsored",
        "tags",
        "tag",
        "share",
        "listen",
        "watch",
        "subscribe",
        "transcript",
        "title",
        "date",
        "location",
        "translation",
        "translated",
        "ps",
        "p.s",
        "editor's",
        "note",
        "editors",
        "note",
        "editor’s",
        "note",
        "previously",
        "earlier",
        "later",
        "next",
        "top",
        "above",
        "below",
        "left",
        "right",
        "pictured",
        "main",
        "image",
        "header",
        "contents",
        "chapter",
        "part",
        "section",
        "episode",
        "edited",
        "by",
    ]
)
NOT_LABELS |= {
    "editor's note",
    "editor’s note",
    "read more",
    "see also",
    "edited by",
    "main image",
    "top image",
}
PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "y",
    ]
)
ROLE_WORDS = {
    "interviewer": "interviewer",
    "host": "host",
    "moderator": "moderator",
    "question": "interviewer",
    "interviewee": "subject",
    "guest": "guest",
    "answer": "subject",
    "translator": "translator",
}

_COLON = re.compile(r"([^:\n]{1,40}?)\s*:(?:\s+|$)")
_QA_DOT = re.compile(r"([QA])\.(?:\s+|$)")
_MARK = r"(?:\*\*|__)?"


def label_kind(label: str) -> str:
    """ "qa", "initials", "caps" or "name" when `label` looks like a speaker, else ""."""
    words = label.split()
    if not 1 <= len(words) <= 4 or label.casefold() in NOT_LABELS:
        return ""
    for i, word in enumerate(words):
        if not word.strip(".'’-") or not all(ch.isalpha() or ch in ".'’-" for ch in word):
            return ""
        if i and word.lower() in PARTICLES:
            continue
        if not word[0].isupper():
            return ""
    if label in ("Q", "A"):
        return "qa"
    compact = label.replace(".", "")
    if len(words) == 1 and compact.isupper() and 2 <= len(compact) <= 4:
        return "initials"
    if compact.isupper() and len(compact) > 1:
        return "caps"
    if len(words) == 1 and len(compact) == 1:
        return ""  # "I:" or "B:" alone is too weak a sign
    return "name"


def leading_label(text: str) -> tuple[str, int] | None:
    """(label, offset where the speech starts) for `Label: …` or `Q. …` at the start."""
    found = _COLON.match(text) or _QA_DOT.match(text)
    if not found:
        return None
    label = " ".join(found.group(1).split())
    return (label, found.end()) if label_kind(label) else None


def label_only(text: str) -> str:
    """The label when a whole line is one (`Q`, `MARA ELLISON`, `Smith:`), else ""."""
    stripped = text.strip()
    bare = re.sub(r"^(\*\*|__)(.*?)\1$", r"\2", stripped).strip()
    colon = bare.endswith(":")
    bare = bare.rstrip(":").strip()
    bare = re.sub(r"^(\*\*|__)(.*?)\1$", r"\2", bare).strip()
    kind = label_kind(bare)
    if not kind or (kind == "name" and not colon and len(bare.split()) > 3):
        return ""
    return bare


def strip_label_md(md: str, label: str) -> str | None:
    """`md` without its leading label (and the bold around it), or None if not found there."""
    words = r"\s+".join(re.escape(w) for w in label.split())
    pattern = rf"\s*{_MARK}\s*{words}\s*{_MARK}\s*[:.]\s*{_MARK}\s*"
    found = re.match(pattern, md)
    if not found:
        return None
    rest = md[found.end() :]
    if rest.count("**") % 2:
        rest = "**" + rest
    return rest.strip()


def role_word(label: str) -> str:
    """The role a label states by itself ("Interviewer:" asks), or ""."""
    return ROLE_WORDS.get(label.casefold(), "")
