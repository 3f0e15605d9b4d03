"""The file names of a directory bundle (docs/bundle-format.md): its metadata file, and the
body file it has when the metadata names none.

Apart from `reader.core.bundle` so that walking a library and signing its bundles (a warm
`reader search` does both) need not import the Markdown parser that reading one needs.
"""

META_FILE = "article.toml"
DEFAULT_BODY = "article.md"
