"""Each classifying stage of `reader import` on its own: zones, labels and aliases, relative
speaker roles — pure functions of paragraphs, tested without the rest of the pipeline."""

from __future__ import annotations

from pathlib import Path

from reader.core.importer import segment
from reader.core.importer.labelling import label_stage
from reader.core.importer.model import Meta
from reader.core.importer.roles import Hints, cast
from reader.core.importer.zones import zone


def zoned(text: str, meta: Meta | None = None):
    return zone(segment.segment_text(text), meta or Meta(), "stem")


def roles_of(text: str, hints: Hints | None = None) -> dict[str, str]:
    z = zoned(text)
    order = [i for i, where in enumerate(z.zones) if where == "body" and i not in z.fixed]
    found = cast(
        z.paras, order, label_stage(z), hints or Hints(), z.introduced, z.named, z.meta.authors
    )
    return {key: speaker.role for key, speaker in found.speakers.items()}


def fixed_roles(z) -> list[tuple[str, str]]:
    return [(p.text[:24], z.fixed[i].role) for i, p in enumerate(z.paras) if i in z.fixed]


INTERVIEW = "Q: How did it start?\n\nA: With a jar of flour.\n\nQ: And then?\n\nA: A shop.\n\n"


# -- zones ---------------------------------------------------------------------------------------
def test_a_site_name_above_a_colon_headline_is_not_the_title():
    z = zoned(
        "Northern Frame\n\nLong Light: Ingrid Solberg on Filming\n\nShe went north.\n\n" + INTERVIEW
    )
    assert z.meta.title == "Long Light: Ingrid Solberg on Filming"
    assert fixed_roles(z)[:2] == [
        ("Northern Frame", "boilerplate"),
        ("Long Light: Ingrid Solbe", "title"),
    ]
    plain = zoned(
        "Clockwork\n\nAn interview with Ben Rauh, watch restorer\n\nHe works alone.\n\n" + INTERVIEW
    )
    assert plain.meta.title == "Clockwork"


def test_a_kicker_before_the_headline_and_a_name_alone_under_it():
    z = zoned(
        "EXCLUSIVE: Inside the Kitchen That Feeds a Festival\n\nJo Marsh\n\nIt is hot.\n\n"
        + INTERVIEW
    )
    assert z.meta.title == "Inside the Kitchen That Feeds a Festival"
    assert z.meta.authors == ("Jo Marsh",)
    assert fixed_roles(z)[1] == ("Jo Marsh", "byline")


def test_the_tail_holds_a_byline_its_bio_and_furniture():
    z = zoned(
        "The Bell Founder\n\nShe casts bells.\n\n"
        + INTERVIEW
        + "Tomas Berg\n\nTomas Berg is a critic based in Bergen.\n\nRelated\n\n"
        "Can bees live on a balcony?\n\nA winter visit to the apiary\n\nLeave a Reply\n\n"
        "Website powered by Quillpress.\n"
    )
    tail = [(p.text[:18], z.fixed[i].role) for i, p in enumerate(z.paras) if z.zones[i] == "tail"]
    assert tail == [
        ("Tomas Berg", "byline"),
        ("Tomas Berg is a cr", "byline"),
        ("Related", "boilerplate"),
        ("Can bees live on a", "boilerplate"),  # after "Related": a link title, '?' or not
        ("A winter visit to ", "boilerplate"),
        ("Leave a Reply", "boilerplate"),
        ("Website powered by", "boilerplate"),
    ]
    assert z.zones[z.paras.index(next(p for p in z.paras if p.text == "A: A shop."))] == "body"


def test_subheadings_styled_like_the_questions_and_pull_quotes():
    paras, meta, _ = segment.segment_markdown(
        "# Ice\n\n**Early Days**\n\n**How did you start?**\n\nMy father was a guide, and his "
        'father carried luggage up to the hut.\n\n> "His father carried luggage up to the '
        'hut."\n\n**Why stay?**\n\nBecause of the ice.\n',
        Path("ice.md"),
    )
    z = zone(paras, meta)
    assert fixed_roles(z) == [
        ("Ice", "title"),
        ("Early Days", "heading"),
        ('"His father carried lugg', "boilerplate"),
    ]


def test_roles_the_introduction_states():
    z = zoned(
        "Evenings\n\nHosted by Nadia Brook and Sam Okoro. Panel: Ada Rusk (moderator).\n\n"
        + INTERVIEW
    )
    assert z.introduced == {"nadia brook": "host", "sam okoro": "host", "ada rusk": "moderator"}
    fields = zoned(
        "Narrator: Rui Costa\nInterviewer: Beth Arnold\nLocation: Lowell\n\n" + INTERVIEW
    )
    assert fields.named == {"narrator": "Rui Costa", "interviewer": "Beth Arnold"}


# -- labels and aliases ----------------------------------------------------------------------------
def test_full_names_then_initials_are_one_speaker_named_in_full():
    z = zoned(
        "A Lighthouse Winter\n\nMara Quint kept a lighthouse.\n\n"
        "Lars Holm: How did it start?\n\nMara Quint: With an advert.\n\n"
        "LH: And the songs?\n\nMQ: On the stairs.\n\nLH: Would you go back?\n\nMQ: For a month.\n\n"
        "Mara Quint: Tidewater Songs is out now on Gull Records.\n"
    )
    found = label_stage(z)
    assert found.speakers == ["LH", "MQ"]
    assert found.names == {"LH": "Lars Holm", "MQ": "Mara Quint"}
    credit = next(i for i, p in enumerate(z.paras) if "Tidewater" in p.text)
    assert credit not in found.keys  # the full name after the initials took over: a credit


