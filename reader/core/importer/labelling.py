"""The second stage: which paragraphs of the body open with a speaker label, whose, and the
full name behind each label.

The forms are the shared grammar's (reader.core.labels). A label counts when it recurs,
states a role (`Q:`, `Interviewer:`), sits on a line of its own, or — a one-off that is bold
or in capitals — stands between recurring labels (a third voice chiming in once). A full-name
label used before a short one that abbreviates it ("Ines Okafor:" … "IO:", "CALLUM LEE:" …
"LEE:") is the same speaker, keyed by the short form and named in full; the same full label
after the short one has taken over is not merged (a credit, "Mara Quint: the album is out
now"). Initials without a colon ("KB Badly, at first") count only when they recur and are
the initials of someone the text names. Fewer than three labelled paragraphs: no labels.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.core import labels
from reader.core.importer.model import Para
from reader.core.importer.names import full_name, names_in
from reader.core.importer.zones import Zoned

MIN_LABELLED = 3


@dataclass(frozen=True)
class Labelled:
    keys: dict[int, str]  # paragraph index → speaker key
    names: dict[str, str]  # speaker key → full name ("" when the text does not give one)
    kinds: dict[str, labels.LabelKind]  # speaker key → what its label looks like
    reasons: dict[int, str]  # paragraph index → why its label was accepted

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(self.keys.values()))


@dataclass(frozen=True)
class _Found:
    index: int
    label: labels.Label
    emphatic: bool


def label_stage(zoned: Zoned) -> Labelled:
    paras = zoned.paras
    found = _candidates(zoned)
    colon = [f for f in found if f.label.form != "bare"]
    merged = _merge_aliases(colon)
    repeated = labels.recurring(merged[f.index] for f in colon)
    recurring = [f.index for f in colon if merged[f.index] in repeated]
    first, last = (min(recurring), max(recurring)) if recurring else (0, -1)
    keys: dict[int, str] = {}
    reasons: dict[int, str] = {}
    for f in colon:
        key = merged[f.index]
        if key in repeated or f.label.kind in ("qa", "role") or f.label.form == "alone":
            keys[f.index] = key
        elif f.emphatic and first < f.index < last:
            keys[f.index] = key
            reasons[f.index] = f"labelled '{f.label.name}:' (once, between other labels)"
    names = names_in(
        [zoned.meta.title, zoned.meta.dek, *zoned.meta.authors]
        + [p.text for i, p in enumerate(paras) if i not in keys]
    )
    colon_keys = set(merged.values())
    bare = _bare_initials([f for f in found if f.label.form == "bare"], names, colon_keys)
    for index, (key, name) in bare.items():
        keys[index] = key
        reasons[index] = f"labelled '{key}' (the initials of {name}, without a colon)"
    if len(keys) < MIN_LABELLED:
        return Labelled({}, {}, {}, {})
    written = _written_forms(colon, merged, keys)
    keyed = {i: written.get(k, k) for i, k in keys.items()}
    kinds: dict[str, labels.LabelKind] = {key: "initials" for key, _ in bare.values()}
    for own_form in (True, False):  # the short form's look wins over the full name's
        for f in colon:
            if f.index in keyed and (f.label.fold == merged[f.index]) == own_form:
                kinds.setdefault(keyed[f.index], f.label.kind)
    full = _full_names(colon, merged, written)
    bare_names = dict(bare.values())
    out_names = {
        key: full.get(key) or bare_names.get(key) or full_name(key, names)
        for key in dict.fromkeys(keyed.values())
    }
    for f in colon:
        if f.index in keyed and f.index not in reasons:
            key = keyed[f.index]
            if f.label.fold != labels.fold(key):
                reasons[f.index] = f"labelled '{f.label.name}:' ({key} after this, one speaker)"
            else:
                reasons[f.index] = f"labelled '{f.label.name}:'"
    return Labelled(keyed, out_names, kinds, reasons)


def _candidates(zoned: Zoned) -> list[_Found]:
    out = []
    for i, para in enumerate(zoned.paras):
        if zoned.zones[i] != "body" or i in zoned.fixed or para.kind != "p":
            continue
        if "fields" in para.styles:
            continue  # "Narrator: … / Interviewer: …" describes the recording, nobody speaks
        label = _label_of(para)
        if label is not None:
            emphatic = para.md.startswith(("**", "__")) or label.kind != "name"
            out.append(_Found(i, label, emphatic))
    return out


def _label_of(para: Para) -> labels.Label | None:
    if para.label:
        return labels.Label(para.label, labels.label_kind(para.label) or "name", "alone", 0)
    return labels.speaker_label(para.text) or labels.bare_initials(para.text)


def _merge_aliases(found: list[_Found]) -> dict[int, str]:
    """Paragraph index → folded label, with a full name merged into the short form that
    follows it (only for its uses before the short form first appears)."""
    order = [f.label.name for f in found]
    alias = labels.aliases(order)
    first_use: dict[str, int] = {}
    for f in found:
        first_use.setdefault(f.label.fold, f.index)
    out = {}
    for f in found:
        short = alias.get(f.label.fold)
        out[f.index] = short if short and f.index < first_use[short] else f.label.fold
    return out


def _bare_initials(
    found: list[_Found], names: Counter[str], colon_labels: set[str]
) -> dict[int, tuple[str, str]]:
    """Paragraph index → (initials, the person they stand for) for recurring initials without
    a colon that fit someone the text names."""
    repeated = labels.recurring(f.label.name for f in found)
    people: dict[str, list[str]] = {}
    for name in names:
        people.setdefault(labels.initials(name), []).append(name)
    out = {}
    for f in found:
        initials = f.label.name
        if labels.fold(initials) not in repeated or labels.fold(initials) in colon_labels:
            continue
        candidates = people.get(initials, [])
        if candidates:
            out[f.index] = (initials, max(candidates, key=lambda n: names[n]))
    return out


def _written_forms(
    found: list[_Found], merged: dict[int, str], keys: dict[int, str]
) -> dict[str, str]:
    """Folded key → the spelling used most often for it ("LEE" rather than "Lee")."""
    spellings: dict[str, Counter[str]] = {}
    for f in found:
        key = merged[f.index]
        if f.index in keys and labels.fold(f.label.name) == key:
            spellings.setdefault(key, Counter())[f.label.name] += 1
    out = {}
    for f in found:  # a key seen only as the full form of an alias keeps its own spelling
        key = merged[f.index]
        if f.index in keys:
            out[key] = spellings[key].most_common(1)[0][0] if key in spellings else f.label.name
    return out


def _full_names(
    found: list[_Found], merged: dict[int, str], written: dict[str, str]
) -> dict[str, str]:
    """Key → the full name an alias spelled out ("CALLUM LEE" → "Callum Lee")."""
    out: dict[str, str] = {}
    for f in found:
        key = written.get(merged[f.index], "")
        if key and labels.fold(f.label.name) != merged[f.index] and key not in out:
            name = f.label.name
            out[key] = name.title() if name.isupper() else name
    return out
