"""Who the speakers are: full names for labels (`AD` → "Ada Dunmore", `Smith` → "Jo Smith"),
and who asks and who answers, with the evidence said out loud when it is thin.

Order of trust: what the user said (`--interviewer`, `--subject`), what a label says by itself
(`Q`, `A`, `Interviewer`), the byline, and only then how each speaker talks — the share of
turns that ask something and how long the turns are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reader.core.importer.labels import label_kind, role_word
from reader.core.importer.model import Speaker

_NAME_RUN = re.compile(
    r"\b[A-Z][\w’'-]+(?:\s+(?:(?:de|da|van|von|der|la|le|di|du)\s+)?[A-Z][\w’'-]+){1,2}"
)
_NOT_NAMES = frozenset(
    """The A An In On At When After Before This That These Those It He She They We I But And Or
    So For From With Without Of To By As His Her Their Our My Your Its Photo Photograph Courtesy
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr""".split()
)


@dataclass
class Stats:
    turns: int = 0
    asking: int = 0  # turns that ask something (a paragraph ending with '?')
    words: int = 0


@dataclass
class Hints:
    """What the user told us on the command line."""

    interviewers: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)


def names_in(texts: list[str]) -> Counter:
    """Capitalised runs of two or three words: the people (and places) a text mentions."""
    found: Counter = Counter()
    for text in texts:
        for match in _NAME_RUN.finditer(text):
            words = match.group(0).split()
            while words and words[0] in _NOT_NAMES:
                words.pop(0)
            if len(words) >= 2:
                found[" ".join(words)] += 1
    return found


def full_name(label: str, names: Counter) -> str:
    """The name a label stands for, when the text around the interview gives it."""
    kind = label_kind(label)
    if kind == "initials":
        letters = label.replace(".", "")
        hits = [n for n in names if "".join(w[0] for w in n.split() if w[0].isupper()) == letters]
    elif kind == "name" and " " not in label:
        hits = [" ".join(n.split()[-2:]) for n in names if n.split()[-1] == label]
    elif kind == "qa":
        return ""
    elif kind == "caps":
        hits = [n for n in names if n.casefold() == label.casefold()]
        if not hits:
            return label.title()
    else:
        return label
    return Counter(hits).most_common(1)[0][0] if hits else ""


def _matches(speaker: Speaker, wanted: str) -> bool:
    wanted = wanted.casefold().strip()
    name = speaker.name.casefold()
    return wanted in (speaker.key.casefold(), name) or (
        bool(name) and name.split()[-1] == wanted.split()[-1]
    )


def assign_roles(
    speakers: dict[str, Speaker], stats: dict[str, Stats], hints: Hints, authors: list[str]
) -> list[tuple[str, str]]:
    """Set each speaker's role; returns (speaker key, warning) for calls made on thin evidence."""
    undecided = []
    for key, speaker in speakers.items():
        if any(_matches(speaker, h) for h in hints.interviewers):
            speaker.role = "interviewer"
        elif any(_matches(speaker, h) for h in hints.subjects):
            speaker.role = "subject"
        elif role_word(key) or key in ("Q", "A"):
            speaker.role = role_word(key) or ("interviewer" if key == "Q" else "subject")
        elif any(_matches(speaker, a) for a in authors):
            speaker.role = "interviewer"
        else:
            undecided.append(key)
    warnings: list[tuple[str, str]] = []
    if undecided:
        warnings = _by_manner(speakers, stats, undecided)
    askers = [s for s in speakers.values() if s.asks]
    stated = hints.interviewers or hints.subjects or any(role_word(k) for k in speakers)
    if len(askers) >= 2 and not stated:
        for speaker in speakers.values():
            speaker.role = "host" if speaker.asks else "guest"
    return warnings


def _by_manner(speakers, stats, undecided) -> list[tuple[str, str]]:
    """Askers ask in most turns and speak briefly next to whoever talks most."""

    def share(key):
        st = stats.get(key, Stats())
        return st.asking / st.turns if st.turns else 0.0

    def length(key):
        st = stats.get(key, Stats())
        return st.words / st.turns if st.turns else 0.0

    longest = max((length(k) for k in speakers), default=1.0) or 1.0
    for key in undecided:
        asks = share(key) >= 0.5 and length(key) <= 0.6 * longest
        speakers[key].role = "interviewer" if asks else "subject"
    if not any(s.asks for s in speakers.values()):
        best = max(undecided, key=lambda k: share(k) - length(k) / longest)
        speakers[best].role = "interviewer"
    if all(s.asks for s in speakers.values()):
        speakers[max(undecided, key=length)].role = "subject"
    warnings = []
    for key in undecided:
        ratio = length(key) / longest
        if 0.3 <= share(key) <= 0.6 or 0.45 <= ratio <= 0.75:
            role = speakers[key].role
            warnings.append(
                (
                    key,
                    f"speaker {key} taken as {role} ({share(key):.0%} of turns ask something, "
                    f"{length(key):.0f} words a turn)",
                )
            )
    return warnings


def guess_subject(names: Counter, exclude: list[str]) -> str:
    """The person an unlabelled interview is with: the name mentioned most in the title and
    introduction, other than the interviewer's."""
    skip = {e.casefold() for e in exclude}
    for name, _count in names.most_common():
        if name.casefold() not in skip and not any(name in e or e in name for e in exclude):
            return name
    return ""


ASK_KEYS = ("Q", "Interviewer", "I")
ANSWER_KEYS = ("A", "Subject", "S")


def free_key(preferred: tuple[str, ...], taken) -> str:
    folded = {t.casefold() for t in taken}
    return next((k for k in preferred if k.casefold() not in folded), f"{preferred[0]}2")
