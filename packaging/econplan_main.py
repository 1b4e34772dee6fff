"""Entry script of the frozen app: the same command line as ``econplan``."""

import sys

from econplan.cli import main

if __name__ == "__main__":
    sys.exit(main())
