"""What the widgets tell the screen, as small dataclass messages (toolong's `messages.py`)."""

from __future__ import annotations

from textual.message import Message


class Latest(Message):
    """A message that replaces an unread one of its own kind: a burst of scrolling or typing
    is handled once, for its newest state, however fast the keys come."""

    def can_replace(self, message: Message) -> bool:
        return type(message) is type(self)
