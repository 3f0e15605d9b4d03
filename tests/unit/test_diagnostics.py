"""Diagnostics name the real file, line and column, and never raise."""

from __future__ import annotations

import os

import pytest

from reader.core.bundle import load_bundle
from tests.helpers import DEFAULT_TOML, make_dir_bundle, make_single


def messages(loaded):
    return [str(d) for d in loaded.diagnostics]


def test_toml_syntax_error_names_line_and_column(tmp_path):
    toml = 'title = "T"\n\n\n\n\n\npublication = "unterminated\n'
    loaded = load_bundle(make_dir_bundle(tmp_path, "A: x\n", toml=toml))
    assert loaded.article is None
    (msg,) = messages(loaded)
    assert msg.startswith(f"{tmp_path / 'piece' / 'article.toml'}:7:")
    assert ": error: TOML: " in msg


def test_toml_error_in_front_matter_counts_file_lines(tmp_path):
    path = make_single(tmp_path, "A: x\n", toml='title = "T"\ntags = [1,\n')
    (msg,) = messages(load_bundle(path))
    # line 1 is +++, the TOML starts on line 2; the error is at the closing fence's line
    assert msg.startswith(f"{path}:") and ": error: TOML:" in msg
    line = int(msg[len(str(path)) + 1 :].split(":")[0])
    assert 3 <= line <= 4


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('dek = "x"\n', "'title' is required"),
        ('title = ""\n', "'title' is empty"),
        ("title = 3\n", "'title' must be a string, not a number"),
        ('title = "T"\npublished = "soon"\n', "'published' must be a TOML date"),
        ('title = "T"\ntags = "x"\n', "'tags' must be an array of strings"),
        ('title = "T"\nbyline = 3\n', "'byline' must be a string"),
        ('title = "T"\n[speakers.X]\nname = 3\n', "speaker X: 'name' must be a string"),
        ('title = "T"\n[[images]]\ncaption = "c"\n', "needs a 'file' string"),
        ('title = "T"\ntitle = "U"\n', "TOML: Cannot overwrite a value"),
        ('title = "T"\nn = ' + "9" * 5000 + "\n", "TOML:"),
        ('title = "T"\nn = ' + "[" * 10000 + "]" * 10000 + "\n", "TOML:"),
    ],
)
def test_bad_metadata_is_an_error_not_a_traceback(tmp_path, toml, expected):
    loaded = load_bundle(make_dir_bundle(tmp_path, "A: x\n", toml=toml))
    assert loaded.article is None
    assert any(expected in m and ": error: " in m for m in messages(loaded)), messages(loaded)


def test_wrong_type_points_at_its_line(tmp_path):
    toml = 'title = "T"\ndek = "d"\npublished = "soon"\n'
    (msg,) = messages(load_bundle(make_dir_bundle(tmp_path, "A: x\n", toml=toml)))
    assert ":3:1: error:" in msg


def test_unknown_keys_are_warnings(tmp_path):
    toml = 'colour = "red"\n' + DEFAULT_TOML + 'accent = "blue"\n'
    body = "ME: x\n\nOV: y\n"
    loaded = load_bundle(make_dir_bundle(tmp_path, body, toml=toml))
    assert loaded.article is not None
    where = tmp_path / "piece" / "article.toml"
    assert messages(loaded) == [
        f"{where}:1:1: warning: unknown key 'colour' (ignored)",
        f"{where}:7:1: warning: speaker OV: unknown key 'accent'",
    ]


def test_folder_without_article_toml(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "article.md").write_text("A: x")
    assert messages(load_bundle(tmp_path / "b")) == [
        f"{tmp_path / 'b'}: error: not a bundle: the folder has no article.toml"
    ]


def test_missing_body_file(tmp_path):
    folder = make_dir_bundle(tmp_path, "x", toml='title = "T"\nbody = "text.md"\n')
    assert "body file 'text.md' is missing" in messages(load_bundle(folder))[0]


def test_body_file_outside_the_bundle(tmp_path):
    folder = make_dir_bundle(tmp_path, "x", toml='title = "T"\nbody = "../../etc/passwd"\n')
    assert "is outside the bundle's folder" in messages(load_bundle(folder))[0]


