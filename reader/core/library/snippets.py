"""The snippet of a search hit, found in Python for the few passages shown.

FTS5's own `snippet()` and `highlight()` run inside one SQLite step, where the search's
deadline cannot stop them, and cost grows with the square of the query's terms (200 terms:
11 s on one passage). Here each passage is tokenized once, much as the index's tokenizer
does (`unicode61 remove_diacritics 2`: runs of letters and digits, compared without case
or accents), every term is matched against the tokens, and the window of SNIPPET_TOKENS
tokens that holds the most different terms is cut out, its matches marked. That is linear
in the passage times the (capped) number of words in the query.

A passage can be a whole chapter in one paragraph (hundreds of thousands of words), and a
search shows up to a hundred of them: tokenizing each in Python took seconds a keystroke.
So a long passage is first searched in C (a regular expression over its folded text) for
the first place a term occurs, and only REGION characters from just before it are
tokenized; the window is the best one there.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core.query import Term, fold

SNIPPET_TOKENS = 20
ELLIPSIS = "…"
REGION = 1500  # characters of a long passage tokenized for its snippet
_BEFORE = 200  # of them, before the first match
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Snippet:
    text: str  # matches between `start` and `end` marks
    offset: int  # character offset of the first match in the passage (0 when none)
    match: str  # that first match as the passage has it ("Café" for "cafe")


def matches(text: str, terms: list[Term]) -> tuple[list[re.Match], list[tuple[int, int, int]]]:
    """The passage's tokens, and each match as (first token, last token + 1, term index).

    A token is looked up among the terms' first words (a dict), and compared with the
    one-word prefixes only, so a long passage costs one pass, not one per term."""
    tokens = list(_TOKEN.finditer(text))
    whole = fold(text)  # character for character, so the tokens' offsets hold in it
    folded = [whole[t.start() : t.end()] for t in tokens]
    by_first: dict[str, list[int]] = {}
    prefixes: list[tuple[str, int]] = []
    for n, term in enumerate(terms):
        if not term.words:
            continue
        if term.prefix and len(term.words) == 1:
            prefixes.append((term.words[0], n))
        else:
            by_first.setdefault(term.words[0], []).append(n)
    found: list[tuple[int, int, int]] = []
    for i, token in enumerate(folded):
        candidates = by_first.get(token, [])
        if prefixes:
            candidates = candidates + [n for word, n in prefixes if token.startswith(word)]
        for n in sorted(candidates):
            if _matches_at(folded, i, terms[n]):
                found.append((i, i + len(terms[n].words), n))
    return tokens, found


def _matches_at(folded: list[str], i: int, term: Term) -> bool:
    last = len(term.words) - 1
    if i + last >= len(folded):
        return False
    for k, word in enumerate(term.words):
        token = folded[i + k]
        if not (token == word or (k == last and term.prefix and token.startswith(word))):
            return False
    return True


def snippet(text: str, terms: list[Term], start_mark: str, end_mark: str) -> Snippet:
    """The best window of `text` for `terms`, with its matches between the marks (in a long
    passage, the best within REGION characters of the first match)."""
    if len(text) <= REGION:
        return _snippet(text, terms, start_mark, end_mark)
    first = _first_match(fold(text), terms)
    begin = max(0, first - _BEFORE)
    if begin:  # start at a word's start, never inside one
        word = _TOKEN.search(text, begin)
        begin = word.start() if word is not None and word.start() <= first else first
    end = min(len(text), begin + REGION)
    cut = _snippet(text[begin:end], terms, start_mark, end_mark)
    body = cut.text
    if begin and not body.startswith(ELLIPSIS):
        body = ELLIPSIS + body
    if end < len(text) and not body.endswith(ELLIPSIS):
        body += ELLIPSIS
    return Snippet(body, begin + cut.offset if cut.match else 0, cut.match)


def _first_match(folded: str, terms: list[Term]) -> int:
    """Where the first term occurs in folded text, as whole words (0 when none does)."""
    alternatives = []
    for term in terms:
        if term.words:
            words = r"[\W_]+".join(re.escape(word) for word in term.words)
            alternatives.append(words + ("" if term.prefix else r"(?![^\W_])"))
    if not alternatives:
        return 0
    found = re.search(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")", folded)
    return found.start() if found is not None else 0


def _snippet(text: str, terms: list[Term], start_mark: str, end_mark: str) -> Snippet:
    tokens, found = matches(text, terms)
    if not tokens:
        return Snippet(text[:200], 0, "")
    first, last = _window(len(tokens), found)
    pieces: list[str] = [ELLIPSIS] if first > 0 else []
    cursor = tokens[first].start() if first > 0 else 0  # from the start: "[love of]" whole
    for a, b, _ in found:
        if a < first or b > last or tokens[a].start() < cursor:
            continue  # outside the window, or inside a match already marked
        pieces += [text[cursor : tokens[a].start()], start_mark]
        pieces += [text[tokens[a].start() : tokens[b - 1].end()], end_mark]
        cursor = tokens[b - 1].end()
    end = tokens[last - 1].end() if last < len(tokens) else len(text)
    pieces.append(text[cursor:end])
    if last < len(tokens):
        pieces.append(ELLIPSIS)
    if found:
        a, b, _ = found[0]
        offset, match = tokens[a].start(), text[tokens[a].start() : tokens[b - 1].end()]
    else:
        offset, match = 0, ""
    return Snippet("".join(pieces), offset, match)


def _window(count: int, found: list[tuple[int, int, int]]) -> tuple[int, int]:
    """[first, last) token indices of the SNIPPET_TOKENS-token window with the most different
    terms (the earliest such window), starting a little before its first match."""
    size = SNIPPET_TOKENS
    if count <= size or not found:
        return 0, min(count, size)
    best, best_start = -1, 0
    inside: Counter[int] = Counter()
    j = 0
    for i, (a, _, _) in enumerate(found):  # found is in token order
        while j < len(found) and (j <= i or found[j][1] <= a + size):
            inside[found[j][2]] += 1
            j += 1
        if len(inside) > best:
            best, best_start = len(inside), a
        inside[found[i][2]] -= 1
        if not inside[found[i][2]]:
            del inside[found[i][2]]
    start = max(0, min(best_start - 2, count - size))
    return start, start + size
