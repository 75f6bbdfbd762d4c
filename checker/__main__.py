"""``python -m checker`` runs the command-line interface."""

import sys

from checker.cli import entry

sys.exit(entry())
