"""`reader serve` at the websocket level, as the page's script speaks to it (runs in CI).

A tab is a websocket on /ws: the client sends `["stdin", keys]` and `["resize", size]`, the
server answers with the terminal's bytes and with text messages for links and downloads.
"""

from __future__ import annotations

import base64
import signal
import sys

import aiohttp
import pytest

from tests.web.helpers import (
    LAST_WORDS,
    TIMEOUT,
    TITLE,
    one_article_library,
    reader_serve,
    served,
    tab,
)
from tests.web.probe import COPIED, DELIVERED, DELIVERED_FILE, probe_command

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and shells")
F9, F10 = "\x1b[20~", "\x1b[21~"  # what a terminal sends for the keys
LIMIT = aiohttp.ClientTimeout(TIMEOUT)


async def test_reader_serve_shows_the_library_and_answers_keys(tmp_path):
    """The acceptance, through the real command: the address printed is loopback, / is
    the page, a tab draws the article and a key moves it; SIGTERM stops it all."""
    library = one_article_library(tmp_path / "library")
    with reader_serve(str(library), "--port", "0") as (process, printed):
        url = printed[1].strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/"), printed
        async with aiohttp.ClientSession(timeout=LIMIT) as session:
            async with session.get(url) as page:
                assert page.status == 200
                assert page.content_type == "text/html"
                html = await page.text()
            assert "<title>Interview Reader: library</title>" in html
            assert "static/js/textual.js" in html and "googleapis" not in html

            origin = url.rstrip("/")  # what a browser on the page sends
            async with tab(session, url, 120, 40, Origin=origin) as reader:
                await reader.wait_for(TITLE, "Ines Brandt", "Participants")
                await reader.resize(80, 30)  # too narrow for the sidebar beside the text
                await reader.wait_until(
                    lambda: "Participants" not in reader.text and TITLE in reader.text,
                    "the sidebar folded away at 80 columns",
                )
                assert LAST_WORDS not in reader.text
                reader.mark()
                await reader.press("G")  # the end of the interview
                await reader.wait_for(LAST_WORDS, "100%")
        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT) == 0


async def test_copy_download_and_link_reach_the_page(tmp_path):
    """What a browser does differently: OSC 52 for the clipboard, a download fetched from
    the server, a link the page opens in a new tab."""
    library = one_article_library(tmp_path / "library")
    async with (
        served(probe_command(library)) as url,
        aiohttp.ClientSession(timeout=LIMIT) as session,
        tab(session, url) as reader,
    ):
        await reader.wait_for(TITLE)

        await reader.press(F9)
        copied = base64.b64encode(COPIED.encode()).decode()
        await reader.wait_for(f"\x1b]52;c;{copied}\a".encode())

        await reader.press(F10)
        key = await reader.wait_for_message("deliver_file_start")
        async with session.get(f"{url}download/{key}") as download:
            assert download.status == 200
            disposition = download.headers["Content-Disposition"]
            assert disposition == f"attachment; filename={DELIVERED_FILE}"
            assert download.content_type == "text/markdown"
            assert await download.text() == DELIVERED
        await reader.wait_for("Downloading", DELIVERED_FILE)

        await reader.press("O")  # the original page
        link = await reader.wait_for_message("open_url")
        assert link == {
            "url": "https://quire-review.example.com/conversations/the-interval",
            "new_tab": True,
        }


async def test_refuses_other_sites_and_other_host_names(tmp_path):
    """No login, so: a page of another site may not open a tab (its script could read the
    library), and a request naming another host is refused (DNS rebinding)."""
    library = one_article_library(tmp_path / "library")
    async with (
        served(probe_command(library)) as url,
        aiohttp.ClientSession(timeout=LIMIT) as session,
    ):
        for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                async with session.ws_connect(f"{url}ws", headers=headers):
                    pass
            assert refused.value.status == 403
        for host in ("evil.example", "evil.example:8000", "192.0.2.7"):
            async with session.get(url, headers={"Host": host}) as page:
                assert page.status == 403
        port = url.rsplit(":", 1)[1].rstrip("/")
        for host in (f"localhost:{port}", f"[::1]:{port}", f"reader.localhost:{port}"):
            async with session.get(url, headers={"Host": host}) as page:
                assert page.status == 200, host
