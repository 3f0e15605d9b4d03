"""`reader import http://…` against a local HTTP server on 127.0.0.1 that the test starts:
pages and text come in with their address kept, and everything else — a timeout, a body over
the size limit, too many redirects, a picture, a 404 — is one clear line and nothing written."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.importer import fetch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
PAGE = (FIXTURES / "panel-initials.html").read_bytes()
TEXT = (FIXTURES / "harbour-qa.txt").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path
        if path == "/interview.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/transcript":
            self._send(200, TEXT, "text/plain; charset=utf-8")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/interview.html" if left == 0 else f"/hop/{left - 1}"
            self._send(302, b"", "text/html", Location=target)
        elif path == "/photo.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, PAGE, "text/html")
        elif path == "/stream":  # no Content-Length: the limit is counted while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"x" * 100_000 + b"</p>")
        else:
            self._send(404, b"not here", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout and size tests) is expected here


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch) -> None:
    """A proxy from the environment would be asked for 127.0.0.1 too."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(["import", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_web_page_is_imported_with_its_address(server, tmp_path, capsys):
    url = f"{server}/interview.html"
    status, out, err = run(capsys, url, "-o", tmp_path)
    assert status == 0, err
    (bundle,) = tmp_path.iterdir()
    article = load_bundle(bundle).article
    assert article.url == url
    asked = sum(turn.is_question for turn in article.turns())  # the outline may list fewer
    assert asked == 5 and len(article.answers) == 9
    assert "JR: Jess Rowan, interviewer" in out


def test_text_and_redirects_up_to_five(server, tmp_path, capsys):
    status, _, err = run(capsys, f"{server}/transcript", "-o", tmp_path / "a")
    assert status == 0, err
    assert (tmp_path / "a" / "the-tide-table-keeper").is_dir()
    status, _, err = run(capsys, f"{server}/hop/4", "-o", tmp_path / "b")  # five redirects
    assert status == 0, err
    (bundle,) = (tmp_path / "b").iterdir()
    assert load_bundle(bundle).article.url == f"{server}/interview.html"  # where it landed


def _refused(capsys, tmp_path, url: str, problem: str) -> None:
    out = tmp_path / "out"
    status, _, err = run(capsys, url, "-o", out)
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(f"reader import: {url}: "), err
    assert problem in err and "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []


def test_what_is_refused(server, tmp_path, capsys, monkeypatch):
    _refused(capsys, tmp_path, f"{server}/hop/5", "more than 5 redirects")
    _refused(capsys, tmp_path, f"{server}/photo.png", "the page is image/png, not HTML or text")
    _refused(capsys, tmp_path, f"{server}/missing", "the server answered 404")
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    _refused(capsys, tmp_path, f"{server}/slow", "no answer within 0.5 seconds")
    monkeypatch.setenv("READER_MAX_BODY_MB", "1")
    _refused(capsys, tmp_path, f"{server}/stream", "over the 1 MB limit")


def test_nobody_listening(tmp_path, capsys):
    _refused(capsys, tmp_path, "http://127.0.0.1:9/interview.html", "cannot fetch the page")
