"""Issue 17, item 11: faults around the commands (closed or full standard streams, settings
and options out of range) end in one clear line and the exit status of their kind (README,
"Exit status"), never in "internal error" (70)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from reader.paths import sample_library

SAMPLE = sample_library() / "the-compositor.md"
PYTHON = shlex.quote(sys.executable)


def shell(command: str, **env: str) -> subprocess.CompletedProcess:
    """`reader …` run through sh, so standard streams can be closed (`>&-`) or full."""
    full_env = {**os.environ, **env}
    return subprocess.run(
        ["sh", "-c", command.replace("reader ", f"{PYTHON} -m reader ", 1)],
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
    )


CASES = {
    "import from a closed stdin": ("reader import - 0<&-", 2, "standard input is closed"),
    "list to a closed stdout": ("reader list >&-", 74, "standard output is closed"),
    "show to a closed stdout": (f"reader show {SAMPLE} >&-", 74, "standard output is closed"),
    "search to a closed stdout": ("reader search the >&-", 74, "standard output is closed"),
    "show to a full disk": (f"reader show {SAMPLE} >/dev/full", 74, "No space left"),
    "json to a full disk": (f"reader show {SAMPLE} --format json >/dev/full", 74, "No space"),
    "list to a full disk": ("reader list >/dev/full", 74, "No space left on device"),
    "a huge limit": ("reader search --limit 99999999999999999999 the", 2, "from 1 to 1,000"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_fault_is_one_line_and_its_own_exit_status(case):
    command, status, message = CASES[case]
    done = shell(command)
    assert done.returncode == status, done.stderr
    assert message in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr  # nothing fails again at exit


@pytest.mark.parametrize("value", ["inf", "1e400", "nan", "-3", "0", "lots"])
def test_an_unusable_size_limit_is_refused_with_its_value(value):
    done = shell(f"reader check {SAMPLE}", READER_MAX_BODY_MB=value)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert f"READER_MAX_BODY_MB={value!r} is not a usable size" in line


def test_a_usable_size_limit_still_works():
    done = shell(f"reader check {SAMPLE}", READER_MAX_BODY_MB="0.5")
    assert done.returncode == 0, done.stderr
    done = shell(f"reader check {SAMPLE}", READER_MAX_BODY_MB="0.0001")
    assert done.returncode == 1 and "over the 0.0001 MB limit" in done.stdout


def test_a_pipe_that_closes_early_is_still_not_an_error():
    done = shell(f"reader show {SAMPLE} | head -1")
    assert done.returncode == 0 and done.stderr == ""
