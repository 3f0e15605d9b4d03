"""`reader serve` before it listens: which hosts it accepts, what it prints, which requests
its guards let through, and how a tab's app starts (in a browser: no terminal needed)."""

from __future__ import annotations

import importlib
import io
import shlex
import sys
from pathlib import Path

import pytest
from textual.drivers.web_driver import WebDriver
from textual_serve.app_service import AppService

from reader import graphics, serve
from reader.app import ReaderApp
from reader.cli import main
from reader.cli.open_cmd import WEB_DRIVER
from reader.cli.serve_cmd import announcement, app_command
from reader.paths import sample_library
from reader.web_driver import ServedDriver


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.0.2.7"])
def test_a_host_others_can_reach_needs_allow_remote(host, capsys):
    assert main(["serve", str(sample_library()), "--host", host]) == 2
    error = capsys.readouterr().err
    assert "can be reached from other machines" in error and "--allow-remote" in error


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("", False)],
)
def test_which_hosts_are_loopback(host, loopback):
    """No host means every address (as when binding), never loopback."""
    assert all(serve.is_loopback(a) for a in serve.resolve(host, 8000)) is loopback


def test_bad_arguments_are_one_line_each(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "nowhere")]) == 2
    assert main(["serve", str(tmp_path), "--port", "70000"]) == 2
    assert main(["serve", str(tmp_path), "--host", "no-such-host.invalid"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in errors] == ["reader serve"] * 3
    assert "no such file or folder" in errors[0]
    assert "0 to 65535" in errors[1]
    assert "cannot find that address" in errors[2]


def test_a_taken_port_is_named(tmp_path, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(tmp_path), "--port", str(port)]) == 2
    assert f"port {port} is in use on 127.0.0.1" in capsys.readouterr().err


def test_the_addresses_printed_are_those_bound():
    lines, warning = announcement("/lib", "127.0.0.1", [("127.0.0.1", 8123)], remote=False)
    assert lines[1] == "  http://127.0.0.1:8123/" and not warning
    lines, _ = announcement("/lib", "::1", [("::1", 8123, 0, 0)], remote=False)
    assert lines[1] == "  http://[::1]:8123/"
    lines, warning = announcement("/lib", "0.0.0.0", [("0.0.0.0", 80)], remote=True)
    assert lines[1].startswith("  http://127.0.0.1:80/ here, and this machine's addresses")
    assert "no login" in warning and "/lib" in warning


def server(remote: bool = False, host: str = "127.0.0.1") -> serve.ReaderServer:
    return serve.ReaderServer("true", title="t", host=host, port=8000, remote=remote)


@pytest.mark.parametrize(
    ("host_header", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("[::1]:8000", True),
        ("127.0.0.2", True),
        ("reader.localhost:8000", True),  # browsers resolve *.localhost to loopback
        ("LOCALHOST:9000", True),  # a tunnel's other port
        ("evil.example:8000", False),  # DNS rebinding: a name that resolved to 127.0.0.1
        ("192.0.2.7:8000", False),
        ("localhost.evil.example", False),
        ("[::1", False),
        ("", False),
    ],
)
def test_on_loopback_only_loopback_names_are_answered(host_header, allowed):
    assert server().host_allowed(host_header) is allowed
    assert server(remote=True, host="0.0.0.0").host_allowed(host_header)


def test_the_host_given_is_answered_too():
    assert server(host="vm").host_allowed("vm:8000")  # a name for 127.0.1.1, as on Debian


def test_each_tab_runs_this_python_and_this_reader(tmp_path):
    folder = tmp_path / "a library; rm -rf ~"
    argv = shlex.split(app_command(folder))
    assert argv[:2] == [sys.executable, "-c"]
    code = argv[2]
    assert repr(str(Path(serve.__file__).parents[1])) in code  # the folder holding `reader`
    assert repr(str(folder)) in code  # one argument, whatever it contains


def test_in_a_browser_tab_the_app_needs_no_terminal(tmp_path, monkeypatch):
    """Under the web driver stdin is a pipe: no terminal check, no graphics probe, and the
    driver that quits when the server is gone."""
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # not a terminal
    monkeypatch.setattr(graphics, "detect", lambda: pytest.fail("asked the terminal"))
    ran = []
    monkeypatch.setattr(ReaderApp, "run", lambda app: ran.append(app.driver_class))
    assert main([str(sample_library())]) == 0
    assert ran == [ServedDriver] and issubclass(ServedDriver, WebDriver)


def test_open_knows_the_driver_textual_serve_names():
    """open_cmd decides before Textual loads, from the variable textual-serve sets for each
    tab; it must name Textual's web driver."""
    service = AppService(
        "true", write_bytes=None, write_str=None, close=None, download_manager=None
    )
    assert service._build_environment()["TEXTUAL_DRIVER"] == WEB_DRIVER
    module, _, name = WEB_DRIVER.partition(":")
    assert getattr(importlib.import_module(module), name) is WebDriver
