"""``python -m econplan``: the same as the ``econplan`` command."""

import sys

from econplan.cli import main

sys.exit(main())
