"""Item 10: two instances on the same library and state at once: no corruption, no crash,
and the last writer wins per article."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from reader.core.state import FILE_NAME, StateStore
from tests.helpers import make_dir_bundle
from tests.hostile.pty_reader import reader_env, run_reader

# A save that finds the lock held is tried again a moment later, as the app's next autosave
# would. Spinning on it can starve the holder of the CPU on a busy machine (two test workers)
# until the lock has been held for BUSY_WARN, and the spinner then warns. A failure prints
# the warnings (stderr).
SAVER = """
import sys, time
from pathlib import Path
from reader.core.state import StateStore
store = StateStore(Path(sys.argv[1]))
store.load()
me, rounds = sys.argv[2], int(sys.argv[3])
for n in range(1, rounds + 1):
    store.record(f"/{me}", (n, n), 50.0)
    store.record("/shared", (n, 0), 1.0)
    store.set("theme", me)
    while not store.save():  # the other one held the lock too long: try again, as the app does
        time.sleep(0.005)
warnings = store.take_warnings()
print(len(warnings))
print(*warnings, sep="\\n", file=sys.stderr)  # what a failure says
"""


def fresh(folder) -> StateStore:
    store = StateStore(folder)
    store.load()
    return store


def test_two_processes_saving_at_once_never_corrupt_the_file(tmp_path):
    rounds = 200
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(tmp_path), me, str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in ("one", "two")
    ]
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert out.strip() == "0", err  # no warnings: never an unreadable file
    store = fresh(tmp_path)
    assert store.take_warnings() == []
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]
    assert set(store.state.articles) == {"/one", "/two", "/shared"}
    assert store.state.theme in ("one", "two")
    assert store.progress("/shared").block == rounds


def test_a_save_in_between_another_instance_s_read_and_write_is_not_lost(tmp_path):
    one, two = fresh(tmp_path), fresh(tmp_path)
    one.record("/a", (1, 0), 10.0)
    assert one.save()
    two.record("/b", (1, 0), 10.0)
    assert two.save()
    one.record("/a", (2, 0), 20.0)
    two.record("/b", (2, 0), 20.0)  # two is the last to write /b
    read_disk = one._merged_with_disk

    def two_saves_meanwhile():
        merged = read_disk()  # one has read the file (b is 1) …
        meanwhile = threading.Thread(target=two.save)
        meanwhile.start()
        meanwhile.join(0.5)  # … two saves b = 2 now (or waits, if saving takes a lock)
        threads.append(meanwhile)
        return merged

    threads: list[threading.Thread] = []
    one._merged_with_disk = two_saves_meanwhile
    assert one.save()
    threads[0].join()
    assert two.save()  # the next autosave, in case two gave up waiting for one's lock
    final = fresh(tmp_path)
    assert final.progress("/a").block == 2
    assert final.progress("/b").block == 2, "one wrote back b = 1 over two's later save"


def test_opening_an_article_never_overwrites_the_place_another_instance_saved(tmp_path):
    one, two = fresh(tmp_path), fresh(tmp_path)  # both started before either read /a
    one.record("/a", (5, 0), 50.0)
    assert one.save()
    two.opened("/a")
    two.record("/a", (0, 0), 0.0)  # two restores the place it knew: the top
    assert two.save()
    final = fresh(tmp_path)
    assert final.progress("/a").block == 5, "two wrote back the top over one's place"
    assert final.state.last_article == "/a"
    two.record("/a", (7, 0), 70.0)  # and once two really moves, its place is saved
    assert two.save()
    assert fresh(tmp_path).progress("/a").block == 7


def test_leaving_an_article_never_overwrites_the_place_another_instance_saved_since(tmp_path):
    one, two = fresh(tmp_path), fresh(tmp_path)
    for store in (one, two):  # both open /a at its top
        store.opened("/a")
        store.record("/a", (0, 0), 0.0)
    one.record("/a", (26, 0), 16.0)  # one reads on
    assert one.save()
    assert two.save()  # two's autosave brings one's place in, but not into two's pane
    two.record("/a", (0, 0), 0.0)  # two opens another piece: its pane was at the top all along
    assert two.save()
    assert fresh(tmp_path).progress("/a").block == 26, "two wrote back the top over one's place"
    two.record("/a", (3, 0), 2.0)  # two really moves: that is saved
    assert two.save()
    assert fresh(tmp_path).progress("/a").block == 3


def test_two_reader_apps_on_one_library(tmp_path):
    library = tmp_path / "library"
    for name in ("first", "second"):
        body = "".join(f"Q: {name} question {i}?\n\nA: {name} answer {i}.\n\n" for i in range(80))
        toml = f'title = "The {name} one"\npublished = 2024-01-0{1 if name == "first" else 2}\n'
        make_dir_bundle(library, body, toml=toml, slug=name)
    env = reader_env(tmp_path / "home")
    one_keys = [" ", " ", "]", "\x06", "answer", "\x1b"]  # read, search the library (cache)
    # the keys after Enter are for the piece it opens, once it shows
    two_keys = ["l", "j", ("\r", b"first answer 0"), " ", " ", " ", "\x06", "question", "\x1b"]
    with ThreadPoolExecutor(2) as pool:
        runs = list(
            pool.map(
                # the keys are for reading: wait for the text, not for the library rows
                lambda keys: run_reader([library], keys, env=env, ready=b"second answer 0"),
                (one_keys, two_keys),
            )
        )
    for run in runs:
        assert run.alive and run.returncode == 0, run.output[-3000:]
        assert b"Traceback" not in run.output
    store = fresh(tmp_path / "home" / "state")
    assert store.take_warnings() == []
    titles = {key.rsplit("/", 1)[-1]: p for key, p in store.state.articles.items()}
    assert set(titles) == {"first", "second"}
    assert all(p.block > 0 for p in titles.values()), titles  # both instances' places kept
