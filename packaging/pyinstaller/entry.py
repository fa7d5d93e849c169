"""Entry point of the frozen SIEC Desk (PyInstaller): the ``siec-desk`` command.

``freeze_support()`` comes first: letters and reports render in *spawned* worker
processes, which start this same executable and must not run the CLI.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from siec_desk.cli import main

    sys.exit(main())
