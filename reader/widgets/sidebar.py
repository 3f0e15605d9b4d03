"""The sidebar: sections that fold — about the piece, who speaks and how much, its pictures,
the reader's highlights — then the outline, which takes the rows left, and where the reader is.

It does not repeat the top of the article (the pane shows the title, standfirst and
byline): "About" holds what the pane does not — the bylines with their bios, where and when
it appeared, its address (broken at `/`), its tags and length. Each section is a `Section`:
its title is a focus stop (Enter or a click folds it) and shows a count; to add one, give
`Sidebar._make` another `Section(title, body, id=…)`. When the sidebar is short, sections
fold by themselves (`reader.core.folds`) until the outline has room; one the reader folded
or opened stays as they left it.

Everything shown comes from the bundle, so it is built as Content from plain strings (never
markup): a title like "[bold] ideas" shows exactly as written.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Collapsible
from textual.widgets._collapsible import CollapsibleTitle

from reader.core import model as m
from reader.core.dates import format_date
from reader.core.folds import auto_folds
from reader.core.highlights.listing import HighlightRow
from reader.core.layout import speaker_slot
from reader.core.progress import ReadingProgress
from reader.core.sanitize import clean_line
from reader.core.wrap import wrap_address
from reader.widgets.highlight_list import HighlightList
from reader.widgets.outline import BlockList, Outline, caption_rows
from reader.widgets.readout import Readout

_EIGHTHS = " ▏▎▍▌▋▊▉"
OUTLINE_LEAST = 8  # rows the outline keeps before the sections above it fold by themselves
# which fold first when room is short (the reader's own highlights last)
FOLD_ORDER = ("about", "pictures", "participants", "highlights")


def share_bar(share: float, width: int) -> str:
    """A bar of `width` cells filled to `share` (0..1), in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[part] if part else "")
    return bar.ljust(width)


def speaker_style(article: m.Article, key: str | None) -> str:
    """The theme variable that colours a speaker, the same slot as in the reading pane."""
    return f"$speaker-{speaker_slot(article, key)}"


def about(article: m.Article, width: int) -> Content:
    """Bylines with their bios, where and when, the address, tags and length: what the top
    of the article does not already say."""
    parts: list[tuple[str, str] | str] = []
    for byline in article.bylines:
        parts += ["\n" if parts else "", (clean_line(byline.name), "bold")]
        if byline.role:
            parts.append((f" · {clean_line(byline.role)}", "$foreground-muted"))
        if byline.bio:
            parts += ["\n", (clean_line(byline.bio), "$foreground-muted")]
    where = " · ".join(clean_line(x) for x in (article.publication, article.section) if x)
    when = format_date(article.published) if article.published else ""
    length = f"{article.words:,} words · {article.reading_minutes} min" if article.words else ""
    facts = [line for line in (where, " · ".join(x for x in (when, length) if x)) if line]
    if facts:
        parts += ["\n\n" if parts else "", "\n".join(facts)]
    if article.url:
        lines = wrap_address(clean_line(article.url), width)
        parts += ["\n\n" if parts else "", ("\n".join(lines), "$link")]
    if article.tags:
        tags = " · ".join(clean_line(tag) for tag in article.tags)
        parts += ["\n\n" if parts else "", (tags, "$foreground-muted italic")]
    return Content.assemble(*parts)


def participants(article: m.Article, width: int) -> Content:
    """Each speaker: name, role and share of the words, then a bar as wide as the sidebar
    (so 10% is a tenth of it, and two shares compare at a glance), then the bio."""
    counts = article.words_by_speaker()
    total = sum(counts.values()) or 1
    parts: list[tuple[str, str] | str] = []
    for key, speaker in article.speakers.items():
        share = counts.get(key, 0) / total
        percent = f"{round(share * 100)}%"
        name, role = clean_line(speaker.name), clean_line(speaker.role)
        gap = max(1, width - len(name) - len(role) - len(percent) - 3)
        style = speaker_style(article, key)
        parts += [
            "\n" if parts else "",
            (name, f"bold {style}"),
            (f" · {role}", "$foreground-muted"),
            " " * gap,
            percent,
            "\n",
            (share_bar(share, width).rstrip() or "▏", style),
        ]
        if speaker.bio:
            parts += ["\n", (clean_line(speaker.bio), "$foreground-muted")]
    return Content.assemble(*parts)


class Measured(Widget):
    """Content made for the widget's width (a bar's length, where an address breaks)."""

    DEFAULT_CSS = "Measured { height: auto; }"

    def __init__(self, make: Callable[[m.Article, int], Content], *, id: str) -> None:
        super().__init__(id=id)
        self._make = make
        self.article: m.Article | None = None

    def show(self, article: m.Article | None) -> None:
        self.article = article
        self.refresh(layout=True)

    def content(self, width: int) -> Content:
        return self._make(self.article, max(1, width)) if self.article else Content("")

    def render(self) -> Content:
        return self.content(self.content_region.width)

    def get_content_height(self, container, viewport, width: int) -> int:
        width = max(1, width)  # a terminal dragged down to nothing still asks
        # the styles answer for text-wrap and the like, as a RulesMap does (Textual's Static
        # hands them over the same way)
        return self.content(width).get_height(self.styles, width)  # type: ignore[arg-type]


