"""`python -m reader` runs the same command as `reader`."""

import sys

from reader.cli import main

if __name__ == "__main__":  # not in a scan's spawned processes, which import this module
    sys.exit(main())
