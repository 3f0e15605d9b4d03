"""The last stage: turns. Labelled paragraphs start turns and unlabelled ones continue them;
the sequence model reads only what labels leave open — a piece without labels, or the
unlabelled side of a half-labelled one (`Q:` questions and bare answers, or bold questions
and "KB …" answers).

Both work on `order`, the body paragraphs no earlier stage decided, and return decisions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from reader.core.importer import rules, sequence
from reader.core.importer.features import Context, change_features, question_features
from reader.core.importer.model import Decision, Para, Role
from reader.core.model import Speaker

DOUBT = 2.0  # margins below this (in log-odds) are reported as warnings
ASK_KEYS = ("Q", "Interviewer", "I")
ANSWER_KEYS = ("A", "Subject", "S")


@dataclass(frozen=True)
class Turns:
    decisions: dict[int, Decision]
    sides: dict[str, Role]  # speaker key → question or answer, for keys the model made up


def by_labels(
    paras: list[Para],
    order: list[int],
    keys: dict[int, str],
    speakers: dict[str, Speaker],
    breaks: set[int],
    reasons: dict[int, str],
) -> Turns:
    """Labels decide; unlabelled paragraphs continue the turn above (a heading or a `---`
    ends it), and after the last labelled turn the first sign of a closing note ends the
    interview."""
    out: dict[int, Decision] = {}
    current: tuple[str, Role] | None = None
    last = -1
    for i in order:
        key = keys.get(i)
        if i in breaks:
            current = None
        if key is not None:
            role: Role = Role.QUESTION if speakers[key].asks else Role.ANSWER
            out[i] = Decision(role, (reasons.get(i, f"labelled '{key}:'"),), key, True)
            current, last = (key, role), i
        elif current is None:
            out[i] = Decision(Role.NARRATION, ("before the first labelled turn",))
        else:
            out[i] = Decision(current[1], ("continues the turn above",), current[0])
    if last >= 0:
        tail = [i for i in order if i > last]
        subjects = [s for s in speakers.values() if not s.asks]
        runs_on = any(
            d.reasons == ("continues the turn above",) for i, d in out.items() if i < last
        )
        out |= _close(paras, tail, subjects, paras[last], runs_on)
    return Turns(out, {})


def _close(
    paras: list[Para],
    tail: list[int],
    subjects: list[Speaker],
    last: Para,
    runs_on: bool,
) -> dict[int, Decision]:
    """After the last labelled turn, the first sign of a closing note ends the interview. In
    a piece whose turns never ran over one paragraph, an unlabelled paragraph in which nobody
    speaks (no first or second person) is such a sign."""
    out: dict[int, Decision] = {}
    closed = False
    for i in tail:
        para = paras[i]
        reason = "" if closed else _closing_sign(para, subjects, last)
        if not (closed or reason or runs_on or rules.personal(para.text)):
            reason = "no turn here runs over one paragraph, and nobody speaks in this one"
        if closed or reason:
            closed = True
            out[i] = Decision(
                _closing_role(para, subjects), (reason or "follows the closing note",)
            )
    return out


def _closing_sign(para: Para, subjects: list[Speaker], last: Para) -> str:
    if rules.closing_note(para):
        return f"{rules.closing_note(para)} after the last turn"
    if "italic" in para.styles and "italic" not in last.styles:
        return "set in italics after the last turn"
    for speaker in subjects:
        for name in (speaker.name, speaker.name.split()[-1] if speaker.name else ""):
            if len(name) > 2 and re.match(rf"{re.escape(name)}\b", para.text):
                return f"names {name} in the third person after the last turn"
    return ""


def _closing_role(para: Para, subjects: Iterable[Speaker]) -> Role:
    """A bio of someone who is not a subject (the writer, usually) is a byline."""
    name = rules.bio_name(para.text)
    if name and not any(s.name and s.name.split()[-1] in name for s in subjects):
        return Role.BYLINE
    return Role.NARRATION


# -- the sequence model ----------------------------------------------------------------------------
def by_sequence(
    paras: list[Para],
    order: list[int],
    keys: dict[int, str],
    speakers: dict[str, Speaker],
    named: Counter[str],
    breaks: set[int],
    reasons: dict[int, str],
) -> Turns:
    """The four-state model over the paragraphs in `order`. Labelled paragraphs (of one side)
    are fixed to their side; the other side's turns get keys `Q`/`A` (or the next free ones).
    `named` are people the headline, standfirst and introduction name: a closing paragraph
    that opens with one of them is about them, not said by them."""
    seq = [i for i in order if not rules.is_stage_only(paras[i])]
    if not seq:
        return Turns({}, {})
    side: dict[str, sequence.State] = {
        k: (sequence.QUESTION if s.asks else sequence.ANSWER) for k, s in speakers.items()
    }
    style = "" if keys else question_style([paras[i] for i in seq])
    first_q = next(
        (t for t, i in enumerate(seq) if rules.ends_with_question(paras[i].text)), len(seq)
    )
    steps, features = [], []
    for t, i in enumerate(seq):
        para = paras[i]
        ctx = Context(
            before_first_question_mark=t < first_q,
            next_words=paras[seq[t + 1]].words if t + 1 < len(seq) else 0,
            previous_words=paras[seq[t - 1]].words if t else 0,
            question_style=style,
        )
        feats = question_features(para, ctx)
        q = sum(f.weight for f in feats)
        emission = {sequence.INTRO: -q, sequence.QUESTION: q, sequence.ANSWER: -q}
        emission[sequence.OUTRO] = -q - 1.0
        change = change_features(para)
        key = keys.get(i)
        if key is not None:
            emission = dict.fromkeys(sequence.STATES, sequence.NEVER)
            emission[side[key]] = 0.0
        else:
            for labelled_side in set(side.values()):
                emission[labelled_side] -= 4.0  # that side labels its turns; this one has none
            if t >= len(seq) - 3 and rules.closing_note(para, named):
                emission[sequence.OUTRO] += 4.0
            if t == len(seq) - 1 and "italic" in para.styles and style != "italic":
                emission[sequence.OUTRO] += 3.0
            if i in breaks:
                emission[sequence.OUTRO] += 3.0  # a `---` before a paragraph closes the talk
        steps.append(sequence.Step(emission, sum(f.weight for f in change)))
        features.append(
            sorted((f for f in feats + change if f.weight), key=lambda f: -abs(f.weight))
        )
    taken = set(speakers)
    last = {
        Role.QUESTION: next((k for k, v in side.items() if v == Role.QUESTION), "")
        or free_key(ASK_KEYS, taken),
        Role.ANSWER: next((k for k, v in side.items() if v == Role.ANSWER), "")
        or free_key(ANSWER_KEYS, taken),
    }
    out: dict[int, Decision] = {}
    previous = ""
    for i, feats, (state, margin) in zip(seq, features, sequence.decode(steps), strict=True):
        key = keys.get(i)
        context = f"follows {_a(previous)}" if previous else "at the start"
        speaker, new_turn = "", False
        if state == sequence.INTRO:
            role: Role = Role.NARRATION
            context = "before the first question"
        elif state == sequence.OUTRO:
            role = _closing_role(paras[i], [])
            context = "after the last answer"
        else:
            role = Role.QUESTION if state == sequence.QUESTION else Role.ANSWER
            speaker = key or last[role]
            last[role] = speaker
            new_turn = key is not None or previous != role
            previous = role
        why = _unique([f.name for f in feats] + [context])
        doubt = ""
        if key is not None:
            why = [reasons.get(i, f"labelled '{key}:'")]
        elif margin < DOUBT:
            doubt = f"treated as {_a(role)} ({', '.join(_unique(why[:3] + [context]))})"
        out[i] = Decision(role, tuple(why), speaker, new_turn, doubt)
    out = _fold_interjections(paras, seq, keys, out)
    made_up: dict[str, Role] = {}
    for role in (Role.QUESTION, Role.ANSWER):
        if last[role] not in speakers and any(d.speaker == last[role] for d in out.values()):
            made_up[last[role]] = role
    return Turns(out, made_up)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _fold_interjections(
    paras: list[Para], seq: list[int], keys: dict[int, str], out: dict[int, Decision]
) -> dict[int, Decision]:
    """An unlabelled "Right." between two paragraphs of an answer stays inside the answer
    rather than splitting it into two turns. (A labelled `Q: Right.` is a question turn.)"""
    out = dict(out)
    for before, i, after in zip(seq, seq[1:], seq[2:], strict=False):
        if (
            out[i].role == Role.QUESTION
            and out[before].role == out[after].role == Role.ANSWER
            and i not in keys
            and after not in keys
            and rules.is_interjection(paras[i])
        ):
            speaker = out[before].speaker
            reason = "an interjection between answer paragraphs: kept inside the answer"
            out[i] = Decision(Role.ANSWER, (reason,), speaker)
            out[after] = Decision(Role.ANSWER, out[after].reasons, speaker, False, out[after].doubt)
    return out


def question_style(seq: list[Para]) -> str:
    """A mark most questions share and answers lack (bold, italics, an <h3>, a class)."""
    counts = Counter(s for p in seq for s in p.looks)
    for style, n in counts.most_common():
        if n < 3 or n > 0.7 * len(seq):
            continue
        styled = [i for i, p in enumerate(seq) if style in p.looks]
        followed = sum(1 for i in styled if i + 1 < len(seq) and style not in seq[i + 1].looks)
        plain = [p.words for p in seq if style not in p.looks]
        short = median(seq[i].words for i in styled)
        if followed >= 0.6 * n and short <= 40 and plain and median(plain) > short:
            return style
    return ""


def stage_directions(
    paras: list[Para], order: Iterable[int], decided: dict[int, Decision]
) -> dict[int, Decision]:
    """`(laughs)` on its own belongs to the turn it sits in."""
    out: dict[int, Decision] = {}
    previous: Decision | None = None
    for i in order:
        if i not in decided and rules.is_stage_only(paras[i]):
            if previous is not None and previous.role in (Role.QUESTION, Role.ANSWER):
                out[i] = Decision(
                    previous.role, ("a stage direction inside the turn",), previous.speaker
                )
            else:
                out[i] = Decision(Role.NARRATION, ("a stage direction outside any turn",))
        found = decided.get(i) or out.get(i)
        if found is not None and found.role in (Role.QUESTION, Role.ANSWER, Role.NARRATION):
            previous = found
        elif found is not None and found.role == Role.HEADING:
            previous = None
    return out


def free_key(preferred: tuple[str, ...], taken: Iterable[str]) -> str:
    folded = {t.casefold() for t in taken}
    return next((k for k in preferred if k.casefold() not in folded), f"{preferred[0]}2")


def _a(role: str) -> str:
    if role == Role.NARRATION:
        return "narration"
    return f"{'an' if role[:1] in 'aeiou' else 'a'} {role}"
