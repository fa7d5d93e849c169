"""``python -m siec_desk``: same as the ``siec-desk`` command."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # letters render in spawned worker processes
        import multiprocessing

        multiprocessing.freeze_support()
    from siec_desk.cli import main

    raise SystemExit(main())
