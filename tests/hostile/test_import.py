"""Pages saved from the web: `reader import` on a hostile HTML page (escape sequences in the
text, the title, the author, a caption, numeric character references for ESC and C1, a
hostile file name, 5,000 nested elements) prints nothing a terminal would act on and writes
a bundle that is clean and opens."""

from __future__ import annotations

from reader.cli import main
from reader.core.bundle import load_bundle
from tests.hostile.conftest import all_payloads, unsafe_in


def hostile_page(payload: str) -> str:
    return (
        f'<html><head><title>Talk {payload}</title><meta name="author" content="{payload}">'
        f"</head><body><h1>Interview {payload}</h1>"
        f"<p><strong>Q:</strong> First {payload}?</p>"
        f"<p><strong>A:</strong> Answer {payload} &#x1b;]0;PWN&#7; &#x9b;31m &#27;c</p>"
        f'<figure><img src="../../etc/passwd" alt="{payload}"><figcaption>{payload}</figcaption>'
        f"</figure><p><strong>Q:</strong> Second?</p><p><strong>A:</strong> Yes.</p>"
        + "<div>" * 5000
        + "deep"
        + "</div>" * 5000
        + "</body></html>"
    )


def test_importing_a_hostile_page_gives_a_clean_bundle(tmp_path, capsys):
    page = tmp_path / "saved\x1b]0;PWNFILE\x07.html"
    page.write_text(hostile_page(all_payloads()), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", "-o", str(out), str(page)]) == 0
    printed = capsys.readouterr()
    assert not unsafe_in((printed.out + printed.err).replace("\n", ""))
    (bundle,) = out.iterdir()
    assert not unsafe_in(bundle.name)
    for file in bundle.iterdir():
        assert not unsafe_in(file.read_text(encoding="utf-8").replace("\n", "")), file.name
    loaded = load_bundle(bundle)
    assert loaded.article is not None
    assert [d.message for d in loaded.diagnostics if d.is_error] == []
    assert "[@click=app.quit]q[/]" in "\n".join(b.text for b in loaded.article.blocks)


def test_toml_front_matter_is_read_within_the_bounds_of_bundle_metadata(tmp_path, capsys):
    """`+++` front matter is read as a bundle's TOML is: a dotted key of 20,000 parts (1.6 GB
    in tomllib) is refused before tomllib sees it, and the interview is imported without the
    front matter, with a warning at the key's line."""
    key = ".".join(["a"] * 20_000)
    source = tmp_path / "harbour.md"
    source.write_text(
        f'+++\ntitle = "Salt and Iron"\n{key} = 1\n+++\n\n'
        "**Q:** When did you first go down to the harbour?\n\n"
        "**A:** I was nine. My uncle kept a boat there, a small one with a red hull.\n\n"
        "**Q:** And what did you make of it?\n\n"
        "**A:** I thought it was the whole world. I still do, most days.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", "-o", str(out), str(source)]) == 0
    printed = capsys.readouterr().out
    assert f"{source}:3:1: warning: front matter left out: TOML: a key of more than" in printed
    (bundle,) = out.iterdir()
    loaded = load_bundle(bundle)
    assert loaded.article is not None and loaded.article.title != "Salt and Iron"
