"""What a reader sees of an imported page besides its turns: the headline with the subject's
name in it, the publication, the standfirst, the byline, and what stays out of the body (the
tail's credits, a transcription tool's line, sound notes between voices)."""

from __future__ import annotations

from reader.core.importer import html_meta, rules
from reader.core.importer.html_dom import collect
from reader.core.importer.model import Para
from reader.core.importer.segment import escape_md
from reader.core.transcripts.merge import is_sound, merge_cues
from reader.core.transcripts.model import Cue


def test_a_person_after_a_dot_stays_in_the_title_and_the_site_goes():
    assert html_meta.strip_site("Salt and Iron · Hanne Solvik | The Review", "") == (
        "Salt and Iron · Hanne Solvik"
    )
    assert html_meta.strip_site("The Cartographer - Interviews | The Lantern", "") == (
        "The Cartographer"
    )
    assert html_meta.strip_site("A Long Headline Here | Site", "Site") == "A Long Headline Here"


def test_the_publication_comes_from_the_title_suffix_or_application_name():
    page = "<title>{t}</title>{m}<h1>Tomas Okafor on Budgets</h1><p>x</p>"
    found = collect(page.format(t="Tomas Okafor on Budgets - Politics | Northgate Courier", m=""))
    assert html_meta.read_meta(found).publication == "Northgate Courier"
    meta = '<meta name="application-name" content="The Quay">'
    found = collect(page.format(t="Tomas Okafor on Budgets", m=meta))
    assert html_meta.read_meta(found).publication == "The Quay"


def test_a_json_ld_publisher_given_by_reference_is_named():
    ld = (
        '{"@graph":[{"@type":"NewsArticle","headline":"H","publisher":{"@id":"#org"}},'
        '{"@type":"Organization","@id":"#org","name":"Northgate Courier"}]}'
    )
    found = collect(f'<script type="application/ld+json">{ld}</script><p>x</p>')
    assert html_meta.read_meta(found).publication == "Northgate Courier"


def test_a_job_title_after_the_comma_is_not_a_byline():
    assert rules.byline_names("By Jane Roe, Politics Correspondent") == ["Jane Roe"]
    assert rules.byline_names("By Ana de la Cruz, Staff Writer") == ["Ana de la Cruz"]
    assert rules.byline_names("By Jane Roe and Tom Poe") == ["Jane Roe", "Tom Poe"]
    assert rules.byline_names("Words by Per Lindqvist 14 September 2024") == ["Per Lindqvist"]


def test_credits_under_an_episode_are_furniture_and_a_sentence_is_not():
    assert rules.credits_line("Hosted by Nadia Brook. Produced by Alder Audio.")
    assert rules.credits_line('Music: "Morning Lane" by Pell & Moss.')
    assert not rules.credits_line("Room Tone is produced by Lowfield Audio.")
    assert rules.tail_opener("Related episodes")


def test_a_copyright_line_is_not_a_caption():
    para = Para(1, "Tideline Radio is listener supported. © 2025", "")
    assert rules.fixed_role(para) == ("boilerplate", "the page's copyright line")


def test_brackets_are_escaped_only_where_they_could_be_markup():
    assert escape_md("the [love of] boats") == "the [love of] boats"
    assert escape_md("[gentle music]") == "[gentle music]"
    assert escape_md("[3:16] For the verse") == r"\[3:16\] For the verse"
    assert escape_md("see [this](x) and [^1]") == r"see \[this\](x) and \[^1\]"
    assert escape_md("[a]: b") == r"\[a\]: b"


def test_a_sound_between_two_voices_is_narration_and_a_laugh_stays():
    assert is_sound("[gentle music]") and is_sound("♪ ♪") and not is_sound("[laughs]")
    cues = [
        Cue("Ann", 0.0, 1.0, "How did it start?", 1),
        Cue(None, 1.0, 2.0, "[door slams]", 2),
        Cue(None, 2.0, 3.0, "Go on.", 3),
        Cue(None, 3.0, 4.0, "[phone rings]", 4),
        Cue("Ben", 4.0, 5.0, "By accident.", 5),
    ]
    turns = merge_cues(cues)
    assert [(t.speaker, t.text) for t in turns] == [
        ("Ann", "How did it start? [door slams] Go on."),
        (None, "[phone rings]"),
        ("Ben", "By accident."),
    ]


def test_sounds_after_the_last_voice_are_narration_even_in_a_run():
    cues = [
        Cue("Ann", 0.0, 1.0, "Thank you.", 1),
        Cue(None, 1.0, 2.0, "[music]", 2),
        Cue(None, 2.0, 3.0, "[MUSIC PLAYING]", 3),
    ]
    assert [(t.speaker, t.text) for t in merge_cues(cues)] == [
        ("Ann", "Thank you."),
        (None, "[music]"),
        (None, "[MUSIC PLAYING]"),
    ]
    # between two cues of one speaker, a run of sounds stays in the turn
    cues.append(Cue("Ann", 3.0, 4.0, "Goodbye.", 4))
    assert [t.speaker for t in merge_cues(cues)] == ["Ann"]


def test_the_header_drops_a_section_word_a_repeated_headline_and_a_reading_time():
    from reader.core.importer.model import Meta
    from reader.core.importer.zones import zone

    title = "Tide Marks and Kindness · Ilse Varga"
    paras = [
        Para(1, "Home", "", chrome="mostly links"),
        Para(1, "Essays", ""),  # a menu item the extractor kept
        Para(2, "ESSAYS", ""),
        Para(3, title, "", kind="heading", level=1),
        Para(4, "The potter on kilns and patience.", "", styles=frozenset({"dek"})),
        Para(5, "By Jon Ede", ""),
        Para(6, "· 7 min read", ""),
        Para(7, "Ilse Varga has fired pots for thirty years.", ""),
        Para(8, "Jon Ede: Why clay?", ""),
        Para(9, "Ilse Varga: Because it answers back.", ""),
    ]
    found = zone(paras, Meta(title=title))
    roles = [found.fixed[i].role if i in found.fixed else None for i in range(len(paras))]
    assert roles[1:7] == ["boilerplate", "boilerplate", "title", "title", "byline", "boilerplate"]
    assert roles[7] is None
    assert found.meta.dek == "The potter on kilns and patience."


def test_player_and_listen_on_lines_are_furniture():
    assert rules.player_line("00:00 / 48:12 Download MP3")
    assert rules.player_line("Listen on: Apple Podcasts · Spotify · RSS")
    assert rules.player_line("· 9 min read") and rules.player_line("12-minute read")
    assert not rules.player_line("12:30") and not rules.player_line("Listen on, I said.")
    assert rules.fixed_role(Para(1, "00:00 / 48:12 Download MP3", ""))[0] == "boilerplate"
