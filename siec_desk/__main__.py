"""``python -m siec_desk``: same as the ``siec-desk`` command."""

from siec_desk.cli import main

raise SystemExit(main())