def test_single_file_without_front_matter(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("# Hello\n")
    (msg,) = messages(load_bundle(path))
    assert msg.startswith(f"{path}:1:1: error: no front matter")


def test_unclosed_front_matter(tmp_path):
    path = tmp_path / "x.md"
    path.write_text('+++\ntitle = "T"\n\nA: x\n')
    assert "front matter is not closed" in messages(load_bundle(path))[0]


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    folder = make_dir_bundle(tmp_path, "")
    (folder / "article.md").write_bytes(b"A: fine\n\nA: caf\xe9 bad\n")
    (msg,) = messages(load_bundle(folder))
    assert msg == (
        f"{folder / 'article.md'}:3:7: error: not valid UTF-8 at byte offset 15 (byte 0xe9)"
    )


def test_nul_bytes_are_refused(tmp_path):
    folder = make_dir_bundle(tmp_path, "")
    (folder / "article.md").write_bytes(b"A: x\x00y\n")
    (msg,) = messages(load_bundle(folder))
    assert ":1:5: error: NUL byte at byte offset 4" in msg


def test_body_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_MAX_BODY_MB", "0.001")
    folder = make_dir_bundle(tmp_path, "A: " + "word " * 400)
    (msg,) = messages(load_bundle(folder))
    assert "over the 0.001 MB limit" in msg and "READER_MAX_BODY_MB" in msg


def test_empty_body_is_a_warning(tmp_path):
    loaded = load_bundle(make_single(tmp_path, "", toml='title = "T"\n'))
    assert loaded.article is not None and loaded.article.blocks == []
    assert messages(loaded)[0].endswith("warning: the body is empty")


def test_speaker_who_never_speaks(tmp_path):
    loaded = load_bundle(make_dir_bundle(tmp_path, "ME: hello\n"))
    assert messages(loaded) == [
        f"{tmp_path / 'piece' / 'article.toml'}:6:1: warning: speaker OV never speaks"
    ]


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("../../etc/passwd", "is outside the bundle's folder"),
        ("/etc/passwd", "is an absolute path"),
        ("missing.png", "is missing"),
        ("sub", "is a folder, not a picture"),
        ("link.png", "is outside the bundle's folder"),
        ("fifo.png", "is not a regular file"),
        ("ftp://example.org/x.png", "is not a file in the bundle"),
    ],
)
def test_unsafe_image_references_are_warnings(tmp_path, ref, problem):
    folder = make_dir_bundle(tmp_path, f'A: x\n\n![cap]({ref} "cred")\n', toml='title = "T"\n')
    (folder / "sub").mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    os.symlink(tmp_path / "outside.png", folder / "link.png")
    os.mkfifo(folder / "fifo.png")
    loaded = load_bundle(folder)
    assert loaded.article is not None
    (msg,) = messages(loaded)
    assert f"warning: image '{ref}' " in msg and problem in msg, msg
    assert loaded.article.images[0].path is None
    assert loaded.article.images[0].caption == "cap"


def test_control_characters_never_reach_the_model(tmp_path):
    toml = 'title = "Evil\\u001b]0;pwned\\u0007 title\\u009b"\n'
    body = "A: text \x1b[31mred\x1b[0m and \u202eevil\n"
    article = load_bundle(make_dir_bundle(tmp_path, body, toml=toml)).article
    assert article.title == "Evil]0;pwned title"
    assert article.blocks[0].text == "text [31mred[0m and evil"


def test_library_with_a_folder_missing_its_article_toml(tmp_path):
    from tests.helpers import scan

    make_dir_bundle(tmp_path, "ME: q\n\nOV: a\n", slug="good")
    (tmp_path / "lost").mkdir()
    (tmp_path / "lost" / "article.md").write_text("A: x\n")
    entries = scan(tmp_path).entries
    assert [(e.slug, e.broken) for e in entries] == [("good", False), ("lost", True)]
    assert "article.toml is missing" in entries[1].problem.message


def test_web_addresses_and_caption_only_pictures_are_fine(tmp_path):
    body = 'A: x\n\n![Original.](https://example.org/x.png "Photo: P")\n\n![Only a caption.]()\n'
    loaded = load_bundle(make_dir_bundle(tmp_path, body, toml='title = "T"\n'))
    assert messages(loaded) == []
    captions = [(i.caption, i.file, i.path) for i in loaded.article.images]
    assert captions == [
        ("Original.", "https://example.org/x.png", None),
        ("Only a caption.", "", None),
    ]


def test_utf16_is_named(tmp_path):
    folder = make_dir_bundle(tmp_path, "")
    (folder / "article.md").write_bytes("A: hello there\n".encode("utf-16"))
    (msg,) = messages(load_bundle(folder))
    assert msg.endswith("error: this is UTF-16 text; save it as UTF-8")
    (folder / "article.md").write_bytes("A: hello there\n".encode("utf-16-le"))
    (msg,) = messages(load_bundle(folder))
    assert msg.endswith("error: this is UTF-16 text; save it as UTF-8")


def test_an_empty_single_file_bundle_says_it_is_empty(tmp_path):
    from reader.core.bundle import load_bundle

    for text in ("", "\n\n  \n"):
        path = tmp_path / "empty.md"
        path.write_text(text, encoding="utf-8")
        (problem,) = load_bundle(path).diagnostics
        assert str(problem).startswith(f"{path}:1:1: error: the file is empty: a single-file")
