"""``python -m horaires``: the same as the ``horaires`` command."""

import sys

from .cli import main

sys.exit(main())
