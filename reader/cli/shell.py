"""Command lines the reader prints for a person to paste (`reader search`'s "reader BUNDLE
--turn N"): quoted so that the shell gives the program back the very same words.

A plain word is quoted as `shlex.quote` does ('it''s' style, which every POSIX shell reads).
A word that holds what must never reach the terminal raw (ESC, C1 bytes, bidi controls, a
newline) or bytes that are not UTF-8 (a file name's 0x9B, which Python holds as the lone
surrogate U+DC9B) is written in ANSI-C quotes instead, `$'raw\\x9bname.md'`: every such
character as the `\\xHH` escapes of its bytes, which bash, zsh and ksh turn back into the
same bytes. So the line is safe to print and pasting it opens the real file.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterable

from reader.core.sanitize import clean


def shell_join(words: Iterable[str]) -> str:
    """The words as one command line, each quoted by `shell_word`."""
    return " ".join(shell_word(word) for word in words)


def shell_word(word: str) -> str:
    """`word` quoted for a POSIX shell, in ANSI-C quotes when it cannot be printed as is."""
    if not any(_escaped(ch) for ch in word):
        return shlex.quote(word)
    out: list[str] = []
    for ch in word:
        if _escaped(ch):
            out.extend(f"\\x{byte:02x}" for byte in _bytes(ch))
        elif ch in "\\'":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "$'" + "".join(out) + "'"


def _escaped(ch: str) -> bool:
    """Whether `ch` is written as bytes: a control character (tab and newline too, which
    would split or garble a pasted line) or an undecodable byte (a lone surrogate)."""
    return ch in "\t\n" or "\ud800" <= ch <= "\udfff" or clean(ch) != ch


def _bytes(ch: str) -> bytes:
    """The bytes a character of a path stands for (a surrogate that no file name holds, as
    the UTF-8 of its code point, so that nothing raises)."""
    try:
        return os.fsencode(ch)
    except UnicodeEncodeError:
        return ch.encode("utf-8", "surrogatepass")
