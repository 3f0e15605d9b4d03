"""Items 3 and 11: text that could break the layout (bidi overrides, zero-width characters,
endless words, CJK, combining marks) and terminals that could break the app (resize storms,
tiny sizes, LANG=C, TERM=dumb, NO_COLOR, no terminal at all)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from rich.cells import cell_len
from textual.events import Resize
from textual.geometry import Size

from reader.app import SAVE_EVERY, ReaderApp
from reader.core.bundle import load_bundle
from reader.core.state import StateStore
from tests.helpers import make_dir_bundle
from tests.hostile.conftest import toml_string, unsafe_in
from tests.hostile.pty_reader import PtyReader, reader_env, run_reader
from tests.ui.helpers import settle

LONG_WORD = "Pneumono" + "x" * 3000
LONG_URL = "https://example.com/" + "a/b-c_d" * 700
CJK = "北京的冬天很冷，但是人们依然早起去公园打太极拳。" * 20
COMBINING = "Cafe\u0301 nai\u0308ve Zoe\u0308 " * 40 + "Z\u0351\u0352\u0353\u0354a\u0355\u0356lgo"
NAME = "\u202eevil\u202c Mr\u200b Zero\ufeffWidth " + "Q" * 200
TITLE = "Odd \u202etxet\u202c " + LONG_WORD
DEK = CJK[:60] + " \u2066isolate\u2069"
OTHER = "奥斯卡·韦尔 \u200f"


def write_odd_bundle(root):
    toml = f"""\
title = {toml_string(TITLE)}
dek = {toml_string(DEK)}
[speakers.ME]
name = {toml_string(NAME)}
role = "interviewer"
[speakers.OV]
name = {toml_string(OTHER)}
"""
    turns = [f"ME: {LONG_WORD}?", f"OV: {LONG_URL}", f"ME: {CJK}", f"OV: {COMBINING}"]
    turns += [f"ME: Question {i}?\n\nOV: Answer {i} " + "word " * 60 for i in range(40)]
    return make_dir_bundle(root, "\n\n".join(turns) + "\n", toml=toml, slug="odd")


def screen_rows(app) -> list[str]:
    strips = app.screen._compositor.render_strips()
    width = app.size.width
    rows = []
    for strip in strips:
        assert strip.cell_length == width, (strip.cell_length, width, strip.text)
        rows.append(strip.text)
    return rows


def check_screen(app) -> None:
    """Every row exactly as wide as the screen, no control or bidi character on it, and the
    reading pane's right edge in one column on every row that shows it."""
    rows = screen_rows(app)
    assert not [r for r in rows if unsafe_in(r)]
    edges = {cell_len(r[: r.index("▏")]) for r in rows[1:-1] if "▏" in r}
    assert len(edges) <= 1, edges


async def test_odd_text_keeps_the_layout(tmp_path):
    article = load_bundle(write_odd_bundle(tmp_path)).article
    assert not unsafe_in(article.title + article.speakers["ME"].name + article.dek)
    app = ReaderApp(tmp_path)
    for size in ((120, 40), (20, 5)):
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert app.article is not None
            for keys in (["j", "space"], ["bracketright"] * 2, ["G"], ["s", "l"]):
                await pilot.press(*keys)
                await pilot.pause()
                check_screen(app)
        app = ReaderApp(tmp_path)


async def test_resize_storm_keeps_the_reading_position(tmp_path):
    write_odd_bundle(tmp_path)
    app = ReaderApp(tmp_path)
    rng = random.Random(11)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(12):
            await pilot.press("]")
        await pilot.pause()
        view = app.reading.view
        before = view.position
        assert before[0] > 10
        sizes = [(1, 1), (20, 5), (200, 60), (2, 60), (200, 1), (37, 13)]
        for size in sizes:  # each one laid out and drawn
            await pilot.resize_terminal(*size)
        for _ in range(300):  # a burst, as a window manager sends while dragging
            size = Size(rng.randint(1, 250), rng.randint(1, 80))
            app._driver._size = size
            app.post_message(Resize(size, size))
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        check_screen(app)
        assert view.position == before
        await pilot.press("space")  # and it still reads on
        assert view.position > before