class Section(Collapsible):
    """A sidebar section that folds; its title shows a count ("Pictures 3")."""

    def __init__(self, title: str, body: Widget, *, id: str, grows: bool = False) -> None:
        super().__init__(
            body,
            title=title,
            collapsed=False,
            collapsed_symbol="▸",
            expanded_symbol="▾",
            id=id,
            classes="-grows" if grows else None,
        )
        self.name_shown = title
        self.body = body
        self.chosen = False  # folded or opened by the reader: left alone by auto-folding

    def counted(self, count: int | None) -> None:
        self.title = f"{self.name_shown}  {count}" if count else self.name_shown

    def on_collapsible_title_toggle(self, event: CollapsibleTitle.Toggle) -> None:
        self.chosen = True


class Sidebar(Vertical):
    """About, Participants, Pictures, Highlights and the Outline (which takes the rest), then
    time.

    The sections are mounted after the first frame (`mount_the_rest`): the first frame has
    the text, and the sidebar's place and edge, empty; the sections come in the frames
    after. Styling and laying out their two dozen widgets was a quarter of the work before
    the first frame. What the screen shows before they are mounted (`show`,
    `show_highlights`, `progress`) is kept, and shown once they are."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.captions = BlockList(id="captions")
        self.highlight_list = HighlightList(id="highlight-list")
        self._made = False  # `mount_the_rest` was called
        self._ready = False  # the sections are mounted
        # what the screen showed: the article, its highlights, where the reader is
        self._article: m.Article | None = None
        self._rows: list[HighlightRow] = []
        self._progress: tuple[ReadingProgress, str] | None = None

    async def mount_the_rest(self) -> None:
        """Mount the sections (after the first frame) and show in them what was shown
        before."""
        if self._made or not self.is_attached:  # (not attached: the app quits)
            return
        self._made = True
        sections = [
            Section("About", Measured(about, id="about-text"), id="about"),
            Section("Participants", Measured(participants, id="participants"), id="people"),
            Section("Pictures", self.captions, id="pictures"),
            Section("Highlights", self.highlight_list, id="highlights"),
            Section("Outline", Outline(id="outline"), id="contents", grows=True),
        ]
        for section in sections:
            section.display = False  # until `show` says which this article has
        with self.app.batch_update():  # one frame for it all, not one per widget mounted
            await self.mount(*sections, Readout(id="time-left"))
            if not self.is_attached:  # the app quit meanwhile: the sections are gone again
                return
            self._ready = True
            if self._article is None:
                self.clear()
            else:
                rows, progress = self._rows, self._progress
                self.show(self._article)
                self.show_highlights(rows)
                if progress is not None:
                    self.progress(*progress)

    @property
    def sections(self) -> list[Section]:
        """The sections mounted."""
        return list(self.query(Section))

    @property
    def outline(self) -> Outline | None:
        """The outline (None before the sections are mounted)."""
        return next(iter(self.query(Outline)), None)

    def clear(self) -> None:
        self._article, self._rows, self._progress = None, [], None
        if not self._ready:
            return
        for body in self.query(Measured):
            body.show(None)
        for section in self.sections:
            section.display = False
        self.query_one("#time-left", Readout).show(
            Content.styled("No article open", "$foreground-muted")
        )

    def show(self, article: m.Article) -> None:
        self._article, self._rows = article, []
        if not self._ready:
            return
        for body in self.query(Measured):
            body.show(article)
        rows = caption_rows(article)
        self.captions.set_rows(rows)
        outline = self.query_one(Outline)
        outline.show(article)
        self.highlight_list.show([])  # the app shows this article's (show_highlights)
        counts = {
            "about": None,
            "people": len(article.speakers),
            "pictures": len(rows),
            "contents": len(article.question_blocks()),
        }
        for section in self.sections:
            section.counted(counts.get(section.id or ""))
        self._section("about").display = True
        self._section("people").display = bool(article.speakers)
        self._section("pictures").display = bool(rows)
        self._section("contents").display = bool(outline.option_count)
        self._section("highlights").display = False
        self.call_after_refresh(self._fit)

    def show_highlights(self, rows: list[HighlightRow]) -> None:
        """The open article's highlights (`reader.core.highlights.listing`), or none."""
        self._rows = rows
        if not self._ready:
            return
        section = self._section("highlights")
        self.highlight_list.show(rows)
        section.counted(len(rows))
        if section.display != bool(rows):
            section.display = bool(rows)
            self.call_after_refresh(self._fit)

    def _section(self, name: str) -> Section:
        return self.query_one(f"#{name}", Section)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Fold (or open again) the sections the reader has not touched, so that the outline
        keeps `OUTLINE_LEAST` rows."""
        width = self.content_region.width
        shown = [s for s in self.sections if s.display and "-grows" not in s.classes]
        auto = [s for s in shown if not s.chosen]
        chosen = [s for s in shown if s.chosen]
        fixed = sum(1 + (0 if s.collapsed else self._body_rows(s, width)) for s in chosen)
        room = self.content_region.height - fixed - 2  # the outline's title and the time
        order = sorted(auto, key=lambda s: FOLD_ORDER.index(s.id) if s.id in FOLD_ORDER else 0)
        wanted = [(s.id or "", 1 + self._body_rows(s, width)) for s in order]
        folded = auto_folds(wanted, room, OUTLINE_LEAST)
        for section in auto:
            section.collapsed = section.id in folded

    @staticmethod
    def _body_rows(section: Section, width: int) -> int:
        body = section.body
        return body.get_content_height(section.size, section.size, max(1, width - 1)) + 1

    def progress(self, progress: ReadingProgress, text: str) -> None:
        """Where the reader is: `text` as the title bar shows it, and the current question."""
        self._progress = (progress, text)
        if not self._ready:
            return
        self.query_one("#time-left", Readout).show(Content(text))
        self.query_one(Outline).mark(progress.current_question)
