"""Handing something from the app to the world outside it: a file, a web page.

Both work differently in a terminal and in a browser tab (`reader serve`, where Textual's
web driver runs the app and `App.is_web` is true):

- `deliver(app, name, text)`: in a browser the text downloads as `name` (Textual's
  `deliver_text`; the page fetches it from the server); in a terminal it is saved to the
  downloads folder (`reader.paths.downloads_dir`), never over an existing file.
- `open_link(app, url)`: in a browser a new tab opens beside the reader (`App.open_url`,
  which the page turns into `window.open`); in a terminal the desktop's browser opens, and a
  browser that runs in the terminal itself (lynx, w3m) gets the screen while the app is
  suspended. Only http and https addresses open: a bundle's links are untrusted.

Copying needs nothing of its own: `App.copy_to_clipboard` writes OSC 52, which a terminal
or the page's terminal (its clipboard addon) puts on the clipboard.
"""

from __future__ import annotations

import io
import webbrowser
from pathlib import Path

from textual.app import App, SuspendNotSupported

from reader.core.atomic import new_file
from reader.core.sanitize import clean_line, file_name, web_address
from reader.paths import downloads_dir

DELIVERY = "reader-delivery"  # the `name` of our deliveries in Textual's Delivery* events


def deliver(app: App, name: str, text: str) -> Path | None:
    """Offer `text` as a file called `name` (made safe with `file_name`) and say so in a
    notification. Returns the file written in a terminal; None in a browser (the download
    runs as the page asks for it) or when the file could not be written."""
    safe = file_name(name)
    if app.is_web:
        app.deliver_text(io.StringIO(text), save_filename=safe, name=DELIVERY)
        app.notify(f"Downloading {safe}", title="Download", markup=False)
        return None
    try:
        path = new_file(downloads_dir(), safe, text)
    except OSError as error:
        problem = clean_line(f"{error.filename or safe}: {error.strerror or error}")
        app.notify(problem, title="Could not save", severity="error", markup=False)
        return None
    app.notify(clean_line(str(path)), title="Saved", markup=False, timeout=8)
    return path


def open_link(app: App, url: str) -> bool:
    """Open a web address in a browser; False (and a notification) when it cannot."""
    address = web_address(url)
    if address is None:
        shown = clean_line(url)[:80]
        app.notify(f"Not a web address: {shown}", title="Link", severity="warning", markup=False)
        return False
    if app.is_web:
        app.open_url(address, new_tab=True)
        return True
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        browser = None
    opened = False
    if type(browser) is webbrowser.GenericBrowser:  # lynx, w3m, $BROWSER: this terminal
        try:
            with app.suspend():
                opened = browser.open(address)
        except SuspendNotSupported:
            pass
    elif browser is not None:
        opened = browser.open(address)
    if not opened:
        app.notify(f"No browser to open {address}", title="Link", markup=False, timeout=10)
    return opened
