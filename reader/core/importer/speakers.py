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
            words[-1:] = [_possessive(words[-1])] if words else []
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


# Last words that make a capitalised run a place, an institution or a headline, not a person.
_NOT_PERSON_WORDS = frozenset(
    """Lane Street St Road Rd Avenue Ave Way Close Court Square Place Row Hall House Manor
    Farm River Lake Bay Harbour Harbor Park Garden Gardens Hill Hills Valley Bridge Island
    Islands Market Church Chapel Abbey Castle Tower Station Centre Center College University
    School Academy Museum Gallery Theatre Theater Library Hotel Cafe Café Inn Pub Club Company
    Press Books Records Studio Studios City Town Village County Coast Street Speaks Says Talks
    Remembers Reflects Returns Interview Conversation Story Life Years""".split()
)
_BEFORE_PLACE = frozenset("the a an of at in on from to into near by across".split())
_FUNCTION_WORDS = frozenset(
    "of and or in at on for to the a an with from by as market street road".split()
)


def _possessive(word: str) -> str:
    return re.sub(r"[’']s$", "", word)


def guess_subject(title: str, texts: list[str], exclude: list[str]) -> str:
    """The person an unlabelled or Q/A interview is with, from the headline and introduction.

    Each capitalised run of two or three words is scored: every mention outside the headline
    counts, more so as the subject of a sentence (it opens one, or a verb or a possessive
    follows: "Marta Quist has", "Ivo Brandl's workshop"); a mention after an article or
    preposition ("at the Hollow Lane market"), a last word that names a place or reads like a
    headline (Lane, Hall, River, Speaks) and a name found only in the headline count against.
    Names of the interviewer (`exclude`) are skipped."""
    scores: dict[str, float] = {}
    outside: Counter = Counter()
    order: dict[str, int] = {}
    for index, text in enumerate([title, *texts]):
        in_title = index == 0
        for match in _NAME_RUN.finditer(text or ""):
            words = match.group(0).split()
            lead = []
            while words and words[0] in _NOT_NAMES:
                lead.append(words.pop(0))
            words[-1:] = [_possessive(words[-1])] if words else []
            if len(words) < 2:
                continue
            name = " ".join(words)
            order.setdefault(name, len(order))
            before = text[: match.start()].rstrip()
            previous = before.split()[-1].casefold() if before.split() else ""
            after = text[match.end() :].lstrip()
            following = after.split()[0] if after.split() else ""
            score = 0.5 if in_title else 1.0
            if lead and lead[-1].casefold() in _BEFORE_PLACE or previous in _BEFORE_PLACE:
                score -= 1.5
            opens = not before or before.endswith((".", "!", "?", ":", "—", '"', "“"))
            if not in_title:
                outside[name] += 1
                if opens and not lead:
                    score += 1.0
                if re.search(r"[’']s$", match.group(0)) or (
                    following[:1].islower() and following.casefold() not in _FUNCTION_WORDS
                ):
                    score += 1.5
            scores[name] = scores.get(name, 0.0) + score
    best, best_score = "", 0.0
    skip = {e.casefold() for e in exclude}
    for name, score in sorted(scores.items(), key=lambda item: order[item[0]]):
        if name.casefold() in skip or any(name in e or e in name for e in exclude if e):
            continue
        if not outside[name]:
            score -= 2.0
        if any(w in _NOT_PERSON_WORDS for w in name.split()[1:]):
            score -= 3.0
        if score > best_score:
            best, best_score = name, score
    return best


ASK_KEYS = ("Q", "Interviewer", "I")
ANSWER_KEYS = ("A", "Subject", "S")


def free_key(preferred: tuple[str, ...], taken) -> str:
    folded = {t.casefold() for t in taken}
    return next((k for k in preferred if k.casefold() not in folded), f"{preferred[0]}2")
