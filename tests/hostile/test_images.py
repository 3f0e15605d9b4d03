"""Item 6: image references that point outside the bundle or at something that is not a
picture are refused with a warning, and the bundle still opens (its caption still shows)."""

from __future__ import annotations

import os

import pytest

from reader.core.bundle import load_bundle
from tests.helpers import make_dir_bundle

REFUSED = {
    "../../etc/passwd": "is outside the bundle's folder",
    "../secret.png": "is outside the bundle's folder",
    "/etc/passwd": "is an absolute path",
    "outside.png": "is outside the bundle's folder",  # a symbolic link to /etc/passwd
    "loop.png": "cannot be resolved",  # a symbolic link to itself
    "dangling.png": "is missing",
    "folder.png": "is a folder, not a picture",
    "pipe.png": "is not a regular file",  # a FIFO: opening it would block
    "file:///etc/passwd": "is not a file in the bundle",
}
WEB = "https://evil.example/x.png"  # kept as the original's address: no warning, never fetched
ALLOWED = ("inside.png", "sub/../inside.png", "../piece/inside.png", "alias.png")


def bundle_with_images(tmp_path, where: str):
    files = [*REFUSED, WEB, *ALLOWED]
    if where == "toml":
        tables = "".join(
            f'[[images]]\nfile = "{f}"\ncaption = "Caption {i}"\n' for i, f in enumerate(files)
        )
        toml, body = f'title = "T"\n{tables}', "Q: x\n"
    else:
        toml = 'title = "T"\n'
        body = "Q: x\n\n" + "".join(f"![Caption {i}]({f})\n\n" for i, f in enumerate(files))
    folder = make_dir_bundle(tmp_path, body, toml=toml)
    (tmp_path / "secret.png").write_bytes(b"private")
    (folder / "inside.png").write_bytes(b"\x89PNG")
    (folder / "sub").mkdir()
    (folder / "alias.png").symlink_to("inside.png")  # a link that stays inside is fine
    (folder / "outside.png").symlink_to("/etc/passwd")
    (folder / "loop.png").symlink_to("loop.png")
    (folder / "dangling.png").symlink_to("nowhere.png")
    (folder / "folder.png").mkdir()
    os.mkfifo(folder / "pipe.png")
    return folder


@pytest.mark.parametrize("where", ["toml", "body"])
def test_each_bad_reference_is_one_warning_and_the_bundle_opens(tmp_path, where):
    folder = bundle_with_images(tmp_path, where)
    loaded = load_bundle(folder)
    article = loaded.article
    assert article is not None
    assert all(not d.is_error for d in loaded.diagnostics)
    warnings = {d.message for d in loaded.diagnostics if d.message.startswith("image ")}
    refused = dict(REFUSED)
    if where == "body":  # Markdown itself refuses a file: link, so the line stays text
        del refused["file:///etc/passwd"]
        assert "](file:///etc/passwd)" in "\n".join(b.text for b in article.blocks)
    for name, reason in refused.items():
        assert any(m.startswith(f"image '{name}' ") and reason in m for m in warnings), name
    assert len(warnings) == len(refused)
    paths = {i.file: i.path for i in article.images}
    for name in [*refused, WEB]:
        assert paths[name] is None  # nothing outside the bundle is ever handed to a viewer
    for name in ALLOWED:
        assert paths[name] is not None and paths[name].resolve() == (folder / "inside.png")
    captions = {i.caption for i in article.images}
    assert len(captions) == len(refused) + 1 + len(ALLOWED)


def test_symlinked_bundle_folder_resolves_images_inside_its_real_folder(tmp_path):
    folder = bundle_with_images(tmp_path / "real", "toml")
    link = tmp_path / "link"
    link.symlink_to(folder)
    article = load_bundle(link).article
    assert {i.file for i in article.images if i.path is not None} == set(ALLOWED)
