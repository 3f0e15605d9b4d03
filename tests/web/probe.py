"""A tab's reader with two keys no command has yet, for the web tests: F9 copies a line to
the clipboard through Textual's `copy_to_clipboard`, F10 offers a file through
`ReaderApp.deliver`.

`python probe.py LIBRARY` is one tab's app (the server runs it); `python probe.py --serve
LIBRARY` is a server on a free loopback port whose tabs run it, printing what `reader
serve` prints.
"""

from __future__ import annotations

import asyncio
import shlex
import sys
from pathlib import Path

from textual.binding import Binding

import reader.app
from reader import serve
from reader.app import ReaderApp
from reader.cli.serve_cmd import announcement
from reader.web_driver import ServedDriver

COPIED = "Ines Brandt — “a line worth keeping”"
DELIVERED_NAME = "Ines Brandt — notes.md"
DELIVERED_FILE = "Ines-Brandt-notes.md"  # the name made safe
DELIVERED = "# Notes on The Interval\n\nMorita refilled the kettle every forty minutes.\n"


class ProbeApp(ReaderApp):
    CSS_PATH = Path(reader.app.__file__).with_name("reader.tcss")
    BINDINGS = [Binding("f9", "probe_copy"), Binding("f10", "probe_deliver")]

    def action_probe_copy(self) -> None:
        self.copy_to_clipboard(COPIED)

    def action_probe_deliver(self) -> None:
        self.deliver(DELIVERED_NAME, DELIVERED)


def probe_command(library: Path) -> str:
    """The command line of a tab that runs the probe on `library`."""
    return shlex.join([sys.executable, str(Path(__file__).resolve()), str(library)])


def serve_probe(library: Path) -> None:
    server = serve.ReaderServer(
        probe_command(library), title="probe", host="127.0.0.1", port=0, remote=False
    )

    def announce(bound: list) -> None:
        print(*announcement(str(library), "127.0.0.1", bound, False)[0], sep="\n", flush=True)

    asyncio.run(serve.run(server, announce))


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve_probe(Path(sys.argv[2]))
    else:
        app = ProbeApp(Path(sys.argv[1]))
        app.driver_class = ServedDriver
        app.run()
