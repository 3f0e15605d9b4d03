"""Shared builders for the hostile-input tests: attack strings, a hostile bundle, scanners.

Every escape payload carries a marker word (PWN…), so a test can check both that no control
sequence reaches the terminal and that the payload's text never ends up *inside* one.
"""

from __future__ import annotations

import errno
import os
import pathlib
import re
from pathlib import Path

import pytest

from tests.hostile.pty_reader import PtyReader

# Terminal escape payloads: each is harmless only if its ESC / C1 / control bytes are removed.
ESCAPES = {
    "csi": "\x1b[31;1mPWNCSI\x1b[0m",
    "osc52": "\x1b]52;c;UFdOQ0xJUA==\x07",  # clipboard write of "PWNCLIP"
    "osc0": "\x1b]0;PWNTITLE\x07",
    "osc8": "\x1b]8;;https://evil.example/PWNLINK\x1b\\PWNclick\x1b]8;;\x1b\\",
    "reset": "\x1bcPWNRESET",
    "c1_csi": "\x9b31mPWNC1CSI",
    "c1_osc": "\x9d0;PWNC1TITLE\x9c",
    "bel": "PWNBELL\x07",
    "backspace": "PWNFAKE\x08\x08\x08\x08REAL",
    "delete": "PWNDEL\x7f",
    "carriage_return": "PWNLINE\rPWNOVER",
}
# Text that Rich or Textual would read as markup if it were ever passed as a markup string.
MARKUP = (
    "[/]",
    "[bold]x[/bold]",
    "[link=https://x]y[/link]",
    "[@click=app.quit]q[/]",
    "[$accent]",
    "[love of]",
)
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200fx"
ZERO_WIDTH = "Z\u200bW\u200cJ\u200dN\ufeff"

# Control characters that must never reach a terminal (tab and newline are fine).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# What a terminal would act on in an output stream: CSI, OSC, DCS/APC/PM/SOS, two-byte ESC.
SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]P^_X].*?(?:\x07|\x1b\\)"  # OSC, DCS, PM, APC, SOS up to BEL or ST
    r"|\x1b[ -/]*[0-~]",  # other ESC sequences, ESC c included
    re.DOTALL,
)
SGR = re.compile(r"\x1b\[[0-9;]*m")


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, every non-printable character as a \\u escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'


def all_payloads() -> str:
    """Every escape payload, markup string, bidi and zero-width sample, space-separated."""
    return " ".join([*ESCAPES.values(), *MARKUP, BIDI, ZERO_WIDTH])


HOSTILE_DIR_NAME = "evil-\x1b]0;PWNDIR\x07-\u009b31m-\u202edir"
HOSTILE_FILE_NAME = "\x1b[31mPWNFILE\x07-\u202e.md"


def write_hostile_bundle(root: Path, name: str = HOSTILE_DIR_NAME) -> Path:
    """A directory bundle with a payload in every metadata field, the body, the captions, the
    image references and its own folder name. It still opens (with warnings)."""
    return write_bundle(root, name, all_payloads(), "\x1b]0;PWN{}\x07")


def write_benign_bundle(root: Path, name: str = "benign") -> Path:
    """The same bundle with plain words instead of payloads: what the app shows normally."""
    return write_bundle(root, name, "Plain words [with brackets] and more plain words", "{}")


def write_bundle(root: Path, name: str, payload: str, tag: str) -> Path:
    """The bundle of `write_hostile_bundle`, with `payload` as its text and `tag` (a format
    string given a word) for the speaker key, labels, file names and link addresses."""
    p = toml_string(payload)
    bad_key, bad_speaker = toml_string(tag.format("KEY")), toml_string("OV" + tag.format("SPK"))
    bad_file = toml_string(tag.format("IMG") + ".png")
    folder = root / name
    folder.mkdir(parents=True)
    toml = f"""\
title = {p}
dek = {p}
publication = {p}
section = {p}
url = {p}
language = {p}
tags = [{p}, {p}]
stage_directions = [{p}]
{bad_key} = 1
byline = [{{ name = {p}, bio = {p}, role = {p} }}]

[speakers.ME]
name = {p}
role = "interviewer"
bio = {p}
[speakers.{bad_speaker}]
name = {p}
bio = {p}

[[images]]
file = {bad_file}
caption = {p}
credit = {p}
header = true
[[images]]
file = "../../etc/passwd"
caption = {p}
[[images]]
file = "/etc/passwd"
[[images]]
file = "outside.png"
[[images]]
file = "folder.png"
[[images]]
file = "pipe.png"
"""
    (folder / "article.toml").write_text(toml, encoding="utf-8")
    body = (
        f"Intro {payload}\n\n"
        f"ME: Question {payload}\n\n"
        f"OV{tag.format('SPK')}: Answer {payload}\n\n"
        f"Still answering (laughs) {' '.join(MARKUP)}\n\n"
        f"KIM{tag.format('LABEL')}: an unknown speaker\n\n"
        f"## Heading {payload}\n\n"
        f"> quoted {payload}\n\n"
        f"- item {payload}\n\n"
        f"```\ncode {payload}\n```\n\n"
        f"![caption {payload}]({tag.format('SRC')}.png)\n\n"
        f'![up](../../etc/passwd "credit {payload}")\n\n'
        f"[link {payload}](https://x.example/{tag.format('HREF')}) and a note[^1]\n\n"
        f"[^1]: footnote {payload}\n"
    )
    (folder / "article.md").write_text(body, encoding="utf-8")
    (folder / "outside.png").symlink_to("/etc/passwd")
    (folder / "folder.png").mkdir()
    os.mkfifo(folder / "pipe.png")
    return folder


