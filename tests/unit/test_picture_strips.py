"""Half-block strips for the reading pane: the picture centred in exactly the rows the
layout gave it, its refusal note on the first row, blank rows while it decodes."""

from __future__ import annotations

from rich.style import Style

from reader.core.picture_decode import Cells, Refusal
from reader.widgets.picture import picture_strips, rgb

RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 255, 0)
BACKGROUND = Style(bgcolor="#102030")
NOTE = Style(dim=True, italic=True)


def test_cells_are_centred_with_top_as_foreground_and_bottom_as_background():
    cells = Cells((((RED, BLUE), (RED, BLUE)), ((GREEN, GREEN), (GREEN, GREEN))))
    strips = picture_strips(cells, 10, 3, BACKGROUND, NOTE)
    assert len(strips) == 3 and all(strip.cell_length == 10 for strip in strips)
    assert strips[0].text == "    ▀▀    " and strips[2].text == " " * 10
    drawn = [s for s in strips[0] if s.text.strip()]
    assert drawn[0].style.color.triplet == RED and drawn[0].style.bgcolor.triplet == BLUE
    assert [s for s in strips[0] if not s.text.strip()][0].style.bgcolor == BACKGROUND.bgcolor


def test_a_picture_wider_than_the_pane_is_cut_at_its_edge():
    cells = Cells((tuple((RED, RED) for _ in range(12)),))
    (strip,) = picture_strips(cells, 8, 1, BACKGROUND, NOTE)
    assert strip.text == "▀" * 8 and strip.cell_length == 8


def test_a_refusal_is_a_dim_note_and_a_pending_picture_is_blank():
    refused = picture_strips(Refusal("900 megapixels"), 40, 2, BACKGROUND, NOTE)
    assert refused[0].text.rstrip() == "picture not shown: 900 megapixels"
    assert refused[0].cell_length == 40 and refused[1].text == " " * 40
    style = next(iter(refused[0])).style
    assert style.dim and style.italic and style.bgcolor == BACKGROUND.bgcolor
    assert [s.text for s in picture_strips(None, 5, 2, BACKGROUND, NOTE)] == [" " * 5] * 2


def test_background_colour_for_transparency():
    assert rgb(BACKGROUND) == (0x10, 0x20, 0x30)
    assert rgb(Style()) == (0, 0, 0)
