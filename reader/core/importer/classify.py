"""Give every paragraph a role (and turns a speaker), in typed, pure stages:

    zones      chrome, header, body, tail; what paragraphs are by themselves (zones.py)
    labels     which body paragraphs open with a speaker label, and aliases (labelling.py)
    roles      who asks, decided relatively between the speakers (roles.py)
    turns      labelled turns; the sequence model for what labels leave open (turns.py)

Each stage returns decisions with their reasons; this module runs them in order, keeps the
first decision made for each paragraph, and names the sides labels did not name (from the
byline, the introduction and `--interviewer`/`--subject`). Close calls become notes that the
summary prints as warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from reader.core import labels
from reader.core.importer import rules, turns
from reader.core.importer.labelling import label_stage
from reader.core.importer.model import Decision, Meta, Note, Para, Role
from reader.core.importer.names import guess_subject, names_in
from reader.core.importer.roles import Hints, cast
from reader.core.importer.zones import Zoned, zone
from reader.core.model import Speaker

Mode = Literal["labels", "some labels", "no labels"]


@dataclass(frozen=True)
class Outcome:
    paras: list[Para]
    decisions: list[Decision]
    speakers: dict[str, Speaker]
    mode: Mode
    meta: Meta
    notes: list[Note]

    def rows(self) -> list[tuple[Para, Decision]]:
        return list(zip(self.paras, self.decisions, strict=True))


def classify(paras: list[Para], meta: Meta, hints: Hints, stem: str = "") -> Outcome:
    zoned = zone(paras, meta, stem)
    paras, meta = zoned.paras, zoned.meta
    decided = dict(zoned.fixed)
    order = [i for i, z in enumerate(zoned.zones) if z == "body" and i not in decided]
    labelled = label_stage(zoned)
    crew = cast(paras, order, labelled, hints, zoned.introduced, zoned.named, meta.authors)
    speakers = dict(crew.speakers)
    notes = list(crew.notes)
    ruled = {i for i in order if "after-rule" in paras[i].styles}
    sections = ruled | _after_headings(order, decided)
    asking = {k for k, s in speakers.items() if s.asks}
    mode: Mode
    if speakers and asking and asking != set(speakers):
        mode = "labels"
        found = turns.by_labels(paras, order, labelled.keys, speakers, sections, labelled.reasons)
    else:
        mode = "some labels" if speakers else "no labels"
        named = names_in(
            [meta.title, meta.dek, *meta.authors]
            + [
                paras[i].text
                for i, d in decided.items()
                if d.role in (Role.NARRATION, Role.BYLINE, Role.CAPTION)
            ]
            + [paras[i].text for i in order[: _first_question(paras, order)]]
        )
        found = turns.by_sequence(
            paras, order, labelled.keys, speakers, named, ruled, labelled.reasons
        )
        for key, side in found.sides.items():
            speakers[key] = Speaker(key, "", "interviewer" if side == Role.QUESTION else "subject")
    decided |= found.decisions
    decided |= turns.stage_directions(paras, order, decided)
    speakers = _named(speakers, paras, decided, meta, hints, zoned, notes, asking=False)
    decided = _tail_names(paras, decided, speakers)
    speakers = _named(speakers, paras, decided, meta, hints, zoned, notes, asking=True)
    rows = [
        decided.get(i) or Decision(Role.NARRATION, ("outside every turn",))
        for i in range(len(paras))
    ]
    return Outcome(paras, rows, speakers, mode, meta, notes)


def _after_headings(order: list[int], decided: dict[int, Decision]) -> set[int]:
    heads = sorted(i for i, d in decided.items() if d.role == Role.HEADING)
    out = set()
    for head in heads:
        after = next((i for i in order if i > head), None)
        if after is not None:
            out.add(after)
    return out


def _first_question(paras: list[Para], order: list[int]) -> int:
    return next(
        (t for t, i in enumerate(order) if rules.ends_with_question(paras[i].text)), len(order)
    )


def _tail_names(
    paras: list[Para], decided: dict[int, Decision], speakers: dict[str, Speaker]
) -> dict[int, Decision]:
    """A name alone or a bio after the last answer is the writer's byline — unless it names a
    subject: then it is a note about them."""
    subjects = {labels.fold(s.name).split()[-1] for s in speakers.values() if s.name and not s.asks}
    out = dict(decided)
    for i, decision in decided.items():
        if decision.role != Role.BYLINE or rules.byline_names(paras[i].text):
            continue
        name = rules.bio_name(paras[i].text) or (
            paras[i].text if rules.person_alone(paras[i].text) else ""
        )
        if name and labels.fold(name).split()[-1] in subjects:
            out[i] = Decision(Role.NARRATION, (f"about {name}, who is interviewed",))
    return out


def _named(
    speakers: dict[str, Speaker],
    paras: list[Para],
    decided: dict[int, Decision],
    meta: Meta,
    hints: Hints,
    zoned: Zoned,
    notes: list[Note],
    asking: bool,
) -> dict[str, Speaker]:
    """Names for the sides no label names (`Q`, `A`, or the unlabelled side): what the user
    said, a field of the introduction, the byline, else a guess from the introduction that is
    reported. The subject first (`asking` False): a name and bio after the last answer that
    are the subject's are not the writer's byline."""
    out = dict(speakers)
    nameless = [k for k, s in speakers.items() if not s.name and s.asks == asking]
    writers = _writers(paras, decided, meta)
    subjects = [s for s in speakers.values() if not s.asks]
    for key in nameless:
        speaker = speakers[key]
        given = hints.interviewers if speaker.asks else hints.subjects
        first = next((i for i, d in sorted(decided.items()) if d.speaker == key), 0)
        name = ""
        if given:
            name = given[0]
        elif zoned.named.get(labels.fold(key)):
            name = zoned.named[labels.fold(key)]
        elif (
            speaker.asks
            and len([s for s in speakers.values() if s.asks]) == 1
            and len(writers) == 1
        ):
            name = writers[0]
            notes.append(Note(first, f"interviewer taken to be {name} (the byline)"))
        elif not speaker.asks and len(subjects) == 1:
            start = min(
                (i for i, d in decided.items() if d.role in (Role.QUESTION, Role.ANSWER)), default=0
            )
            around = [
                paras[i].text
                for i, d in sorted(decided.items())
                if i < start
                and d.role in (Role.NARRATION, Role.TITLE)
                and paras[i].text != meta.title
            ]
            exclude = [*_writers(paras, decided, meta, tail=False), *hints.interviewers]
            name = guess_subject(meta.title, [meta.dek, *around[:4]], exclude)
            if name:
                notes.append(Note(first, f"subject taken to be {name} (named in the introduction)"))
        if name:
            out[key] = replace(speaker, name=name)
    return out


def _writers(
    paras: list[Para], decided: dict[int, Decision], meta: Meta, tail: bool = True
) -> list[str]:
    """The piece's writers: its metadata and "By …" lines, then (with `tail`) a byline after
    the last answer (a name alone, or the person a closing bio describes)."""
    out = list(meta.authors)
    for i, decision in sorted(decided.items()):
        if decision.role != Role.BYLINE or (not tail and not rules.byline_names(paras[i].text)):
            continue
        text = paras[i].text
        for name in rules.byline_names(text) or [rules.bio_name(text)]:
            if name and not any(_same(name, known) for known in out):
                out.append(name)
        if rules.person_alone(text) and not any(_same(text, known) for known in out):
            out.append(text)
    return out


def _same(a: str, b: str) -> bool:
    return labels.fold(a).split()[-1:] == labels.fold(b).split()[-1:]
