"""Item 5: hostile bodies. Empty or binary files, bad UTF-8, a body over the size limit,
100,000 turns, unknown speakers and pathological Markdown: each a clear diagnostic or a
correct article, never a traceback or a hang."""

from __future__ import annotations

import os

import pytest

from reader.app import ReaderApp
from reader.cli import main
from reader.core import model as m
from reader.core.bundle import load_bundle
from tests.helpers import make_dir_bundle, make_single, scan
from tests.ui.helpers import settle


def only(diagnostics):
    (diag,) = diagnostics
    return diag


def test_empty_body_opens_with_a_warning(tmp_path):
    loaded = load_bundle(make_dir_bundle(tmp_path, ""))
    assert loaded.article is not None and loaded.article.blocks == []
    assert only(loaded.diagnostics).message == "the body is empty"


@pytest.mark.parametrize("text", ['+++\ntitle = "T"\n+++\n', '+++\ntitle = "T"\n+++', "+++\n+++\n"])
def test_only_front_matter(tmp_path, text):
    path = tmp_path / "x.md"
    path.write_text(text)
    loaded = load_bundle(path)
    messages = [d.message for d in loaded.diagnostics]
    if "title" in text:
        assert loaded.article is not None
        assert messages == ["the body is empty"]
    else:
        assert loaded.article is None
        assert messages == ["'title' is required", "the body is empty"]


@pytest.mark.parametrize("shape", ["dir", "single"])
def test_binary_body_is_refused_naming_the_offset(tmp_path, shape):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    if shape == "dir":
        folder = make_dir_bundle(tmp_path, "")
        target = folder / "article.md"
        target.write_bytes(b"Q: hi\n" + png)
        offset = 6 + png.index(b"\x00")
    else:
        target = make_single(tmp_path, "")
        target.write_bytes(target.read_bytes() + png)
        offset = target.read_bytes().index(b"\x00")
        folder = target
    diag = only(load_bundle(folder).diagnostics)
    assert diag.is_error and diag.path == target
    assert f"NUL byte at byte offset {offset}" in diag.message


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x9b"])
def test_invalid_utf8_body_names_the_byte_offset(tmp_path, bad):
    folder = make_dir_bundle(tmp_path, "")
    data = b"Q: caf\xc3\xa9?\n\nA: yes " + bad + b" no\n"
    (folder / "article.md").write_bytes(data)
    diag = only(load_bundle(folder).diagnostics)
    assert diag.is_error and diag.line == 3
    assert (
        f"not valid UTF-8 at byte offset {data.rindex(bad)} (byte 0x{bad[0]:02x})" in diag.message
    )


def sparse(path, size: int) -> None:
    """A file of `size` bytes that costs no disk and no time to write."""
    with open(path, "wb") as handle:
        handle.truncate(size)


def test_fifty_megabyte_body_is_refused_with_the_limit_named(tmp_path, capsys):
    folder = make_dir_bundle(tmp_path, "")
    sparse(folder / "article.md", 50_000_000)
    single = tmp_path / "big.md"
    sparse(single, 50_000_000)
    for bundle in (folder, single):
        diag = only(load_bundle(bundle).diagnostics)
        assert diag.is_error
        assert diag.message == (
            "file is 50.0 MB, over the 20 MB limit (set READER_MAX_BODY_MB to raise it)"
        )
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.count("over the 20 MB limit") == 2
    # …and in a library it is one broken entry among the others.
    entries = {e.slug: e for e in scan(tmp_path).entries}
    assert "over the 20 MB limit" in entries["big"].problem.message


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    folder = make_dir_bundle(tmp_path, "Q: " + "word " * 300_000 + "\n")  # 1.5 MB
    monkeypatch.setenv("READER_MAX_BODY_MB", "1")
    assert "over the 1 MB limit" in only(load_bundle(folder).diagnostics).message
    monkeypatch.setenv("READER_MAX_BODY_MB", "2")
    assert load_bundle(folder).article is not None
    monkeypatch.setenv("READER_MAX_BODY_MB", "lots")  # nonsense falls back to the default
    assert load_bundle(folder).article is not None


def test_hundred_thousand_turns(tmp_path):
    body = "".join(f"Q: Question {i}?\n\nA: Answer {i}.\n\n" for i in range(50_000))
    article = load_bundle(make_single(tmp_path, body, toml='title = "Long"\n')).article
    assert len(article.turns()) == 100_000
    assert len(article.questions) == len(article.answers) == 50_000
    assert article.blocks[-1].text == "Answer 49999."
    assert article.blocks[-1].line == 4 + 4 * 49_999 + 2  # the body starts on line 4


