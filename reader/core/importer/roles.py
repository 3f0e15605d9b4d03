"""The third stage: who asks and who answers, for the labelled speakers.

Order of trust: what the user said (`--interviewer`, `--subject`), what a label says by itself
(`Q`, `A`, `Interviewer`), what the introduction says ("Hosts Nadia Brook and Sam Okoro",
"Nora Hollis (moderator)"), the byline — and only then how each speaker talks, decided
*relatively*: a co-host who asks in a fifth of her turns and mostly remarks is still a host,
and terse panellists next to a talkative moderator are still the panel. The clearest asker
(most turns that end in a question) and the clearest answerer (most words a turn) are the
two poles; every other speaker is placed between them on the share of turns that ask, words a
turn, whom it takes turns with (an asker alternates with the answerer; an answerer with the
asker), and whether it opens or closes the conversation.

When the labelled speakers answer and the questions carry no label (bold paragraphs before
"KB …" and "JO …"), the askers are the unlabelled side.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from reader.core import labels
from reader.core.importer.labelling import Labelled
from reader.core.importer.model import Note, Para
from reader.core.importer.rules import ends_with_question
from reader.core.model import QUESTION_ROLES, Speaker

WEIGHTS = {"asks": 2.0, "brief": 1.0, "alternates": 1.0, "frames": 0.5}
CLOSE = 0.15  # a speaker placed this near the middle between the poles is a close call


@dataclass(frozen=True)
class Hints:
    """What the user told us on the command line."""

    interviewers: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    title: str = ""


@dataclass
class Stats:
    turns: int = 0
    asking: int = 0  # turns whose last paragraph ends with '?'
    words: int = 0
    frames: int = 0  # 1 for opening the conversation, 1 for closing it
    next_to: Counter[str] = field(default_factory=Counter)  # neighbouring turns, by speaker

    @property
    def ask_share(self) -> float:
        return (self.asking + 0.5) / (self.turns + 1)

    @property
    def per_turn(self) -> float:
        return self.words / self.turns if self.turns else 0.0


@dataclass(frozen=True)
class Cast:
    speakers: dict[str, Speaker]
    notes: list[Note]
    unlabelled_asks: bool  # the questions are the unlabelled paragraphs


def turn_stats(paras: list[Para], order: list[int], keys: dict[int, str]) -> dict[str, Stats]:
    """Per speaker, over the labelled turns in `order` (paragraph indices of the body)."""
    stats: dict[str, Stats] = {}
    turns: list[str] = []
    current: Stats | None = None
    last_asks = False
    for i in order:
        key = keys.get(i)
        if key is not None:
            if current is not None and last_asks:
                current.asking += 1
            current = stats.setdefault(key, Stats())
            current.turns += 1
            turns.append(key)
        if current is None:
            continue
        current.words += paras[i].words
        last_asks = ends_with_question(paras[i].text)
    if current is not None and last_asks:
        current.asking += 1
    if turns:
        stats[turns[0]].frames += 1
        stats[turns[-1]].frames += 1
    for before, after in zip(turns, turns[1:], strict=False):
        if before != after:
            stats[before].next_to[after] += 1
            stats[after].next_to[before] += 1
    return stats


def cast(
    paras: list[Para],
    order: list[int],
    labelled: Labelled,
    hints: Hints,
    introduced: dict[str, str],
    named: dict[str, str],
    authors: tuple[str, ...],
) -> Cast:
    stats = turn_stats(paras, order, labelled.keys)
    first = {key: i for i, key in reversed(labelled.keys.items())}
    names = {key: named.get(labels.fold(key), "") or labelled.names.get(key, "") for key in first}
    roles: dict[str, str] = {}
    for key in first:
        stated = _stated(key, names[key], labelled, hints, introduced, authors)
        if stated:
            roles[key] = stated
    notes: list[Note] = []
    undecided = [k for k in first if k not in roles]
    unlabelled = _unlabelled_asks(paras, order, labelled.keys, stats)
    if unlabelled and not any(r in QUESTION_ROLES for r in roles.values()):
        roles |= dict.fromkeys(undecided, "subject")
    elif undecided:
        for key, role, note in _by_manner(stats, roles, undecided):
            roles[key] = role
            if note:
                notes.append(Note(first[key], note))
    stated_any = bool(hints.interviewers or hints.subjects) or any(
        labelled.kinds.get(k) in ("qa", "role") for k in first
    )
    askers = [k for k in first if roles[k] in QUESTION_ROLES]
    if len(askers) >= 2 and not stated_any:
        plain = {"interviewer": "host", "subject": "guest"}  # two askers: a show with hosts
        roles = {k: plain.get(role, role) for k, role in roles.items()}
    speakers = {key: Speaker(key, names[key], roles[key]) for key in first}
    return Cast(speakers, notes, unlabelled and not askers)


def _stated(
    key: str,
    name: str,
    labelled: Labelled,
    hints: Hints,
    introduced: dict[str, str],
    authors: tuple[str, ...],
) -> str:
    if any(_matches(key, name, h) for h in hints.interviewers):
        return "interviewer"
    if any(_matches(key, name, h) for h in hints.subjects):
        return "subject"
    if labelled.kinds.get(key) in ("qa", "role"):
        return labels.role_of(key)
    for person in (name, key):
        if person and labels.fold(person) in introduced:
            return introduced[labels.fold(person)]
    if any(_matches(key, name, a) for a in authors):
        return "interviewer"
    return ""


def _matches(key: str, name: str, wanted: str) -> bool:
    wanted = labels.fold(wanted)
    if not wanted:
        return False
    if wanted in (labels.fold(key), labels.fold(name)):
        return True
    return bool(name) and labels.fold(name).split()[-1] == wanted.split()[-1]


def _unlabelled_asks(
    paras: list[Para], order: list[int], keys: dict[int, str], stats: dict[str, Stats]
) -> bool:
    """Whether the paragraph before each labelled turn is an unlabelled question more often
    than any labelled speaker's turns end in one."""
    opened = asked = 0
    for before, i in zip(order, order[1:], strict=False):
        if i in keys and before not in keys:
            opened += 1
            asked += ends_with_question(paras[before].text)
    if not opened:
        return False
    share = asked / opened
    best = max((s.asking / s.turns for s in stats.values() if s.turns), default=0.0)
    return share >= 0.5 and share > best