def test_initials_without_a_colon_fit_people_the_text_names():
    z = zoned(
        "Two Directors\n\nKit Brennan and Jonah Osei made a film.\n\n"
        "How do you share a set?\n\nKB Badly, at first.\n\nJO And then we argue.\n\n"
        "Was the tide a problem?\n\nJO The tide was the schedule.\n\nKB We lost a lamp.\n"
    )
    found = label_stage(z)
    assert set(found.keys.values()) == {"KB", "JO"}
    assert found.names == {"KB": "Kit Brennan", "JO": "Jonah Osei"}
    unnamed = zoned(
        "Two\n\nNobody is named.\n\nWhy?\n\nKB Because.\n\nHow?\n\nKB Slowly.\n\nKB Yes.\n"
    )
    assert label_stage(unnamed).keys == {}


# -- relative roles --------------------------------------------------------------------------------
PODCAST = """Bread Heads

Priya Shah: Welcome to Bread Heads. Today, Eleni Kostas. How old is your starter?

Eleni Kostas: About a hundred and twenty years. My great-grandfather's bakery was on the
same street, and nobody wrote the date down.

Marcus Bell: That's amazing.

Eleni Kostas: It's a jar of flour and water, fed every day through two wars and an earthquake.

Marcus Bell: Oh no.

Priya Shah: Does it taste different?

Eleni Kostas: I don't know. People tell me it does, and I think an old starter is simply stable.

Marcus Bell: So it's reliable rather than magic.

Eleni Kostas: Reliable is a kind of magic when you open at five in the morning, every morning.

Marcus Bell: Wait, so there are copies all over town?

Eleni Kostas: Some neighbours kept theirs, and a taverna bakes with it and never told anybody.

Marcus Bell: Incredible.

Priya Shah: What happens when you retire?

Eleni Kostas: My daughter says she doesn't want it. She says that now, at nineteen.

Marcus Bell: Give it ten years.
"""


def test_a_co_host_who_mostly_remarks_is_still_a_host():
    assert roles_of(PODCAST) == {
        "Priya Shah": "host",
        "Eleni Kostas": "guest",
        "Marcus Bell": "host",
    }


PANEL = """Sunday Opening

Hollis: Ade, you asked for Sunday opening. What's the case for it?

Okon: People work on Saturdays.

Reeve: And it costs forty thousand.

Hollis: Pam, is the cost your main objection, or is it something else?

Reeve: The cost.

Okon: Eleven of fourteen said yes.

Hollis: Could volunteers staff it instead, as a reader asks?

Okon: No.

Reeve: They run the museum.

Hollis: And if the council says no?

Okon: I'll ask again.

Reeve: He will.
"""


def test_a_moderator_with_two_terse_panellists_stays_the_one_who_asks():
    assert roles_of(PANEL) == {"Hollis": "interviewer", "Okon": "subject", "Reeve": "subject"}
    moderated = PANEL.replace(
        "Sunday Opening\n", "Sunday Opening\n\nWith Nora Hollis (moderator).\n"
    )
    moderated = moderated.replace("Hollis:", "Nora Hollis:")
    assert roles_of(moderated)["Nora Hollis"] == "moderator"


def test_the_unlabelled_side_asks_when_labelled_speakers_only_answer():
    text = (
        "Two Directors\n\nKit Brennan and Jonah Osei made a film.\n\n"
        "How do you share a set?\n\nKB Badly, at first.\n\nJO And then we argue.\n\n"
        "Was the tide a problem?\n\nJO The tide was the schedule.\n\nKB We lost a lamp.\n"
    )
    assert roles_of(text) == {"KB": "subject", "JO": "subject"}


def test_what_the_user_says_wins():
    assert roles_of(PANEL, Hints(interviewers=("Okon",)))["Okon"] == "interviewer"


def test_a_captured_news_page_the_headline_among_menu_and_section_lines():
    """Line by line from a news page: a menu and a section above the headline, a standfirst,
    then the byline and the date on two short lines, and a list of links at the end."""
    z = zoned(
        "Skip to content\nWorld  Business  Culture  Sport\n\nCulture\n\n"
        "'I still test every string by ear': the last harp maker in Wales\n\n"
        "Eira Pugh has built 600 harps near Bala. At 74, she is training her replacement.\n\n"
        "By Gwyn Morris\n12 March 2024\n\n"
        + INTERVIEW
        + "More on this story\nThe choir that sings only in Welsh\nWhy three rows of strings?\n"
    )
    assert z.meta.title == "'I still test every string by ear': the last harp maker in Wales"
    assert (z.meta.authors, z.meta.published) == (("Gwyn Morris",), "2024-03-12")
    roles = dict(fixed_roles(z))
    assert roles["World Business Culture S"] == roles["Culture"] == "boilerplate"
    assert roles["Eira Pugh has built 600 "] == "narration"  # kept in the body
    assert roles["Why three rows of string"] == "boilerplate"


def test_a_short_line_led_by_the_writers_name_is_the_byline():
    z = zoned(
        "Keeper\n\nRhian Dale · 3 min read\n\nHe kept the light.\n\n" + INTERVIEW,
        Meta(authors=("Rhian Dale",)),
    )
    assert dict(fixed_roles(z))["Rhian Dale · 3 min read"] == "byline"
