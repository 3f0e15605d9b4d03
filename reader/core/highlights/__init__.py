"""Highlights, notes and attributed quotes: what a reader keeps from an interview.

`anchors` says where a highlight is in a way that survives edits to the bundle (`approx` is
the fuzzy search behind it); `model` is a highlight and where it stands in an article now;
`quote` writes a selection as an attributed quote; `export` writes highlights as Markdown,
JSON or Readwise CSV; `store` keeps them in the state folder.
"""
