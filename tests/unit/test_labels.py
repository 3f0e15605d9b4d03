"""The speaker-label grammar shared by the body parser and the importer, form by form, with
its recurrence check and aliases."""

from __future__ import annotations

from reader.core import labels
from reader.core.labels import Label


def test_name_and_colon():
    assert labels.speaker_label("Mara Ellison: Hello.") == Label(
        "Mara Ellison", "name", "colon", 14
    )
    assert labels.speaker_label("Gabriel de la Vega: Hola.").name == "Gabriel de la Vega"
    assert labels.speaker_label("Smith: Yes.").kind == "name"
    assert labels.speaker_label("and then she said: no") is None  # not capitalised
    assert labels.speaker_label("The thing I learned that summer: patience.") is None  # too long


def test_bold_forms_read_as_the_same_plain_label():
    """`**Name:**` and `**Name**:` are both "Name:" in plain text; the emphasis is stripped
    from the Markdown with the label."""
    for md in (
        "**Kim:** Well, *no*.",
        "**Kim**: Well, *no*.",
        "Kim: Well, *no*.",
        "__Kim:__ Well, *no*.",
    ):
        assert labels.strip_label_md(md, "Kim") == "Well, *no*.", md
    assert labels.strip_label_md("**Q: Why maps?**", "Q") == "**Why maps?**"
    assert labels.strip_label_md("Nothing here", "Kim") is None


def test_capitals_initials_and_role_words():
    assert labels.speaker_label("MARA ELLISON: Yes.").kind == "caps"
    assert labels.speaker_label("DR. AMARA NWOSU: Thank you.").kind == "caps"
    assert labels.speaker_label("AD: Yes.").kind == "initials"
    assert labels.speaker_label("Q: Where did you grow up?") == Label("Q", "qa", "colon", 3)
    assert labels.speaker_label("A. By the sea.") == Label("A", "qa", "dot", 3)
    assert labels.speaker_label("Interviewer: And then?").kind == "role"
    assert labels.role_of("Interviewer") == "interviewer" and labels.role_of("A") == "subject"
    assert labels.role_of("Narrator") == "subject" and labels.role_of("Moderator") == "moderator"
    assert labels.role_of("Kim") == ""


def test_words_that_announce_something_else_are_never_labels():
    for text in (
        "Note: the call was recorded.",
        "Photo: Ines Calder",
        "Editor's note: this has been condensed.",
        "10:30: we met",
        "I: no",
        "Participants: Nora Hollis (moderator)",
        "Q&A: the beekeeper",
    ):
        assert labels.speaker_label(text) is None, text


def test_initials_without_a_colon_are_only_a_candidate():
    assert labels.bare_initials("KB Badly, on the first day.") == Label("KB", "initials", "bare", 3)
    assert labels.bare_initials("JO “Nobody,” she said.").name == "JO"
    assert labels.bare_initials("OK so that was that.") is None  # lower case follows
    assert labels.bare_initials("Kit Brennan went first.") is None


def test_a_label_alone_on_its_line():
    assert labels.label_alone("**PETRA HALE**") == Label("PETRA HALE", "caps", "alone", 14)
    assert labels.label_alone("Smith:").name == "Smith"
    assert labels.label_alone("Q").kind == "qa"
    assert labels.label_alone("It was cold.") is None
    assert labels.label_alone("The Long Road North Home") is None  # a heading, not a name


def test_the_body_parsers_candidate_and_shouted_labels():
    """The body parser asks its speaker table about anything before a colon, and accepts an
    unknown label only in capitals (or bold, which it sees in its spans)."""
    assert labels.candidate("Dr. Ilse Varga: Roughly.") == ("Dr. Ilse Varga", 16)
    assert labels.candidate("No colon here") is None
    assert labels.is_shouted("KIM") and labels.is_shouted("DR. ADA RUSK")
    assert not labels.is_shouted("Kim") and not labels.is_shouted("1999")


def test_recurrence():
    assert labels.recurring(["Q", "A", "q", "Summer", "A"]) == {"q", "a"}