def _by_manner(
    stats: dict[str, Stats], roles: dict[str, str], undecided: list[str]
) -> list[tuple[str, str, str]]:
    """(key, role, a note when it was a close call) for the speakers nothing stated."""
    everyone = [*roles, *undecided]
    asker = _pole(everyone, roles, stats, asking=True)
    answerer = _pole([k for k in everyone if k != asker], roles, stats, asking=False)
    out: list[tuple[str, str, str]] = []
    for key in undecided:
        if key == asker or asker is None or answerer is None:
            place = 1.0 if key == asker else 0.0
        elif key == answerer:
            place = 0.0
        else:
            place = _place(stats, key, asker, answerer)
        role = "interviewer" if place > 0.5 else "subject"
        st = stats.get(key, Stats())
        poles = (stats.get(asker or "", Stats()), stats.get(answerer or "", Stats()))
        thin = abs(place - 0.5) < CLOSE or (
            key in (asker, answerer)
            and answerer is not None
            and abs(poles[0].ask_share - poles[1].ask_share) < 0.2
        )
        note = (
            f"speaker {key} taken as {role} ({st.asking} of {st.turns} turns end in a question, "
            f"{st.per_turn:.0f} words a turn)"
            if thin
            else ""
        )
        out.append((key, role, note))
    return out


def _pole(
    keys: list[str], roles: dict[str, str], stats: dict[str, Stats], asking: bool
) -> str | None:
    """The clearest asker (or answerer): a speaker stated so, else the one whose turns ask
    most (or that talks most a turn)."""
    if not keys:
        return None
    stated = [k for k in keys if k in roles and (roles[k] in QUESTION_ROLES) == asking]
    pool = stated or [k for k in keys if k not in roles] or keys
    st = {k: stats.get(k, Stats()) for k in pool}
    if asking:
        return max(pool, key=lambda k: (st[k].ask_share, -st[k].per_turn))
    return max(pool, key=lambda k: (st[k].per_turn, -st[k].ask_share))


def _place(stats: dict[str, Stats], key: str, asker: str, answerer: str) -> float:
    """Where `key` lies between the answerer (0) and the asker (1), feature by feature."""

    def features(k: str) -> dict[str, float]:
        st = stats.get(k, Stats())
        neighbours = sum(st.next_to.values()) or 1
        return {
            "asks": st.ask_share,
            "brief": -math.log(st.per_turn + 1),
            "alternates": (st.next_to[answerer] - st.next_to[asker]) / neighbours,
            "frames": float(st.frames),
        }

    mine, high, low = features(key), features(asker), features(answerer)
    total = weight = 0.0
    for name, w in WEIGHTS.items():
        span = high[name] - low[name]
        if abs(span) < 1e-6:
            continue
        total += w * min(1.5, max(-0.5, (mine[name] - low[name]) / span))
        weight += w
    return total / weight if weight else 0.0
