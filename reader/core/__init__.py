"""Pure logic of Interview Reader: bundles, the article model, layout, search, state.

Nothing under this package imports Textual (tests/unit/test_core_purity.py enforces it), so
all of it runs and is tested without a terminal.
"""
