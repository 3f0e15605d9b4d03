"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.widgets.title_bar import TitleBar


async def settle(pilot: Pilot) -> None:
    """Wait until the library scan and any article load (they chain) have finished. The
    scan starts only after the first frame: on a busy machine no worker may be running yet
    when this first looks, so it also waits (a little) for the scan's first rows."""
    app = pilot.app
    for _ in range(10):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            if _scanned(app):
                break
            await pilot.pause(0.05)
    await pilot.pause()


def _scanned(app) -> bool:
    """Whether the app's library has had its scan's rows (an app without one: True)."""
    pane = getattr(getattr(app, "reading", None), "library", None)
    return getattr(pane, "counted", True)


def visible_text(app: ReaderApp) -> str:
    """Everything on screen as plain text, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notifications(app: ReaderApp) -> list[str]:
    """Every notification the app has posted, expired or not (see tests/conftest.py)."""
    sent = app._notifications.__dict__.get("sent", [])
    return [f"{n.title}: {n.message}" for n in sent]


def progress_shown(app: ReaderApp) -> str:
    """The title bar's progress ("0:05 · 42% · 12 min left · read")."""
    return str(app.reading.query_one(TitleBar).query_one("#progress").render())
