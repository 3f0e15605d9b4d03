"""The one place untrusted text is cleaned before it can reach a terminal.

Rich and Textual pass ESC and 8-bit C1 bytes straight through, so an interview (or a file
name, or an error message quoting one) could otherwise set the window title, write the
clipboard (OSC 52) or reset the terminal. Bidirectional overrides are removed too, so a
name cannot reorder the text around it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urlsplit

# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACES = re.compile(r"\s+")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal could act on, and lone
# surrogates: the bytes of a file name that is not UTF-8 (Python's surrogateescape), which
# no encoder can write raw.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)
_NOT_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9._-]+")
FILE_NAME_LIMIT = 120
WEB_SCHEMES = ("http", "https")


def clean(text: str) -> str:
    """Remove control characters (keeping tab and newline) and bidi controls."""
    return _UNSAFE.sub("", text)


def clean_dek(text: str) -> str:
    """Like `clean`, for the dek (its lines are kept): a tab becomes a space. A terminal
    moves to its next tab stop over the cells drawn after it (a dek with a tab left a stray
    letter and cut the sidebar's border)."""
    return clean(text).replace("\t", " ").strip()


def clean_line(text: str) -> str:
    """Like `clean`, for one-line fields (names, titles, captions): newlines and tabs become
    spaces and runs of white space collapse."""
    return _SPACES.sub(" ", _UNSAFE.sub("", text)).strip()


def json_text(value, **options) -> str:
    """JSON that keeps non-ASCII text readable but escapes (as \\uXXXX, so nothing is lost)
    every character a terminal could act on: json.dumps already escapes C0, not C1 or bidi.
    A path's undecodable byte 0x9B is written `\\udc9b`, which reads back (json.loads, then
    os.fsencode) to the very same bytes."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def file_name(text: str, default: str = "reader-export.txt") -> str:
    """A file name safe on every file system and in a download's Content-Disposition header
    (which textual-serve writes unquoted): ASCII letters, digits, `.`, `-` and `_`, accents
    dropped ("Café" → "Cafe"), other runs → one `-`, no leading dot, at most
    FILE_NAME_LIMIT characters, the extension kept; `default`'s stem when none is left."""

    def ascii_part(part: str) -> str:
        plain = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
        return _NOT_IN_FILE_NAMES.sub("-", plain).strip("-._")

    stem, dot, extension = text.rpartition(".")
    extension = ascii_part(extension) if dot and stem.strip() and len(extension) <= 10 else ""
    if not extension:
        stem = text
    stem = ascii_part(stem)[: FILE_NAME_LIMIT - len(extension) - 1].rstrip("-._")
    if not stem:
        default_stem, _, default_extension = default.rpartition(".")
        stem, extension = default_stem, extension or default_extension
    return f"{stem}.{extension}" if extension else stem


def web_address(text: str) -> str | None:
    """`text` as an address to open in a browser, or None: only http and https with a host.
    A bundle's links are untrusted; `javascript:`, `file:` or `data:` must never open."""
    address = clean_line(text)
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname or " " in address:
        return None
    return address
