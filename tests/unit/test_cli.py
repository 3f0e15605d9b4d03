"""The command-line tools as a user runs them: exit codes, output, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.cli import main
from reader.paths import sample_library
from tests.helpers import make_dir_bundle, make_single


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)], capture_output=True, text=True
    )


def test_check_samples_are_clean(capsys):
    assert main(["check", str(sample_library()), "--strict"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].endswith(": 0 errors, 0 warnings"), out


def test_one_broken_bundle_does_not_stop_the_others(tmp_path):
    make_dir_bundle(tmp_path, "ME: hi\n\nOV: hello\n", slug="good")
    bad_toml = 'title = "T"\n\n\n\n\n\ndek = \n'
    make_dir_bundle(tmp_path, "A: x\n", toml=bad_toml, slug="bad")
    make_single(tmp_path, "ME: q\n\nOV: a\n", slug="zz-last")
    result = run("check", tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'bad' / 'article.toml'}:7:")
    assert ": error: TOML:" in lines[0]
    assert lines[-1] == "checked 3 bundles: 1 error, 0 warnings"
    assert "Traceback" not in result.stderr


def test_strict_fails_on_warnings(tmp_path):
    make_dir_bundle(tmp_path, "ME: hi\n")  # OV never speaks
    assert run("check", tmp_path).returncode == 0
    assert run("check", "--strict", tmp_path).returncode == 1


def test_show_json_counts_and_literal_brackets(tmp_path):
    body = (
        "Intro.\n\nME: First question?\n\nOV: An answer with the [love of] maps.\n\n"
        'It goes on.\n\n![A harbour.](h.png "Photo: I. Calder")\n\nME: Second?\n\nOV: Yes.\n'
    )
    folder = make_dir_bundle(tmp_path, body, **{"h.png": b"x"})
    result = run("show", folder, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    turns = [b for b in data["blocks"] if b["kind"] == "turn"]
    assert [(t["speaker"], t["role"]) for t in turns] == [
        ("ME", "interviewer"),
        ("OV", "subject"),
        ("ME", "interviewer"),
        ("OV", "subject"),
    ]
    assert (data["questions"], data["answers"]) == (2, 2)
    assert turns[1]["paragraphs"] == ["An answer with the [love of] maps.", "It goes on."]
    assert data["images"] == [
        {"file": "h.png", "caption": "A harbour.", "credit": "Photo: I. Calder", "header": False}
    ]


def test_show_text_labels_turns_and_wraps(tmp_path):
    toml = 'title = "T"\n[[byline]]\nname = "Mara Ellison"\nbio = "Writes about maps."\n'
    folder = make_dir_bundle(tmp_path, "Q: Why [bold]?\n\nA: " + "word " * 40, toml=toml)
    result = run("show", folder, "--format", "text", "--width", "40")
    assert result.returncode == 0
    out = result.stdout
    assert "Q: Why [bold]?" in out and "A: word word" in out
    assert "By Mara Ellison — Writes about maps." in out
    assert max(len(line) for line in out.splitlines()) <= 40
    assert "\x1b" not in out


def test_show_ansi_has_no_injected_sequences(tmp_path):
    folder = make_dir_bundle(
        tmp_path, "A: evil \x1b]52;c;aGk=\x07 text \x9b31m\n", toml='title = "T"\n'
    )
    out = run("show", folder, "--format", "ansi").stdout
    assert "\x1b]" not in out and "\x9b" not in out and "\x07" not in out
    assert "]52;c;aGk=" in out


def test_show_markdown_round_trips(tmp_path):
    body = "ME: A *soft* question\n\nOV: An answer (laughs) with [love of] it.\n"
    folder = make_dir_bundle(tmp_path, body)
    md = run("show", folder, "--format", "markdown").stdout
    assert "**Mara Ellison:** A *soft* question" in md
    assert "**Oskar Vale:** An answer (laughs) with [love of] it." in md


def test_show_broken_bundle_exits_1_with_diagnostic(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("Q: no front matter\n", encoding="utf-8")
    result = run("show", broken)
    assert result.returncode == 1
    assert "no front matter" in result.stderr and "Traceback" not in result.stderr


def test_show_of_no_such_path_is_a_usage_error(tmp_path):
    result = run("show", tmp_path / "nope")
    assert result.returncode == 2  # README, "Exit status": no such path
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_list_and_list_json():
    result = run("list", sample_library(), "--json")
    rows = json.loads(result.stdout)
    assert len(rows) >= 5 and all(r["title"] and not r["error"] for r in rows)
    text = run("list", sample_library()).stdout.splitlines()
    assert len(text) == len(rows)


def test_version_and_help():
    assert run("--version").stdout.startswith("reader ")
    for command in ("check", "show", "list"):
        assert run(command, "--help").returncode == 0


def test_a_bundle_written_from_the_format_document_alone(tmp_path):
    """Full-name bold labels in a single file, continuation paragraphs across a picture,
    captions and bylines with bios: the acceptance shape of the foundation issue."""
    import shutil
    from pathlib import Path

    source = Path(__file__).parent.parent / "fixtures" / "outsider.md"
    shutil.copy(source, tmp_path / "salt-and-signal.md")
    result = run("show", tmp_path / "salt-and-signal.md", "--format", "json")
    data = json.loads(result.stdout)
    turns = [b for b in data["blocks"] if b["kind"] == "turn" and not b["continued"]]
    assert [t["role"] for t in turns] == ["interviewer", "subject", "interviewer", "subject"]
    assert (data["questions"], data["answers"]) == (2, 2)
    answer = turns[1]["paragraphs"]
    assert answer[1].startswith("My father would say the [love of] the light")
    assert [i["caption"] for i in data["images"]] == [
        "The light at Skarvøy.",
        "The radio room, 1971.",
    ]
    assert [b["name"] for b in data["bylines"]] == ["Hedda Lund", "Ravi Menon"]
    assert data["bylines"][0]["bio"] == "Hedda Lund is a radio producer in Tromsø."
    # both pictures are missing from tmp_path: warnings on stderr, the article still shows
    assert result.returncode == 0 and result.stderr.count("warning: image") == 2
