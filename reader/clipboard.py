"""Copying text to the system clipboard from a terminal app.

The app copies through the terminal first (OSC 52, Textual's `copy_to_clipboard`: it
reaches the clipboard of the machine the terminal runs on, through ssh, and through tmux
with `set-clipboard on`). Where a local clipboard tool exists (wl-copy under Wayland,
xclip or xsel under X, pbcopy on macOS), the text goes there too, so copying works in
terminals that ignore OSC 52. `local_copy` runs the tool; call it off the UI thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TOOL_TIMEOUT = 2.0  # seconds; a clipboard tool that hangs must not keep the text


def _tools() -> list[list[str]]:
    tools = []
    if os.environ.get("WAYLAND_DISPLAY"):
        tools.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        tools += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if sys.platform == "darwin":
        tools.append(["pbcopy"])
    return [tool for tool in tools if shutil.which(tool[0])]


def local_copy(text: str) -> str | None:
    """Put `text` on the local clipboard with the first tool that works; its name, or None."""
    for tool in _tools():
        try:
            done = subprocess.run(
                tool,
                input=text.encode("utf-8", "replace"),
                timeout=TOOL_TIMEOUT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return tool[0]
    return None
