"""People in the text: the capitalised names it mentions, the full name a short label stands
for, and the subject of an interview whose answers carry no name ("A", or no label at all).

A run of capitalised words is a person only on evidence: a possessive place in front goes
("Norway's Ingrid Solberg" is Ingrid Solberg), a place-like last word counts against it
("Hollow Lane"), and the subject of a sentence counts for it ("Marta Quist has…").
"""

from __future__ import annotations

import re
from collections import Counter

from reader.core import labels

_NAME_RUN = re.compile(
    r"\b[A-Z][\w’'-]+(?:\s+(?:(?:de|da|van|von|der|la|le|di|du)\s+)?[A-Z][\w’'-]+){1,2}"
)
_NOT_NAMES = frozenset(
    """The A An In On At When After Before This That These Those It He She They We I But And Or
    So For From With Without Of To By As His Her Their Our My Your Its Photo Photograph Courtesy
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr""".split()
)


def names_in(texts: list[str]) -> Counter[str]:
    """Capitalised runs of two or three words: the people (and places) a text mentions."""
    found: Counter[str] = Counter()
    for text in texts:
        for match in _NAME_RUN.finditer(text):
            words = _person(match.group(0))[1]
            if len(words) >= 2:
                found[" ".join(words)] += 1
    return found


def person(run: str) -> str:
    """The person's name in a capitalised run ("With Nora Hollis" → "Nora Hollis"), or ""."""
    words = _person(run)[1]
    return " ".join(words) if len(words) >= 2 else ""


def _person(run: str) -> tuple[list[str], list[str]]:
    """(words before the name, the name's words) of a capitalised run: "The" and the like lead
    in, a possessive place in front goes ("Norway's Ingrid Solberg"), and so does a possessive
    at the end ("Ivo Brandl's")."""
    words = run.split()
    lead = []
    while words and words[0] in _NOT_NAMES:
        lead.append(words.pop(0))
    if len(words) >= 3 and re.search(r"[’']s$", words[0]):
        words.pop(0)
    words[-1:] = [_possessive(words[-1])] if words else []
    return lead, words


def full_name(label: str, names: Counter[str]) -> str:
    """The name a label stands for, when the text around the interview gives it."""
    kind = labels.label_kind(label)
    if kind == "initials":
        letters = label.replace(".", "")
        hits = [n for n in names if "".join(w[0] for w in n.split() if w[0].isupper()) == letters]
    elif kind == "name" and " " not in label:  # a surname, else a first name ("Nadia")
        hits = [" ".join(n.split()[-2:]) for n in names if n.split()[-1] == label]
        hits = hits or [n for n in names if n.split()[0] == label and len(n.split()) == 2]
    elif kind == "qa":
        return ""
    elif kind == "caps":
        hits = [n for n in names if n.casefold() == label.casefold()]
        if not hits:
            return label.title()
    else:
        return label
    return Counter(hits).most_common(1)[0][0] if hits else ""


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
    outside: Counter[str] = Counter()
    order: dict[str, int] = {}
    for index, text in enumerate([title, *texts]):
        in_title = index == 0
        for match in _NAME_RUN.finditer(text or ""):
            lead, words = _person(match.group(0))
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