def test_aliases_full_name_first_then_initials_surname_or_first_name():
    order = ["Ines Okafor", "Paulo Reis", "IO", "PR", "IO", "PR"]
    assert labels.aliases(order) == {"ines okafor": "io", "paulo reis": "pr"}
    assert labels.aliases(["CALLUM LEE", "BEA MONTERO", "LEE", "MONTERO"]) == {
        "callum lee": "lee",
        "bea montero": "montero",
    }
    assert labels.aliases(["Dr. Rui Costa", "Interviewer", "Costa"]) == {"dr. rui costa": "costa"}
    # the short form must come after the full one
    assert labels.aliases(["IO", "Ines Okafor", "IO"]) == {}
    # two people with the same initials keep their own labels
    assert labels.aliases(["Ada Rusk", "Alan Reed", "AR", "AR"]) == {}
    assert labels.initials("Gabriel de la Vega") == "GV"


def test_digits_after_a_name_are_diarisation_numbers():
    assert labels.speaker_label("Speaker 2: Right.").name == "Speaker 2"
    assert labels.speaker_label("SPEAKER_01: Right.").kind == "caps"
    assert labels.speaker_label("1999: a year of floods") is None  # a number first is no name


def test_recurrence_in_a_text_too_short_to_tell():
    assert labels.recurring(["Ann", "Bo"], few=3) == {"ann", "bo"}
    assert labels.recurring(["Ann", "Bo", "Ann", "Cy"], few=3) == {"ann"}


def test_a_time_in_square_brackets_is_the_bundles_stamp():
    found = labels.stamp("[00:12:31] ME: Hello.")
    assert (found.written, found.start, found.until, found.problem) == ("00:12:31", 751.0, None, "")
    assert (found.at, found.time_at, found.end) == (0, 1, 11)
    assert labels.candidate("[00:12:31] ME: Hello.", found.end) == ("ME", 15)
    ranged = labels.stamp("[12:31–13:05.5] text")
    assert (ranged.start, ranged.until) == (751.0, 785.5)
    assert labels.stamp("[12:31 --> 13:05] text").until == 785.0
    # a stamp must stand apart from what follows, and hold a colon
    assert labels.stamp("[12:31]text") is None
    assert labels.stamp("[1899–1951, Russian writer] text") is None
    assert labels.stamp("[1899–1951] text") is None
    assert labels.stamp("(12:31) text") is None  # round brackets only when asked for
    assert labels.stamp("(12:31) text", forms=("round",)).start == 751.0


def test_a_malformed_or_backward_stamp_says_why():
    assert "75 minutes" in labels.stamp("[00:75:00] ME: x").problem
    assert labels.stamp("[00:75:00] ME: x").start is None
    assert "not a time" in labels.stamp("[1:2:3:4] x").problem
    backward = labels.stamp("[13:05–12:31] x")
    assert backward.start == 785.0 and backward.until is None
    assert "before it starts" in backward.problem


def test_timed_labels_as_transcription_tools_write_them():
    before = labels.timed_label("[00:12:31] Anna Park: Hello there")
    assert (before.form, before.label.name, before.stamp.start, before.end) == (
        "before",
        "Anna Park",
        751.0,
        22,
    )
    assert before.unlabelled == 11  # if "Anna Park" is no speaker, the text starts there
    dashed = labels.timed_label("00:12:31 - Anna: hi")
    assert (dashed.stamp.form, dashed.label.name) == ("bare", "Anna")
    after = labels.timed_label("Anna Park (12:31): text")
    assert (after.form, after.label.name, after.stamp.time_at, after.end) == (
        "after",
        "Anna Park",
        11,
        19,
    )
    header = labels.timed_label("Speaker 1  1:02:09")
    assert (header.form, header.label.name, header.stamp.start) == ("header", "Speaker 1", 3729.0)
    alone = labels.timed_label("[12:31] just text")
    assert alone.label is None and alone.end == 8
    assert labels.timed_label("Ten thirty in the morning") is None
    assert labels.timed_label("The plan (as drafted): fine") is None
