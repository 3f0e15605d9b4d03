"""`reader import https://…`: fetch one web page, within limits, or say in one line why not.

The standard library's HTTP client is enough for one GET: what matters is the limits — a
timeout on connecting and on every read, at most five redirects (each one http or https), the
body size limit of every other source (READER_MAX_BODY_MB, 20 MB) counted while reading so a
server cannot stream us out of memory, and only HTML or text accepted.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING

from reader import __version__
from reader.core import source as core_source
from reader.core.importer.source import ImportProblem, SourceKind

if TYPE_CHECKING:
    from http.client import HTTPResponse

TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
TYPES: dict[str, SourceKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
}


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found, after redirects
    data: bytes
    kind: SourceKind
    charset: str  # from the Content-Type header, or ""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise ImportProblem(f"redirected to an address that is not http(s): {newurl}", 2)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float | None = None, limit: int | None = None) -> Page:
    """GET `url`; raises ImportProblem (status 2) for anything but an HTML or text page."""
    timeout = TIMEOUT if timeout is None else timeout
    limit = core_source.max_body_bytes() if limit is None else limit
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"interview-reader/{__version__} (reader import)",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            kind, charset = _kind(response.headers)
            data = _read(response, limit)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise ImportProblem(f"more than {MAX_REDIRECTS} redirects", 2) from None
        raise ImportProblem(f"the server answered {exc.code} {exc.reason}", 2) from None
    except urllib.error.URLError as exc:
        raise ImportProblem(f"cannot fetch the page: {_reason(exc.reason, timeout)}", 2) from None
    except (OSError, ValueError) as exc:  # a timeout, a reset, a malformed address or header
        raise ImportProblem(f"cannot fetch the page: {_reason(exc, timeout)}", 2) from None
    return Page(final, data, kind, charset)


def _kind(headers: Message) -> tuple[SourceKind, str]:
    content_type = headers.get_content_type()
    kind = TYPES.get(content_type)
    if kind is None:
        raise ImportProblem(
            f"the page is {content_type}, not HTML or text; save it and import the file", 2
        )
    return kind, headers.get_content_charset() or ""


def _read(response: HTTPResponse, limit: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> ImportProblem:
    return ImportProblem(
        f"the page is over the {limit / 1_000_000:g} MB limit (set READER_MAX_BODY_MB to raise it)",
        2,
    )


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"no answer within {timeout:g} seconds"
    return getattr(reason, "strerror", None) or str(reason)
