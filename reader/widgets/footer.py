"""The key footer: Textual's, rebuilt only when its keys change.

Textual's Footer rebuilds all its keys (about 25 widgets, each styled and laid out) whenever
the screen says its bindings may have changed: every change of focus, every article opened,
every search keystroke. That was six rebuilds before the first screen and one a keystroke,
each a frame of its own after the one the key drew. This one compares what it would show:
nothing changed, nothing is done; only a key's availability changed (an article opened, a
search began), those keys are dimmed or lit where they are.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, str], ...]  # (key shown, action, description, tooltip)


class KeyFooter(Footer):
    def __init__(self, *, compact: bool = False) -> None:
        """`compact`: the tighter footer of a narrow terminal, without the palette key."""
        super().__init__(compact=compact, show_command_palette=not compact)
        self._keys: tuple[Shown, bool, bool] | None = None  # the keys when last composed
        self._enabled: dict[str, bool] = {}  # action -> enabled, as shown
        self._rebuild_due = False

    def set_compact(self, compact: bool) -> None:
        """The tighter footer (a narrow terminal's) has no palette key, as `__init__` has it."""
        self.compact, self.show_command_palette = compact, not compact

    def _showing(self, screen: Screen) -> tuple[tuple[Shown, bool, bool], dict[str, bool]]:
        display = self.app.get_key_display
        keys: list[tuple[str, str, str, str]] = []
        enabled: dict[str, bool] = {}
        for _, binding, on, tooltip in screen.active_bindings.values():
            if binding.show:
                keys.append((display(binding), binding.action, binding.description, tooltip))
                enabled.setdefault(binding.action, on)
        return (tuple(keys), self.compact, self.show_command_palette), enabled

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's, but a rebuild only for other keys (once, however many changes come
        before it runs), and a change of availability drawn in the same frame."""
        self._bindings_ready = True  # as Footer.bindings_changed: compose shows keys now
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            return
        keys, enabled = self._showing(screen)
        if keys != self._keys:
            if not self._rebuild_due:
                self._rebuild_due = True
                self.call_after_refresh(self._rebuild)
        elif enabled != self._enabled:
            self._enabled = enabled
            for key in self.query(FooterKey):
                off = not enabled.get(key.action, True)
                key._disabled = off  # as FooterKey's constructor sets it
                key.set_class(off, "-disabled")

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if self.is_attached:
            self._keys, self._enabled = self._showing(self.screen)
            await self.recompose()
