"""Fixtures for the app tests: the sample library, a hostile one, and a started app."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import model as m
from reader.core.bundle import load_bundle
from reader.paths import sample_library
from tests.fixtures.longform import interview_markdown
from tests.helpers import make_dir_bundle, make_single

MARKUP = "[bold]Not bold[/] [@click=app.quit]x[/] [love of]"

HOSTILE_TOML = f'''\
title = "{MARKUP}"
dek = "[i]dek[/i]"
publication = "[link=https://evil.example]Pub[/link]"
published = 2030-01-01
url = "https://example.com/[b]"

[[byline]]
name = "[red]Writer[/red]"
bio = "[blink]bio[/blink]"

[speakers.ME]
name = "[b]Asker[/b]"
role = "interviewer"
[speakers.OV]
name = "Answerer [/]"
role = "subject"

[[images]]
file = "missing.png"
caption = "[u]caption[/u]"
credit = "[/credit]"
'''

HOSTILE_BODY = """\
ME: What is [bold] for?

OV: It is [love of] text. (laughs) [@click=app.quit]quit[/]

ME: And the second question?

OV: Still literal: [/] and [b]x[/b].
"""


@pytest.fixture
def samples() -> Path:
    return sample_library()


@pytest.fixture
def hostile_library(tmp_path) -> Path:
    root = tmp_path / "library"
    make_dir_bundle(root, HOSTILE_BODY, HOSTILE_TOML, slug="markup")
    broken = root / "broken"
    broken.mkdir(parents=True)
    (broken / "article.toml").write_text('title = "unterminated\n', encoding="utf-8")
    (broken / "article.md").write_text("Q: hi\n", encoding="utf-8")
    make_single(root, "ME: One?\n\nOV: Two.\n", slug="plain")
    return root


@pytest.fixture(scope="module")
def long_article(tmp_path_factory) -> m.Article:
    """A generated interview of 40,000 words: the pane's tests use a longer one than the
    root conftest's."""
    path = tmp_path_factory.mktemp("long") / "long.md"
    path.write_text(interview_markdown(40_000), encoding="utf-8")
    return load_bundle(path).article
