"""Give every paragraph a role (and turns a speaker), in three passes:

1. fixed rules: chrome, captions, "By …" lines, the headline, date lines, editor's notes;
2. speaker labels: when the piece labels its turns (`Q:`, `AD:`, `**Smith:**`), the labels
   decide, unlabelled paragraphs continue the turn, and only the tail is in question;
3. otherwise (or for the unlabelled side of a half-labelled piece) the sequence model weighs
   each paragraph's question score against the shape of an interview.

Each decision keeps its reasons; a close call keeps the warning that the summary prints.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from reader.core.importer import rules, sequence
from reader.core.importer.labels import label_kind, leading_label, role_word
from reader.core.importer.model import (
    ANSWER,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    HEADING,
    NARRATION,
    QUESTION,
    SOFT_CHROME,
    TITLE,
    Meta,
    Para,
    Speaker,
)
from reader.core.importer.speakers import (
    ANSWER_KEYS,
    ASK_KEYS,
    Hints,
    Stats,
    assign_roles,
    free_key,
    full_name,
    guess_subject,
    names_in,
)

DOUBT = 2.0  # margins below this (in log-odds) are reported as warnings
_END_PUNCT = re.compile(r"[.?!:;,]$")


@dataclass
class Outcome:
    paras: list[Para]
    speakers: dict[str, Speaker]
    mode: str  # "labels", "some labels" or "no labels"
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, warning)


def classify(paras: list[Para], meta: Meta, hints: Hints, stem: str = "") -> Outcome:
    _fixed(paras, meta, stem)
    candidates = [p for p in paras if not p.role]
    labelled = _accepted_labels(candidates)
    first = next((i for i, p in enumerate(candidates) if id(p) in labelled), len(candidates))
    around = [p.text for p in paras if p.role in (NARRATION, BYLINE, CAPTION, TITLE)]
    names = names_in(
        [meta.title, meta.dek, *meta.authors, *around, *(p.text for p in candidates[:first])]
    )
    speakers: dict[str, Speaker] = {}
    folded: dict[str, str] = {}
    for para in candidates:
        label = labelled.get(id(para))
        if label is None:
            continue
        key = folded.setdefault(label.casefold(), label)
        labelled[id(para)] = key
        if key not in speakers:
            speakers[key] = Speaker(key, full_name(key, names) or "")
    outcome = Outcome(paras, speakers, "no labels")
    stats = _turn_stats(candidates, labelled)
    for key, warning in assign_roles(speakers, stats, hints, meta.authors):
        first = next(p.line for p in candidates if labelled.get(id(p)) == key)
        outcome.notes.append((first, warning))
    asking = {k for k, s in speakers.items() if s.asks}
    if speakers and asking and asking != set(speakers):
        outcome.mode = "labels"
        _by_labels(paras, candidates, labelled, speakers)
    else:
        outcome.mode = "some labels" if speakers else "no labels"
        intro = names_in([meta.title, meta.dek, *meta.authors, *around])
        _by_sequence(candidates, labelled, speakers, intro)
    _stage_directions(paras)
    for key, speaker in speakers.items():
        if not speaker.name and key in ASK_KEYS + ANSWER_KEYS:
            speaker.name = _named(speaker.asks, meta, hints, paras, outcome)
    return outcome


# -- pass 1: fixed rules ----------------------------------------------------------------------
def _fixed(paras: list[Para], meta: Meta, stem: str) -> None:
    for para in paras:
        found = rules.fixed_role(para)
        if found:
            para.role = found[0]
            para.reasons.append(found[1])
            if para.role == BYLINE:
                meta.authors += [n for n in rules.byline_names(para.text) if n not in meta.authors]
            if para.role == CAPTION and not para.credit:
                para.text, para.credit = rules.split_credit(para.text)
    _questions_as_headings(paras)
    for para in paras:
        if not para.role and para.kind == "heading":
            para.role = HEADING
            para.reasons.append("a heading")
    _title(paras, meta, stem)


def _questions_as_headings(paras: list[Para]) -> None:
    """Some pages set every question as a heading (`<h3>Why maps?</h3>`): when most headings of
    one level end with '?', they are questions, not sections."""
    by_level: dict[int, list[Para]] = {}
    for para in paras:
        if para.kind == "heading" and not para.role:
            by_level.setdefault(para.level, []).append(para)
    for level, heads in by_level.items():
        asking = sum(rules.ends_with_question(h.text) for h in heads)
        if len(heads) >= 3 and asking >= len(heads) / 2:
            for head in heads:
                head.kind = "p"
                head.styles = head.styles | {f"tag:h{level}"}


def _title(paras: list[Para], meta: Meta, stem: str) -> None:
    """The headline, dek, date and byline at the top: from metadata when the source had some,
    else from the first lines. The extractor may have called these chrome; at the top of the
    page that verdict is overruled when it was only a guess (links, outside the article)."""
    known = {_fold(t) for t in (meta.title, meta.dek) if t}
    top = []
    for para in paras:
        if para.role == BOILERPLATE and para.chrome not in SOFT_CHROME:
            continue
        if len([p for p in top if p.role != BOILERPLATE]) >= 8:
            break
        top.append(para)
    for para in top:
        if para.role not in ("", HEADING, BOILERPLATE):
            continue
        if _fold(para.text) in known:
            _set(para, TITLE, "repeats the page's title or standfirst")
        elif "dek" in para.styles and para.words <= 60:
            _set(para, TITLE, "the standfirst (its element says so)")
            meta.dek = meta.dek or para.text
        elif rules.date_line(para):
            meta.published = meta.published or _parse_date(rules.date_line(para))
            if any(name in para.text for name in meta.authors):
                _set(para, BYLINE, "the writer's name and the date")
            else:
                _set(para, TITLE, "a date line")
        elif para.role == BOILERPLATE and rules.byline_names(para.text) and para.words <= 14:
            _set(para, BYLINE, "a 'By …' line")
            meta.authors += [n for n in rules.byline_names(para.text) if n not in meta.authors]
    if not meta.title:
        first = next((p for p in top if p.role in ("", HEADING)), None)
        if first is not None and _looks_like_title(first, len(paras)):
            _set(first, TITLE, "the headline at the top")
            meta.title = first.text
            after = paras[paras.index(first) + 1 :][:1]
            dek = after[0] if after and not after[0].role else None
            marked = {"italic", "bold", "header"}
            if dek and dek.styles & marked and dek.words <= 50 and "?" not in dek.text:
                _set(dek, TITLE, "the standfirst under the headline")
                meta.dek = dek.text
    if not meta.title:
        meta.title = " ".join(re.split(r"[-_\s]+", stem)).strip().capitalize() or "Untitled"


def _set(para: Para, role: str, reason: str) -> None:
    para.role, para.reasons = role, [reason]


def _looks_like_title(para: Para, total: int) -> bool:
    if para.kind == "heading":
        return True
    return (
        total >= 4
        and para.words <= 15
        and not _END_PUNCT.search(rules.core_text(para.text))
        and not para.label
        and not leading_label(para.text)
    )


def _parse_date(text: str) -> str:
    text = text.replace(",", "").replace(".", "")
    for fmt in ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text).casefold().split())


# -- pass 2: labels ------------------------------------------------------------------------------
def _label_of(para: Para) -> tuple[str, bool] | None:
    if para.kind != "p":
        return None
    if para.label:
        return para.label, True
    found = leading_label(para.text)
    return (found[0], para.md.startswith(("**", "__"))) if found else None


def _accepted_labels(candidates: list[Para]) -> dict[int, str]:
    """Labels that name speakers: ones that recur, that state a role, or that sit on a line of
    their own; a one-off label counts when it is emphatic (capitals, bold) and comes after the
    interview has started. Fewer than three labelled paragraphs means: no labels."""
    found = {id(p): hit for p in candidates if (hit := _label_of(p))}
    counts = Counter(label.casefold() for label, _ in found.values())
    accepted: dict[int, str] = {}
    started = False
    for para in candidates:
        hit = found.get(id(para))
        if hit is None:
            continue
        label, emphatic = hit
        recurring = counts[label.casefold()] >= 2 or bool(role_word(label)) or bool(para.label)
        emphatic = emphatic or label_kind(label) in ("qa", "initials", "caps")
        if recurring or (started and emphatic):
            accepted[id(para)] = label
            started = started or recurring
    return accepted if len(accepted) >= 3 else {}


def _turn_stats(candidates: list[Para], labelled: dict[int, str]) -> dict[str, Stats]:
    stats: dict[str, Stats] = {}
    current: Stats | None = None
    asked = False
    for para in candidates:
        key = labelled.get(id(para))
        if key is not None:
            current = stats.setdefault(key, Stats())
            current.turns += 1
            asked = False
        if current is None:
            continue
        current.words += para.words
        if rules.ends_with_question(para.text) and not asked:
            current.asking += 1
            asked = True
    return stats


def _by_labels(paras, candidates, labelled, speakers) -> None:
    current: Para | None = None
    for para in candidates:
        key = labelled.get(id(para))
        if key is not None:
            para.speaker, para.new_turn = key, True
            para.role = QUESTION if speakers[key].asks else ANSWER
            para.reasons.append(f"labelled '{key}:'")
            current = para
        elif current is None:
            para.role = NARRATION
            para.reasons.append("before the first labelled turn")
        else:
            para.role, para.speaker = current.role, current.speaker
            para.reasons.append("continues the turn above")
    if current is not None:
        _close_tail(paras[paras.index(current) + 1 :], speakers, current)


def _close_tail(tail: list[Para], speakers: dict[str, Speaker], last: Para) -> None:
    """After the last labelled turn, the first sign of a closing note (a bio, italics, the
    subject named in the third person, an editor's note) ends the interview."""
    subjects = [s for s in speakers.values() if not s.asks]
    closed = False
    for para in tail:
        if para.role in (NARRATION, BYLINE) and para.speaker == "":
            closed = True
            continue
        if para.role not in (QUESTION, ANSWER) or para.new_turn:
            continue
        reason = "" if closed else _closing_sign(para, subjects, last)
        if closed or reason:
            closed = True
            para.role, para.speaker = _closing_role(para, subjects), ""
            para.reasons = [reason or "follows the closing note"]


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


def _closing_role(para: Para, subjects: list[Speaker]) -> str:
    """A bio of someone who is not a subject (the writer, usually) is a byline."""
    name = rules.bio_name(para)
    if name and not any(s.name and s.name.split()[-1] in name for s in subjects):
        return BYLINE
    return NARRATION


# -- pass 3: the sequence model --------------------------------------------------------------------
def _by_sequence(
    candidates: list[Para], labelled: dict[int, str], speakers, intro: Counter | None = None
) -> None:
    seq = [p for p in candidates if not rules.is_stage_only(p)]
    if not seq:
        return
    side = {k: (QUESTION if s.asks else ANSWER) for k, s in speakers.items()}
    style = "" if labelled else _question_style(seq)
    first_q = next((i for i, p in enumerate(seq) if rules.ends_with_question(p.text)), len(seq))
    # people named by the headline, standfirst, byline and the paragraphs before any question:
    # a closing paragraph that opens with one of them is about them, not said by them
    named = Counter(intro or ()) + names_in([p.text for p in seq[:first_q]])
    emissions, features = [], []
    for t, para in enumerate(seq):
        ctx = rules.Context(
            before_first_question_mark=t < first_q,
            next_words=seq[t + 1].words if t + 1 < len(seq) else 0,
            previous_words=seq[t - 1].words if t else 0,
            question_style=style,
        )
        feats = rules.question_features(para, ctx)
        q = sum(f.weight for f in feats)
        em = {sequence.INTRO: -q, sequence.QUESTION: q, sequence.ANSWER: -q}
        em[sequence.OUTRO] = -q - 1.0
        key = labelled.get(id(para))
        if key is not None:
            em = dict.fromkeys(sequence.STATES, sequence.NEVER)
            em[side[key]] = 0.0
        else:
            for labelled_side in set(side.values()):
                em[labelled_side] -= 4.0  # that side labels its turns; this one has none
            if t >= len(seq) - 3 and rules.closing_note(para, named):
                em[sequence.OUTRO] += 4.0
            if t == len(seq) - 1 and "italic" in para.styles and style != "italic":
                em[sequence.OUTRO] += 3.0
        emissions.append(em)
        features.append(sorted((f for f in feats if f.weight), key=lambda f: -abs(f.weight)))
    last = {
        QUESTION: next((k for k, v in side.items() if v == QUESTION), "")
        or free_key(ASK_KEYS, speakers),
        ANSWER: next((k for k, v in side.items() if v == ANSWER), "")
        or free_key(ANSWER_KEYS, speakers),
    }
    previous = ""
    for para, feats, (state, margin) in zip(seq, features, sequence.decode(emissions), strict=True):
        key = labelled.get(id(para))
        context = f"follows {_a(previous)}" if previous else "at the start"
        if state == sequence.INTRO:
            para.role = NARRATION
            context = "before the first question"
        elif state == sequence.OUTRO:
            para.role = _closing_role(para, [])
            context = "after the last answer"
        else:
            para.role = state
            para.speaker = key or last[state]
            last[state] = para.speaker
            para.new_turn = key is not None or previous != state
            previous = state
        para.reasons = [f.name for f in feats] + [context]
        if key is not None:
            para.reasons = [f"labelled '{key}:'"]
        elif margin < DOUBT:
            para.doubt = f"treated as {_a(para.role)} ({', '.join(para.reasons[:3] + [context])})"
    _fold_interjections(seq, labelled)
    for state, role in ((QUESTION, "interviewer"), (ANSWER, "subject")):
        if last[state] not in speakers and any(p.speaker == last[state] for p in seq):
            speakers[last[state]] = Speaker(last[state], "", role)


def _fold_interjections(seq: list[Para], labelled: dict[int, str]) -> None:
    """An unlabelled "Right." between two paragraphs of an answer stays inside the answer
    rather than splitting it into two turns. (A labelled `Q: Right.` is a question turn.)"""
    for before, para, after in zip(seq, seq[1:], seq[2:], strict=False):
        if (
            para.role == QUESTION
            and before.role == after.role == ANSWER
            and id(para) not in labelled
            and id(after) not in labelled
            and rules.is_interjection(para)
        ):
            for p in (para, after):
                p.role, p.speaker, p.new_turn = ANSWER, before.speaker, False
            para.reasons = ["an interjection between answer paragraphs: kept inside the answer"]
            para.doubt = ""


def _a(role: str) -> str:
    if role == NARRATION:
        return "narration"
    return f"{'an' if role[:1] in 'aeiou' else 'a'} {role}"


def _named(asks: bool, meta: Meta, hints: Hints, paras: list[Para], outcome: Outcome) -> str:
    """A name for the Q or A side: what the user said, else a guess that is reported."""
    given = hints.interviewers if asks else hints.subjects
    if given:
        return given[0]
    line = next((p.line for p in paras if p.role == (QUESTION if asks else ANSWER)), 0)
    if asks:
        if len(meta.authors) == 1:
            outcome.notes.append((line, f"interviewer taken to be {meta.authors[0]} (the byline)"))
            return meta.authors[0]
        return ""
    around = [p.text for p in paras if p.role in (NARRATION, TITLE) and p.text != meta.title]
    guess = guess_subject(meta.title, [meta.dek, *around[:4]], meta.authors + hints.interviewers)
    if guess:
        outcome.notes.append((line, f"subject taken to be {guess} (named in the introduction)"))
    return guess


def _question_style(seq: list[Para]) -> str:
    """A style most questions share and answers lack (bold, italics, an <h3>, a class)."""
    counts = Counter(s for p in seq for s in p.styles)
    for style, n in counts.most_common():
        if n < 3 or n > 0.7 * len(seq):
            continue
        styled = [i for i, p in enumerate(seq) if style in p.styles]
        followed = sum(1 for i in styled if i + 1 < len(seq) and style not in seq[i + 1].styles)
        plain = [p.words for p in seq if style not in p.styles]
        short = median(seq[i].words for i in styled)
        if followed >= 0.6 * n and short <= 40 and plain and median(plain) > short:
            return style
    return ""


def _stage_directions(paras: list[Para]) -> None:
    """`(laughs)` on its own belongs to the turn it sits in."""
    previous: Para | None = None
    for para in paras:
        if not para.role and rules.is_stage_only(para):
            if previous is not None and previous.role in (QUESTION, ANSWER):
                para.role, para.speaker = previous.role, previous.speaker
                para.reasons = ["a stage direction inside the turn"]
            else:
                para.role, para.reasons = NARRATION, ["a stage direction outside any turn"]
        if para.role in (QUESTION, ANSWER, NARRATION):
            previous = para