async def test_tiny_terminal_runs_every_command(tmp_path):
    write_odd_bundle(tmp_path)
    app = ReaderApp(tmp_path)
    async with app.run_test(size=(20, 5)) as pilot:
        await settle(pilot)
        keys = ["space", "}", "G", "slash", "x", "enter", "n", "escape", "o", "escape"]
        keys += ["s", "l", "escape", "t", "plus", "question_mark", "escape", "ctrl+p", "escape"]
        keys += ["ctrl+f", "q", "escape"]
        for i in range(0, len(keys), 4):
            await pilot.press(*keys[i : i + 4])
            await pilot.pause()
            screen_rows(app)
        assert app.is_running


COLOUR = re.compile(r"\x1b\[[0-9;]*(?:38|48);[25];")


def test_odd_terminals(tmp_path):
    """LANG=C, TERM=dumb, NO_COLOR, a 20x5 screen and a storm of SIGWINCH, in a real pty."""
    write_odd_bundle(tmp_path / "lib")
    cases = {
        "c_locale": {"LANG": "C", "LC_ALL": "C"},
        "dumb": {"TERM": "dumb"},
        "no_color": {"NO_COLOR": "1"},
    }
    keys = ["j", " ", "]", "/", "Zoe", "\r", "s", "?", "\x1b"]

    def run(name):
        env = reader_env(tmp_path / name, **cases[name])
        return run_reader([tmp_path / "lib"], keys, env=env, ready=b"Question 0?")

    saved = tmp_path / "storm" / "state" / "state.json"

    def storm():
        """Read on at 20x5, let the app save the place, storm, come back, quit: same place."""
        app = PtyReader([tmp_path / "lib"], env=reader_env(tmp_path / "storm"), cols=20, rows=5)
        app.read(30, until=b"Odd")
        for key in "]]]]]":
            app.send(key)
        app.read(SAVE_EVERY + 1.0)  # the app saves the position every SAVE_EVERY seconds
        before = StateStore(saved.parent).load().articles
        rng = random.Random(3)
        for _ in range(200):
            app.resize(rng.randint(1, 200), rng.randint(1, 60))
        app.resize(20, 5)
        app.read(1.0)
        return app.quit(), before

    with ThreadPoolExecutor(4) as pool:
        futures = {name: pool.submit(run, name) for name in cases}
        futures["storm"] = pool.submit(storm)
        runs = {name: future.result() for name, future in futures.items()}
    runs["storm"], before = runs["storm"]
    after = StateStore(saved.parent).load().articles
    assert len(before) == 1 and before[next(iter(before))].block > 3
    assert [(p.block, p.offset) for p in after.values()] == [
        (p.block, p.offset) for p in before.values()
    ]
    for name, run_ in runs.items():
        assert run_.alive, (name, run_.output[-2000:])
        assert run_.returncode == 0, name
        assert b"Traceback" not in run_.output, name
    assert not COLOUR.search(runs["no_color"].text)  # no RGB or 256-colour codes at all
    assert COLOUR.search(runs["dumb"].text)  # (the check would see them)


def test_show_in_a_pipe_and_the_app_without_a_terminal(tmp_path):
    folder = write_odd_bundle(tmp_path)
    reader = [sys.executable, "-m", "reader"]
    shown = subprocess.run(
        [*reader, "show", folder], stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert shown.returncode == 0 and shown.stderr == ""
    assert "\x1b" not in shown.stdout and "Answer 39" in shown.stdout
    assert max(cell_len(line) for line in shown.stdout.splitlines()) <= 80
    with subprocess.Popen([*reader, "show", folder], stdout=subprocess.PIPE) as piped:
        piped.stdout.read(100)
        piped.stdout.close()  # the reader of the pipe goes away: `reader show x | head`
        assert piped.wait(timeout=30) == 0
    app = subprocess.run(
        [*reader, tmp_path], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30
    )
    assert app.returncode == 2
    assert app.stderr.startswith("reader: the reading app needs a terminal")


@pytest.mark.parametrize("width", [1, 2, 7, 33])
def test_show_wraps_or_cuts_at_any_width(tmp_path, width, capsys):
    from reader.cli import main

    folder = write_odd_bundle(tmp_path)
    assert main(["show", str(folder), "--format", "text", "--width", str(width)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(cell_len(line) for line in lines) <= max(width, 10)
