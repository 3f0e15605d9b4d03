"""Where config, state and cache live, and where the packaged samples and themes are.

`READER_HOME=DIR` puts config, state, cache and saved exports under DIR (tests and CI never
touch the real home folder); otherwise the platform's folders from platformdirs.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "interview-reader"
_PACKAGE = Path(__file__).resolve().parent


def _home() -> Path | None:
    home = os.environ.get("READER_HOME")
    return Path(home).expanduser() if home else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def state_dir() -> Path:
    home = _home()
    return home / "state" if home else Path(platformdirs.user_state_dir(APP))


def cache_dir() -> Path:
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP))


def downloads_dir() -> Path:
    """Where the app saves a file it offers the reader (an export) when it runs in a terminal;
    in a browser tab the file is a download instead (ReaderApp.deliver)."""
    home = _home()
    return home / "downloads" if home else Path(platformdirs.user_downloads_dir())


def library_cache_path() -> Path:
    """The library cache (a SQLite file that may be deleted at any time)."""
    return cache_dir() / "library.sqlite3"


def data_path(name: str) -> Path:
    """A packaged data folder (`articles`, `themes`): inside the wheel, or the source tree."""
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def sample_library() -> Path:
    return data_path("articles")


def themes_dir() -> Path:
    return data_path("themes")


def theme_folders() -> list[Path]:
    """Where themes are found, later folders overriding earlier ones by name: the packaged
    themes, then the user's (`themes/` in the config folder)."""
    return [themes_dir(), config_dir() / "themes"]
