"""The one search language of the reader: what `/` in an article, Ctrl+F and `reader search`
all understand, parsed once here.

- `word` finds the word, whole, in any case and without regard to accents (`cafe` finds
  "Café"); all the words of a query must occur in one paragraph;
- `"a phrase"` finds the words in that order, side by side;
- `prefix*` finds the words that begin with it (at least two letters before the `*`);
- `speaker:NAME` searches the turns of one speaker: NAME is a word of the speaker's name
  or key, in any case (`speaker:Okafor`, `speaker:dennis`, `speaker:"Dennis Okafor"`,
  `speaker:Oka*`); alone, it finds every turn of that speaker;
- `q:` searches the questions only (the turns of interviewers, hosts and moderators), `a:`
  the answers only.

Words are what the library index (SQLite FTS5, unicode61) counts as words: runs of letters
and digits. Everything else separates them, so `don't` is the phrase "don t" and finds
"don’t" too, and no character in a query is ever syntax for anything but this language.
`fold` is the one normalisation (case and accents) that both searches apply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reader.core.sanitize import clean_line

MIN_PREFIX = 2  # letters before a `*`: one-letter prefixes match half the dictionary
MAX_WORDS = 24  # words in a query, names and phrases included: more is a pasted paragraph

# (syntax, meaning): the help screen, `reader help search`, `reader search --help` and the
# README show these rows (a test keeps the README's table the same).
SYNTAX: tuple[tuple[str, str], ...] = (
    ("word", "the word, whole, in any case, with or without accents (cafe finds Café)"),
    ("two words", "paragraphs that have both"),
    ('"a phrase"', "the words side by side, in this order"),
    ("prefix*", "words that begin with it: cinem* finds cinema and cinematographer"),
    ("speaker:NAME", "one speaker's turns, by first name, surname or key; alone, all of them"),
    ('speaker:"A Name"', "a name with a space in it"),
    ("q:", "the questions only (the turns of interviewers, hosts and moderators)"),
    ("a:", "the answers only"),
)

_WORD = re.compile(r"[^\W_]+")  # letters and digits: a word, as the FTS5 tokenizer sees it
_PIECES = re.compile(
    r"""(?P<scope>(?i:speaker):(?:"(?P<quoted>[^"]*)"?|(?P<name>\S*)))"""
    r"""|(?P<kind>(?i:[qa])):"""
    r"""|"(?P<phrase>[^"]*)(?:"|$)(?P<star>\*)?"""
    r"""|(?P<word>[^\s"]+)"""
)


class QueryError(ValueError):
    """A query that cannot be searched; the message is meant for the user."""


@dataclass(frozen=True)
class Term:
    """A word, a phrase or a prefix: folded words that must occur side by side, in order;
    with `prefix`, the last one only has to begin the word found."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    text: str  # what the user typed (control characters removed)
    terms: tuple[Term, ...] = ()
    speakers: tuple[Term, ...] = ()  # speaker:NAME scopes (any of them); empty: everyone
    questions: bool = False
    answers: bool = False

    @property
    def scoped(self) -> bool:
        return bool(self.speakers or self.questions or self.answers)

    @property
    def empty(self) -> bool:
        """Nothing typed that searches (white space, punctuation only)."""
        return not self.terms and not self.speakers


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character in lower case without its accent, always one character long (so an
    offset in folded text is an offset in the original): "É" → "e", "İ" → "i"."""
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """`text` in lower case and without accents, character for character. Each distinct
    character that changes is replaced throughout (`str.replace` runs in C; a translation
    table is ten times slower), so a 200,000-word article folds in tens of milliseconds."""
    if text.isascii():
        return text.lower()
    for char in set(text):
        if not char.isascii() and _fold_char(char) != char:
            text = text.replace(char, _fold_char(char))
    return text.lower()


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def _term(text: str, star: bool) -> Term | None:
    """A term from a word or a phrase as typed; a trailing `*` makes its last word a prefix."""
    prefix = star or text.rstrip().endswith("*")
    words = _words(text)
    if not words:
        return None
    if prefix and len(words[-1]) < MIN_PREFIX:
        raise QueryError(f"type at least {MIN_PREFIX} letters before a *")
    return Term(words, prefix)


def parse(text: str, speaker: str | None = None) -> Query:
    """The query in what the user typed (and an extra speaker scope, `--speaker NAME`).
    Raises QueryError for a prefix that is too short or a speaker scope without a name."""
    text = clean_line(text)
    terms: list[Term] = []
    speakers: list[Term] = []
    kinds: set[str] = set()
    names = [speaker] if speaker is not None else []
    for piece in _PIECES.finditer(text):
        if piece.group("scope"):
            names.append(piece.group("quoted") or piece.group("name") or "")
        elif piece.group("kind"):
            kinds.add(piece.group("kind").lower())
        else:
            phrase = piece.group("phrase")
            star = bool(piece.group("star"))
            term = _term(phrase if phrase is not None else piece.group("word"), star)
            if term is not None:
                terms.append(term)
    for name in names:
        term = _term(name, False)
        if term is None:
            raise QueryError("speaker: needs a name, as in speaker:Okafor")
        speakers.append(term)
    return Query(text, tuple(terms), tuple(speakers), "q" in kinds, "a" in kinds)


def searchable(query: Query) -> Query:
    """`query` if it can be searched; otherwise a QueryError that says what to add."""
    if query.empty:
        if query.questions or query.answers:
            raise QueryError("q: and a: narrow a search: add a word to look for")
        raise QueryError("nothing to search for: type a word or a “quoted phrase”")
    if sum(len(term.words) for term in query.terms + query.speakers) > MAX_WORDS:
        raise QueryError(f"too many words: a search takes at most {MAX_WORDS}")
    return query


def names_match(term: Term, name_words: tuple[str, ...]) -> bool:
    """Whether a speaker whose key and name are `name_words` (folded) is the one `term`
    (from speaker:NAME) names: every word of it is a word of theirs (the last one may be a
    prefix)."""
    *whole, last = term.words
    if any(word not in name_words for word in whole):
        return False
    if term.prefix:
        return any(word.startswith(last) for word in name_words)
    return last in name_words


def speaker_words(key: str, name: str) -> tuple[str, ...]:
    """The folded words by which speaker:NAME can name a speaker."""
    return _words(f"{key} {name}")
