"""Item 4: hostile metadata. Every bad TOML is a diagnostic with a place, never a traceback,
in both bundle shapes, and a huge TOML costs time in proportion to its size."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.toml_bounds import MAX_KEY_PARTS, MAX_NESTING, shape_problem
from tests.helpers import make_dir_bundle

NESTED = f"TOML: arrays and inline tables nested more than {MAX_NESTING} deep"
PARTS = f"TOML: a key of more than {MAX_KEY_PARTS} dotted parts"
BAD_TOML = {
    "syntax": ('title = "T"\n\ndek = "unterminated\n', 3, "TOML: "),
    "big_integer": ('title = "T"\nn = ' + "9" * 5000 + "\n", 1, "TOML: "),
    "deep_arrays": ('title = "T"\nn = ' + "[" * 10000 + "]" * 10000 + "\n", 2, NESTED),
    "deep_tables": ('title = "T"\nn = ' + "{a=" * 10000 + "1" + "}" * 10000 + "\n", 2, NESTED),
    # tomllib took 1.6 GB and 16 s on a dotted key of 20,000 parts (40 KB of text)
    "dotted_key": ('title = "T"\n\n' + ".".join(["a"] * 20_000) + " = 1\n", 3, PARTS),
    "dotted_table": ('title = "T"\n[' + ".".join(["a"] * 20_000) + "]\n", 2, PARTS),
    "dotted_inline": ('title = "T"\nn = { ' + ".".join(["a"] * 20_000) + " = 1 }\n", 2, PARTS),
    "title_number": ('dek = "d"\ntitle = 3\n', 2, "'title' must be a string, not a number"),
    "published_soon": ('title = "T"\npublished = "soon"\n', 2, "'published' must be a TOML date"),
    "duplicate_key": ('title = "T"\ntitle = "U"\n', 2, "TOML: Cannot overwrite a value"),
    "duplicate_table": (
        'title = "T"\n[speakers.A]\nname = "a"\n[speakers.A]\n',
        4,
        "TOML: ",
    ),
    "raw_escape": ('title = "T\x1b]0;PWN\x07"\n', 1, "TOML: "),
}


def write(tmp_path, shape: str, toml: str, body: str = "Q: x\n\nA: y\n"):
    if shape == "dir":
        folder = make_dir_bundle(tmp_path, body, toml=toml)
        return folder, folder / "article.toml", 0
    path = tmp_path / "piece.md"
    path.write_bytes(b"+++\n" + toml.encode("utf-8") + b"+++\n" + body.encode("utf-8"))
    return path, path, 1  # the TOML starts on line 2 of the single file


@pytest.mark.parametrize("shape", ["dir", "single"])
@pytest.mark.parametrize("case", BAD_TOML)
def test_bad_metadata_is_one_error_at_its_line(tmp_path, shape, case):
    toml, line, expected = BAD_TOML[case]
    bundle, where, shift = write(tmp_path, shape, toml)
    loaded = load_bundle(bundle)
    assert loaded.article is None
    errors = [d for d in loaded.diagnostics if d.is_error]
    assert errors and all(d.path == where for d in errors)
    first = errors[0]
    assert expected in first.message, first
    assert first.line == line + shift, str(first)
    assert "\x1b" not in str(first)


def test_syntax_error_names_the_column(tmp_path):
    loaded = load_bundle(write(tmp_path, "dir", 'title = "T"\nsection = nope\n')[0])
    (diag,) = loaded.diagnostics
    assert (diag.line, diag.col) == (2, 11), str(diag)


@pytest.mark.parametrize("shape", ["dir", "single"])
def test_byte_order_mark_is_accepted(tmp_path, shape):
    bundle, where, _ = write(tmp_path, shape, 'title = "With BOM"\n')
    where.write_bytes(b"\xef\xbb\xbf" + where.read_bytes())
    if shape == "dir":
        (bundle / "article.md").write_bytes(b"\xef\xbb\xbfQ: x\n\nA: y\n")
    loaded = load_bundle(bundle)
    assert loaded.article is not None, loaded.diagnostics
    assert loaded.article.title == "With BOM"
    assert [b.speaker for b in loaded.article.blocks] == ["Q", "A"]


@pytest.mark.parametrize("shape", ["dir", "single"])
def test_invalid_utf8_in_metadata_names_the_byte(tmp_path, shape):
    bundle, where, shift = write(tmp_path, shape, 'title = "T"\ndek = "caf\xe9"\n')
    data = where.read_bytes().replace("é".encode(), b"\xe9")
    where.write_bytes(data)
    (diag,) = load_bundle(bundle).diagnostics
    offset = data.index(b"\xe9")
    assert diag.is_error and diag.path == where
    assert f"not valid UTF-8 at byte offset {offset} (byte 0xe9)" in diag.message
    assert (diag.line, diag.col) == (2 + shift, 11)


def test_many_keys_speakers_and_images_each_get_their_own_line(tmp_path):
    """5,000 of each: every warning points at its own line (and the file is read once, not
    once per entry — the quadratic search this replaced took minutes here)."""
    n = 5_000
    toml = 'title = "T"\n' + "".join(f"unknown{i} = 1\n" for i in range(n))
    toml += "".join(f'[speakers.S{i}]\nname = "N{i}"\n' for i in range(n))
    toml += "".join(f'[[images]]\nfile = "missing{i}.png"\n' for i in range(n))
    loaded = load_bundle(make_dir_bundle(tmp_path, "S0: hello\n", toml=toml))
    assert loaded.article is not None
    lines = {}
    for d in loaded.diagnostics:
        lines.setdefault(d.message.split()[0], []).append(d.line)
    assert lines["unknown"] == list(range(2, n + 2))
    assert lines["speaker"] == list(range(n + 2 + 2, 3 * n + 2, 2))  # S1… never speak
    assert lines["image"] == list(range(3 * n + 3, 5 * n + 2, 2))


def test_check_reports_every_bad_bundle_without_a_traceback(tmp_path, capsys):
    for i, (toml, _, _) in enumerate(BAD_TOML.values()):
        make_dir_bundle(tmp_path, "Q: x\n", toml=toml, slug=f"b{i}")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert out.out.count(": error: ") == len(BAD_TOML)
    assert out.out.strip().endswith(
        f"checked {len(BAD_TOML)} bundles: {len(BAD_TOML)} errors, 0 warnings"
    )


SHAPES_WITHIN = [
    "title = \"a.b.c.d\"  # a.b.c.d.e\ndek = 'x.y[z{'\n",  # dots and brackets in strings
    "n = 1.5\nt = 12:00:00.5\nl = [1.5, [2.5, {a.b.c = 1}]]\n",  # dots in values
    '[speakers."A.B"]\nname = "x"\n[[byline]]\nname = "y"\n',
    'x = """\n' + "a." * 100 + '\n"""\n' + ".".join(["k"] * MAX_KEY_PARTS) + " = 1\n",
    "n = " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n",
    "a = [\n  1,\n  2,\n]\n" + ".".join(["k"] * MAX_KEY_PARTS) + " = 2\n",
]


@pytest.mark.parametrize("text", SHAPES_WITHIN)
def test_keys_and_nesting_within_the_bounds_pass_the_look(text):
    assert shape_problem(text) is None


def test_the_bounds_are_counted_on_keys_only():
    keys = ".".join(["k"] * (MAX_KEY_PARTS + 1))
    assert shape_problem(f"x = 1\n{keys} = 1\n") == (2, PARTS.removeprefix("TOML: "))
    deep = "[" * (MAX_NESTING + 1)
    assert shape_problem(f"x = 1\ny = {deep}\n") == (2, NESTED.removeprefix("TOML: "))
    assert shape_problem('x = "' + "." * 1000 + '"\n') is None
