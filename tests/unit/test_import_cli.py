"""`reader import` from the command line: what it writes, what it refuses, what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HARBOUR = FIXTURES / "harbour-qa.txt"


def run(capsys, *argv):
    status = main(["import", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_writes_a_directory_bundle_named_from_the_title(tmp_path, capsys):
    status, out, err = run(capsys, HARBOUR, "-o", tmp_path)
    assert status == 0, err
    bundle = tmp_path / "the-tide-table-keeper"
    assert (bundle / "article.toml").is_file() and (bundle / "article.md").is_file()
    article = load_bundle(bundle).article
    assert sum(turn.is_question for turn in article.turns()) == 5  # "Right." is among them
    assert len(article.questions) == 4 and len(article.answers) == 5  # but asks nothing
    assert "questions: 5, answers: 5, captions: 1, bylines: 1" in out
    assert "Q: Mara Ellison, interviewer (5 turns)" in out


def test_the_output_folder_is_made_when_missing(tmp_path, capsys):
    status, _, err = run(capsys, HARBOUR, "-o", tmp_path / "new" / "library")
    assert status == 0, err
    assert (tmp_path / "new" / "library" / "the-tide-table-keeper" / "article.toml").is_file()
    (tmp_path / "file").write_text("x")
    status, _, err = run(capsys, HARBOUR, "-o", tmp_path / "file")
    assert status == 2 and "is not a folder" in err


def test_single_file_format(tmp_path, capsys):
    status, _, err = run(
        capsys, FIXTURES / "glass-initials.md", "-o", tmp_path, "--format", "single"
    )
    assert status == 0, err
    target = tmp_path / "the-glass-has-a-memory.md"
    assert target.read_text(encoding="utf-8").startswith("+++\n")
    article = load_bundle(target).article
    assert article.speaker_name("TK") == "Teodora Kline"


def test_existing_output_needs_force(tmp_path, capsys):
    assert run(capsys, HARBOUR, "-o", tmp_path)[0] == 0
    toml = tmp_path / "the-tide-table-keeper" / "article.toml"
    toml.write_text('title = "edited by hand"\n', encoding="utf-8")
    status, _, err = run(capsys, HARBOUR, "-o", tmp_path)
    assert status == 1
    assert err.startswith(f"reader import: {HARBOUR}: ") and "--force" in err
    assert toml.read_text(encoding="utf-8") == 'title = "edited by hand"\n'
    assert run(capsys, HARBOUR, "-o", tmp_path, "--force")[0] == 0
    assert "The Tide-table Keeper".casefold() in toml.read_text(encoding="utf-8").casefold()


def test_dry_run_prints_summary_and_json_and_writes_nothing(tmp_path, capsys):
    status, out, _ = run(capsys, FIXTURES / "panel-initials.html", "-o", tmp_path, "--dry-run")
    assert status == 0
    assert list(tmp_path.iterdir()) == []
    summary, _, rest = out.partition("\n{")
    shown = json.loads("{" + rest)
    assert shown["questions"] == 5 and shown["answers"] == 9
    assert "JR: Jess Rowan, interviewer" in summary
    assert "KW: Kasia Wren, subject" in summary and "TA: Tomasz Adler, subject" in summary
    assert "dry run: nothing written" in summary


def test_low_confidence_decisions_are_warned_with_their_line(tmp_path, capsys):
    source = tmp_path / "interjection.txt"
    source.write_text(
        "Her studio is a converted barn on the edge of the moor, and it is freezing.\n\n"
        "When did you start painting?\n\n"
        "Late. I was forty and had just left the bank, with no plan at all and a lot of "
        "unused holiday, and I bought a box of gouache on a whim in a shop in Truro.\n\n"
        "The kitchen table.\n\n"
        "And then I could not stop. I painted the kitchen table for a month, every single "
        "morning, until my husband asked whether he could have it back for breakfast.\n\n"
        "Why the moor?\n\n"
        "Because it changes every ten minutes and never repeats itself, which is more than "
        "I can say for most people I used to work with at the bank.\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, source, "-o", tmp_path, "--dry-run")
    assert status == 0
    warning = next(line for line in out.splitlines() if ":7:1: warning:" in line)
    assert warning.strip().startswith(f"{source}:7:1: warning: treated as a question (")
    assert "follows an answer" in warning and warning.endswith('"The kitchen table."')


def test_interviewer_and_subject_names_from_the_command_line(tmp_path, capsys):
    source = FIXTURES / "orchard-unmarked.txt"
    status, out, _ = run(
        capsys, source, "-o", tmp_path, "--interviewer", "Lena Marsh", "--subject", "Ruth Penhallow"
    )
    assert status == 0
    assert "Q: Lena Marsh, interviewer" in out and "A: Ruth Penhallow, subject" in out


def test_roles_given_on_the_command_line_win(tmp_path, capsys):
    source = FIXTURES / "lastnames.md"
    status, out, _ = run(capsys, source, "-o", tmp_path, "--dry-run", "--interviewer", "Reyes")
    assert status == 0
    assert "Reyes: Ana Reyes, interviewer" in out


def test_standard_input(tmp_path, monkeypatch, capsys):
    data = HARBOUR.read_bytes()

    class Stdin:
        buffer = __import__("io").BytesIO(data)

    monkeypatch.setattr(sys, "stdin", Stdin)
    status, out, err = run(capsys, "-", "-o", tmp_path)
    assert status == 0, err
    assert (tmp_path / "the-tide-table-keeper" / "article.md").is_file()


def test_untrusted_text_cannot_reach_the_terminal_or_the_bundle(tmp_path, capsys):
    source = tmp_path / "evil.txt"
    source.write_text(
        "The \x1b]0;pwned\x07Title\x9b31m\n\n"
        "Q: Where \x1b[2Jare you?\n\nA: Here.\x1b[31m Red\x00 now.\n\n"
        "Q: And then?\n\nA: Gone.\n\nQ: Why?\n\nA: Because.\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, source, "-o", tmp_path / "out", "--dry-run")
    # NUL makes it binary: refused
    assert status == 1 and "binary" in err
    source.write_text(source.read_text(encoding="utf-8").replace("\x00", ""), encoding="utf-8")
    (tmp_path / "out").mkdir()
    status, out, err = run(capsys, source, "-o", tmp_path / "out")
    assert status == 0, err
    for text in [out, err] + [p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.*")]:
        assert not any(ord(ch) < 32 and ch not in "\n\t" or 0x7F <= ord(ch) <= 0x9F for ch in text)


def _refused(capsys, tmp_path, source, problem):
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    status, out, err = run(capsys, source, "-o", out_dir)
    assert status in (1, 2)
    assert err.count("\n") == 1 and err.startswith(f"reader import: {source}: "), err
    assert problem in err and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def test_bad_input_is_refused_with_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _refused(capsys, tmp_path, empty, "empty file")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    _refused(capsys, tmp_path, binary, "binary file")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Q: Caf\u00e9?\n\nA: Oui.\n".encode("latin-1"))
    _refused(capsys, tmp_path, latin, "line 1, column 7: not valid UTF-8 at byte offset 6")
    _refused(capsys, tmp_path, tmp_path / "missing.txt", "no such file")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    _refused(capsys, tmp_path, folder, "is a folder")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    _refused(capsys, tmp_path, pdf, "unsupported file type (.pdf)")


def test_huge_file_is_refused_before_reading(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    _refused(capsys, tmp_path, huge, "file is 52.4 MB, over the 20 MB limit")


def test_the_size_limit_is_the_readers_own(tmp_path, capsys, monkeypatch):
    """READER_MAX_BODY_MB sets the limit for imports as for bundles, standard input included."""
    source = tmp_path / "talk.txt"
    source.write_text(HARBOUR.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("READER_MAX_BODY_MB", "0.001")
    _refused(capsys, tmp_path, source, "over the 0.001 MB limit")

    class Stdin:
        buffer = __import__("io").BytesIO(HARBOUR.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    status, _, err = run(capsys, "-", "-o", tmp_path / "out")
    assert status == 2 and "over the 0.001 MB limit" in err


def test_html_without_an_article(tmp_path, capsys):
    page = tmp_path / "home.html"
    page.write_text(
        "<html><head><title>Home</title></head><body><nav><a href=/>Home</a>"
        "<a href=/news>News</a></nav><footer><p>© 2024 Example</p></footer></body></html>",
        encoding="utf-8",
    )
    _refused(capsys, tmp_path, page, "no article text found in the HTML")


def test_text_without_an_interview(tmp_path, capsys):
    essay = tmp_path / "essay.txt"
    essay.write_text("A short essay.\n\nIt has no questions in it at all, only statements.\n")
    _refused(capsys, tmp_path, essay, "found no questions and answers")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("Q: x?\n\nA: y.\n")
    secret.chmod(0)
    _refused(capsys, tmp_path, secret, "Permission denied")


def test_no_traceback_from_the_real_command(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(empty), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1
    assert result.stderr == f"reader import: {empty}: empty file\n"
