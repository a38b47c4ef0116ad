"""python -m envboard: the command line (see envboard/cli/main.py)."""
import sys

from envboard.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