def write_hostile_single(root: Path) -> Path:
    """A single-file bundle whose file name is the payload; its title is benign."""
    path = root / HOSTILE_FILE_NAME
    path.write_text(
        f'+++\ntitle = "Named badly"\n+++\n\nQ: {ESCAPES["osc52"]}?\n\nA: No.\n', encoding="utf-8"
    )
    return path


def unsafe_in(text: str) -> list[str]:
    """The control characters in `text` (empty when it is safe to print as-is)."""
    return CONTROL.findall(text)


def foreign_sequences(stream: str) -> list[str]:
    """The escape sequences in a terminal stream other than SGR colour codes."""
    return [s for s in SEQUENCE.findall(stream) if not SGR.fullmatch(s)]


def assert_no_payload_in_sequences(stream: str) -> None:
    """No escape sequence in `stream` carries text from a payload."""
    for seq in SEQUENCE.findall(stream):
        assert "PWN" not in seq, f"payload inside an escape sequence: {seq!r}"


def write_broken_bundles(folder: Path, count: int) -> None:
    """`count` single-file bundles without front matter, written as fast as the disk allows."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        fd = os.open(folder / f"broken-{i:05}.md", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.write(fd, b"Q: no front matter\n")
        os.close(fd)


@pytest.fixture
def make_unreadable(monkeypatch):
    """`make_unreadable(path)`: reading that folder or file fails with EACCES.

    Tests run as root, and chmod 000 does not stop root from reading; then os.scandir (for a
    folder) or os.open and Path.open (for a file) are made to raise PermissionError for that
    path instead. As another user, the real permission bits are used.
    """
    locked: set[Path] = set()
    real_scandir, real_open, real_os_open = os.scandir, pathlib.Path.open, os.open

    def denied(path):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def scandir(path="."):
        if not isinstance(path, int) and Path(path) in locked:  # shutil.rmtree passes fds
            raise denied(path)
        return real_scandir(path)

    def open_(self, *args, **kwargs):
        if self in locked:
            raise denied(self)
        return real_open(self, *args, **kwargs)

    def os_open(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and Path(path) in locked:
            raise denied(path)
        return real_os_open(path, *args, **kwargs)

    def lock(path: Path) -> None:
        if os.geteuid() != 0:
            mode = path.stat().st_mode
            path.chmod(0)
            restore.append((path, mode))
            return
        locked.add(Path(path))
        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(pathlib.Path, "open", open_)
        monkeypatch.setattr(os, "open", os_open)

    restore: list[tuple[Path, int]] = []
    yield lock
    for path, mode in restore:
        path.chmod(mode)


@pytest.fixture
def make_read_only(monkeypatch):
    """`make_read_only(folder)`: nothing in that folder can be created, replaced or removed.

    As root (tests run as root) mode 0o555 changes nothing, so the calls that write a folder
    (os.open for writing, os.replace, os.rename, os.unlink, os.mkdir) are made to fail with
    EROFS for paths inside it, as on a read-only file system. As another user, chmod is used.
    """
    folders: list[str] = []
    restore: list[tuple[Path, int]] = []
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def inside(*paths) -> bool:
        return any(
            os.path.abspath(p).startswith(f + os.sep) or os.path.abspath(p) == f
            for p in paths
            if isinstance(p, (str, os.PathLike))
            for f in folders
        )

    def refuse(real, check):
        def wrapper(*args, **kwargs):
            if check(*args):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(args[0]))
            return real(*args, **kwargs)

        return wrapper

    def lock(folder: Path) -> None:
        if os.geteuid() != 0:
            restore.append((folder, folder.stat().st_mode))
            folder.chmod(0o555)
            return
        folders.append(os.path.abspath(folder))
        if len(folders) > 1:
            return
        monkeypatch.setattr(
            os, "open", refuse(os.open, lambda p, f=0, *_: bool(f & writing) and inside(p))
        )
        for name in ("replace", "rename"):
            monkeypatch.setattr(os, name, refuse(getattr(os, name), lambda a, b, *_: inside(a, b)))
        for name in ("unlink", "mkdir"):
            monkeypatch.setattr(os, name, refuse(getattr(os, name), lambda p, *_: inside(p)))

    yield lock
    for folder, mode in restore:
        folder.chmod(mode)


def pytest_runtest_setup(item) -> None:
    """Tests marked slow run only when asked for (`pytest -m slow`): the default selection,
    which CI runs, stays fast."""
    if item.get_closest_marker("slow") and "slow" not in (item.config.option.markexpr or ""):
        pytest.skip("slow: run with -m slow")


@pytest.fixture
def hostile_library(tmp_path) -> Path:
    """A library folder with the hostile directory bundle and the hostile single file."""
    library = tmp_path / "library"
    library.mkdir()
    write_hostile_bundle(library)
    write_hostile_single(library)
    return library


@pytest.fixture(autouse=True)
def no_reader_left():
    """A test that failed half-way left its `reader` running, for ever when the terminal
    had gone (it spun at a fifth of a core, and piled up under CI): end each one here."""
    yield
    while PtyReader.started:
        app = PtyReader.started.pop()
        if app.proc.poll() is None:
            app.proc.kill()
            app.proc.wait()
