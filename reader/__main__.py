"""`python -m reader` runs the same command as `reader`."""

import sys

from reader.cli import main

sys.exit(main())
