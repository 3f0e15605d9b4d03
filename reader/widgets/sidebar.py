"""The sidebar: what the piece is, who speaks and how much, its pictures, and its outline.

Everything shown here comes from the bundle, so it is built as Content from plain strings
(never markup): a title like "[bold] ideas" shows exactly as written.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.core import model as m
from reader.core.dates import format_date
from reader.core.layout import speaker_slot
from reader.core.progress import ReadingProgress
from reader.core.sanitize import clean_line
from reader.widgets.outline import BlockList, Outline, caption_rows

BAR_WIDTH = 12
_EIGHTHS = " ▏▎▍▌▋▊▉"


def share_bar(share: float, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells filled to `share` (0..1), in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[part] if part else "")
    return bar.ljust(width)


def speaker_style(article: m.Article, key: str | None) -> str:
    """The theme variable that colours a speaker, the same slot as in the reading pane."""
    return f"$speaker-{speaker_slot(article, key)}"


def about(article: m.Article) -> Content:
    parts: list[tuple[str, str] | str] = [(clean_line(article.title), "bold")]
    if article.dek:
        parts += ["\n", (clean_line(article.dek), "italic")]
    for byline in article.bylines:
        role = f" ({clean_line(byline.role)})" if byline.role else ""
        parts += ["\n\n", ("By ", "$foreground-muted"), (clean_line(byline.name), "bold"), role]
        if byline.bio:
            parts += ["\n", (clean_line(byline.bio), "$foreground-muted")]
    where = " · ".join(clean_line(x) for x in (article.publication, article.section) if x)
    when = format_date(article.published) if article.published else ""
    for line, style in ((where, ""), (when, "$foreground-muted"), (article.url, "$link")):
        if line:
            parts += ["\n", (clean_line(line), style)]
    return Content.assemble(*parts)


def participants(article: m.Article) -> Content:
    counts = article.words_by_speaker()
    total = sum(counts.values()) or 1
    parts: list[tuple[str, str] | str] = [("Participants", "bold")]
    for key, speaker in article.speakers.items():
        share = counts.get(key, 0) / total
        parts += [
            "\n",
            (clean_line(speaker.name), f"bold {speaker_style(article, key)}"),
            (f"  {clean_line(speaker.role)}", "$foreground-muted"),
            "\n",
            (share_bar(share), speaker_style(article, key)),
            f" {round(share * 100)}%",
        ]
        if speaker.bio:
            parts += ["\n", (clean_line(speaker.bio), "$foreground-muted")]
    return Content.assemble(*parts)


class Sidebar(Vertical):
    """About the piece (scrolls), then the outline (fills the rest), then time left."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about"):  # focusable: Tab reaches it and the arrows scroll it
            yield Static(id="about-text")
            yield Static(id="participants")
            yield Static(Content.styled("Pictures", "bold"), id="pictures-heading")
            yield BlockList(id="captions")
        yield Outline(id="outline")
        yield Static(id="time-left")

    def on_mount(self) -> None:
        self.query_one("#outline").border_title = "Outline"
        self.clear()

    def clear(self) -> None:
        self.query_one("#about-text", Static).update(
            Content.styled("No article open", "$foreground-muted")
        )
        for selector in ("#participants", "#pictures-heading", "#captions", "#outline"):
            self.query_one(selector).display = False
        self.query_one("#time-left", Static).update("")

    def show(self, article: m.Article) -> None:
        self.query_one("#about-text", Static).update(about(article))
        self.query_one("#participants", Static).update(participants(article))
        self.query_one("#participants").display = bool(article.speakers)
        captions = self.query_one("#captions", BlockList)
        captions.set_rows(caption_rows(article))
        self.query_one("#pictures-heading").display = captions.display
        outline = self.query_one(Outline)
        outline.show(article)

    def progress(self, progress: ReadingProgress, text: str) -> None:
        """Where the reader is: `text` as the title bar shows it, and the current question."""
        self.query_one("#time-left", Static).update(Content(text), layout=False)
        self.query_one(Outline).mark(progress.current_question)
