"""The command table is the single source of keys: check it is consistent and complete."""

from __future__ import annotations

import pytest
from textual.content import Content

from reader import commands as c
from reader.app import ReaderApp
from reader.screens.help import HelpScreen, help_columns, set_sections
from reader.screens.picture import PictureScreen
from reader.screens.reading import ReadingScreen
from reader.widgets.article_view import ArticleView
from reader.widgets.library_list import LibraryList
from reader.widgets.reader_list import ReaderList

NODES = {
    c.APP: ReaderApp,
    c.READING: ReadingScreen,
    c.LIBRARY: LibraryList,
    c.LIST: ReaderList,
    c.HELP: HelpScreen,
    c.PICTURE: PictureScreen,
    c.SELECTION: ArticleView,
}

# Every key the issue asks for, as the help screen writes it.
REQUIRED_KEYS = (
    "j k ↓ ↑ Space PgDn b PgUp d u g Home G End ] [ } { / n N Esc Tab o s l t + - = ? F1 q Ctrl+P"
).split()


def test_ids_are_unique():
    ids = [command.id for command in c.COMMANDS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("context", sorted(NODES))
def test_no_key_is_bound_twice_in_one_context(context):
    keys = [key for command in c.in_context(context) for key in command.keys]
    assert len(keys) == len(set(keys))


def test_reading_and_app_keys_do_not_shadow_each_other():
    # both are active on the reading screen, so a shared key would hide one of them
    reading = {k for cmd in c.in_context(c.READING) for k in cmd.keys}
    app = {k for cmd in c.in_context(c.APP) for k in cmd.keys}
    assert reading.isdisjoint(app)


@pytest.mark.parametrize("command", c.COMMANDS, ids=lambda command: command.id)
def test_every_action_exists_where_it_is_bound(command):
    name = command.action.partition("(")[0]
    node = ReaderApp if name.startswith("app.") else NODES[command.context]
    name = name.removeprefix("app.")
    assert callable(getattr(node, f"action_{name}", None)), f"{node.__name__} lacks {name}"


def test_conditions_are_known():
    assert {cmd.when for cmd in c.COMMANDS} <= {None, c.ARTICLE, c.SEARCHING, c.TIMED}


def test_bindings_carry_every_key_and_footer_label():
    for context in NODES:
        made = c.bindings(context)
        commands = c.in_context(context)
        assert [b.key for b in made] == [",".join(cmd.keys) for cmd in commands]
        for binding, command in zip(made, commands, strict=True):
            assert binding.show == bool(command.footer)
            assert binding.id == command.id
            assert binding.description == (command.footer or command.description)


def test_key_display_is_readable():
    assert c.key_display("right_square_bracket") == "]"
    assert c.key_display("left_curly_bracket") == "{"
    assert c.key_display("question_mark") == "?"
    assert c.key_display("pagedown") == "PgDn"
    assert c.key_display("down") == "↓"
    assert c.keys_display(c.get("help")) == "? F1"


def test_condition_for_matches_actions_with_arguments():
    assert c.condition_for(c.READING, "view") == c.ARTICLE
    assert c.condition_for(c.READING, "next_match") == c.SEARCHING
    assert c.condition_for(c.READING, "toggle_sidebar") is None


def test_help_lists_every_required_key_and_every_command():
    text = "\n".join(set_sections(column, 60).plain for column in help_columns())
    key_width = 2 + max(len(c.keys_display(command)) for command in c.COMMANDS)
    shown = set()
    for line in text.splitlines():
        shown.update(line[:key_width].split())
    missing = [key for key in REQUIRED_KEYS if key not in shown]
    assert not missing, missing
    for command in c.COMMANDS:
        assert command.description in text


def test_groups_keep_table_order():
    names = [name for name, _ in c.groups()]
    assert names[0] == "Move"
    assert sum(len(cmds) for _, cmds in c.groups()) == len(c.COMMANDS)


def test_every_reading_key_names_a_pane_command():
    from reader.core.layout import MEASURES
    from reader.core.navigation import MOVES

    named = [cmd.action[len("view('") : -2] for cmd in c.COMMANDS if cmd.action.startswith("view(")]
    assert named and set(named) <= {*MOVES, *MEASURES, "select"}


def test_a_long_description_continues_under_itself_not_under_the_keys():
    sections = [(Content("Group"), [("Ctrl+C Ctrl+Q", "quit the app even while typing in a box")])]
    lines = set_sections(sections, 30).plain.splitlines()
    assert lines[1].startswith("Ctrl+C Ctrl+Q  quit")
    assert all(line.startswith(" " * 15) and line.strip() for line in lines[2:]), lines
