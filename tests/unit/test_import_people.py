"""Cold-read findings: who the subject is, interjections inside answers, a closing note after
the last unlabelled answer."""

from __future__ import annotations

from reader.core.importer import import_source
from reader.core.importer.model import Role
from reader.core.importer.names import guess_subject
from reader.core.importer.source import Source


def imported(text: str, kind: str = "txt"):
    return import_source(Source("t." + kind, kind, text, "t"), trafilatura=False)


def subject_name(result) -> str:
    return next(s.name for s in result.outcome.speakers.values() if not s.asks)


def decision(result, ending: str):
    return next(d for p, d in result.outcome.rows() if p.text.endswith(ending))


def decision_of(result, start: str):
    return next(d for p, d in result.outcome.rows() if p.text.startswith(start))


def test_the_subject_is_a_person_not_a_place_in_the_headline():
    guess = guess_subject(
        "The Ferryman of Mill Road",
        ["Tobias Wren has rowed the crossing since 1980. He does not swim."],
        [],
    )
    assert guess == "Tobias Wren"
    assert guess_subject("The Potter Speaks", ["Lena Vik's kiln is older than she is."], []) == (
        "Lena Vik"
    )
    # a name mentioned only in passing, after a preposition, loses to the sentence subject
    assert (
        guess_subject(
            "", ["We met at Cedar Hall. Rosa Mell is a glassblower. Rosa Mell laughs."], []
        )
        == "Rosa Mell"
    )
    assert guess_subject("Tea with Rosa Mell", ["Rosa Mell pours."], ["Rosa Mell"]) == ""


def test_labelled_qa_names_the_subject_from_the_introduction():
    text = (
        "The Ferryman of Mill Road\n\n"
        "Tobias Wren has rowed the crossing for forty years. We met on a cold Monday.\n\n"
        "By Ida Crane\n\n"
        "Q: How did you start?\n\nA: My father handed me the oars.\n\n"
        "Q: Is it hard?\n\nA: Only in winter.\n\n"
        "Q: Do you still enjoy it?\n\nA: Every morning.\n\n"
        "Tobias Wren's boat leaves from the Mill Road steps at six.\n"
    )
    result = imported(text)
    assert subject_name(result) == "Tobias Wren"
    assert not any("Mill Road" in d.message for d in result.diagnostics)


def test_html_subject_from_a_possessive_sentence_not_the_headline():
    html = (
        "<html><head><title>The Potter Speaks</title></head><body><article>"
        "<h1>The Potter Speaks</h1><p>By Ida Crane</p>"
        "<p>Lena Vik's kiln is older than she is. She has fired pots for sixty years.</p>"
        "<p><b>Why clay?</b></p><p>Because it forgives you, most of the time, if you are "
        "patient with it and do not rush the drying.</p>"
        "<p><b>What went wrong last?</b></p><p>A whole shelf cracked in the frost. I cried, "
        "and then I started again the next morning.</p>"
        "<p><b>Will you retire?</b></p><p>When the kiln does. Not before, and it is very "
        "stubborn.</p></article></body></html>"
    )
    assert subject_name(imported(html, "html")) == "Lena Vik"


def test_labelled_interjection_stays_a_question_unlabelled_one_folds_into_the_answer():
    labelled = (
        "Nets\n\nPia Lund mends nets.\n\n"
        "Q: How did you learn?\n\nA: My grandmother taught me.\n\n"
        "Q: Right.\n\nA: And she never explained anything.\n\n"
        "Q: Is it hard?\n\nA: Only in winter.\n"
    )
    result = imported(labelled)
    assert (result.bundle.questions, result.bundle.answers) == (3, 3)
    assert decision(result, "Right.").role == Role.QUESTION

    unlabelled = (
        "Knots and Nets\n\n"
        "Pia Lund mends fishing nets in the harbour shed. She has done it since she was nine.\n\n"
        "Interview by Tom Berg\n\n"
        "How did you learn?\n\n"
        "My grandmother taught me on a bench by the water. She never explained anything, she "
        "just handed me the needle and watched.\n\n"
        "Right.\n\n"
        "And when I got it wrong she cut the knot out and handed it back. That was the whole "
        "lesson, every day for a year.\n\n"
        "What is the hardest knot?\n\n"
        "The one you tie in the dark, in a storm, with cold hands. Every other knot is easy.\n"
    )
    result = imported(unlabelled)
    assert (result.bundle.questions, result.bundle.answers) == (2, 2)
    right = decision(result, "Right.")
    assert right.role == Role.ANSWER and not right.new_turn


def test_closing_note_naming_the_subject_after_unlabelled_answers_is_narration():
    text = (
        "Winter Rowing with Nils Odd\n\n"
        "Nils Odd rows across the fjord every morning, all year. He is seventy-nine.\n\n"
        "Interview by Mia Lok\n\n"
        "Why do you row in winter?\n\n"
        "Because the water is quiet then. Nobody else is out, and the ice talks to the hull "
        "the whole way across.\n\n"
        "How cold does it get?\n\n"
        "Minus twelve, some mornings. The oars freeze to my gloves and I have to knock them "
        "free on the gunwale.\n\n"
        "What would you tell a beginner?\n\n"
        "Start in summer. Let the cold come to you slowly.\n\n"
        "Nils Odd sets out from the ferry ramp at six every morning.\n"
    )
    result = imported(text)
    last = decision_of(result, "Nils Odd sets out")
    assert last.role == Role.NARRATION and not last.speaker
    body = result.bundle.body
    assert "---\n\nNils Odd sets out" in body
    assert (result.bundle.questions, result.bundle.answers) == (3, 3)