def test_unknown_speaker_is_a_turn_with_one_warning(tmp_path):
    body = "ME: Hello?\n\nKIM: Who are you?\n\nOV: Hi.\n\nKIM: Me again.\n\n**Zed:** bold\n"
    loaded = load_bundle(make_dir_bundle(tmp_path, body))
    article = loaded.article
    assert [(b.speaker, b.role) for b in article.blocks] == [
        ("ME", "interviewer"),
        ("KIM", "unknown"),
        ("OV", "subject"),
        ("KIM", "unknown"),
        ("Zed", "unknown"),
    ]
    assert [str(d).split(": warning: ")[1] for d in loaded.diagnostics] == [
        "turn label 'KIM' is not a known speaker (known: ME, OV)",
        "turn label 'Zed' is not a known speaker (known: ME, OV)",
    ]


PATHOLOGICAL = {
    "nested_quotes": ">" * 100_000 + " deep\n",
    "nested_lists": "".join("  " * i + "- x\n" for i in range(300)),
    "brackets": "[" * 20_000 + "x" + "]" * 20_000,
    "unclosed_links": "[a](" * 10_000,
    "emphasis": "*a _b " * 10_000,
    "backticks": "`" * 20_000 + "x",
    "code_and_asides": "`c` [x] (laughs) " * 10_000,  # was quadratic: 26 s
    "entities": "&#x1b;&#x9b;&#0;&#x202e;" * 10_000,
    "long_word": "x" * 2_000_000,
    "colons": "A" * 60 + ":" * 50_000,
    "footnotes": "".join(f"n[^{i}]\n\n[^{i}]: note {i}\n\n" for i in range(3_000)),
    "html": "<script>alert(1)</script><!-- x --><img src=x onerror=y>",
}


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_pathological_markdown_loads(tmp_path, case):
    loaded = load_bundle(make_single(tmp_path, PATHOLOGICAL[case], toml='title = "T"\n'))
    assert loaded.article is not None, loaded.diagnostics
    text = "\n".join(b.text for b in loaded.article.blocks)
    assert "\x1b" not in text and "\x9b" not in text and "\x00" not in text
    if case == "html":
        assert "<script>alert(1)</script>" in text  # raw HTML is text, never interpreted
    if case == "code_and_asides":
        (para,) = loaded.article.blocks[0].paragraphs
        kinds = [s.kind for s in para.spans]
        assert kinds.count(m.CODE) == kinds.count(m.INSERT) == kinds.count(m.STAGE) == 10_000


def test_body_file_named_outside_the_bundle_is_refused(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("Q: private\n")
    for name in ("../secret.md", str(secret), "/etc/passwd"):
        toml = f'title = "T"\nbody = "{name}"\n'
        folder = make_dir_bundle(tmp_path / name.replace("/", "_"), "", toml=toml)
        diag = only(load_bundle(folder).diagnostics)
        assert diag.is_error and "outside the bundle's folder" in diag.message


def test_body_that_is_not_a_regular_file(tmp_path):
    folder = make_dir_bundle(tmp_path, "")
    os.remove(folder / "article.md")
    os.mkfifo(folder / "article.md")  # opening it would block forever
    diag = only(load_bundle(folder).diagnostics)
    assert diag.is_error and "'article.md' is not a regular file" in diag.message  # not missing


DEGENERATE = {
    "empty": "",
    "only_front_matter": None,
    "only_controls_and_breaks": "\x01\x02\n\n\x1b\n\n---\n",
}


async def test_app_reads_degenerate_bodies(tmp_path):
    for case, body in DEGENERATE.items():
        path = tmp_path / f"{case}.md"
        path.write_text(f'+++\ntitle = "{case}"\n+++' + ("" if body is None else "\n" + body))
    app = ReaderApp(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        for case in DEGENERATE:
            app.open_article(tmp_path / f"{case}.md")
            await settle(pilot)
            assert app.article is not None and app.article.title == case
            await pilot.press("j", "space", "bracketright", "braceleft", "G", "slash", "x", "enter")
            await pilot.pause()
            assert app.is_running and app.reading.view.position[0] <= len(app.article.blocks)
