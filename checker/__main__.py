import sys

from checker.cli import run

sys.exit(run())
