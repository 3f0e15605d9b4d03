"""`reader show --format ansi` draws a bundle's pictures as half blocks where they stand,
caption and credit under them; text output, `--no-pictures` and NO_COLOR keep captions."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.helpers import DEFAULT_TOML, make_dir_bundle
from tests.picture_files import bilevel_png, encoded, stripes

RED, BLUE = (255, 0, 0), (0, 0, 255)
TOML = (
    DEFAULT_TOML
    + """
[[images]]
file = "lead.png"
caption = "The lead picture"
credit = "Photo: M. E."
header = true
"""
)
BODY = """\
ME: Where was this taken?

![The red room](room.png "Photo: O. V.")

OV: In the red room.

![A bomb](bomb.png)

ME: And this one?
"""
SGR = re.compile(r"\x1b\[[0-9;]*m")


def bundle(tmp_path):
    room = encoded(stripes((40, 40), [RED, BLUE]), "PNG")
    lead = encoded(stripes((60, 20), [BLUE]), "PNG")
    return make_dir_bundle(
        tmp_path, BODY, toml=TOML, **{"room.png": room, "lead.png": lead},
        **{"bomb.png": bilevel_png(30_000, 30_000)},
    )  # fmt: skip


def show(*args, env=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORFGBG")}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "show", *map(str, args)],
        capture_output=True,
        text=True,
        env={**environ, **(env or {})},
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_ansi_draws_each_picture_above_its_caption(tmp_path):
    out = show(bundle(tmp_path), "--format", "ansi", "--width", "60")
    lines = out.split("\n")
    plain = [SGR.sub("", line) for line in lines]
    caption = plain.index("▣ The red room — Photo: O. V.")
    picture = [i for i in range(caption) if plain[i] and set(plain[i]) == {"▀"}]
    room = picture[-20:]  # 40 × 40 pixels: 40 columns, 20 rows, just above the caption
    assert room == list(range(caption - 20, caption)) and len(plain[room[0]]) == 40
    assert "38;2;255;0;0;48;2;255;0;0m" in lines[room[0]]  # red in both halves on top
    assert "38;2;0;0;255;48;2;0;0;255m" in lines[room[-1]]  # blue below
    assert plain.index("Mara Ellison: Where was this taken?") < room[0]
    assert plain[caption + 2] == "Oskar Vale: In the red room."


def test_the_header_picture_stands_above_the_text(tmp_path):
    plain = SGR.sub("", show(bundle(tmp_path), "--format", "ansi", "--width", "60")).split("\n")
    lead = plain.index("▣ The lead picture — Photo: M. E.")
    assert plain[lead - 1] == "▀" * 60 and plain[lead - 10] == "▀" * 60  # 60 × 20 pixels
    assert lead < plain.index("────────") < plain.index("Mara Ellison: Where was this taken?")


def test_a_refused_picture_keeps_its_caption_with_a_note(tmp_path):
    plain = SGR.sub("", show(bundle(tmp_path), "--format", "ansi")).split("\n")
    note = plain.index("picture not shown: 900 megapixels")
    assert plain[note + 1] == "▣ A bomb"


def test_text_no_pictures_and_no_color_print_captions_only(tmp_path):
    folder = bundle(tmp_path)
    for out in (
        show(folder, "--format", "text"),
        show(folder),  # not a terminal: text
        show(folder, "--format", "ansi", "--no-pictures"),
        show(folder, "--format", "ansi", env={"NO_COLOR": "1"}),
    ):
        assert "▀" not in out and "picture not shown" not in out
        assert "▣ The red room — Photo: O. V." in SGR.sub("", out)
