"""Items 1–2 for the command line: `reader check/show/list` never print a control sequence
taken from a bundle (its text, its metadata, its file names, its error messages), and
markup-looking text prints literally."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from tests.helpers import scan
from tests.hostile.conftest import (
    ESCAPES,
    MARKUP,
    assert_no_payload_in_sequences,
    foreign_sequences,
    toml_string,
    unsafe_in,
    write_hostile_bundle,
)


def strings_in(value, seen=None):
    """Every string reachable from a model object (dataclasses, lists, dicts)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from strings_in(getattr(value, f.name))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_in(k)
            yield from strings_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings_in(v)


def cli(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def test_loaded_model_holds_no_control_characters(hostile_library):
    for path in hostile_library.iterdir():
        loaded = load_bundle(path)
        assert loaded.article is not None, loaded.diagnostics
        texts = [*strings_in(loaded.article), loaded.article.slug]
        texts += [str(d) for d in loaded.diagnostics]
        bad = [t for t in texts if unsafe_in(t)]
        assert not bad, bad[:3]


def test_markup_survives_literally_in_the_model(hostile_library):
    (folder,) = [p for p in hostile_library.iterdir() if p.is_dir()]
    article = load_bundle(folder).article
    body = "\n".join(b.text for b in article.blocks)
    for markup in MARKUP:
        assert markup in body
        assert markup in article.title


def test_check_prints_every_problem_without_control_sequences(capsys, hostile_library):
    code, out = cli(capsys, "check", hostile_library)
    assert code == 0  # warnings only: the bundle opens
    assert not unsafe_in(out.replace("\n", "")), repr(out)
    for problem in (
        "unknown key ']0;PWNKEY'",
        "image '../../etc/passwd' is outside the bundle's folder",
        "image '/etc/passwd' is an absolute path",
        "image 'outside.png' is outside the bundle's folder",
        "image 'folder.png' is a folder",
        "image 'pipe.png' is not a regular file",
        "image ']0;PWNIMG.png' is missing",
    ):
        assert problem in out, problem


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_show_plain_formats_print_no_control_characters(capsys, hostile_library, fmt):
    for bundle in hostile_library.iterdir():
        code, out = cli(capsys, "show", bundle, "--format", fmt, "--width", "60")
        assert code == 0
        assert not unsafe_in(out.replace("\n", "")), repr(out)[:500]


def test_show_ansi_adds_only_its_own_colour_codes(capsys, hostile_library):
    for bundle in hostile_library.iterdir():
        code, out = cli(capsys, "show", bundle, "--format", "ansi", "--width", "60")
        assert code == 0
        assert foreign_sequences(out) == []
        assert_no_payload_in_sequences(out)
        assert not unsafe_in(out.replace("\x1b[", "[").replace("\n", ""))


def test_show_text_keeps_markup_literal(capsys, tmp_path):
    folder = write_hostile_bundle(tmp_path)
    code, out = cli(capsys, "show", folder, "--format", "text", "--width", "200")
    assert code == 0
    joined = " ".join(out.split())
    for markup in MARKUP:
        assert markup in joined


def test_list_prints_hostile_names_safely(capsys, hostile_library):
    (hostile_library / "broken-\x1b]0;PWNBROKEN\x07").mkdir()
    (hostile_library / "broken-\x1b]0;PWNBROKEN\x07" / "article.md").write_text("x")
    code, out = cli(capsys, "list", hostile_library)
    assert code == 0
    assert not unsafe_in(out.replace("\n", "")), repr(out)
    assert "BROKEN" in out
    code, out = cli(capsys, "list", "--json", hostile_library)
    assert not unsafe_in(out.replace("\n", "")), repr(out)
    rows = json.loads(out)
    # Scripts still get the exact paths (escaped in the JSON, so safe to print).
    assert len(rows) == 3 and all(Path(r["path"]).exists() for r in rows)


def test_catalog_entries_are_clean(hostile_library):
    for entry in scan(hostile_library).entries:
        assert not [t for t in strings_in(entry) if unsafe_in(t)], entry


def test_nul_and_escapes_written_as_toml_escapes_are_removed(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    title = toml_string("A\x00B" + ESCAPES["osc52"])
    (folder / "article.toml").write_text(f"title = {title}\n")
    (folder / "article.md").write_text("Q: x\n")
    article = load_bundle(folder).article
    assert article.title == "AB]52;c;UFdOQ0xJUA=="


def test_error_messages_quote_hostile_text_safely(capsys, tmp_path):
    bad = tmp_path / "lib" / "x\x1b]52;c;UFdO\x07.md"
    bad.parent.mkdir()
    bad.write_text(f"+++\ntitle = 3\n{toml_string(ESCAPES['osc0'])} = {{}}\n+++\nQ: x\n")
    code, out = cli(capsys, "check", bad.parent)
    assert code == 1
    assert "'title' must be a string" in out
    assert not unsafe_in(out.replace("\n", "")), repr(out)


def test_undecodable_file_names_do_not_crash_the_cli(tmp_path):
    """A name that is not UTF-8 (raw C1 byte 0x9b) and a C locale: still one clean report."""
    library = tmp_path / "lib"
    library.mkdir()
    name = os.fsencode(library) + b"/raw\x9b31mPWN.md"
    with open(name, "wb") as handle:
        handle.write(b'+++\ntitle = "Raw name"\n+++\nQ: x\n')
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""}
    for args in (["check", library], ["list", library], ["list", "--json", library]):
        result = subprocess.run(
            [sys.executable, "-m", "reader", *map(str, args)], capture_output=True, env=env
        )
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
        assert b"\x9b" not in result.stdout + result.stderr
        assert b"\x1b" not in result.stdout + result.stderr


def test_search_prints_hostile_passages_safely(capsys, hostile_library):
    for extra in ([], ["--json"]):
        code, out = cli(capsys, "search", "bold", hostile_library, *extra)
        assert code == 0 and "PWNCSI" in out
        assert not unsafe_in(out.replace("\n", "")), repr(out)[:500]


def test_a_tab_in_the_dek_becomes_a_space(tmp_path):
    """A tab reaches the terminal as a jump to the next tab stop, over what is drawn after
    it: the dek keeps its lines, not its tabs."""
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "article.toml").write_text('title = "T"\ndek = "before\\tafter\\nand more"\n')
    (folder / "article.md").write_text("Q: x\n")
    assert load_bundle(folder).article.dek == "before after\nand more"
