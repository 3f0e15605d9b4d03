"""The driver of a browser tab's app (`reader serve`): Textual's web driver, but the app
quits when the server goes away.

textual-serve talks to each tab's app through its stdin and stdout. If the server dies
without saying goodbye (killed, crashed), stdin reaches its end and Textual's input thread
simply stops, leaving an idle app alive forever; here the app is told to quit instead, and
saves the reader's place as it does.
"""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # not stopped by the app: the server is gone
            self._app.post_message(messages.ExitApp())
