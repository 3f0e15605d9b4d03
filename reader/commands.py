"""Every command of the reading app, defined once.

Key bindings, the footer, the command palette and the help screen are all derived from
`COMMANDS`, so they can never disagree. A command belongs to a *context* — the part of the
app whose bindings carry it — and may name a *condition* (`when`) that the app checks before
offering it (`n` only while a search is active, for instance).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import Keys, _character_to_key, format_key

# Contexts: which node's BINDINGS carry a command (and so where its action runs).
APP = "app"  # anywhere
READING = "reading"  # the main screen: the reading pane and everything around it
LIBRARY = "library"  # the library list has focus
LIST = "list"  # any list (library, outline, captions) has focus
SELECTION = "selection"  # the reading pane, while a selection is being made
HELP = "help"  # the help screen is open
PICTURE = "picture"  # a picture is open full screen

# Conditions (`when`), evaluated by the app: see ReaderApp.command_available.
ARTICLE = "article"  # an article is open
SEARCHING = "searching"  # an in-article search has matches to step through
TIMED = "timed"  # the open article has times (a transcript)


@dataclass(frozen=True)
class Command:
    id: str
    keys: tuple[str, ...]  # Textual key names; the first one is shown in the footer
    description: str
    group: str
    action: str  # a Textual action string, run in the context's node
    context: str = READING
    when: str | None = None
    footer: str = ""  # a short label when the footer shows the command
    # Run as soon as the key arrives, before the keys typed after it are handed out: for
    # commands that move focus into a text box, so nothing typed fast is lost.
    priority: bool = False


COMMANDS: tuple[Command, ...] = (
    # Reading: moving through the text
    Command("line-down", ("j", "down"), "Line down", "Move", "view('line_down')", when=ARTICLE),
    Command("line-up", ("k", "up"), "Line up", "Move", "view('line_up')", when=ARTICLE),
    Command(
        "page-down", ("space", "pagedown"), "Page down", "Move", "view('page_down')", when=ARTICLE
    ),
    Command("page-up", ("b", "pageup"), "Page up", "Move", "view('page_up')", when=ARTICLE),
    Command(
        "half-down", ("d",), "Half a page down", "Move", "view('half_page_down')", when=ARTICLE
    ),
    Command("half-up", ("u",), "Half a page up", "Move", "view('half_page_up')", when=ARTICLE),
    Command("top", ("g", "home"), "Beginning", "Move", "view('top')", when=ARTICLE),
    Command("bottom", ("G", "end"), "End", "Move", "view('bottom')", when=ARTICLE),
    # Reading: moving through the interview
    Command(
        "next-question",
        ("right_square_bracket",),
        "Next question",
        "Interview",
        "view('next_question')",
        when=ARTICLE,
        footer="question",
    ),
    Command(
        "prev-question",
        ("left_square_bracket",),
        "Previous question",
        "Interview",
        "view('prev_question')",
        when=ARTICLE,
    ),
    Command(
        "next-speaker",
        ("right_curly_bracket",),
        "Next change of speaker",
        "Interview",
        "view('next_speaker')",
        when=ARTICLE,
    ),
    Command(
        "prev-speaker",
        ("left_curly_bracket",),
        "Previous change of speaker",
        "Interview",
        "view('prev_speaker')",
        when=ARTICLE,
    ),
    Command(
        "go-to-time",
        ("colon",),
        "Go to a time (12:31 or 1:02:03)",
        "Interview",
        "go_to_time",
        when=TIMED,
        footer="time",
        priority=True,
    ),
    Command(
        "outline",
        ("o",),
        "Go to the outline",
        "Interview",
        "outline",
        when=ARTICLE,
        footer="outline",
    ),
    Command(
        "open-original",
        ("O",),
        "Open the original page",
        "Interview",
        "open_original",
        APP,
        when=ARTICLE,
    ),
    # Reading: search
    Command(
        "search",
        ("slash",),
        "Search the article",
        "Search",
        "search",
        when=ARTICLE,
        footer="search",
        priority=True,
    ),
    Command(
        "next-match", ("n",), "Next match", "Search", "next_match", when=SEARCHING, footer="match"
    ),
    Command("prev-match", ("N",), "Previous match", "Search", "prev_match", when=SEARCHING),
    Command("close", ("escape",), "Close the search or an overlay", "Search", "close"),
    Command(
        "library-search", ("ctrl+f",), "Search the whole library", "Search", "library_search", APP
    ),
    # Highlights, and selecting the words to keep
    Command(
        "select",
        ("v",),
        "Select words (a match shown)",
        "Highlights",
        "view('select')",
        when=ARTICLE,
    ),
    # `a` opens a box: at once, so that a note typed fast loses nothing (ReaderApp.check_action
    # lets `a` type into a box that has focus).
    *(
        Command(name, (key,), what, "Highlights", name, APP, priority=name == "note")
        for name, key, what in (
            ("note", "a", "Note on the highlight shown"),
            ("colour", "c", "Its next colour"),
            ("quote", "y", "Copy it as a quote"),
            ("unhighlight", "x", "Remove it"),
        )
    ),
    # As less's `s` saves what it shows (`s` is the sidebar here).
    Command(
        "export-highlights",
        ("S",),
        "Save highlights as Markdown",
        "Highlights",
        "export_highlights",
        APP,
    ),
    *(
        Command(f"select-{m}", keys, what, "Selecting", f"selecting('{m}')", SELECTION)
        for m, keys, what in (
            ("word", ("w",), "A word further"),
            ("back_word", ("b",), "A word back"),
            ("line", ("j", "down"), "A line further"),
            ("back_line", ("k", "up"), "A line back"),
            ("sentence", ("right_parenthesis",), "To the sentence's end"),
            ("back_sentence", ("left_parenthesis",), "To the sentence's start"),
            ("turn", ("right_square_bracket",), "To the turn's end"),
            ("back_turn", ("left_square_bracket",), "To the turn's start"),
            ("keep", ("h",), "Keep as a highlight"),
            ("copy", ("y",), "Copy as a quote with its speaker"),
            ("cancel", ("escape",), "Let it go"),
        )
    ),
    # Library list
    Command("open", ("enter",), "Open the article", "Library", "select", LIBRARY, footer="open"),
    Command(
        "sort",
        ("o",),
        "Sort by date, title, progress or length",
        "Library",
        "sort",
        LIBRARY,
        footer="sort",
    ),
    Command(
        "filter", ("slash",), "Filter the library", "Library", "filter", LIBRARY, footer="filter"
    ),
    Command("list-down", ("j",), "Next item", "Lists", "cursor_down", LIST),
    Command("list-up", ("k",), "Previous item", "Lists", "cursor_up", LIST),
    Command("list-go", ("enter",), "Go there; open a picture", "Lists", "select", LIST),
    # Panes and looks
    Command("focus-next", ("tab",), "Next pane", "Panes", "next_pane(1)"),
    Command("focus-previous", ("shift+tab",), "Previous pane", "Panes", "next_pane(-1)"),
    Command(
        "sidebar", ("s",), "Show or hide the sidebar", "Panes", "toggle_sidebar", footer="sidebar"
    ),
    Command(
        "library",
        ("l",),
        "Go to the library (again: hide it)",
        "Panes",
        "go_to_library",
        footer="library",
    ),
    Command("theme", ("t",), "Next theme", "View", "next_theme", APP, footer="theme"),
    Command("times", ("T",), "Show or hide the times", "View", "toggle_times", when=TIMED),
    Command("wider", ("plus",), "Wider text", "View", "view('measure_wider')", when=ARTICLE),
    Command(
        "narrower", ("minus",), "Narrower text", "View", "view('measure_narrower')", when=ARTICLE
    ),
    Command(
        "measure",
        ("equals_sign",),
        "Default text width",
        "View",
        "view('measure_reset')",
        when=ARTICLE,
    ),
    Command("pictures", ("p",), "Show or hide pictures", "View", "toggle_pictures", when=ARTICLE),
    Command(
        "picture", ("enter",), "Open the picture on screen", "View", "open_picture", when=ARTICLE
    ),
    # The app
    Command("help", ("question_mark", "f1"), "Help: all keys", "App", "help", APP, footer="help"),
    Command("palette", ("ctrl+p",), "Command palette", "App", "command_palette", APP),
    Command("quit", ("q",), "Quit", "App", "quit", APP, footer="quit"),
    # As in less and most terminal programs (Textual's own Ctrl+C only says how to quit).
    Command(
        "quit-anywhere",
        ("ctrl+c", "ctrl+q"),
        "Quit, even while typing",
        "App",
        "quit",
        APP,
        priority=True,
    ),  # fmt: skip
    Command(
        "close-help",
        ("escape", "q", "question_mark", "f1"),
        "Close the help",
        "Help screen",
        "dismiss",
        HELP,
        footer="close",
    ),
    Command(
        "close-picture",
        ("escape", "q", "enter"),
        "Close the picture",
        "Picture screen",
        "dismiss",
        PICTURE,
        footer="close",
    ),
)

_DISPLAY = {
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "enter": "Enter",
    "f1": "F1",
    "ctrl+p": "Ctrl+P",
    "ctrl+f": "Ctrl+F",
    "ctrl+c": "Ctrl+C",
    "ctrl+q": "Ctrl+Q",
}


def key_display(key: str) -> str:
    """How a key is written for people: "]" rather than "right_square_bracket"."""
    return _DISPLAY.get(key) or format_key(key)


def keys_of(command: Command, keymap: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The keys of `command`, as the user's keymap (config.toml `[keys]`) may have set them."""
    if keymap and command.id in keymap:
        return tuple(keymap[command.id].split(","))
    return command.keys


