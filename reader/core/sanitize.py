"""The one place untrusted text is cleaned before it can reach a terminal.

Rich and Textual pass ESC and 8-bit C1 bytes straight through, so an interview (or a file
name, or an error message quoting one) could otherwise set the window title, write the
clipboard (OSC 52) or reset the terminal. Bidirectional overrides are removed too, so a
name cannot reorder the text around it.
"""

from __future__ import annotations

import json
import re

# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACES = re.compile(r"\s+")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal could act on.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(text: str) -> str:
    """Remove control characters (keeping tab and newline) and bidi controls."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """Like `clean`, for one-line fields (names, titles, captions): newlines and tabs become
    spaces and runs of white space collapse."""
    return _SPACES.sub(" ", _UNSAFE.sub("", text)).strip()


def json_text(value, **options) -> str:
    """JSON that keeps non-ASCII text readable but escapes (as \\uXXXX, so nothing is lost)
    every character a terminal could act on: json.dumps already escapes C0, not C1 or bidi."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
