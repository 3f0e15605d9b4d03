"""Names and addresses handed outside the app: a file name safe on any file system and in a
download's header, a web address that is safe to open, a new file that replaces nothing."""

from __future__ import annotations

import pytest

from reader.core.atomic import new_file
from reader.core.sanitize import FILE_NAME_LIMIT, file_name, web_address


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("Ines Brandt — notes.md", "Ines-Brandt-notes.md"),
        ("Café Müller; filename=x.md", "Cafe-Muller-filename-x.md"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Users\\x\\notes.txt", "C-Users-x-notes.txt"),
        (".bashrc", "bashrc"),
        ("雨を数える.md", "reader-export.md"),  # nothing left of the stem
        ("", "reader-export.txt"),
        ("...", "reader-export.txt"),
        ("notes", "notes"),
        ("highlights.tar.gz", "highlights.tar.gz"),
        ("a\x1b]52;c;x\x07b.md", "a-52-c-x-b.md"),
    ],
)
def test_file_names(given, safe):
    assert file_name(given) == safe


def test_a_long_name_keeps_its_extension():
    name = file_name("word " * 100 + ".md")
    assert len(name) == FILE_NAME_LIMIT and name.startswith("word-word") and name.endswith(".md")


@pytest.mark.parametrize(
    ("given", "address"),
    [
        ("https://quire-review.example.com/conversations/the-interval", "same"),
        ("HTTP://Example.org/a?b=c#d", "HTTP://Example.org/a?b=c#d"),
        ("  https://example.org/\n", "https://example.org/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,<script>x</script>", None),
        ("//example.org/no-scheme", None),
        ("https://", None),
        ("http://[::1", None),
        ("https://example.org/a b", None),
        ("https://exa\x1b[31mmple.org", None),  # not a host name
    ],
)
def test_web_addresses(given, address):
    assert web_address(given) == (given if address == "same" else address)


def test_a_new_file_never_replaces_one(tmp_path):
    first = new_file(tmp_path / "downloads", "notes.md", "one")
    second = new_file(tmp_path / "downloads", "notes.md", "two")
    third = new_file(tmp_path / "downloads", "notes.md", "three")
    assert [p.name for p in (first, second, third)] == ["notes.md", "notes (2).md", "notes (3).md"]
    assert [p.read_text() for p in (first, second, third)] == ["one", "two", "three"]
