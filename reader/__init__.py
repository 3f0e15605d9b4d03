"""Interview Reader: a terminal reader for long-form interviews.

Importing this package never loads Textual, so the command-line tools stay quick.
"""

__version__ = "0.1.0"
