"""core/questions.py: which host turns are real questions, on the shapes real interviews take.

The two fixtures in tests/fixtures/interviews were written after the rules were tuned on the
samples, and kept unseen until then: a podcast with two co-hosts who mostly remark, and a
print interview with continuers and a closing thank-you.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import model as m
from reader.core.bundle import load_bundle
from reader.core.navigation import JumpTargets
from reader.core.questions import question_blocks

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interviews"
LONG = (
    "It was a long story, and I will tell it properly: the morning, the weather, the people "
    "who were there, what they said, and what happened after, which nobody expected at all."
)


def asked_texts(article: m.Article) -> list[str]:
    return [article.blocks[i].text for i in article.question_blocks()]


def article_of(*turns: tuple[str, str], roles: dict[str, str] | None = None) -> m.Article:
    """An article of turns (speaker, text); Q and H ask, everyone else answers."""
    roles = roles or {"Q": "interviewer", "H": "host"}
    blocks = [
        m.Block(m.TURN, n, [m.Paragraph(text, n)], speaker=who, role=roles.get(who, "subject"))
        for n, (who, text) in enumerate(turns, 1)
    ]
    return m.Article("t", Path("x"), Path("x"), Path("x"), blocks=blocks)


def test_a_podcast_lists_the_questions_not_the_banter():
    article = load_bundle(FIXTURES / "allotment-hour.md").article
    assert asked_texts(article) == [
        "Ella, how did you end up judging marrows of all things?",
        "What makes a marrow a winner? Is it just weight?",
        "Cooking oil.",  # taken up at once: "Olive oil, usually."
        "Has anyone ever tried to bribe you?",
        "And the weather? Does a bad summer change what turns up on the tables?",
        "Go on, tell Jo about the well.",
        "Ella, before we let you go: what would you tell someone thinking of entering for the"
        " first time?",
    ]


def test_a_print_interview_drops_continuers_and_the_thank_you():
    article = load_bundle(FIXTURES / "lighthouse-keeper.md").article
    assert asked_texts(article) == [
        "What did the job actually involve, day to day?",
        "Were you ever afraid out there?",
        "The shipping forecast as a lullaby.",
        "Tell me about the last night.",
        "Do you go back?",
    ]


@pytest.mark.parametrize(
    "aside",
    [
        "— a bacon sandwich, I'd join —",  # breaks into the answer
        "… and the bus, too",  # finishes someone else's sentence
        "You must have been —",  # breaks off without asking
        "Oh, go on.",  # a continuer: nothing of it is taken up
        "Oh! Dennis!",
        "Hmm.",
    ],
)
def test_interjections_are_not_questions(aside):
    article = article_of(
        ("Q", "Where did you grow up?"),
        ("A", LONG),
        ("Q", aside),
        ("A", LONG),
        ("Q", "And the bus garage?"),
        ("A", LONG),
    )
    assert asked_texts(article) == ["Where did you grow up?", "And the bus garage?"]


def test_short_questions_and_prompts_that_are_answered_stay():
    article = article_of(
        ("Q", "Why?"),
        ("A", LONG),
        ("Q", "And the bus garage?"),
        ("A", LONG),
        ("Q", "Tell me about the fog."),
        ("A", LONG),
        ("Q", "Cliffs."),
        ("A", "Sea cliffs, yes. " + LONG),
    )
    assert len(article.question_blocks()) == 4


def test_remarks_between_co_hosts_are_not_questions():
    article = article_of(
        ("Q", "So how did it start?"),
        ("A", LONG),
        ("H", "That was my experience on the late turns too. You become a sort of landlord."),
        ("Q", "Sam was a conductor, for the listeners who have not heard him mention it."),
        ("H", "Four hundred and one."),
        ("A", "A conductor!"),
        ("Q", "What happened next?"),
        ("A", LONG),
    )
    assert asked_texts(article) == ["So how did it start?", "What happened next?"]


def test_welcomes_and_thank_yous_are_not_questions():
    article = article_of(
        ("Q", "Our guest has judged the vegetable tent for nineteen years. Ella, welcome."),
        ("A", "Thank you. I have brought a tape measure, in case you are growing anything."),
        ("Q", "What makes a marrow a winner?"),
        ("A", LONG),
        ("Q", "Thank you so much for coming in and talking to us."),
        ("A", "Thank you for having me."),
    )
    assert asked_texts(article) == ["What makes a marrow a winner?"]


def test_small_talk_at_the_start_is_not_a_question_but_a_thank_you_and_a_prompt_is():
    opening = ("H", "Ilse, thank you for having us. It is roasting in here.")
    reply = ("A", "It is always roasting in here. You get used to it, or you leave.")
    real = [("Q", "How did you come to glass?"), ("A", LONG), ("Q", "And the furnace?")]
    real += [("A", LONG), ("Q", "Do you ever stop?"), ("A", LONG)]
    assert opening[1] not in asked_texts(article_of(opening, reply, *real))
    prompt = ("H", "Thank you for coming. Tell us about the furnace you built.")
    assert prompt[1] in asked_texts(article_of(prompt, ("A", LONG), *real))


def test_an_echo_of_the_answer_is_not_a_question_but_picking_up_a_word_is():
    answer = ("A", LONG + " The sea has risen about the width of my hand since then.")
    real = [("Q", "What did you measure?"), answer, ("H", "Wow.")]
    echo = ("Q", "The width of your hand.")
    assert echo[1] not in asked_texts(article_of(*real, echo, ("A", "More or less. A big hand.")))
    picked_up = ("Q", "Tell me about the sea.")
    assert picked_up[1] in asked_texts(article_of(*real, picked_up, ("A", LONG)))


def test_an_answer_is_long_or_short_by_the_article_s_own_measure():
    statement = ("Q", "That sounds like a very old idea.")
    short_reply = ("A", "It is, really, very old.")
    long_answers = [("Q", "What did you do?"), ("A", LONG), ("Q", "And then?"), ("A", LONG)]
    # Among long answers, five words is no answer: the statement was a remark.
    assert len(article_of(*long_answers, statement, short_reply).question_blocks()) == 2
    # In a quick-fire exchange, five words is a typical answer: the statement was a prompt.
    quick = [("Q", "Tea or coffee?"), ("A", "Tea, always."), ("Q", "Dogs?"), ("A", "Two.")]
    assert len(article_of(*quick, statement, short_reply).question_blocks()) == 3


def test_a_translator_s_reply_answers():
    article = article_of(
        ("Q", "That is a bold choice for a publisher."),
        ("T", LONG),
        roles={"Q": "interviewer", "T": "translator"},
    )
    assert len(article.question_blocks()) == 1


def test_a_question_resumed_after_a_picture_is_one_question():
    blocks = [
        m.Block(m.TURN, 1, [m.Paragraph("Tell me about the harbour.", 1)], "Q", "interviewer"),
        m.Block(m.IMAGE, 2, [m.Paragraph("caption", 2)]),
        m.Block(m.TURN, 3, [m.Paragraph("At dawn.", 3)], "Q", "interviewer", continued=True),
        m.Block(m.TURN, 4, [m.Paragraph(LONG, 4)], "A", "subject"),
    ]
    assert question_blocks(blocks) == [0]


def test_the_outline_and_the_jump_keys_share_the_list():
    article = load_bundle(FIXTURES / "allotment-hour.md").article
    assert JumpTargets.of(article).questions == article.question_blocks()
    assert article.questions == [article.blocks[i] for i in article.question_blocks()]
