"""Issue 17, a second outside check of the command line: each fault is tried as a user
would meet it (a too-large settings file, a FIFO named on the command line, an empty
folder, help to a full disk, odd READER_MAX_BODY_MB values, file names that are not UTF-8
or hold ESC, a negative transcript time, settings `reader config` kept quiet about,
Ctrl+C), and must end in one clear line, its documented exit status and the real file."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.importer import ImportProblem, import_source, read_source
from reader.core.state import FILE_NAME as STATE_FILE
from reader.core.times import parse_time
from reader.paths import config_dir, sample_library, state_dir
from reader.themes import ThemeError, load_theme_file
from tests.hostile.conftest import unsafe_in

SAMPLE = sample_library() / "the-compositor.md"
PYTHON = shlex.quote(sys.executable)
PIECE = (
    '+++\ntitle = "Odd names"\n+++\n\nQ: What about the lighthouse?\n\nA: The lighthouse stayed.\n'
)


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def shell(command: str, **env: str) -> subprocess.CompletedProcess:
    """`reader …` through sh, so output can go to /dev/full or a stream can be closed."""
    return subprocess.run(
        ["sh", "-c", command.replace("reader ", f"{PYTHON} -m reader ", 1)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


# -- 1. a too-large config.toml names its own limit, not the body's ------------------------


def test_a_too_large_settings_file_names_its_own_limit(capsys):
    path = config_dir() / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# padding\n" * 150_000, encoding="utf-8")  # 1.5 MB
    code, out, _ = cli(capsys, "config")
    assert code == 1
    (line,) = [line for line in out.splitlines() if "error" in line]
    assert str(path) in line and "over the 1 MB limit for config.toml" in line
    assert "READER_MAX_BODY_MB" not in out


def test_a_too_large_theme_file_names_its_own_limit(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text("# padding\n" * 150_000, encoding="utf-8")
    with pytest.raises(ThemeError) as raised:
        load_theme_file(path, {})
    message = str(raised.value)
    assert "over the 1 MB limit for a theme file" in message
    assert "READER_MAX_BODY_MB" not in message


# -- 2. a FIFO is said to be one, never "no such file" --------------------------------------


@pytest.mark.parametrize("args", [["show"], ["list"], ["search", "x"], []], ids=" ".join)
def test_a_fifo_on_the_command_line_is_named_for_what_it_is(tmp_path, args):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "reader", *args, str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert f"{fifo}: is a FIFO, not a regular file or folder" in line
    assert "no such file" not in line


def test_check_names_a_fifo_too(capsys, tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, out, _ = cli(capsys, "check", fifo)
    assert code == 1 and "is a FIFO, not a regular file or folder" in out


def test_a_missing_path_is_a_usage_error_as_documented(capsys, tmp_path):
    for command in ("show", "list"):
        code, _, err = cli(capsys, command, tmp_path / "nowhere.md")
        assert code == 2 and err.strip().endswith("nowhere.md: no such file or folder")


# -- 3. an empty folder is no library -------------------------------------------------------


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_listing_a_folder_without_bundles_says_so_and_exits_1(capsys, tmp_path, json_flag):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = cli(capsys, "list", *json_flag, empty)
    assert code == 1
    assert f"{empty}: no bundles here" in err
    if json_flag:
        assert json.loads(out) == []


# -- 4. help and version to a full disk or a closed stdout ---------------------------------


@pytest.mark.parametrize("args", ["show --help", "--help", "--version", "list --help"])
@pytest.mark.parametrize("to", [">/dev/full", ">&-"], ids=["full", "closed"])
def test_help_that_cannot_be_written_is_exit_74_and_one_line(args, to):
    done = shell(f"reader {args} {to}")
    assert done.returncode == 74, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("reader: cannot write the output: ")


# -- 5. READER_MAX_BODY_MB in a sane range, one line naming it and the value ---------------


@pytest.mark.parametrize("value", ["1e-300", "0.00001", "-0", "1001", "20MB", "nan"])
def test_a_size_limit_out_of_range_is_refused_naming_the_value(value):
    done = shell(f"reader check {SAMPLE}", READER_MAX_BODY_MB=value)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert f"READER_MAX_BODY_MB={value!r} is not a usable size" in line
    assert "from 0.0001 to 1,000" in line


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_size_limit_says_it_is_empty(value):
    done = shell(f"reader check {SAMPLE}", READER_MAX_BODY_MB=value)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line == (
        "reader: READER_MAX_BODY_MB is set but empty: give megabytes from 0.0001 to 1,000,"
        " such as 50, or unset it"
    )


# -- 6. odd file names: JSON and printed commands name the real file -----------------------

ODD_NAMES = [b"raw\x9bname.md", b"esc\x1b[31mred.md", b"quote'and\\back\tslash.md"]


@pytest.fixture
def odd_library(tmp_path) -> Path:
    library = tmp_path / "odd"
    library.mkdir()
    for name in ODD_NAMES:
        with open(os.fsencode(library) + b"/" + name, "wb") as handle:
            handle.write(PIECE.encode())
    return library


def test_list_json_paths_read_back_to_the_real_files(odd_library):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json", str(odd_library)],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert not unsafe_in(done.stdout.decode("utf-8"))  # nothing raw reaches the terminal
    assert b"\\udc9b" in done.stdout  # the documented escape of the undecodable byte
    rows = json.loads(done.stdout)
    found = {os.fsencode(row["path"]) for row in rows}
    assert found == {os.fsencode(odd_library) + b"/" + name for name in ODD_NAMES}
    assert all(os.path.exists(path) for path in found)


def test_search_prints_commands_that_open_the_real_files(odd_library):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "search", "lighthouse", str(odd_library)],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert not unsafe_in(text)
    commands = [line.strip() for line in text.splitlines() if line.strip().startswith("reader ")]
    assert commands
    opened = set()
    for command in commands:  # pasted into bash: the words the program would get
        words = subprocess.run(
            ["bash", "-c", f"set -- {command}; printf '%s\\0' \"$@\""],
            capture_output=True,
            check=True,
        ).stdout.split(b"\0")[:-1]
        assert words[0] == b"reader" and words[2:] in ([], [b"--turn", b"1"], [b"--turn", b"2"])
        assert os.path.isfile(words[1])
        opened.add(words[1])
    assert opened == {os.fsencode(odd_library) + b"/" + name for name in ODD_NAMES}


# -- 7. a negative or malformed transcript time is a diagnostic, not text -------------------


def test_a_negative_time_in_a_bundle_is_a_warning_at_its_line(tmp_path):
    path = tmp_path / "negative.md"
    path.write_text(
        '+++\ntitle = "Times"\n[speakers.ME]\nrole = "interviewer"\n[speakers.ANNA]\n+++\n\n'
        "[00:00:05] ME: Where were you?\n\n[-1:00] ANNA: Before the start.\n",
        encoding="utf-8",
    )
    loaded = load_bundle(path)
    assert loaded.article is not None
    (problem,) = loaded.diagnostics
    assert (problem.line, problem.col) == (10, 2) and "'-1:00' is a negative time" in str(problem)
    texts = [p.text for b in loaded.article.blocks for p in getattr(b, "paragraphs", ())]
    assert "Before the start." in texts and not any("-1:00" in t for t in texts)


def test_a_negative_time_in_a_timestamped_transcript_stops_the_import(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(
        "[00:00:01] Anna: hi there\n[-1:00] Ben: back again\n"
        "[00:00:09] Anna: ok\n[00:00:12] Ben: fine\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem) as raised:
        import_source(read_source(str(path)))
    message = str(raised.value)
    assert "line 2, column 2" in message and "'-1:00' is a negative time" in message


@pytest.mark.parametrize("written", ["-1:00", "-00:01:00", "\u22121:00"])
def test_parse_time_calls_a_negative_time_negative(written):
    with pytest.raises(ValueError, match="is a negative time"):
        parse_time(written)


# -- 8. reader config lists every problem the app meets at start ----------------------------


def write_config(text: str) -> Path:
    path = config_dir() / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_reader_config_says_the_library_is_not_a_folder(capsys):
    path = write_config('library = "/dev/zero"\n')
    code, out, _ = cli(capsys, "config")
    assert code == 0  # a warning: the app opens the samples
    assert f"{path}:1:1: warning: the library /dev/zero is a character device, not a folder" in out
    (row,) = [line for line in out.splitlines() if line.strip().startswith("library ")]
    assert "the samples, as the library in config.toml, /dev/zero, is not a folder" in row


def test_reader_config_says_the_library_does_not_exist(capsys, tmp_path):
    write_config(f'library = "{tmp_path / "gone"}"\n')
    _, out, _ = cli(capsys, "config")
    assert f"warning: the library {tmp_path / 'gone'} does not exist" in out


@pytest.mark.parametrize("theme", ["\\u001b[31m", "paper\\n", "pa\\tper"])
def test_a_theme_with_control_characters_is_an_error(capsys, theme):
    path = write_config(f'theme = "{theme}"\n')
    code, out, _ = cli(capsys, "config")
    assert code == 1
    assert f"{path}:1:1: error: 'theme' holds control characters or line breaks" in out
    assert "\x1b" not in out


def test_reader_config_reports_broken_theme_files_and_a_damaged_state_file(capsys):
    themes = config_dir() / "themes"
    themes.mkdir(parents=True)
    (themes / "bad.toml").write_text("name = 3\n", encoding="utf-8")
    state = state_dir()
    state.mkdir(parents=True, exist_ok=True)
    (state / STATE_FILE).write_text('{"schema": 1, "articles": ', encoding="utf-8")
    code, out, _ = cli(capsys, "config")
    assert code == 1  # a theme file with an error
    assert "other problems the app reports at start:" in out
    assert f"{themes / 'bad.toml'}:1:1: error: 'name' must be a non-empty string" in out
    assert f"{state / STATE_FILE}: warning: unusable" in out


# -- 9. Ctrl+C on the command line is exit 130, without a traceback -------------------------


def waiting_for_input(pid: int, seconds: float = 30.0) -> None:
    """Return once the process is blocked reading a pipe (its kernel wait channel says so),
    so a signal finds it waiting for input, not still starting Python; without /proc, after
    a few seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if "pipe" in Path(f"/proc/{pid}/wchan").read_text():
                return
        except OSError:
            time.sleep(3)
            return
        time.sleep(0.01)


def test_ctrl_c_while_import_reads_stdin_is_130(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "import", "-", "-o", str(tmp_path)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    waiting_for_input(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err and b"internal error" not in err


def children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a scan uses processes on 2 cores or more")
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_during_a_cold_scan_is_130_without_the_workers_tracebacks(tmp_path):
    """Ctrl+C goes to the whole process group: the scan's worker processes, still
    starting, must leave it to the command (they used to print a traceback each)."""
    library = tmp_path / "library"
    library.mkdir()
    for i in range(400):
        (library / f"piece-{i:03}.md").write_text(PIECE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "list", str(library)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err  # 0: the scan was done before the signal came
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()[-2000:]
