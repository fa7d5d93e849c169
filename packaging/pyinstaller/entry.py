"""Entry point of the frozen SIEC Desk (PyInstaller): the ``siec-desk`` command.

``freeze_support()`` comes first: letters and reports render in *spawned* worker
processes, which start this same executable and must not run the CLI.
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # The windowed Windows executable has no console: sys.stdout/stderr are None, and a
    # message written to them would be an error of its own.
    for _name in ("stdout", "stderr"):
        if getattr(sys, _name) is None:
            setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from siec_desk.cli import main

    sys.exit(main())
