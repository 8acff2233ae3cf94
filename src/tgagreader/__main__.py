"""`python -m tgagreader`: the same as `tgag`."""

import sys

from tgagreader.cli import main

sys.exit(main())
