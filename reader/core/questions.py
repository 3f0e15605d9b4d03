"""Which of the interviewer's turns are real questions: the one list that the outline, `]`/`[`
and the question counts share.

Every turn by an interviewer, host or moderator is *asked*, but in a transcript many of them
ask nothing: a co-host's aside, an interjection ("Oh! Dennis!", "— a bacon sandwich, I'd
join —"), a continuer ("Oh, go on."), the welcome and the closing thank-you. A printed
interview's editor would not number those, and neither do we. The rules, on the shape of
the conversation rather than on a list of words:

1. An interruption is never a question: a turn that starts with a dash or an ellipsis (it
   breaks into someone else's sentence), or that breaks off with a dash without asking.
2. A turn that asks — one with a question mark — is a question ("And the bus garage?",
   "Why?").
3. A turn that asks nothing is a prompt, and so a question, when it is *answered*: the
   people who answer speak next, and at length — at least a third as long as this
   article's typical answer (the median), so that "Thank you, Bartholomew." followed by "My
   pleasure." is not one, nor a remark that another host takes up.
4. A welcome or a thank-you is not a prompt: a turn that asks nothing and whose last
   sentence greets or thanks ("… Ella Fairweather, welcome.", "Thank you, Aled."); one
   that greets or thanks earlier ("Ilse, thank you for having us. It is roasting in
   here.") is one only if it is answered at the full typical length. This
   is the one rule that reads words (`GREETINGS`, English); the others catch most closings
   in any language, since the guest's answer to a thank-you is short.
5. A prompt of a few words (`FEW_WORDS`) must also name something the answer takes up at
   once: a word of it that is rare in this article occurs in the first paragraph of the
   answer ("Cliffs." answered "Wild cabbage … grows on sea cliffs"), which a continuer
   ("Go on.", "Take your time.") or a greeting ("Oh! Dennis!") does not.

6. An echo is not a prompt: a turn that asks nothing and gives back what was just said
   ("… the sea has risen about the width of my hand." — "The width of your hand."): three
   or more of its words side by side, half of it or more, were just said.

The typical answer of rule 3 is the median of the answers to the turns that ask (with a
question mark), so that small talk does not make every reply "long".

All thresholds but the few words of rule 5 are relative to the article, so a rapid-fire
questionnaire and a three-hour oral history are judged by their own measure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from reader.core import model as m

FEW_WORDS = 3  # a prompt this short needs a word in common with its answer (rule 5)
ANSWER_SHARE = 1 / 3  # of the median answer: how long an answer makes a prompt (rule 3)
COMMON_SHARE = 0.2  # a word in this share of the turns is common, not a topic (rule 5)
GREETINGS = frozenset({"welcome", "thank", "thanks", "hello", "goodbye"})  # rule 4
ECHO_RUN = 3  # words side by side, just said by the turn before: an echo (rule 6)
MIN_ASKING = 3  # answers to turns that ask, to take their median as the typical answer

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DASHES = ("—", "–", "--", "-", "…", "...")
_SENTENCE_END = re.compile(r"[.!…]+\s+(?=\S)")


def _words(text: str) -> list[str]:
    """The words of `text`, case-folded (all at once: folding is per character, and a call
    per word was half the cost of the rules at 200k words)."""
    found = _WORD.findall(text)
    return " ".join(found).casefold().split(" ") if found else []


def _is_interruption(text: str) -> bool:
    text = text.strip()
    if text.startswith(_DASHES):
        return True
    return text.endswith(("—", "–", "--")) and "?" not in text


def _greets(text: str, anywhere: bool = False) -> bool:
    """The last sentence (`anywhere`: any sentence) welcomes or thanks someone."""
    sentences = _SENTENCE_END.split(text.strip())
    chosen = sentences if anywhere else sentences[-1:]
    return any(not GREETINGS.isdisjoint(_words(sentence)) for sentence in chosen)


def question_blocks(
    blocks: Sequence[m.Block], block_words: Sequence[int] | None = None
) -> list[int]:
    """The indices of the blocks that are real questions, in order (see the module).
    `block_words`: the words of each block as the article counts them (`Article.block_words`,
    counted by the loader), so that the lengths of answers are not counted again.

    Linear in the article: each turn is read a bounded number of times (an article of
    100,000 short questions is a few passes over its turns, not one per question)."""
    asked = [i for i, b in enumerate(blocks) if b.is_question and not b.continued]
    if not asked:
        return []
    turns = [i for i, b in enumerate(blocks) if b.kind == m.TURN]
    answers, said_before = _answers_and_said(blocks, turns)

    if block_words is None:
        block_words = [m.count_words(block.text) for block in blocks]

    def length(answer: list[int]) -> int:
        """The words of an answer (its blocks)."""
        return sum(block_words[j] for j in answer)

    typical = _typical_answer(blocks, answers, length)
    common: set[str] | None = None  # read from every turn, when a few-word prompt needs it
    found = []
    for i in asked:
        text = blocks[i].text
        if _is_interruption(text):
            continue
        if "?" in text:
            found.append(i)
            continue
        answer = answers[i]
        if _greets(text) or not answer:
            continue
        # A thank-you or a welcome at the start, too, is small talk unless it is answered
        # at full length ("Ilse, thank you for having us. It is roasting in here.").
        enough = typical if _greets(text, anywhere=True) else ANSWER_SHARE * typical
        if length(answer) < enough:
            continue
        words = _words(text)
        if len(words) <= FEW_WORDS:
            if common is None:
                common = _common_words(blocks, turns)
            first = blocks[answer[0]].text.split("\n", 1)[0]
            if not (set(words) - common) & set(_words(first)):
                continue
        said = said_before[i]
        if said is not None and _echoes(words, said):
            continue
        found.append(i)
    return found


def _answers_and_said(
    blocks: Sequence[m.Block], turns: list[int]
) -> tuple[dict[int, list[int]], dict[int, str | None]]:
    """For each asked turn (a question, not resumed): the turns (blocks) that answer it
    (up to the next asked turn: nothing when another host speaks next; a translator's reply
    counts), and the text of the last answering turn before it (a co-host's "Wow." between
    that and an echo does not count). One pass forward over the turns."""
    answers: dict[int, list[int]] = {}
    said_before: dict[int, str | None] = {}
    last_said: str | None = None
    open_answer: list[int] | None = None  # the answer being gathered, while it may go on
    for j in turns:
        block = blocks[j]
        if not block.is_question:
            if open_answer is not None:
                open_answer.append(j)
            last_said = block.text
        elif block.continued and open_answer is not None and not open_answer:
            continue  # the question itself, resumed after a picture
        else:
            open_answer = None  # another host's turn (or a resumed one) ends the answer
            if not block.continued:
                open_answer = answers[j] = []
                said_before[j] = last_said
    return answers, said_before


def _typical_answer(
    blocks: Sequence[m.Block],
    answers: dict[int, list[int]],
    length: Callable[[list[int]], int],
) -> float:
    """The median length in words of the answers to the turns that ask (a question mark),
    when there are a few; else of the answers to every host turn. Small talk ("Thank you
    both. Lovely to be here.") and replies to asides would pull it down."""
    asking = [a for i, a in answers.items() if a and "?" in blocks[i].text]
    chosen = asking if len(asking) >= MIN_ASKING else [a for a in answers.values() if a]
    return _median([length(a) for a in chosen]) if chosen else 0


def _median(values: list[int]) -> float:
    """The median, as `statistics.median` gives it. Not imported from there: `statistics`
    brings fractions, decimal and random, and this runs before the first frame."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def _echoes(words: list[str], previous: str) -> bool:
    """Rule 6: the turn gives back words just said, side by side ("… about the width of my
    hand." — "The width of your hand."): a run of at least ECHO_RUN of its words, making up
    half of it or more, is found in the turn before. Picking up one word ("Cliffs.", "Tell
    me about the wall.") is a prompt, not an echo.

    Such a run exists exactly when a run of `need` words (the least that qualifies) is
    common to both, which is looked for with a rolling hash, checked word by word on a
    match: linear in the two turns (a table of all runs was quadratic in their lengths)."""
    need = max(ECHO_RUN, -(-len(words) // 2))
    said = _words(previous)
    if need > min(len(words), len(said)):
        return False
    ids: dict[str, int] = {}
    mine = [ids.setdefault(w, len(ids)) for w in words]
    theirs = [ids.setdefault(w, len(ids)) for w in said]
    starts: dict[int, list[int]] = {}
    for start, value in _run_hashes(theirs, need):
        starts.setdefault(value, []).append(start)
    for start, value in _run_hashes(mine, need):
        run = mine[start : start + need]
        if any(theirs[k : k + need] == run for k in starts.get(value, ())):
            return True
    return False


_BASE, _MODULUS = 1_000_003, (1 << 61) - 1


def _run_hashes(ids: list[int], size: int) -> Iterator[tuple[int, int]]:
    """(start, hash) of every run of `size` ids, in order, each from the one before."""
    value, top = 0, pow(_BASE, size - 1, _MODULUS)
    for k, item in enumerate(ids):
        if k >= size:
            value = (value - (ids[k - size] + 1) * top) % _MODULUS
        value = (value * _BASE + item + 1) % _MODULUS
        if k >= size - 1:
            yield k - size + 1, value


def _common_words(blocks: Sequence[m.Block], turns: list[int]) -> set[str]:
    """Words found in at least `COMMON_SHARE` of the article's turns ("the", "on", "go")."""
    counts: Counter[str] = Counter()
    for j in turns:
        counts.update(set(_words(blocks[j].text)))
    least = max(3, COMMON_SHARE * len(turns))  # a prompt and its answer make two
    return {word for word, n in counts.items() if n >= least}