def keys_display(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    return " ".join(key_display(key) for key in keys_of(command, keymap))


MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMES = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
_NAMES |= {_character_to_key(c) for c in string.punctuation + " "}


def key_name(typed: str) -> str | None:
    """The name Textual gives the key written `typed` in config.toml ("?" → "question_mark",
    "Ctrl+N" → "ctrl+n", "PageDown" → "pagedown"), or None if no key has that name."""
    *modifiers, last = typed.strip().split("+") if typed.strip() != "+" else ["+"]
    modifiers = [m.lower() for m in modifiers]
    if not last or any(m not in MODIFIERS for m in modifiers):
        return None
    if len(last) == 1:
        letter = last.lower() if modifiers else last  # Ctrl+N is ctrl+n: the terminal's key
        name = _character_to_key(letter) if letter.isprintable() else ""
    else:
        name = last.lower() if last.lower() in _NAMES else ""
    return "+".join([*modifiers, name]) if name else None


def command_keys() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each command's context and keys, for checking a keymap (reader.core.config)."""
    return {command.id: (command.context, command.keys) for command in COMMANDS}


def in_context(context: str) -> list[Command]:
    return [command for command in COMMANDS if command.context == context]


def bindings(context: str) -> list[BindingType]:
    """The BINDINGS of the node that carries `context`."""
    return [
        Binding(
            ",".join(command.keys),
            command.action,
            command.footer or command.description,
            show=bool(command.footer),
            key_display=key_display(command.keys[0]),
            tooltip=command.description,
            id=command.id,
            priority=command.priority,
        )
        for command in in_context(context)
    ]


def condition_for(context: str, action_name: str) -> str | None:
    """The `when` of the command whose action is named `action_name` (without arguments)."""
    for command in in_context(context):
        if command.action.partition("(")[0] == action_name:
            return command.when
    return None


def get(command_id: str) -> Command:
    return next(command for command in COMMANDS if command.id == command_id)


def groups() -> list[tuple[str, list[Command]]]:
    """Commands by group, in table order, for the help screen."""
    grouped: dict[str, list[Command]] = {}
    for command in COMMANDS:
        grouped.setdefault(command.group, []).append(command)
    return list(grouped.items())
